// The severity of each rule: its default, or what `.portcullis.yml`'s `rules:` sets. The
// precision contract (DESIGN "Severity: certain or possible") holds whatever the level: an
// error is a certain conflict, so a possible one stays a warning, and says why.
import type { Severity } from '../model/types.js';
import { RULES, type RuleId } from './catalogue.js';
import type { RuleDocs, RuleJudgement, RuleLevel } from './rule.js';

/** The level of every rule. */
export type RuleLevels = Readonly<Record<RuleId, RuleLevel>>;

/** What the config sets; rules it leaves out keep their default severity. */
export type ConfiguredLevels = Partial<Record<RuleId, RuleLevel>>;

export const DEFAULT_LEVELS: RuleLevels = ruleLevels({});

export function ruleLevels(configured: ConfiguredLevels): RuleLevels {
  return Object.fromEntries(RULES.map((rule) => [rule.id, configured[rule.id] ?? rule.defaultSeverity])) as Record<RuleId, RuleLevel>;
}

/**
 * A conflict's severity and message under its rule's level (not `off`): an error only where
 * the judgement is certain. A possible conflict's note says why it is only a warning wherever
 * the rule could make it an error (its level or its default is error); where the rule is a
 * warning anyway the note would explain nothing.
 */
export function settle(rule: Pick<RuleDocs, 'defaultSeverity'>, level: Severity, judgement: RuleJudgement): { severity: Severity; message: string } {
  if (judgement.uncertainty === undefined) return { severity: level, message: judgement.message };
  const explains = level === 'error' || rule.defaultSeverity === 'error';
  return { severity: 'warning', message: explains ? judgement.message + judgement.uncertainty : judgement.message };
}
