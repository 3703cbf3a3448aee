import type { IgnoreRule } from '../model/config.js';
import { normalizeServiceName, serviceKey } from '../model/service.js';
import type { Conflict } from '../model/types.js';
import { aliasMap } from '../resolve/resolve.js';

/**
 * Leaves out the conflicts that a config `ignore` rule matches in every field it gives. A
 * rule's service may be written as any of its aliases, or as `<project>/<name>` for one
 * compose project's service.
 */
export function applyIgnoreRules(conflicts: readonly Conflict[], rules: readonly IgnoreRule[], aliases: Readonly<Record<string, readonly string[]>> = {}): Conflict[] {
  if (rules.length === 0) return [...conflicts];
  const canonical = aliasMap(aliases);
  const services = rules.map((rule) => (rule.service === undefined ? undefined : canonicalService(normalizeServiceName(rule.service), canonical)));
  return conflicts.filter((conflict) => !rules.some((rule, index) => ruleMatches(rule, services[index], conflict)));
}

/** `pg` -> `postgres` when aliased; `a/pg` -> `a/postgres`. */
function canonicalService(name: string, canonical: ReadonlyMap<string, string>): string {
  const slash = name.lastIndexOf('/');
  const plain = name.slice(slash + 1);
  return `${name.slice(0, slash + 1)}${canonical.get(plain) ?? plain}`;
}

function ruleMatches(rule: IgnoreRule, service: string | undefined, conflict: Conflict): boolean {
  if (rule.rule !== undefined && rule.rule !== conflict.rule) return false;
  if (rule.port !== undefined && (conflict.port < rule.port.start || conflict.endPort > rule.port.end)) return false;
  if (service !== undefined && !conflict.bindings.some((binding) => binding.service === service || serviceKey(binding) === service)) return false;
  return true;
}
