import { detectConflictsWithin, MAX_CONFLICT_CLAIMS } from '../detect/detect.js';
import type { PortcullisConfig } from '../model/config.js';
import type { Binding, Conflict, Diagnostic, ExtractResult, RegistryModel } from '../model/types.js';
import { compareText } from '../model/order.js';
import { mergeRegistries } from '../resolve/registry.js';
import { resolveBindings, resolveRegistry } from '../resolve/resolve.js';
import { placeRegistryOnMachines } from '../topology/machines.js';
import { placeClaims } from '../topology/placeClaims.js';
import { ruleLevels } from '../rules/levels.js';

export interface ExtractedFile {
  path: string;
  result: ExtractResult;
  isRegistry: boolean;
}

export interface Analysis {
  bindings: Binding[];
  registry: RegistryModel;
  conflicts: Conflict[];
  diagnostics: Diagnostic[];
}

/** The tree an extraction came from: every path in it, and the root folder's name. */
export interface TreeShape {
  paths: readonly string[];
  rootName: string;
}

/**
 * Topology, resolve and detect over one tree's extraction: pure, the same for HEAD and for
 * the base. Topology comes before resolve's renaming: a claim must first belong to the
 * service that runs it (a compose service, a Go program) before aliases and registry
 * settings rename it.
 */
export function analyzeExtraction(files: readonly ExtractedFile[], config: PortcullisConfig, tree: TreeShape): Analysis {
  const sorted = [...files].sort((a, b) => compareText(a.path, b.path));
  const merged = mergeRegistries(sorted.filter((file) => file.isRegistry));
  const topology = placeClaims({ files: sorted.filter((file) => !file.isRegistry), paths: tree.paths, config, rootName: tree.rootName });
  // What registry options of NixOS modules give is the registry too, already on its machines.
  const withOptions = { ...merged.registry, present: merged.registry.present || topology.registryEntries.length > 0, entries: [...merged.registry.entries, ...topology.registryEntries] };
  const resolved = resolveRegistry(withOptions, config);
  const registry = { ...resolved, entries: placeRegistryOnMachines(resolved.entries, topology.machines) };
  const bindings = resolveBindings(topology.bindings, registry, config);
  const diagnostics = [...sorted.flatMap((file) => file.result.diagnostics), ...merged.diagnostics, ...topology.diagnostics];
  const { conflicts, omitted } = detectConflictsWithin(bindings, registry, MAX_CONFLICT_CLAIMS, ruleLevels(config.rules));
  if (omitted > 0) {
    const message = `${omitted} more conflicts not reported: those of the lowest ports already name ${MAX_CONFLICT_CLAIMS} claims (a fixed limit; ranges that overlap by the thousand make a conflict for every stretch between two range ends)`;
    diagnostics.push({ file: '.', severity: 'error', message, limit: 'conflict-limit' });
  }
  return { bindings, registry, conflicts, diagnostics };
}
