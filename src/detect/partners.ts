import type { Binding } from '../model/types.js';
import { addressKey, WILDCARD } from './address.js';

/** What collision checks need of a binding, its address already canonical (see addressKey). */
export interface Claim {
  service: string;
  project: string | undefined;
  /** undefined for a host-level claim, which meets every stack. */
  stacks: readonly string[] | undefined;
  /** Compose profiles; empty when the claim runs with every profile. */
  profiles: readonly string[];
  address: string;
}

export function toClaim(binding: Binding): Claim {
  return {
    service: binding.service,
    project: binding.project,
    stacks: binding.stacks !== undefined && binding.stacks.length > 0 ? binding.stacks : undefined,
    profiles: binding.profiles ?? [],
    address: addressKey(binding.hostIp),
  };
}

/**
 * Whether two claims can run at one time (DESIGN "Where things run"): a host-level claim
 * meets every stack; two stack claims meet in a stack they share, unless each names
 * profiles and no profile is common to both.
 */
export function claimsMeet(a: Pick<Claim, 'stacks' | 'profiles'>, b: Pick<Claim, 'stacks' | 'profiles'>): boolean {
  if (a.stacks === undefined || b.stacks === undefined) return true;
  if (!a.stacks.some((stack) => b.stacks?.includes(stack))) return false;
  return a.profiles.length === 0 || b.profiles.length === 0 || a.profiles.some((profile) => b.profiles.includes(profile));
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
// Within a stack, ALL_PROFILES holds the claims that run with every profile, and a profile's
// own cell those that name it.
const HOST_LEVEL = '\u0000host';
const ANY = '\u0001any';
const ALL_PROFILES = '\u0003all';

/**
 * Answers "does some claim of this set collide with this one?" in constant time after
 * linear indexing: its address overlaps the claim's, it belongs to another service, and,
 * when the index is placement-aware, it meets the claim (claimsMeet). This keeps the
 * detector linear when thousands of services land on one port.
 */
export class PartnerIndex {
  private readonly cells = new Map<string, ServiceSummary>();

  constructor(
    claims: Iterable<Claim>,
    private readonly placementAware: boolean,
  ) {
    for (const claim of claims) {
      const groups = [ANY, ...(placementAware ? this.groupsOf(claim) : [])];
      for (const group of groups) {
        for (const address of [claim.address, ANY]) {
          const key = cell(group, address);
          let summary = this.cells.get(key);
          if (!summary) this.cells.set(key, (summary = { names: [], projects: [] }));
          addToSummary(summary, claim);
        }
      }
    }
  }

  hasPartner(claim: Claim): boolean {
    const addresses = claim.address === WILDCARD ? [ANY] : [claim.address, WILDCARD];
    return this.partnerGroups(claim).some((group) =>
      addresses.some((address) => {
        const summary = this.cells.get(cell(group, address));
        return summary !== undefined && holdsOtherService(summary, claim);
      }),
    );
  }

  /** The groups a claim is counted in: host level, or each of its stacks as a whole and by profile. */
  private groupsOf(claim: Claim): string[] {
    if (claim.stacks === undefined) return [HOST_LEVEL];
    const profiles = claim.profiles.length === 0 ? [ALL_PROFILES] : claim.profiles;
    return claim.stacks.flatMap((stack) => [stack, ...profiles.map((profile) => profileGroup(stack, profile))]);
  }

  /** The groups whose claims meet this one (see claimsMeet). */
  private partnerGroups(claim: Claim): string[] {
    if (!this.placementAware || claim.stacks === undefined) return [ANY];
    const groups = [HOST_LEVEL];
    for (const stack of claim.stacks) {
      if (claim.profiles.length === 0) groups.push(stack);
      else groups.push(profileGroup(stack, ALL_PROFILES), ...claim.profiles.map((profile) => profileGroup(stack, profile)));
    }
    return groups;
  }
}

function profileGroup(stack: string, profile: string): string {
  return `${stack}\u0004${profile}`;
}

function cell(group: string, address: string): string {
  return `${group}\u0002${address}`;
}
