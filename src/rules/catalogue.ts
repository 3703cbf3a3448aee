// Every rule, in DESIGN.md's order: the order of reports, of SARIF's rules array
// (`ruleIndex` is the position here) and of the README's "Rules". A new rule is a file in
// this folder and a line here; its id becomes a ConflictRule, a `rules:` key of the config
// and an entry of the JSON Schemas.
import { duplicatePort } from './duplicatePort.js';
import { outOfRange } from './outOfRange.js';
import { registryConflict } from './registryConflict.js';
import { registryDrift } from './registryDrift.js';
import { registryDuplicate } from './registryDuplicate.js';
import { reservedPort } from './reservedPort.js';
import type { BindingRule, CollisionRule, Rule } from './rule.js';
import { unregistered } from './unregistered.js';

export const RULES = [duplicatePort, registryConflict, registryDuplicate, registryDrift, reservedPort, outOfRange, unregistered] as const;

/** A rule's id: `duplicate-port`, ... */
export type RuleId = (typeof RULES)[number]['id'];

export const RULE_IDS: readonly RuleId[] = RULES.map((rule) => rule.id);

const BY_ID: ReadonlyMap<string, Rule<RuleId>> = new Map(RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: RuleId): Rule<RuleId> {
  const rule = BY_ID.get(id);
  if (rule === undefined) throw new Error(`no rule ${id}`);
  return rule;
}

export function isRuleId(text: string): text is RuleId {
  return BY_ID.has(text);
}

/** The position of a rule in the catalogue (SARIF's `ruleIndex`). */
export function ruleIndex(id: RuleId): number {
  return RULE_IDS.indexOf(id);
}

/** The rules that judge a collision of claims; exactly one names each collision. */
export const COLLISION_RULES: ReadonlyArray<CollisionRule<RuleId>> = RULES.filter((rule): rule is Extract<(typeof RULES)[number], { kind: 'collision' }> => rule.kind === 'collision');

/** The rules that judge one claim against the registry. */
export const BINDING_RULES: ReadonlyArray<BindingRule<RuleId>> = RULES.filter((rule): rule is Extract<(typeof RULES)[number], { kind: 'binding' }> => rule.kind === 'binding');

export function isCollisionRule(id: RuleId): boolean {
  return ruleById(id).kind === 'collision';
}
