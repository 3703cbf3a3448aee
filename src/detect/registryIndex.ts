// Lookups into the registry that the binding rules (src/rules/) share: a service's entries,
// category ranges, and whether any entry lists a port, each in constant time per claim.
import { MAX_PORT } from '../model/ports.js';
import { sameService } from '../model/service.js';
import { groupBy } from '../model/groupBy.js';
import type { Binding, PortRange, Protocol, RegistryModel } from '../model/types.js';

/** Lookups into the registry that every binding needs. */
export class RegistryIndex {
  readonly categoryRanges = new Map<string, PortRange>();
  private readonly entriesByName = new Map<string, Binding[]>();
  /** Per protocol and scope (`host` for the entries of every machine), see coveredPortCounts. */
  private readonly listed = new Map<string, Int32Array>();

  constructor(readonly registry: RegistryModel) {
    for (const category of registry.categories) {
      if (category.range) this.categoryRanges.set(category.name, category.range);
    }
    for (const entry of registry.entries) {
      const entries = this.entriesByName.get(entry.service);
      if (entries) entries.push(entry);
      else this.entriesByName.set(entry.service, [entry]);
    }
    for (const [key, entries] of groupBy(registry.entries, (entry) => listKey(entry.protocol, entry.scope))) this.listed.set(key, coveredPortCounts(entries.map(rangeOf)));
  }

  /** The registry entries of the binding's service (see sameService) that speak for its machine: every machine's, and its own. */
  entriesOf(binding: Binding): Binding[] {
    return (this.entriesByName.get(binding.service) ?? []).filter((entry) => sameService(entry, binding) && (entry.scope === 'host' || entry.scope === binding.scope));
  }

  /** True when some registry entry of the binding's protocol, for its machine or every machine, lists one of its ports. */
  lists(binding: Binding): boolean {
    return [listKey(binding.protocol, 'host'), listKey(binding.protocol, binding.scope)].some((key) => {
      const counts = this.listed.get(key);
      return counts !== undefined && (counts[binding.endPort] ?? 0) - (counts[binding.port - 1] ?? 0) > 0;
    });
  }
}

function listKey(protocol: Protocol, scope: string): string {
  return `${protocol}\u0000${scope}`;
}

/**
 * For each port p, how many ports from 0 to p some range covers: then a range [a, b] holds
 * a covered port when counts[b] - counts[a - 1] > 0, in constant time.
 */
export function coveredPortCounts(ranges: readonly PortRange[]): Int32Array {
  const counts = new Int32Array(MAX_PORT + 2);
  for (const range of ranges) {
    counts[range.start] = (counts[range.start] ?? 0) + 1;
    counts[range.end + 1] = (counts[range.end + 1] ?? 0) - 1;
  }
  let depth = 0;
  let covered = 0;
  for (let port = 0; port < counts.length; port++) {
    depth += counts[port] ?? 0;
    if (depth > 0) covered++;
    counts[port] = covered;
  }
  return counts;
}

export function rangeOf(binding: Binding): PortRange {
  return { start: binding.port, end: binding.endPort };
}
