import { makeDisplayName } from '../model/service.js';
import type { Binding, Conflict, Protocol, RegistryModel } from '../model/types.js';
import { classifyCollision } from './collision-rules.js';
import { type Collision, findCollisions } from './collisions.js';
import { buildConflict, compareBindings, compareConflicts } from './conflict.js';
import { registryRuleConflicts } from './registry-rules.js';
import { registryClaims } from './scopes.js';

/**
 * Every conflict among resolved bindings and the registry (DESIGN.md "Rules"), each `new`
 * with no suggestions yet: compare and allocate fill those in. Pure and deterministic:
 * the same bindings in any order give the same conflicts, sorted by port, rule, scope and
 * protocol.
 */
export function detectConflicts(bindings: readonly Binding[], registry: RegistryModel): Conflict[] {
  return detectConflictsWithin(bindings, registry, Number.POSITIVE_INFINITY).conflicts;
}

/**
 * Claims, summed over the conflicts, that one run reports. Ranges that overlap by the
 * thousand (2,000 files publishing `10001-20001`, `10002-20002`, ...) make a conflict for
 * every stretch between two range ends, each listing up to every range: 4,000 conflicts of
 * 2,000 claims, 23 s and a report too large to write. Real repositories stay far below.
 */
export const MAX_CONFLICT_CLAIMS = 200_000;

/** detectConflicts, keeping the collisions of the lowest ports while their claims fit in `maxClaims`. */
export function detectConflictsWithin(bindings: readonly Binding[], registry: RegistryModel, maxClaims: number): { conflicts: Conflict[]; omitted: number } {
  const displayName = makeDisplayName([...bindings, ...registry.entries]);
  const sorted = [...bindings].sort(compareBindings);
  const entries = [...registry.entries].sort(compareBindings);
  const registryInScopes = registryClaims(sorted, entries);
  const found = scopedCollisions([...sorted, ...registryInScopes.claims].sort(compareBindings), registryInScopes.copies);
  const kept = withinClaims(found, maxClaims);
  const collisions = kept.map(({ collision, scope, protocol }) => classifyCollision(collision, scope, protocol, displayName));
  // A claim that collides already has a conflict that moves it (home, when it is registered):
  // calling it drifted as well would propose a second, different fix for the same line.
  const collided = new Set(collisions.flatMap((fact) => fact.bindings));
  const facts = [...collisions, ...registryRuleConflicts(sorted, { ...registry, entries }, displayName, collided)];
  return { conflicts: facts.map((fact) => buildConflict(fact, displayName)).sort(compareConflicts), omitted: found.length - kept.length };
}

interface ScopedCollision {
  collision: Collision;
  scope: string;
  protocol: Protocol;
}

/**
 * Every collision, scope by scope and protocol by protocol. A collision among copies of
 * entries of every machine alone is the registry's own, reported once, in `host`; one among a
 * machine's own entries is that machine's.
 */
function scopedCollisions(claims: readonly Binding[], registryCopies: ReadonlySet<Binding>): ScopedCollision[] {
  const groups = new Map<string, { scope: string; protocol: Protocol; claims: Binding[] }>();
  for (const claim of claims) {
    const key = `${claim.scope}\u0000${claim.protocol}`;
    const group = groups.get(key);
    if (group) group.claims.push(claim);
    else groups.set(key, { scope: claim.scope, protocol: claim.protocol, claims: [claim] });
  }
  const found: ScopedCollision[] = [];
  for (const { scope, protocol, claims: group } of groups.values()) {
    for (const collision of findCollisions(group)) {
      if (collision.bindings.every((binding) => registryCopies.has(binding))) continue;
      found.push({ collision, scope, protocol });
    }
  }
  return found;
}

/** The collisions of the lowest ports, while the claims they name add up to no more than `maxClaims`. */
function withinClaims(found: readonly ScopedCollision[], maxClaims: number): ScopedCollision[] {
  if (maxClaims === Number.POSITIVE_INFINITY) return [...found];
  const byPort = [...found].sort((a, b) => a.collision.port - b.collision.port || a.collision.endPort - b.collision.endPort);
  const kept: ScopedCollision[] = [];
  let claims = 0;
  for (const item of byPort) {
    claims += item.collision.bindings.length;
    if (claims > maxClaims) break;
    kept.push(item);
  }
  return kept;
}
