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
 * The registry's entries in every scope it speaks for: `host`, and each named host-like
 * scope the bindings use, since a repository describing several machines keeps one registry
 * for all of them.
 */
export function registryClaims(bindings: readonly Binding[], entries: readonly Binding[]): Binding[] {
  const namedScopes = new Set<string>();
  for (const binding of bindings) {
    if (binding.scope !== 'host' && isHostLikeScope(binding.scope)) namedScopes.add(binding.scope);
  }
  const claims = [...entries];
  for (const scope of [...namedScopes].sort()) {
    for (const entry of entries) claims.push({ ...entry, scope });
  }
  return claims;
}
