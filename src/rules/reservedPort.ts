// reserved-port: a binding falls in a range the registry reserves.
import { isFirm, uncertaintyNote } from '../detect/certainty.js';
import { rangeOf } from '../detect/registryIndex.js';
import { verb } from '../detect/describe.js';
import { formatPortRange, rangesOverlap } from '../model/ports.js';
import type { BindingRule } from './rule.js';

export const reservedPort: BindingRule<'reserved-port'> = {
  kind: 'binding',
  id: 'reserved-port',
  name: 'ReservedPort',
  defaultSeverity: 'warning',
  summary: 'A binding falls in a range the registry reserves.',
  description: 'The port registry reserves this range so that nobody takes it; a service binds a port inside it.',
  help: 'Move the service to the proposed free port outside the reserved range.',
  onlyPossible: 'where the claim only may run where it is placed, or publishes a range the runtime picks another port from',
  docs: 'README.md#rule-reserved-port',
  reason: 'which the registry reserves',
  proposal: 'move-claims',

  /** The parts of the claim's ports that fall in a reserved range, each with its reason. */
  findIn({ binding, registry }) {
    // A published range only may take a reserved port: the runtime picks one of the range.
    const uncertainty = isFirm(binding) ? undefined : uncertaintyNote([binding]);
    return registry.registry.reserved
      .filter((range) => rangesOverlap(range, rangeOf(binding)))
      .map((range) => ({
        port: Math.max(range.start, binding.port),
        endPort: Math.min(range.end, binding.endPort),
        detail: formatPortRange(range.start, range.end) + (range.reason ? `: ${range.reason}` : ''),
        uncertainty,
      }));
  },

  sentence: ({ claims, services, ports, details }) => `${claims} ${verb('binds', 'bind', services)} ${ports}, which the registry reserves (${details})`,
};
