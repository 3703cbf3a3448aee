import { makeDisplayName } from '../model/service.js';
import type { Binding, Conflict, Protocol, RegistryModel } from '../model/types.js';
import { BINDING_RULES, type RuleId } from '../rules/catalogue.js';
import { DEFAULT_LEVELS, type RuleLevels, settle } from '../rules/levels.js';
import type { Rule, RuleJudgement } from '../rules/rule.js';
import { judgeClaims } from './claimConflicts.js';
import { judgeCollision } from './collisionConflicts.js';
import { type Collision, findCollisions } from './collisions.js';
import { buildConflict, compareBindings, compareConflicts, type ConflictFacts } from './conflict.js';
import { registryClaims } from './scopes.js';

/**
 * Every conflict among resolved bindings and the registry (DESIGN.md "Rules"), each `new`
 * with no suggestions yet: compare and allocate fill those in. Each rule has its level (see
 * rules/levels.ts): `off` leaves its conflicts out. Pure and deterministic: the same bindings
 * in any order give the same conflicts, sorted by port, rule, scope and protocol.
 */
export function detectConflicts(bindings: readonly Binding[], registry: RegistryModel, levels: RuleLevels = DEFAULT_LEVELS): Conflict[] {
  return detectConflictsWithin(bindings, registry, Number.POSITIVE_INFINITY, levels).conflicts;
}

/**
 * Claims, summed over the conflicts, that one run reports. Ranges that overlap by the
 * thousand (2,000 files publishing `10001-20001`, `10002-20002`, ...) make a conflict for
 * every stretch between two range ends, each listing up to every range: 4,000 conflicts of
 * 2,000 claims, 23 s and a report too large to write. Real repositories stay far below.
 */
export const MAX_CONFLICT_CLAIMS = 200_000;

/** detectConflicts, keeping the collisions of the lowest ports while their claims fit in `maxClaims`. */
export function detectConflictsWithin(
  bindings: readonly Binding[],
  registry: RegistryModel,
  maxClaims: number,
  levels: RuleLevels = DEFAULT_LEVELS,
): { conflicts: Conflict[]; omitted: number } {
  const displayName = makeDisplayName([...bindings, ...registry.entries]);
  const sorted = [...bindings].sort(compareBindings);
  const entries = [...registry.entries].sort(compareBindings);
  const registryInScopes = registryClaims(sorted, entries);
  const found = scopedCollisions([...sorted, ...registryInScopes.claims].sort(compareBindings), registryInScopes.copies);
  const kept = withinClaims(found, maxClaims);
  const collisions = kept.map(({ collision, scope, protocol }) => judgeCollision(collision, scope, protocol, displayName)).flatMap((judged) => settled(judged, levels));
  // A claim in a reported collision has a conflict that moves it (home, when it is
  // registered): calling it drifted as well would propose a second fix for the same line.
  const collided = new Set(collisions.flatMap((fact) => fact.bindings));
  const rules = BINDING_RULES.filter((rule) => levels[rule.id] !== 'off');
  const claims = judgeClaims(sorted, { ...registry, entries }, displayName, collided, rules).flatMap((judged) => settled(judged, levels));
  return { conflicts: [...collisions, ...claims].map((fact) => buildConflict(fact, displayName)).sort(compareConflicts), omitted: found.length - kept.length };
}

interface Judged extends Omit<ConflictFacts, 'rule' | 'severity' | 'message'> {
  rule: Rule<RuleId>;
  judgement: RuleJudgement;
}

/** The conflict under its rule's level: none when the rule is off. */
function settled({ rule, judgement, ...place }: Judged, levels: RuleLevels): ConflictFacts[] {
  const level = levels[rule.id];
  if (level === 'off') return [];
  return [{ ...place, rule: rule.id, ...settle(rule, level, judgement) }];
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
