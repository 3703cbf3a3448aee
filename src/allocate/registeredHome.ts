import { isHostLikeScope } from '../detect/scopes.js';
import type { Binding, PortRange } from '../model/types.js';
import type { PortAllocator } from './portAllocator.js';
import type { ServiceIndex } from './serviceIndex.js';

/** Ranges longer than this are not indexed port by port; a range never goes "home" anyway. */
const MAX_INDEXED_RANGE = 64;

/**
 * A service that must move and has a registered port of its own goes back to it when nothing
 * else holds it: the registry already says that is where the service lives, which beats the
 * nearest free port (`svc-2` that took `svc-0`'s 20000 goes back to its registered 20002).
 */
export class RegisteredHomes {
  readonly #holders = new Map<string, Set<string>>();
  readonly #homes = new Map<string, PortRange | undefined>();

  constructor(
    bindings: readonly Binding[],
    private readonly services: ServiceIndex,
    private readonly allocator: PortAllocator,
  ) {
    for (const binding of bindings) {
      if (binding.endPort - binding.port >= MAX_INDEXED_RANGE) continue;
      for (let port = binding.port; port <= binding.endPort; port++) {
        const key = `${binding.scope}\u0000${port}`;
        let holders = this.#holders.get(key);
        if (!holders) this.#holders.set(key, (holders = new Set()));
        holders.add(services.canonicalKey(binding));
      }
    }
  }

  /** The registered port the binding's service may return to in `scope`, now taken; else undefined. */
  homeOf(binding: Binding, scope: string): PortRange | undefined {
    // The registry speaks of the host: a container's or a cluster's port has no registered home.
    if (binding.kind === 'registry' || binding.port !== binding.endPort || !isHostLikeScope(scope)) return undefined;
    const service = this.services.canonicalKey(binding);
    const cacheKey = `${service}\u0000${scope}\u0000${binding.port}`;
    if (this.#homes.has(cacheKey)) return this.#homes.get(cacheKey);
    const entry = this.services.nearestRegistryEntry(binding);
    let home: PortRange | undefined;
    if (entry && entry.port === entry.endPort && entry.port !== binding.port && this.#heldOnlyBy(service, scope, entry.port)) {
      home = this.allocator.takeExactly(scope, { start: entry.port, end: entry.port }) ? { start: entry.port, end: entry.port } : undefined;
    }
    this.#homes.set(cacheKey, home);
    return home;
  }

  #heldOnlyBy(service: string, scope: string, port: number): boolean {
    for (const where of new Set([scope, 'host'])) {
      for (const holder of this.#holders.get(`${where}\u0000${port}`) ?? []) if (holder !== service) return false;
    }
    return true;
  }
}
