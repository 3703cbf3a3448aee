import { rangesOverlap } from '../model/ports.js';
import { serviceKey } from '../model/service.js';
import type { Binding, Conflict, PortRange, RegistryModel } from '../model/types.js';
import { isCollisionRule } from '../rules/catalogue.js';
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
 * the base had the same conflict (see sameConflictAtBase) and it has gained no service since;
 * otherwise `new`. `newServices` are its services whose claims on its ports are new since the
 * base. Without a base, everything is new. Services are told apart as compose does (name and
 * project): a second project's `web` is a newcomer even where the registry lists `web`.
 */
export function compareWithBase(head: readonly Conflict[], base: BaseRevision | null): Conflict[] {
  if (base === null) return head.map((conflict) => ({ ...conflict, status: 'new', newServices: [...conflict.services] }));
  const baseById = new Map(base.conflicts.map((conflict) => [conflict.id, conflict]));
  const baseCollisions = new Map(base.conflicts.filter(isCollision).map((conflict) => [placeOf(conflict), conflict]));
  const baseClaims = new ClaimIndex(base.bindings, base.registry.entries);
  return head.map((conflict) => {
    const before = sameConflictAtBase(conflict, baseById, baseCollisions);
    const existing = before !== undefined && !gainedService(conflict, before);
    return { ...conflict, status: existing ? 'existing' : 'new', newServices: newcomers(conflict, baseClaims) };
  });
}

function isCollision(conflict: Conflict): boolean {
  return isCollisionRule(conflict.rule);
}

/** The id without its rule: where a collision is (scope, protocol, ports, address). */
function placeOf(conflict: Conflict): string {
  return conflict.id.slice(conflict.rule.length + 1);
}

/**
 * The base's conflict that this one continues: the same id, or the same collision under
 * another rule. A registry that starts to name the owner of a port two services already
 * shared turns a `duplicate-port` into a `registry-conflict` without the pull request adding
 * a collision; a registry that starts to give one port to two services does add one.
 */
function sameConflictAtBase(conflict: Conflict, baseById: ReadonlyMap<string, Conflict>, baseCollisions: ReadonlyMap<string, Conflict>): Conflict | undefined {
  const same = baseById.get(conflict.id);
  if (same !== undefined || !isCollision(conflict) || conflict.rule === 'registry-duplicate') return same;
  return baseCollisions.get(placeOf(conflict));
}

/**
 * True when the conflict has a service the base conflict did not. A plain claim (a registry
 * entry) is the service of any compose project of its name; a compose service is only its
 * own project's.
 */
function gainedService(conflict: Conflict, before: Conflict): boolean {
  const had = new Set(before.bindings.map(serviceKey));
  const names = new Set(before.bindings.map((binding) => binding.service));
  return conflict.bindings.some((binding) => (binding.project === undefined ? !names.has(binding.service) : !had.has(serviceKey(binding))));
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
