// What the words of a Markdown registry mean: which column holds what, where a service name
// ends and its description begins, which labels reserve ports, and ranges written in labels.
import type { PortRange } from '../../model/types.js';
import { isPortSpecProblem, parsePortSpec } from './documentRegistry.js';

export type ColumnRole = 'port' | 'service' | 'protocol' | 'range' | 'category';

// Best first. A range column never makes entries: `| 3000-3999 | Application servers |` is a
// convention for a category, not a service holding a thousand ports. `purpose` names the holder
// only when no better column does (seed 002: `| Port | Purpose | Lifetime |`).
const HEADER_NAMES: Record<ColumnRole, readonly string[]> = {
  port: ['host port', 'published port', 'external port', 'port', 'ports', 'port number', 'port numbers'],
  service: ['service', 'services', 'service name', 'name', 'component', 'application', 'app', 'process', 'purpose'],
  protocol: ['protocol', 'protocols', 'proto', 'transport'],
  range: ['range', 'ranges', 'port range', 'port ranges'],
  category: ['category', 'purpose', 'use', 'usage', 'group'],
};

/** `**Port(s)**` -> `port`: lower case, parentheticals dropped, punctuation as spaces. */
export function normalizeHeader(text: string): string {
  return splitParentheses(text)
    .outside.toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The column of `headers` (normalized) that best plays `role`, or undefined. */
export function pickColumn(headers: readonly string[], role: ColumnRole, exclude?: number): number | undefined {
  let best: { column: number; rank: number } | undefined;
  headers.forEach((header, column) => {
    const rank = HEADER_NAMES[role].indexOf(header);
    if (rank >= 0 && column !== exclude && (best === undefined || rank < best.rank)) best = { column, rank };
  });
  return best?.column;
}

export type TableLayout =
  | { kind: 'registry'; port: number; service: number; protocol?: number }
  | { kind: 'categories'; range: number; category: number };

/** How a table's header row says to read it, or undefined when it is not a registry table. */
export function tableLayout(headers: readonly string[]): TableLayout | undefined {
  const port = pickColumn(headers, 'port');
  const service = pickColumn(headers, 'service', port);
  if (port !== undefined && service !== undefined) {
    const protocol = pickColumn(headers, 'protocol');
    return { kind: 'registry', port, service, ...(protocol === undefined ? {} : { protocol }) };
  }
  const range = pickColumn(headers, 'range');
  const category = pickColumn(headers, 'category', range);
  return range !== undefined && category !== undefined ? { kind: 'categories', range, category } : undefined;
}

/** Empty, a dash, `N/A`: a cell that says nothing. */
export function isBlank(text: string): boolean {
  const trimmed = text.trim().toLowerCase();
  return trimmed === '' || trimmed === 'n/a' || /^[-–—]+$/.test(trimmed);
}

/** `~~3000~~`: a retired row. GFM strikethrough is not parsed, so its markers stay in the text. */
export function isStruckOut(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length > 4 && trimmed.startsWith('~~') && trimmed.endsWith('~~');
}

/**
 * The service a label names: the text before its description. `Grafana (core monitoring)` and
 * `Grafana (embed monitoring)` are one service `Grafana` owning two ports, which is what a
 * compose service `grafana` is matched against; `driftos-core (LLM service)` is `driftos-core`.
 */
export function serviceLabel(text: string): string {
  const end = text.search(/\(|\s[-–—]\s|[:,]\s/);
  return (end < 0 ? text : text.slice(0, end)).trim();
}

/** A label that gives its ports to nobody: `Future services`, `Reserved for future DriftOS services`. */
export function labelReserves(text: string): boolean {
  return /\b(?:reserved|future)\b/i.test(text);
}

/** A heading or section row that reserves what it lists: `Reserved Ranges to Avoid`. */
export function sectionReserves(text: string): boolean {
  return /\b(?:reserved|avoid)\b/i.test(text);
}

/** A label saying the port is free: not an entry, not a reservation. */
export function labelFrees(text: string): boolean {
  return /^(?:available|free|unassigned|unused)\b/i.test(text.trim());
}

export interface CategoryLabel {
  /** Lower case words joined by `-`; empty when the label has no words. */
  name: string;
  range?: PortRange;
}

/**
 * A category from a heading or a section row. A parenthetical may give its range, as a prefix
 * (`Core Support (301x)` is 3010-3019, `Monitoring (9xxx range)` 9000-9999) or explicitly
 * (`Databases (5000-5999)`).
 */
export function categoryLabel(text: string): CategoryLabel {
  const { outside, inside } = splitParentheses(text);
  const name = outside
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');
  for (const parenthetical of inside) {
    const inner = parenthetical.trim();
    const range = labelRange(inner.toLowerCase().endsWith(' range') ? inner.slice(0, -' range'.length) : inner);
    if (range) return { name, range };
  }
  return { name };
}

/** A range as labels write it: a prefix (`301x`, `9xxx`) or `N-M` (from 0: `0-1023`). */
export function labelRange(text: string): PortRange | undefined {
  const prefix = /^(\d{1,4})(x{1,4})$/i.exec(text.trim());
  if (prefix) {
    const [, digits = '', wildcards = ''] = prefix;
    if (digits.length + wildcards.length < 4 || digits.length + wildcards.length > 5) return undefined;
    const size = 10 ** wildcards.length;
    const start = Number(digits) * size;
    return start + size - 1 <= 65535 ? { start, end: start + size - 1 } : undefined;
  }
  const spec = parsePortSpec(text, 0);
  return isPortSpecProblem(spec) || spec.start === spec.end ? undefined : { start: spec.start, end: spec.end };
}

/** The text outside parentheses (each parenthetical as a space) and the text inside each. */
export function splitParentheses(text: string): { outside: string; inside: string[] } {
  let outside = '';
  let current = '';
  let depth = 0;
  const inside: string[] = [];
  for (const char of text) {
    if (char === '(') {
      if (depth++ > 0) current += char;
    } else if (char === ')' && depth > 0) {
      if (--depth > 0) current += char;
      else {
        inside.push(current);
        current = '';
        outside += ' ';
      }
    } else if (depth > 0) current += char;
    else outside += char;
  }
  if (depth > 0) inside.push(current);
  return { outside, inside };
}
