// registry-duplicate: the registry gives one port to two services.
import { belongsToAnyOf } from '../model/service.js';
import { describeClaims, describePorts, servicesOf, verb } from '../detect/describe.js';
import type { CollisionRule } from './rule.js';

export const registryDuplicate: CollisionRule<'registry-duplicate'> = {
  kind: 'collision',
  id: 'registry-duplicate',
  name: 'RegistryDuplicate',
  defaultSeverity: 'error',
  summary: 'The registry gives one port to two services.',
  description: "The repository's port registry assigns the same port to two different services.",
  help: 'Give one of the services the proposed free port in the registry, and move it there.',
  docs: 'README.md#rule-registry-duplicate',
  proposal: 'move-newcomers',

  // Two registry owners or more among the claims: the registry contradicts itself.
  names: ({ owners }) => owners.length >= 2,

  judge({ collision, scope, protocol, displayName, entries }) {
    const isRegistered = belongsToAnyOf(entries);
    const others = collision.bindings.filter((binding) => !isRegistered(binding));
    const given = `${describePorts(collision.port, collision.endPort, protocol, scope)}: the registry gives it to ${describeClaims(entries, displayName)}`;
    const bind = verb('binds', 'bind', servicesOf(others, displayName).length);
    const message = others.length === 0 ? given : `${given}, and ${describeClaims(others, displayName)} ${bind} it too`;
    // What the registry writes down is certain.
    return { message, uncertainty: undefined };
  },
};
