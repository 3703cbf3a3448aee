// unregistered: with a registry present, a service binds a port the registry does not list.
import { verb } from '../detect/describe.js';
import type { BindingRule } from './rule.js';

export const unregistered: BindingRule<'unregistered'> = {
  kind: 'binding',
  id: 'unregistered',
  name: 'Unregistered',
  defaultSeverity: 'warning',
  summary: 'A service binds a port the registry does not list.',
  description: 'The repository keeps a port registry, and this service binds a port that is not in it.',
  help: 'Register the port for the service, so that the next service does not take it.',
  docs: 'README.md#rule-unregistered',
  reason: 'which the registry does not list',
  proposal: 'none',

  /**
   * A service the registry does not know, on a port no entry holds (when one does, that is a
   * registry-conflict, not a second report). A claim that only may run (a module no machine
   * imports) is no service to register yet, so what is found is certain.
   */
  findIn({ binding, entries, registry }) {
    if (entries.length > 0 || !registry.registry.present || binding.uncertain !== undefined || registry.lists(binding)) return [];
    return [{ port: binding.port, endPort: binding.endPort, detail: '', uncertainty: undefined }];
  },

  sentence: ({ claims, services, ports }) => `${claims} ${verb('binds', 'bind', services)} ${ports}, which the registry does not list`,
};
