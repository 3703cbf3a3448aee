import { makeDisplayName } from '../model/service.js';
import type { Binding, Conflict, Protocol, RegistryModel } from '../model/types.js';
import { classifyCollision } from './collision-rules.js';
import { findCollisions } from './collisions.js';
import { buildConflict, compareBindings, compareConflicts, type ConflictFacts } from './conflict.js';
import type { DisplayName } from './describe.js';
import { registryRuleConflicts } from './registry-rules.js';
import { registryClaims } from './scopes.js';

/**
 * Every conflict among resolved bindings and the registry (DESIGN.md "Rules"), each `new`
 * with no suggestions yet: compare and allocate fill those in. Pure and deterministic:
 * the same bindings in any order give the same conflicts, sorted by port, rule, scope and
 * protocol.
 */
export function detectConflicts(bindings: readonly Binding[], registry: RegistryModel): Conflict[] {
  const displayName = makeDisplayName([...bindings, ...registry.entries]);
  const sorted = [...bindings].sort(compareBindings);
  const entries = [...registry.entries].sort(compareBindings);
  const collisions = collisionFacts([...sorted, ...registryClaims(sorted, entries)].sort(compareBindings), displayName);
  // A claim that collides already has a conflict that moves it (home, when it is registered):
  // calling it drifted as well would propose a second, different fix for the same line.
  const collided = new Set(collisions.flatMap((fact) => fact.bindings));
  const facts = [...collisions, ...registryRuleConflicts(sorted, { ...registry, entries }, displayName, collided)];
  return facts.map((fact) => buildConflict(fact, displayName)).sort(compareConflicts);
}

/**
 * One conflict per collision, scope by scope and protocol by protocol. In a named host-like
 * scope, a collision among registry entries alone is the registry's own, already reported
 * in `host`.
 */
function collisionFacts(claims: readonly Binding[], displayName: DisplayName): ConflictFacts[] {
  const groups = new Map<string, { scope: string; protocol: Protocol; claims: Binding[] }>();
  for (const claim of claims) {
    const key = `${claim.scope}\u0000${claim.protocol}`;
    const group = groups.get(key);
    if (group) group.claims.push(claim);
    else groups.set(key, { scope: claim.scope, protocol: claim.protocol, claims: [claim] });
  }
  const facts: ConflictFacts[] = [];
  for (const { scope, protocol, claims: group } of groups.values()) {
    for (const collision of findCollisions(group)) {
      if (scope !== 'host' && collision.bindings.every((binding) => binding.kind === 'registry')) continue;
      facts.push(classifyCollision(collision, scope, protocol, displayName));
    }
  }
  return facts;
}
