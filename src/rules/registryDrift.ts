// registry-drift: a registered service binds a port other than its registered one.
import { placementNote } from '../detect/certainty.js';
import { verb } from '../detect/describe.js';
import { formatPortRange } from '../model/ports.js';
import { joinWithAnd } from '../model/words.js';
import type { BindingRule } from './rule.js';

export const registryDrift: BindingRule<'registry-drift'> = {
  kind: 'binding',
  id: 'registry-drift',
  name: 'RegistryDrift',
  defaultSeverity: 'warning',
  summary: 'A registered service binds a port other than its registered one.',
  description: 'The service is in the port registry, but one of its configurations binds a port the registry does not give it.',
  help: 'Bind the registered port (the proposal), or update the registry if the service has moved.',
  onlyPossible: 'where the claim only may run where it is placed (source beside a Dockerfile that nothing here runs, a value from a `.env.example` template)',
  docs: 'README.md#rule-registry-drift',
  reason: 'not its registered port',
  proposal: 'registered-port',

  /**
   * A registered service drifts when none of its registered ports is the one it binds,
   * unless the claim collides: its collision moves it already, and calling it drifted as
   * well would propose a second, different fix for the same line.
   */
  findIn({ binding, entries, matching, collides }) {
    if (entries.length === 0 || matching.length > 0 || collides) return [];
    const given = joinWithAnd([...new Set(entries.map((entry) => formatPortRange(entry.port, entry.endPort)))]);
    return [{ port: binding.port, endPort: binding.endPort, detail: `${binding.service} ${given}`, uncertainty: placementNote(binding) }];
  },

  sentence: ({ claims, services, ports, details }) => `${claims} ${verb('binds', 'bind', services)} ${ports}, but the registry gives ${details}`,
};
