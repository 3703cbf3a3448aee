import { normalizeServiceName } from '../../model/service.js';
import type { Binding } from '../../model/types.js';

/**
 * In a process's own environment, `PORT` and `<PROCESS>_PORT` are its ports (DESIGN "What
 * counts as a binding"); `DB_PORT` or `REDIS_PORT` names another service: a client setting.
 */
export function isOwnPortVariable(name: string, service: string): boolean {
  if (name === 'PORT') return true;
  return name.endsWith('_PORT') && normalizeServiceName(name.slice(0, -'_PORT'.length)) === service;
}

/**
 * One process says the same port in several places (a declared port, a `--port` flag, a `PORT`
 * variable): that is one claim, not several. Keeps the first claim of each port and drops a later
 * one of the same service and protocol whose ports an earlier claim already covers.
 */
export function oneClaimPerPort(bindings: readonly Binding[]): Binding[] {
  const kept: Binding[] = [];
  for (const binding of bindings) {
    const covered = kept.some(
      (earlier) =>
        earlier.service === binding.service &&
        earlier.protocol === binding.protocol &&
        earlier.port <= binding.port &&
        binding.endPort <= earlier.endPort,
    );
    if (!covered) kept.push(binding);
  }
  return kept;
}
