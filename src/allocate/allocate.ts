import { compareText } from '../model/order.js';
import { MIN_PORT } from '../model/ports.js';
import { normalizeServiceName } from '../model/service.js';
import type { Binding, Conflict, PortRange, RegistryModel, SourceLocation, Suggestion } from '../model/types.js';
import { groupParties, partiesThatMove, type Party } from './parties.js';
import { PortAllocator } from './portAllocator.js';
import { compareLocations, locationKey } from './locations.js';
import { RegisteredHomes } from './registeredHome.js';
import { buildServiceIndex, type ServiceIndex } from './serviceIndex.js';
import { ruleById } from '../rules/catalogue.js';

export interface AllocationContext {
  /** Every resolved claim of the repository (registry entries may be included or not). */
  bindings: readonly Binding[];
  registry: RegistryModel;
}

/**
 * The conflicts with their `suggestions` filled: a proposed free port for every claim that
 * must move. Conflicts are served in their order, each proposal distinct from the earlier
 * ones, so the same input always gives the same proposals.
 */
export function proposePorts(conflicts: readonly Conflict[], context: AllocationContext): Conflict[] {
  const bindings = [...context.bindings, ...context.registry.entries, ...conflicts.flatMap((conflict) => conflict.bindings)];
  const services = buildServiceIndex(bindings, context.registry);
  const allocator = new PortAllocator(bindings, context.registry);
  const homes = new RegisteredHomes(bindings, services, allocator);
  return conflicts.map((conflict) => ({ ...conflict, suggestions: suggestionsFor(conflict, services, allocator, homes) }));
}

function suggestionsFor(conflict: Conflict, services: ServiceIndex, allocator: PortAllocator, homes: RegisteredHomes): Suggestion[] {
  switch (ruleById(conflict.rule).proposal) {
    case 'move-newcomers':
      return moveClaims(conflict, movingBindings(conflict, services), services, allocator, homes);
    case 'move-claims':
      return moveClaims(conflict, conflict.bindings, services, allocator, homes);
    case 'registered-port':
      return returnToRegisteredPorts(conflict, services);
    case 'none':
      return [];
  }
}

function movingBindings(conflict: Conflict, services: ServiceIndex): Binding[] {
  const newServices = new Set(conflict.newServices);
  const heldAtBase = (party: Party): boolean => party.bindings.some((binding) => !newServices.has(services.displayName(binding)));
  const parties = groupParties(conflict.bindings, (binding) => services.canonicalKey(binding));
  return partiesThatMove(parties, heldAtBase).flatMap((party) => party.bindings);
}

/**
 * One suggestion per literal; the literals of one claim (a registry line and a compose
 * mapping) get one port: the service's own registered port when it is free, else the nearest
 * free one.
 */
function moveClaims(conflict: Conflict, bindings: readonly Binding[], services: ServiceIndex, allocator: PortAllocator, homes: RegisteredHomes): Suggestion[] {
  return eachLiteral(bindings, services, (binding) =>
    homes.homeOf(binding, conflict.scope) ??
    allocator.targetFor({
      service: services.canonicalKey(binding),
      scope: conflict.scope,
      port: binding.port,
      endPort: binding.endPort,
      category: services.categoryRange(binding),
    }),
  );
}

/** A registered service that drifted goes back to its registered port (the nearest, when it has several). */
function returnToRegisteredPorts(conflict: Conflict, services: ServiceIndex): Suggestion[] {
  const drifted = conflict.bindings.filter((binding) => binding.kind !== 'registry');
  return eachLiteral(drifted, services, (binding) => {
    const entry = services.nearestRegistryEntry(binding);
    return entry && { start: entry.port, end: entry.endPort };
  });
}

function eachLiteral(
  bindings: readonly Binding[],
  services: ServiceIndex,
  targetOf: (binding: Binding) => PortRange | undefined,
): Suggestion[] {
  const suggestions: Suggestion[] = [];
  const seen = new Set<string>();
  const moving = new Set(bindings.map((binding) => services.canonicalKey(binding)));
  const inOrder = [...bindings].sort(
    (a, b) => compareLocations(a, b) || compareText(services.canonicalKey(a), services.canonicalKey(b)) || a.port - b.port,
  );
  for (const binding of inOrder) {
    const at = services.suggestionLocation(binding);
    if (seen.has(locationKey(at))) continue;
    seen.add(locationKey(at));
    const target = targetOf(binding);
    if (target === undefined) continue;
    const suggestion: Suggestion = { service: services.displayName(binding), ...at, from: binding.port, to: target.start, toEnd: target.end };
    const sharedWith = stayingReaders(at, moving, services);
    suggestions.push(sharedWith.length > 0 ? { ...suggestion, sharedWith } : suggestion);
  }
  return suggestions;
}

/** The services that stay and read the literal at this place (a YAML anchor, a module default): the fix must not edit it. */
function stayingReaders(at: SourceLocation, moving: ReadonlySet<string>, services: ServiceIndex): string[] {
  const staying = services.claimsAt(at).filter((claim) => claim.kind !== 'registry' && !moving.has(services.canonicalKey(claim)));
  return [...new Set(staying.map((claim) => services.displayName(claim)))].sort(compareText);
}

export interface FreePortRequest {
  service: string;
  count: number;
  bindings: readonly Binding[];
  registry: RegistryModel;
  /** A registry category whose range the ports must lie in; defaults to the service's own. */
  category?: string;
}

/**
 * Ports for a new claim of `service` (`portcullis suggest`), ascending from just above the
 * service's highest registered port, else from the bottom of the allowed ranges. A new
 * service may end up in any scope, so the ports avoid every claim of the repository. Fewer
 * than `count` when fewer fit; none when the named category is unknown or has no range.
 */
export function suggestFreePorts(request: FreePortRequest): number[] {
  const service = normalizeServiceName(request.service);
  const entries = request.registry.entries.filter((entry) => entry.service === service).sort(compareLocations);
  const categoryName = request.category ?? entries.find((entry) => entry.category !== undefined)?.category;
  const category = request.registry.categories.find((candidate) => candidate.name === categoryName && candidate.range)?.range;
  if (request.category !== undefined && category === undefined) return [];

  const allocator = new PortAllocator(
    request.bindings.map((binding) => ({ ...binding, scope: 'host' })),
    request.registry,
  );
  const ports: number[] = [];
  let from = Math.max(MIN_PORT - 1, ...entries.map((entry) => entry.endPort)) + 1;
  while (ports.length < request.count) {
    const found = allocator.take({ scope: 'host', category, from, length: 1 });
    if (found === undefined) break;
    ports.push(found.start);
    from = found.start + 1;
  }
  return ports;
}
