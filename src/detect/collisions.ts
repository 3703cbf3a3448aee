import type { Binding } from '../model/types.js';
import { WILDCARD } from './address.js';
import { PartnerIndex, toClaim, type Claim } from './partners.js';

/** One collision: the ports a set of claims all take, and the claims. */
export interface Collision {
  port: number;
  endPort: number;
  /**
   * The one specific address every claim of the collision is on, or null when a wildcard
   * claim joins it. Two collisions on one port differ only by it.
   */
  address: string | null;
  bindings: Binding[];
}

interface Group {
  address: string | null;
  members: number[];
}

interface Run extends Group {
  port: number;
}

const NO_GROUPS: ReadonlyMap<string, Group> = new Map();

/**
 * The collisions among the claims of one scope and protocol, by a sweep over the port
 * axis: between two consecutive range boundaries the set of claims is constant, so each
 * elementary segment yields its groups of colliding claims, and a group that stays the
 * same over consecutive segments is one collision over their union. The claims' order is
 * the order of each collision's bindings.
 */
export function findCollisions(bindings: readonly Binding[]): Collision[] {
  const claims = bindings.map(toClaim);
  const boundaries = bindings
    .flatMap((binding, index) => [
      { at: binding.port, index, opens: true },
      { at: binding.endPort + 1, index, opens: false },
    ])
    .sort((a, b) => a.at - b.at);
  const active = new Set<number>();
  const open = new Map<string, Run>();
  const collisions: Collision[] = [];
  for (const [position, boundary] of boundaries.entries()) {
    if (boundary.opens) active.add(boundary.index);
    else active.delete(boundary.index);
    if (boundaries[position + 1]?.at === boundary.at) continue;

    // The segment starting here runs up to the next boundary.
    const groups = active.size < 2 ? NO_GROUPS : collidingGroups(claims, active);
    for (const [key, run] of open) {
      if (groups.has(key)) continue;
      open.delete(key);
      collisions.push({
        port: run.port,
        endPort: boundary.at - 1,
        address: run.address,
        bindings: run.members.map((index) => bindings[index] as Binding),
      });
    }
    for (const [key, group] of groups) {
      if (!open.has(key)) open.set(key, { ...group, port: boundary.at });
    }
  }
  return collisions;
}

/**
 * The groups of colliding claims among those active on one segment, keyed by their
 * members: the connected components of "addresses overlap" among the claims that collide
 * with some other. A colliding wildcard claim joins them all; otherwise each specific
 * address is a group of its own.
 */
function collidingGroups(claims: readonly Claim[], active: ReadonlySet<number>): ReadonlyMap<string, Group> {
  const members = [...active].sort((a, b) => a - b);
  const index = new PartnerIndex(members.map((i) => claims[i] as Claim), false);
  const colliding = members.filter((i) => index.hasPartner(claims[i] as Claim));
  const groups = new Map<string, Group>();
  if (colliding.some((i) => claims[i]?.address === WILDCARD)) {
    groups.set(colliding.join(','), { address: null, members: colliding });
    return groups;
  }
  const byAddress = new Map<string, number[]>();
  for (const i of colliding) {
    const address = claims[i]?.address ?? WILDCARD;
    const group = byAddress.get(address);
    if (group) group.push(i);
    else byAddress.set(address, [i]);
  }
  for (const [address, group] of byAddress) groups.set(group.join(','), { address, members: group });
  return groups;
}
