// The binding rules' engine: every claim of a host-like scope (the registry speaks for
// machines, not for a container's own ports) and every registry entry is shown to each
// binding rule of the catalogue; the claims that break one rule on the same ports of one
// scope are one conflict.
import { formatPortRange, rangesOverlap } from '../model/ports.js';
import type { Binding, Protocol, RegistryModel } from '../model/types.js';
import { joinWithAnd } from '../model/words.js';
import type { RuleId } from '../rules/catalogue.js';
import type { BindingRule, Finding, RuleJudgement } from '../rules/rule.js';
import { compareBindings, conflictId } from './conflict.js';
import { describeClaims, describePorts, servicesOf, type DisplayName } from './describe.js';
import { rangeOf, RegistryIndex } from './registryIndex.js';
import { isHostLikeScope } from './scopes.js';

export interface JudgedClaims {
  rule: BindingRule<RuleId>;
  scope: string;
  protocol: Protocol;
  port: number;
  endPort: number;
  /** In file order (see compareBindings). */
  bindings: Binding[];
  judgement: RuleJudgement;
}

interface Found {
  rule: BindingRule<RuleId>;
  binding: Binding;
  finding: Finding;
}

/**
 * What the binding rules `rules` find among the claims (in file order) and the registry's
 * entries. `collided` holds the claims of the reported collisions: see registry-drift.
 */
export function judgeClaims(
  bindings: readonly Binding[],
  registry: RegistryModel,
  displayName: DisplayName,
  collided: ReadonlySet<Binding>,
  rules: ReadonlyArray<BindingRule<RuleId>>,
): JudgedClaims[] {
  if (rules.length === 0) return [];
  const index = new RegistryIndex(registry);
  const found: Found[] = [];
  for (const entry of registry.entries) {
    if (!isHostLikeScope(entry.scope)) continue;
    for (const rule of rules) for (const finding of rule.findInEntry?.(entry, index) ?? []) found.push({ rule, binding: entry, finding });
  }
  for (const binding of bindings) {
    if (!isHostLikeScope(binding.scope)) continue;
    const entries = index.entriesOf(binding);
    const matching = entries.filter((entry) => rangesOverlap(rangeOf(entry), rangeOf(binding)));
    const claim = { binding, registry: index, entries, matching, collides: collided.has(binding) };
    for (const rule of rules) for (const finding of rule.findIn(claim)) found.push({ rule, binding, finding });
  }
  const byId = new Map<string, [Found, ...Found[]]>();
  for (const item of found) {
    const id = conflictId({ ...placeOf(item), rule: item.rule.id });
    const group = byId.get(id);
    if (group) group.push(item);
    else byId.set(id, [item]);
  }
  return [...byId.values()].map((group) => judgeGroup(group, displayName));
}

function placeOf({ binding, finding }: Found): { scope: string; protocol: Protocol; port: number; endPort: number } {
  return { scope: binding.scope, protocol: binding.protocol, port: finding.port, endPort: finding.endPort };
}

/** One conflict: certain when some claim of it certainly breaks the rule. */
function judgeGroup(group: readonly [Found, ...Found[]], displayName: DisplayName): JudgedClaims {
  const [first] = group;
  const place = placeOf(first);
  const bindings = [...new Set(group.map((item) => item.binding))].sort(compareBindings);
  const sentence = first.rule.sentence({
    claims: describeClaims(bindings, displayName),
    services: servicesOf(bindings, displayName).length,
    ports: formatPortRange(place.port, place.endPort),
    details: joinWithAnd([...new Set(group.map((item) => item.finding.detail))]),
  });
  const notes = group.map((item) => item.finding.uncertainty);
  const uncertainty = notes.includes(undefined) ? undefined : [...new Set(notes)].join('');
  return {
    ...place,
    rule: first.rule,
    bindings,
    judgement: { message: `${describePorts(place.port, place.endPort, place.protocol, place.scope)}: ${sentence}`, uncertainty },
  };
}
