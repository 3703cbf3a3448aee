import type { Binding } from '../model/types.js';
import { addressKey, WILDCARD } from './address.js';

/** What collision checks need of a binding, its address already canonical (see addressKey). */
export interface Claim {
  service: string;
  project: string | undefined;
  stack: string | undefined;
  address: string;
}

export function toClaim(binding: Binding): Claim {
  return {
    service: binding.service,
    project: binding.project,
    stack: binding.stack,
    address: addressKey(binding.hostIp),
  };
}

/**
 * Enough of a set of claims to tell whether it holds a service other than a given one, in
 * constant space: up to two distinct names, and up to two distinct compose projects (which
 * only matter while there is a single name).
 */
interface ServiceSummary {
  names: string[];
  projects: string[];
}

function addToSummary(summary: ServiceSummary, claim: Claim): void {
  if (summary.names.length < 2 && !summary.names.includes(claim.service)) summary.names.push(claim.service);
  if (claim.project !== undefined && summary.projects.length < 2 && !summary.projects.includes(claim.project)) {
    summary.projects.push(claim.project);
  }
}

/**
 * True when the summarized set holds a claim of another service than `claim`'s, with the
 * semantics of sameService: another name, or the same name under another compose project
 * (a claim with no project is the same service as every claim of its name).
 */
function holdsOtherService(summary: ServiceSummary, claim: Claim): boolean {
  if (summary.names.some((name) => name !== claim.service)) return true;
  return claim.project !== undefined && summary.projects.some((project) => project !== claim.project);
}

// Keys of the summary cells. A host-level claim has no stack; ANY aggregates a dimension.
const HOST_LEVEL = '\u0000host';
const ANY = '\u0001any';

/**
 * Answers "does some claim of this set collide with this one?" in constant time after
 * linear indexing: its address overlaps the claim's, it belongs to another service, and,
 * when the index is stack-aware, it meets the claim (same stack, or either is host-level).
 * This keeps the detector linear when thousands of services land on one port.
 */
export class PartnerIndex {
  private readonly cells = new Map<string, ServiceSummary>();

  constructor(
    claims: Iterable<Claim>,
    private readonly stackAware: boolean,
  ) {
    for (const claim of claims) {
      // Cells of a stack (or of host-level claims) only answer queries of stack-aware claims.
      const across = [cell(ANY, claim.address), cell(ANY, ANY)];
      const stack = this.stackOf(claim);
      for (const key of stackAware ? [cell(stack, claim.address), cell(stack, ANY), ...across] : across) {
        let summary = this.cells.get(key);
        if (!summary) this.cells.set(key, (summary = { names: [], projects: [] }));
        addToSummary(summary, claim);
      }
    }
  }

  hasPartner(claim: Claim): boolean {
    return this.partnerCells(claim).some((key) => {
      const summary = this.cells.get(key);
      return summary !== undefined && holdsOtherService(summary, claim);
    });
  }

  private stackOf(claim: Claim): string {
    return this.stackAware && claim.stack !== undefined ? claim.stack : HOST_LEVEL;
  }

  /** The cells whose claims both overlap this claim's address and meet its stack. */
  private partnerCells(claim: Claim): string[] {
    const stack = this.stackOf(claim);
    const address = claim.address;
    if (stack === HOST_LEVEL) return address === WILDCARD ? [cell(ANY, ANY)] : [cell(ANY, address), cell(ANY, WILDCARD)];
    if (address === WILDCARD) return [cell(stack, ANY), cell(HOST_LEVEL, ANY)];
    return [cell(stack, address), cell(stack, WILDCARD), cell(HOST_LEVEL, address), cell(HOST_LEVEL, WILDCARD)];
  }
}

function cell(stack: string, address: string): string {
  return `${stack}\u0002${address}`;
}
