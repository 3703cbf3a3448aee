// The collision rules' engine: each collision is named by the most specific rule of the
// catalogue (two registry owners among the claims make a `registry-duplicate`, one a
// `registry-conflict`, none a `duplicate-port`), which judges it.
import type { Protocol } from '../model/types.js';
import { COLLISION_RULES, type RuleId } from '../rules/catalogue.js';
import type { CollisionCase, CollisionRule, RuleJudgement } from '../rules/rule.js';
import type { Collision } from './collisions.js';
import { servicesOf, type DisplayName } from './describe.js';

export interface JudgedCollision extends Collision {
  rule: CollisionRule<RuleId>;
  scope: string;
  protocol: Protocol;
  judgement: RuleJudgement;
}

/** The rule that names one collision, and its judgement. */
export function judgeCollision(collision: Collision, scope: string, protocol: Protocol, displayName: DisplayName): JudgedCollision {
  const entries = collision.bindings.filter((binding) => binding.kind === 'registry');
  const found: CollisionCase = { collision, scope, protocol, displayName, entries, owners: servicesOf(entries, displayName) };
  const rule = COLLISION_RULES.find((candidate) => candidate.names(found));
  if (rule === undefined) throw new Error(`no collision rule names a collision with ${found.owners.length} registry owners`);
  return { ...collision, rule, scope, protocol, judgement: rule.judge(found) };
}
