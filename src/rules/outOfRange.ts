// out-of-range: a port lies outside its category's range.
import { placementNote } from '../detect/certainty.js';
import { verb } from '../detect/describe.js';
import type { RegistryIndex } from '../detect/registryIndex.js';
import { formatPortRange } from '../model/ports.js';
import type { Binding } from '../model/types.js';
import { joinWithAnd } from '../model/words.js';
import type { BindingRule, Finding } from './rule.js';

export const outOfRange: BindingRule<'out-of-range'> = {
  kind: 'binding',
  id: 'out-of-range',
  name: 'OutOfRange',
  defaultSeverity: 'warning',
  summary: "A port lies outside its category's range.",
  description: "The registry gives the service's category a port range, and the service binds a port outside it.",
  help: "Move the service to the proposed free port inside its category's range.",
  onlyPossible: 'where the claim only may run where it is placed (source beside a Dockerfile that nothing here runs, a value from a `.env.example` template)',
  docs: 'README.md#rule-out-of-range',
  reason: "outside its category's range",
  proposal: 'move-claims',

  // A claim on one of its registered ports is judged by those entries' categories; one on
  // another port is a registry-drift instead.
  findIn: ({ binding, matching, registry }) => outsideCategories(binding, matching, registry),
  findInEntry: (entry, registry) => outsideCategories(entry, [entry], registry),

  sentence: ({ claims, services, details }) => `${claims} ${verb('is', 'are', services)} outside ${details}`,
};

/** A claim outside the range of a category that its registry entries (`entries`) give it. */
function outsideCategories(binding: Binding, entries: readonly Binding[], registry: RegistryIndex): Finding[] {
  const outside = new Set<string>();
  for (const entry of entries) {
    const range = entry.category === undefined ? undefined : registry.categoryRanges.get(entry.category);
    if (range && (binding.port < range.start || binding.endPort > range.end)) {
      outside.add(`the ${entry.category ?? ''} range ${formatPortRange(range.start, range.end)}`);
    }
  }
  if (outside.size === 0) return [];
  return [{ port: binding.port, endPort: binding.endPort, detail: joinWithAnd([...outside]), uncertainty: placementNote(binding) }];
}
