import { compareText } from '../model/order.js';
import type { Binding, Diagnostic, ExtractResult, RegistryModel } from '../model/types.js';

export interface RegistryFile {
  path: string;
  result: ExtractResult;
}

/**
 * Merges every registry file into one registry. Two registries that give one service
 * different ports disagree: the later file (by path) gets a diagnostic, and both claims stay,
 * so that the rules still see each.
 */
export function mergeRegistries(files: readonly RegistryFile[]): { registry: RegistryModel; diagnostics: Diagnostic[] } {
  const registry: RegistryModel = { present: files.length > 0, entries: [], categories: [], reserved: [] };
  const diagnostics: Diagnostic[] = [];
  const portsByServiceAndFile = new Map<string, Map<string, Binding[]>>();
  for (const { path, result } of [...files].sort((a, b) => compareText(a.path, b.path))) {
    registry.entries.push(...result.bindings);
    registry.categories.push(...(result.registry?.categories ?? []));
    registry.reserved.push(...(result.registry?.reserved ?? []));
    for (const entry of result.bindings) {
      let byFile = portsByServiceAndFile.get(entry.service);
      if (!byFile) portsByServiceAndFile.set(entry.service, (byFile = new Map()));
      const list = byFile.get(path) ?? [];
      list.push(entry);
      byFile.set(path, list);
    }
  }
  for (const [service, byFile] of portsByServiceAndFile) {
    const [first, ...others] = [...byFile.entries()];
    if (!first) continue;
    const expected = portSet(first[1]);
    for (const [path, entries] of others) {
      if (portSet(entries) === expected) continue;
      const entry = entries[0] as Binding;
      diagnostics.push({
        file: path,
        line: entry.line,
        column: entry.column,
        severity: 'warning',
        message: `registries disagree: ${path} gives ${service} ${portSet(entries)}, ${first[0]} gives it ${expected}`,
      });
    }
  }
  return { registry, diagnostics };
}

function portSet(entries: readonly Binding[]): string {
  return [...new Set(entries.map((entry) => (entry.port === entry.endPort ? `${entry.port}` : `${entry.port}-${entry.endPort}`)))].sort().join(', ');
}
