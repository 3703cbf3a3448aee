import { groupBy } from '../model/groupBy.js';
import { makeDisplayName, sameService } from '../model/service.js';
import type { Binding, PortRange, RegistryModel, SourceLocation } from '../model/types.js';
import { compareLocations, locationKey } from './locations.js';

/** What the allocator needs to know about services across the whole repository. */
export interface ServiceIndex {
  /**
   * One key per service: a plain claim (registry, `.env`) of a name that only one compose
   * project uses belongs to that project's service, so both move together.
   */
  canonicalKey(binding: Binding): string;
  displayName(binding: Binding): string;
  /** The service's registry entry whose port is nearest to the binding's (same protocol preferred). */
  nearestRegistryEntry(binding: Binding): Binding | undefined;
  /** The range of the service's registry category, if the registry gives it one. */
  categoryRange(binding: Binding): PortRange | undefined;
  /** Where a fix of this binding's port is written (see suggestionLocation). */
  suggestionLocation(binding: Binding): SourceLocation;
  /** Every claim whose port literal is written at this place. */
  claimsAt(location: SourceLocation): readonly Binding[];
}

export function buildServiceIndex(bindings: readonly Binding[], registry: RegistryModel): ServiceIndex {
  const projectsByName = projectsByServiceName(bindings);
  const entriesByName = groupBy(registry.entries, (entry) => entry.service);
  const rangeByCategory = categoryRanges(registry);
  const sharedLiterals = literalsSharedByServices(bindings);
  const claimsByPlace = groupBy(bindings, locationKey);
  const displayName = makeDisplayName(bindings);

  const nearestRegistryEntry = (binding: Binding): Binding | undefined => {
    const entries = (entriesByName.get(binding.service) ?? []).filter((entry) => sameService(entry, binding));
    const sameProtocol = entries.filter((entry) => entry.protocol === binding.protocol);
    return nearestTo(binding.port, sameProtocol.length > 0 ? sameProtocol : entries);
  };

  return {
    canonicalKey(binding) {
      if (binding.project !== undefined) return `${binding.project}/${binding.service}`;
      const projects = projectsByName.get(binding.service);
      const only = projects?.size === 1 ? [...projects][0] : undefined;
      return only === undefined ? binding.service : `${only}/${binding.service}`;
    },
    displayName,
    nearestRegistryEntry,
    categoryRange(binding) {
      const category = binding.category ?? nearestCategorizedEntry(binding)?.category;
      return category === undefined ? undefined : rangeByCategory.get(category);
    },
    suggestionLocation(binding) {
      return suggestionLocation(binding, sharedLiterals);
    },
    claimsAt(location) {
      return claimsByPlace.get(locationKey(location)) ?? [];
    },
  };

  function nearestCategorizedEntry(binding: Binding): Binding | undefined {
    const entries = (entriesByName.get(binding.service) ?? []).filter((entry) => entry.category !== undefined && sameService(entry, binding));
    return nearestTo(binding.port, entries);
  }
}

/**
 * A fix edits the place where the port literal is written, except when that literal (one
 * variable) feeds several services: changing it would move them all, so the fix goes where
 * the moving service references the variable.
 */
export function suggestionLocation(binding: Binding, sharedLiterals: ReadonlySet<string>): SourceLocation {
  const at = binding.via !== undefined && sharedLiterals.has(locationKey(binding)) ? binding.via : binding;
  return { file: at.file, line: at.line, column: at.column };
}

/** Locations of literals that bindings of two or more distinct services point at. */
export function literalsSharedByServices(bindings: readonly Binding[]): Set<string> {
  const shared = new Set<string>();
  const servicesAt = new Map<string, Binding[]>();
  for (const binding of bindings) {
    const key = locationKey(binding);
    const seen = servicesAt.get(key);
    if (seen === undefined) servicesAt.set(key, [binding]);
    else if (!shared.has(key)) {
      if (seen.some((other) => !sameService(other, binding))) shared.add(key);
      else if (!seen.some((other) => other.project === binding.project)) seen.push(binding);
    }
  }
  return shared;
}

/** The entry whose port is nearest to `port`; ties go to the lower port, then the earlier line. */
export function nearestTo(port: number, entries: readonly Binding[]): Binding | undefined {
  let best: Binding | undefined;
  for (const entry of entries) {
    if (best === undefined) {
      best = entry;
      continue;
    }
    const order =
      Math.abs(entry.port - port) - Math.abs(best.port - port) || entry.port - best.port || compareLocations(entry, best);
    if (order < 0) best = entry;
  }
  return best;
}

function projectsByServiceName(bindings: readonly Binding[]): Map<string, Set<string>> {
  const projects = new Map<string, Set<string>>();
  for (const binding of bindings) {
    if (binding.project === undefined) continue;
    let names = projects.get(binding.service);
    if (names === undefined) projects.set(binding.service, (names = new Set()));
    names.add(binding.project);
  }
  return projects;
}

function categoryRanges(registry: RegistryModel): Map<string, PortRange> {
  const ranges = new Map<string, PortRange>();
  for (const category of registry.categories) {
    if (category.range !== undefined && !ranges.has(category.name)) ranges.set(category.name, category.range);
  }
  return ranges;
}
