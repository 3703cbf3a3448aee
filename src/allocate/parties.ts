import { compareText } from '../model/order.js';
import { sameService } from '../model/service.js';
import type { Binding } from '../model/types.js';
import { compareClaimOrder, compareLocations } from './locations.js';

/** One service's claims in a conflict. */
export interface Party {
  key: string;
  service: string;
  project?: string;
  /** Sorted by location. */
  bindings: Binding[];
}

/** The conflict's bindings grouped by service, in the order of each service's first binding. */
export function groupParties(bindings: readonly Binding[], canonicalKey: (binding: Binding) => string): Party[] {
  const parties = new Map<string, Party>();
  for (const binding of [...bindings].sort(compareClaimOrder)) {
    const key = canonicalKey(binding);
    const party = parties.get(key);
    if (party === undefined) parties.set(key, { key, service: binding.service, ...projectOf(binding), bindings: [binding] });
    else {
      party.bindings.push(binding);
      if (party.project === undefined && binding.project !== undefined) party.project = binding.project;
    }
  }
  return [...parties.values()];
}

/**
 * Every party but the incumbent moves. The incumbent is the registry's owner of the port
 * (the first owner by location when the registry gives the port twice), else the first
 * party that held the port at the base, else the first party; "first" by the location of
 * its first binding (on a value two services share, by where each references it). A party
 * that is the incumbent's own service under another name (the registry's `web` and compose
 * project a's `web`) stays with it.
 */
export function partiesThatMove(parties: readonly Party[], heldAtBase: (party: Party) => boolean): Party[] {
  const ranked = parties
    .map((party) => ({ party, registryLine: party.bindings.find((binding) => binding.kind === 'registry'), held: heldAtBase(party) }))
    .sort(
      (a, b) =>
        compareOptionalLocations(a.registryLine, b.registryLine) ||
        Number(b.held) - Number(a.held) ||
        compareClaimOrder(firstBinding(a.party), firstBinding(b.party)) ||
        compareText(a.party.key, b.party.key),
    )
    .map(({ party }) => party);
  const staying: Party[] = [];
  const moving: Party[] = [];
  for (const party of ranked) {
    if (staying.every((incumbent) => sameService(incumbent, party))) staying.push(party);
    else moving.push(party);
  }
  return moving;
}

function firstBinding(party: Party): Binding {
  return party.bindings[0] as Binding;
}

/** Defined before undefined; two defined ones by location. */
function compareOptionalLocations(a: Binding | undefined, b: Binding | undefined): number {
  if (a === undefined || b === undefined) return Number(a === undefined) - Number(b === undefined);
  return compareLocations(a, b);
}

function projectOf(binding: Binding): { project?: string } {
  return binding.project === undefined ? {} : { project: binding.project };
}
