import { makeDisplayName } from '../../src/model/service.js';
import type { Binding, Conflict, ConflictRule, RegistryCategory, RegistryModel, ReservedRange } from '../../src/model/types.js';

export { binding, entry } from '../helpers/bindings.js';

export function registry(fields: { entries?: Binding[]; categories?: Array<[string, number, number]>; reserved?: Array<[number, number]> } = {}): RegistryModel {
  return {
    present: true,
    entries: fields.entries ?? [],
    categories: (fields.categories ?? []).map(
      ([name, start, end], index): RegistryCategory => ({ name, range: { start, end }, file: 'ports.yml', line: index + 1, column: 3 }),
    ),
    reserved: (fields.reserved ?? []).map(
      ([start, end], index): ReservedRange => ({ start, end, file: 'ports.yml', line: 100 + index, column: 5 }),
    ),
  };
}

export const NO_REGISTRY: RegistryModel = { present: false, entries: [], categories: [], reserved: [] };

/**
 * A conflict as detect makes one, built directly: every service new unless `newServices`
 * says otherwise, the port range the overlap of the bindings.
 */
export function conflict(rule: ConflictRule, bindings: Binding[], fields: Partial<Conflict> = {}): Conflict {
  const first = bindings[0] as Binding;
  const port = Math.max(...bindings.map((b) => b.port));
  const endPort = Math.max(port, Math.min(...bindings.map((b) => b.endPort)));
  const displayName = makeDisplayName(bindings);
  const services = [...new Set(bindings.map(displayName))].sort();
  return {
    id: `${rule}:${first.scope}:${first.protocol}:${port}`,
    rule,
    severity: 'error',
    status: 'new',
    scope: first.scope,
    protocol: first.protocol,
    port,
    endPort,
    services,
    newServices: services,
    locations: bindings.map((b) => ({ service: displayName(b), file: b.file, line: b.line, column: b.column })),
    suggestions: [],
    message: 'test conflict',
    bindings,
    ...fields,
  };
}
