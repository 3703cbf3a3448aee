// `rules:` in `.portcullis.yml`: rule id -> error | warning | off. A mistyped id or level is
// a config error at its line with the nearest valid word, never a rule silently left as it
// was: a gate someone meant to raise must not stay low unnoticed.
import * as z from 'zod';
import { nearest } from '../model/nearest.js';
import type { ConflictRule } from '../model/types.js';
import { isRuleId, RULES } from '../rules/catalogue.js';
import type { RuleLevel } from '../rules/rule.js';
import { describeValue, renderedAs } from '../extract/zodYaml.js';

export const RULE_LEVELS: readonly RuleLevel[] = ['error', 'warning', 'off'];

/** ` (did you mean "unregistered"?)`, or nothing when no candidate is near. */
function didYouMean(word: string, candidates: readonly string[]): string {
  const guess = nearest(word, candidates);
  return guess === undefined ? '' : ` (did you mean ${JSON.stringify(guess)}?)`;
}

const ruleIdSchema = z.string().transform((id, context): ConflictRule => {
  if (isRuleId(id)) return id;
  const ids = RULES.map((rule) => rule.id);
  const hint = didYouMean(id, ids);
  context.addIssue({ code: 'custom', message: `no rule of that name${hint === '' ? `; the rules are ${ids.join(', ')}` : hint}` });
  return z.NEVER;
});

const ruleLevelSchema = z.unknown().transform((level, context): RuleLevel => {
  const known = RULE_LEVELS.find((candidate) => candidate === level);
  if (known !== undefined) return known;
  const hint = typeof level === 'string' ? didYouMean(level, RULE_LEVELS) : '';
  context.addIssue({ code: 'custom', message: `expected error, warning or off, got ${describeValue(level)}${hint}` });
  return z.NEVER;
});

const levelEnum = z.enum(RULE_LEVELS as [RuleLevel, ...RuleLevel[]]);

/** Editors see every rule with its default; the reader checks the words itself for its messages. */
const acceptedRules = z.strictObject(
  Object.fromEntries(RULES.map((rule) => [rule.id, levelEnum.optional().describe(`${rule.summary} Default: ${rule.defaultSeverity}.`)])),
);

export const rulesSchema = renderedAs(z.record(ruleIdSchema, ruleLevelSchema), acceptedRules) as z.ZodType<Partial<Record<ConflictRule, RuleLevel>>>;
