import { formatPortRange } from '../model/ports.js';
import { compareText } from '../model/order.js';
import type { Binding, Protocol } from '../model/types.js';
import { joinWithAnd } from '../model/words.js';

export type DisplayName = (binding: Pick<Binding, 'service' | 'project'>) => string;

// A message names a handful of services; the locations list has them all.
const LISTED_SERVICES = 5;

/** `3002/tcp on host` */
export function describePorts(port: number, endPort: number, protocol: Protocol, scope: string): string {
  return `${formatPortRange(port, endPort)}/${protocol} on ${scope}`;
}

/** The services of these bindings (in their order), deduplicated by display name. */
export function servicesOf(bindings: readonly Binding[], displayName: DisplayName): string[] {
  return [...new Set(bindings.map(displayName))];
}

/**
 * `grafana (compose.yml:12) and embed (ports.yml:4)`: each service once, at its first
 * binding, the bindings being in file order. Services whose claims share one written value
 * (a `.env` variable two services reference) are each shown where they reference it.
 */
export function describeClaims(bindings: readonly Binding[], displayName: DisplayName): string {
  const first = new Map<string, Binding>();
  for (const binding of bindings) {
    const name = displayName(binding);
    if (!first.has(name)) first.set(name, binding);
  }
  const shared = sharedPlaces([...first.values()]);
  const claims = [...first]
    .map(([name, binding]) => ({ name, place: binding.via !== undefined && shared.has(placeKey(binding)) ? binding.via : binding }))
    .sort((a, b) => compareText(a.place.file, b.place.file) || a.place.line - b.place.line || a.place.column - b.place.column)
    .map(({ name, place }) => `${name} (${place.file}:${place.line})`);
  if (claims.length <= LISTED_SERVICES) return joinWithAnd(claims);
  return joinWithAnd([...claims.slice(0, LISTED_SERVICES), `${claims.length - LISTED_SERVICES} more`]);
}

/** `binds` for one service, `bind` for several. */
export function verb(singular: string, plural: string, serviceCount: number): string {
  return serviceCount === 1 ? singular : plural;
}

function placeKey(location: { file: string; line: number; column: number }): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** The places that more than one of these claims points at. */
function sharedPlaces(claims: readonly Binding[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const claim of claims) {
    const key = placeKey(claim);
    if (seen.has(key)) shared.add(key);
    seen.add(key);
  }
  return shared;
}
