// Where the repository keeps a registry, a service it does not list is a newcomer the
// registry should learn of: the report shows the line to add, in the registry file's own
// format (as `portcullis fix` writes it), at the port the service holds once the proposal
// is applied.
import type { PlannedEdit } from '../fix/plan.js';
import { newcomersAfterFix, registryEntryLines, registryTarget } from '../fix/registryLines.js';
import { compareText } from '../model/order.js';
import type { Binding, Conflict } from '../model/types.js';

export interface RegistryView {
  /** The files the registry entries came from, sorted. */
  files: string[];
  /** Services the registry lists. */
  registered: ReadonlySet<string>;
  /** Each file's last entry line: new entries go after it. */
  lastLines: ReadonlyMap<string, number>;
}

export interface RegistryEntry {
  service: string;
  /** The registry file to add it to. */
  file: string;
  /** The lines to add (a Markdown row per port; a YAML or JSON entry, a Nix binding). */
  lines: string[];
}

/** The registry as the report's bindings show it; no files when the repository keeps none. */
export function registryView(bindings: readonly Binding[]): RegistryView {
  const entries = bindings.filter((binding) => binding.kind === 'registry');
  const lastLines = new Map<string, number>();
  for (const entry of entries) lastLines.set(entry.file, Math.max(entry.line, lastLines.get(entry.file) ?? 0));
  return { files: [...lastLines.keys()].sort(compareText), registered: new Set(entries.map((entry) => entry.service)), lastLines };
}

/**
 * The entries a new conflict's services need: those the registry does not list (the
 * newcomer of an `unregistered` warning, a service the proposal moves), each at the port it
 * holds after the proposal. None without a registry, and none for an existing conflict.
 */
export function proposedRegistryEntries(conflict: Conflict, registry: RegistryView): RegistryEntry[] {
  if (registry.files.length === 0 || conflict.status !== 'new') return [];
  const edits = conflict.suggestions.map(
    (suggestion): PlannedEdit => ({
      file: suggestion.file,
      line: suggestion.line,
      column: suggestion.column,
      service: suggestion.service,
      from: suggestion.from,
      fromEnd: suggestion.from + (suggestion.toEnd - suggestion.to),
      to: suggestion.to,
      toEnd: suggestion.toEnd,
    }),
  );
  const newcomers = newcomersAfterFix([conflict], edits, [], registry.registered);
  const holder = conflict.bindings.find((binding) => binding.kind === 'registry')?.file;
  const file = registryTarget(registry.files, holder) as string;
  return newcomers.map((newcomer) => ({ service: newcomer.service, file, lines: registryEntryLines(file, [newcomer]) }));
}
