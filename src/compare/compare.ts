import { rangesOverlap } from '../model/ports.js';
import { serviceKey } from '../model/service.js';
import type { Binding, Conflict, PortRange, RegistryModel } from '../model/types.js';
import { displayNameIn } from '../detect/conflict.js';
import { isHostLikeScope } from '../detect/scopes.js';

/** What the pipeline found at the base revision. */
export interface BaseRevision {
  conflicts: readonly Conflict[];
  bindings: readonly Binding[];
  registry: RegistryModel;
}

/**
 * Gives each conflict its status against the base revision. A conflict is `existing` when
 * the base had a conflict of the same id and it has gained no service since; otherwise
 * `new`. `newServices` are its services whose claims on its ports are new since the base.
 * Without a base, everything is new. Services are told apart as compose does (name and
 * project): a second project's `web` is a newcomer even where the registry lists `web`.
 */
export function compareWithBase(head: readonly Conflict[], base: BaseRevision | null): Conflict[] {
  if (base === null) return head.map((conflict) => ({ ...conflict, status: 'new', newServices: [...conflict.services] }));
  const baseById = new Map(base.conflicts.map((conflict) => [conflict.id, conflict]));
  const baseClaims = new ClaimIndex(base.bindings, base.registry.entries);
  return head.map((conflict) => {
    const before = baseById.get(conflict.id);
    const existing = before !== undefined && !gainedService(conflict, before);
    return { ...conflict, status: existing ? 'existing' : 'new', newServices: newcomers(conflict, baseClaims) };
  });
}

function gainedService(conflict: Conflict, before: Conflict): boolean {
  const had = new Set(before.bindings.map(serviceKey));
  return conflict.bindings.some((binding) => !had.has(serviceKey(binding)));
}

/** The conflict's services (display names, sorted) none of whose claims on its ports the base had. */
function newcomers(conflict: Conflict, baseClaims: ClaimIndex): string[] {
  const ports = { start: conflict.port, end: conflict.endPort };
  const shown = new Set(conflict.services);
  const held = new Set<string>();
  const fresh = new Set<string>();
  for (const binding of conflict.bindings) {
    const name = displayNameIn(shown, binding);
    if (baseClaims.claimed(binding, conflict.scope, ports)) held.add(name);
    else fresh.add(name);
  }
  return conflict.services.filter((service) => fresh.has(service) && !held.has(service));
}

/** The base's claims by scope, protocol and service identity. */
class ClaimIndex {
  private readonly ranges = new Map<string, PortRange[]>();
  /** Registry entries, which speak for every host-like scope. */
  private readonly registered = new Map<string, PortRange[]>();

  constructor(bindings: readonly Binding[], entries: readonly Binding[]) {
    for (const binding of bindings) push(this.ranges, `${binding.scope}\u0000${claimKey(binding)}`, binding);
    for (const entry of entries) push(this.registered, claimKey(entry), entry);
  }

  /** True when the base had a claim of the binding's service and protocol on these ports of this scope. */
  claimed(binding: Binding, scope: string, ports: PortRange): boolean {
    const own = this.ranges.get(`${scope}\u0000${claimKey(binding)}`) ?? [];
    const registered = isHostLikeScope(scope) ? (this.registered.get(claimKey(binding)) ?? []) : [];
    return [...own, ...registered].some((range) => rangesOverlap(range, ports));
  }
}

function claimKey(binding: Binding): string {
  return `${binding.protocol}\u0000${serviceKey(binding)}`;
}

function push(index: Map<string, PortRange[]>, key: string, binding: Binding): void {
  const range = { start: binding.port, end: binding.endPort };
  const ranges = index.get(key);
  if (ranges) ranges.push(range);
  else index.set(key, [range]);
}
