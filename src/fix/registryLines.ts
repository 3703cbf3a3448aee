// The registry entries for newcomers: services that bind a port the registry does not list
// (`unregistered`). `portcullis fix` adds them to Portcullis's own YAML registry where the
// file's layout makes that safe (a block `services:` mapping), and prints them otherwise.
import { isMap, isScalar, parseAllDocuments, type Scalar } from 'yaml';
import { compareText } from '../model/order.js';
import { formatPortRange } from '../model/ports.js';
import type { Binding, Conflict } from '../model/types.js';
import type { PlannedEdit } from './plan.js';

/** One newcomer's ports after the fix, by protocol. */
export interface Newcomer {
  service: string;
  ports: Array<{ start: number; end: number; protocol: Binding['protocol'] }>;
}

/**
 * The services the registry will not list once `applied` edits are written: those of the
 * new `unregistered` conflicts, and those that the fix moves while the registry has no
 * entry for them (their new port would be unregistered). Each at the ports it then holds.
 * A newcomer with a literal that was to move but did not is left out: registering the port
 * it still holds would register a collision.
 */
export function newcomersAfterFix(
  conflicts: readonly Conflict[],
  applied: readonly PlannedEdit[],
  unapplied: readonly PlannedEdit[],
  registered: ReadonlySet<string>,
): Newcomer[] {
  const at = (place: { file: string; line: number; column: number }): string => JSON.stringify([place.file, place.line, place.column]);
  const moved = new Map(applied.map((edit) => [at(edit), edit]));
  const stuck = new Set(unapplied.map(at));
  const editOf = (binding: Binding): PlannedEdit | undefined => moved.get(at(binding)) ?? (binding.via ? moved.get(at(binding.via)) : undefined);
  const byService = new Map<string, Newcomer>();
  const blocked = new Set<string>();
  for (const conflict of conflicts) {
    if (conflict.status !== 'new') continue;
    for (const binding of conflict.bindings) {
      if (binding.kind === 'registry') continue;
      if (stuck.has(at(binding)) || (binding.via && stuck.has(at(binding.via)))) blocked.add(binding.service);
      const edit = editOf(binding);
      if (conflict.rule !== 'unregistered' && !(edit && !registered.has(binding.service))) continue;
      const port = edit ? { start: edit.to, end: edit.toEnd } : { start: binding.port, end: binding.endPort };
      const newcomer = byService.get(binding.service) ?? { service: binding.service, ports: [] };
      if (!newcomer.ports.some((known) => known.start === port.start && known.end === port.end && known.protocol === binding.protocol)) {
        newcomer.ports.push({ ...port, protocol: binding.protocol });
      }
      byService.set(binding.service, newcomer);
    }
  }
  return [...byService.values()]
    .filter((newcomer) => !blocked.has(newcomer.service))
    .map((newcomer) => ({ ...newcomer, ports: [...newcomer.ports].sort((a, b) => a.start - b.start || a.end - b.end) }))
    .sort((a, b) => compareText(a.service, b.service));
}

/**
 * The registry file newcomers go into: the first native YAML registry (the one `fix` can
 * write), else the file that holds the entry in question, else the first registry.
 */
export function registryTarget(files: readonly string[], holder?: string): string | undefined {
  return files.find((file) => /\.ya?ml$/i.test(file)) ?? holder ?? files[0];
}

/** The entries as they are written in a registry of this file's kind: one element a line (a Markdown table takes a row per port). */
export function registryEntryLines(file: string, newcomers: readonly Newcomer[]): string[] {
  const kind = registryKind(file);
  return newcomers.flatMap((newcomer): string | string[] => {
    const port = newcomer.ports[0];
    const single = newcomer.ports.length === 1 && port !== undefined;
    const text = (range: { start: number; end: number }): string => formatPortRange(range.start, range.end);
    switch (kind) {
      case 'nix':
        return single && port.protocol === 'tcp' && port.start === port.end
          ? `${nixName(newcomer.service)} = ${port.start};`
          : `${nixName(newcomer.service)} = [ ${newcomer.ports.map((p) => JSON.stringify(`${text(p)}/${p.protocol}`)).join(' ')} ];`;
      case 'markdown':
        return newcomer.ports.map((p) => `| ${text(p)}${p.protocol === 'udp' ? '/udp' : ''} | ${newcomer.service} |`);
      case 'json':
        return `${JSON.stringify(newcomer.service)}: ${single && port.protocol === 'tcp' && port.start === port.end ? port.start : JSON.stringify(newcomer.ports.map((p) => `${text(p)}/${p.protocol}`))}`;
      default:
        return `${yamlKey(newcomer.service)}: ${yamlEntry(newcomer)}`;
    }
  });
}

function registryKind(file: string): 'yaml' | 'json' | 'nix' | 'markdown' {
  if (/\.json$/i.test(file)) return 'json';
  if (/\.nix$/i.test(file)) return 'nix';
  if (/\.(?:md|markdown)$/i.test(file)) return 'markdown';
  return 'yaml';
}

/** The value of a native registry entry: `3000`, `{ port: 53, protocol: udp }`, `{ ports: { ... } }`. */
function yamlEntry(newcomer: Newcomer): string {
  const value = (range: { start: number; end: number }): string => (range.start === range.end ? String(range.start) : JSON.stringify(formatPortRange(range.start, range.end)));
  const [only] = newcomer.ports;
  if (only && newcomer.ports.length === 1) {
    return only.protocol === 'tcp' && only.start === only.end ? String(only.start) : `{ port: ${value(only)}${only.protocol === 'udp' ? ', protocol: udp' : ''} }`;
  }
  // Several ports: named by port and protocol, since nothing here knows what each one is for.
  const named = newcomer.ports.map((port) => `${port.protocol}-${formatPortRange(port.start, port.end)}: ${port.protocol === 'udp' ? `{ port: ${value(port)}, protocol: udp }` : value(port)}`);
  return `{ ports: { ${named.join(', ')} } }`;
}

function yamlKey(name: string): string {
  return /^[a-z0-9][a-z0-9_.-]*$/.test(name) ? name : JSON.stringify(name);
}

function nixName(name: string): string {
  return /^[a-z_][\w'-]*$/i.test(name) ? name : JSON.stringify(name);
}

/**
 * The YAML registry with `lines` added at the end of its `services:` mapping, or undefined
 * when that cannot be done by adding lines alone: a file that does not parse cleanly, several
 * documents, a flow-style (`{ ... }`) mapping, or a layout this does not recognize.
 */
export function addToYamlRegistry(text: string, lines: readonly string[]): string | undefined {
  if (lines.length === 0) return text;
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length !== 1) return undefined;
  const [document] = documents;
  if (!document || document.errors.length > 0 || !isMap(document.contents) || document.contents.flow) return undefined;
  const servicesPair = document.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'services');
  if (!servicesPair || !isScalar(servicesPair.key)) return undefined;
  const key = servicesPair.key as Scalar;
  const value = servicesPair.value;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (value === null || (isScalar(value) && value.value === null)) {
    // `services:` with nothing under it: the entries go on the lines after the key.
    const keyStart = key.range?.[0];
    if (keyStart === undefined) return undefined;
    const indent = ' '.repeat(columnOf(text, keyStart) + 2);
    return insertAfterLine(text, key.range?.[1] ?? keyStart, lines.map((line) => `${indent}${line}`), eol);
  }
  if (!isMap(value) || value.flow || value.items.length === 0) return undefined;
  const first = value.items[0];
  const last = value.items[value.items.length - 1];
  const firstStart = first && isScalar(first.key) ? first.key.range?.[0] : undefined;
  const lastEnd = last ? ((last.value as { range?: [number, number, number] } | null)?.range?.[1] ?? (last.key as { range?: [number, number, number] } | null)?.range?.[1]) : undefined;
  if (firstStart === undefined || lastEnd === undefined) return undefined;
  const indent = ' '.repeat(columnOf(text, firstStart));
  return insertAfterLine(text, lastEnd, lines.map((line) => `${indent}${line}`), eol);
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Inserts whole lines after the line that holds `offset` (its end excluded). */
function insertAfterLine(text: string, offset: number, lines: readonly string[], eol: string): string {
  const newline = text.indexOf('\n', Math.max(0, offset - 1));
  const block = lines.join(eol);
  if (newline < 0) return `${text}${eol}${block}${eol}`;
  return `${text.slice(0, newline + 1)}${block}${eol}${text.slice(newline + 1)}`;
}
