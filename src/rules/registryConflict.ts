// registry-conflict: a service binds a port that the registry gives to another service.
import { isFirm, uncertaintyNote } from '../detect/certainty.js';
import { describeClaims, describePorts, servicesOf, verb } from '../detect/describe.js';
import { formatPortRange } from '../model/ports.js';
import { sameService } from '../model/service.js';
import { joinWithAnd } from '../model/words.js';
import type { CollisionRule } from './rule.js';

export const registryConflict: CollisionRule<'registry-conflict'> = {
  kind: 'collision',
  id: 'registry-conflict',
  name: 'RegistryConflict',
  defaultSeverity: 'error',
  summary: 'A service binds a port that the registry gives to another service.',
  description: "The repository's port registry assigns this port to one service, and another service binds it too.",
  help: 'Move the newcomer to the proposed free port, and register that port for it.',
  onlyPossible: 'where every newcomer only may run where it is placed, or publishes a range the runtime picks another port from',
  docs: 'README.md#rule-registry-conflict',
  proposal: 'move-newcomers',

  // One registry owner among the claims: the others take its port.
  names: ({ owners }) => owners.length === 1,

  judge({ collision, scope, protocol, displayName, entries, owners }) {
    const [owner] = entries;
    const others = collision.bindings.filter((binding) => owner === undefined || !sameService(binding, owner));
    const given = joinWithAnd([...new Set(entries.map((entry) => formatPortRange(entry.port, entry.endPort)))]);
    const collide = verb('collides', 'collide', servicesOf(others, displayName).length);
    const where = describePorts(collision.port, collision.endPort, protocol, scope);
    const message = `${where}: ${describeClaims(others, displayName)} ${collide} with ${joinWithAnd(owners)}, which the registry gives ${given}`;
    // The registry's claim is fixed: the collision is as certain as the surest newcomer.
    return { message, uncertainty: others.some(isFirm) ? undefined : uncertaintyNote(others) };
  },
};
