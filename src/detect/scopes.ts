import type { Binding } from '../model/types.js';

// Scopes that are one network namespace of their own, not a machine: a container, a pod,
// a Kubernetes Service, the cluster's node ports.
const NAMESPACE_PREFIXES = ['container:', 'pod:', 'service:'];

/**
 * `host`, or a configured name for one machine of a repository that describes several:
 * the scopes the registry speaks for.
 */
export function isHostLikeScope(scope: string): boolean {
  return scope === 'host' || (scope !== 'cluster' && !NAMESPACE_PREFIXES.some((prefix) => scope.startsWith(prefix)));
}

/**
 * The registry's entries in every scope they speak for: an entry of one machine (the topology
 * placed it there) on that machine; every other entry on `host` and on each named host-like
 * scope the bindings use, since a repository describing several machines keeps one registry
 * for all of them.
 */
export function registryClaims(bindings: readonly Binding[], entries: readonly Binding[]): Binding[] {
  const namedScopes = new Set<string>();
  for (const binding of [...bindings, ...entries]) {
    if (binding.scope !== 'host' && isHostLikeScope(binding.scope)) namedScopes.add(binding.scope);
  }
  const claims = [...entries];
  const everywhere = entries.filter((entry) => entry.scope === 'host');
  for (const scope of [...namedScopes].sort()) {
    for (const entry of everywhere) claims.push({ ...entry, scope });
  }
  return claims;
}
