import type { IgnoreRule } from '../model/config.js';
import { normalizeServiceName } from '../model/service.js';
import type { Conflict } from '../model/types.js';

/** Leaves out the conflicts that a config `ignore` rule matches in every field it gives. */
export function applyIgnoreRules(conflicts: readonly Conflict[], rules: readonly IgnoreRule[]): Conflict[] {
  if (rules.length === 0) return [...conflicts];
  return conflicts.filter((conflict) => !rules.some((rule) => ruleMatches(rule, conflict)));
}

function ruleMatches(rule: IgnoreRule, conflict: Conflict): boolean {
  if (rule.rule !== undefined && rule.rule !== conflict.rule) return false;
  if (rule.port !== undefined && (conflict.port < rule.port.start || conflict.endPort > rule.port.end)) return false;
  if (rule.service !== undefined) {
    const service = normalizeServiceName(rule.service);
    if (!conflict.bindings.some((binding) => binding.service === service)) return false;
  }
  return true;
}
