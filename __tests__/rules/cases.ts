// What the engine of src/detect/ shows a rule, built from plain bindings, so that each rule
// file is tested by itself.
import { rangeOf, RegistryIndex } from '../../src/detect/registryIndex.js';
import { rangesOverlap } from '../../src/model/ports.js';
import type { Binding, RegistryModel } from '../../src/model/types.js';
import type { ClaimCase, CollisionCase } from '../../src/rules/rule.js';

export { binding, entry } from '../helpers/bindings.js';
export { NO_REGISTRY, registry } from '../detect/fixtures.js';

/** The collision of these claims on their common ports of `host`/tcp. */
export function collisionCase(bindings: Binding[]): CollisionCase {
  const entries = bindings.filter((binding) => binding.kind === 'registry');
  return {
    collision: { port: Math.max(...bindings.map((b) => b.port)), endPort: Math.min(...bindings.map((b) => b.endPort)), address: null, bindings },
    scope: 'host',
    protocol: 'tcp',
    displayName: (binding) => binding.service,
    entries,
    owners: [...new Set(entries.map((entry) => entry.service))],
  };
}

/** A claim with the registry's lookups, as the engine gives it to the binding rules. */
export function claimCase(binding: Binding, registry: RegistryModel, collides = false): ClaimCase {
  const index = new RegistryIndex(registry);
  const entries = index.entriesOf(binding);
  return { binding, registry: index, entries, matching: entries.filter((entry) => rangesOverlap(rangeOf(entry), rangeOf(binding))), collides };
}
