// Shared YAML access for the extractors: the `yaml` package's AST with exact positions.
// Documents are walked as nodes, never turned into JS with toJS(), so an alias bomb costs
// only the aliases actually followed, and those are counted against a budget.
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  type ParsedNode,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Diagnostic, SourceLocation } from '../model/types.js';

/** How many alias dereferences one file may cost before it is abandoned. */
export const MAX_ALIAS_RESOLUTIONS = 1000;
/** How deep a walk may go: deeper documents are hostile or broken. */
export const MAX_YAML_DEPTH = 64;

export class AliasBudgetExceeded extends Error {}

export interface YamlFile {
  readonly path: string;
  readonly text: string;
  readonly documents: Document.Parsed[];
  readonly diagnostics: Diagnostic[];
  /** Follows aliases (counting them); returns the node itself otherwise. */
  resolve(node: unknown): unknown;
  /** The value of `key` in a mapping, honouring `<<` merge keys (explicit keys win). */
  get(map: unknown, key: string): unknown;
  /** Key/value pairs of a mapping, merge keys expanded, explicit keys first. */
  entries(map: unknown): Array<[key: string, value: unknown, keyNode: unknown]>;
  /** Items of a sequence (aliases resolved), or [] when not a sequence. */
  items(seq: unknown): unknown[];
  /** The 1-based position of a character offset. */
  position(offset: number): { line: number; column: number };
  /** Location of the start of a node. */
  locate(node: unknown): SourceLocation;
  /**
   * Location of `token`, found at `valueIndex` in a scalar's value, in the source text:
   * exact for plain and quoted scalars without escapes before the token, else the matching
   * occurrence of the token in the node's source.
   */
  locateInScalar(node: unknown, valueIndex: number, token: string): SourceLocation;
  /** A scalar's value as a string (numbers and booleans as written), or undefined. */
  scalarText(node: unknown): string | undefined;
}

export interface ParseYamlOptions {
  /** A recovery for what Compose accepts and `yaml` rejects; returns repaired text or undefined. */
  repair?: (text: string, errors: readonly Diagnostic[]) => { text: string; note: string } | undefined;
}

export function parseYaml(path: string, text: string, options: ParseYamlOptions = {}): YamlFile {
  let parsed = parseWithCounter(path, text);
  // Node ranges index the text that was parsed: after a repair, that is the repaired text.
  let source = text;
  if (parsed.errors.length > 0 && options.repair) {
    const repaired = options.repair(text, parsed.errors);
    if (repaired) {
      const second = parseWithCounter(path, repaired.text);
      if (second.errors.length === 0) {
        source = repaired.text;
        const first = parsed.errors[0];
        parsed = {
          ...second,
          errors: [],
          notes: [{ file: path, ...(first?.line === undefined ? {} : { line: first.line }), severity: 'warning', message: repaired.note }],
        };
      }
    }
  }
  return new YamlFileImpl(path, source, parsed.documents, parsed.lineCounter, [...parsed.errors, ...parsed.notes]);
}

interface ParsedYaml {
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  errors: Diagnostic[];
  notes: Diagnostic[];
}

function parseWithCounter(path: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: false });
  const list = Array.isArray(documents) ? documents : [];
  const errors: Diagnostic[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0]);
      errors.push({ file: path, line: pos.line, column: pos.col, severity: 'error', message: `invalid YAML: ${firstLine(error.message)}` });
    }
  }
  return { documents: list, lineCounter, errors, notes: [] };
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

class YamlFileImpl implements YamlFile {
  private aliasesFollowed = 0;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly documents: Document.Parsed[],
    private readonly lineCounter: LineCounter,
    readonly diagnostics: Diagnostic[],
  ) {}

  resolve(node: unknown): unknown {
    let current = node;
    for (let hops = 0; isAlias(current); hops++) {
      if (++this.aliasesFollowed > MAX_ALIAS_RESOLUTIONS || hops > MAX_YAML_DEPTH) {
        throw new AliasBudgetExceeded(`more than ${MAX_ALIAS_RESOLUTIONS} YAML aliases followed`);
      }
      const doc = this.documents.find((d) => d.contents !== null && containsOffset(d, current as Node));
      current = doc ? current.resolve(doc) : undefined;
    }
    return current;
  }

  get(map: unknown, key: string): unknown {
    for (const [k, value] of this.entries(map)) if (k === key) return value;
    return undefined;
  }

  entries(map: unknown, depth = 0): Array<[string, unknown, unknown]> {
    const resolved = this.resolve(map);
    if (!isMap(resolved) || depth > MAX_YAML_DEPTH) return [];
    const explicit: Array<[string, unknown, unknown]> = [];
    const merged: Array<[string, unknown, unknown]> = [];
    for (const pair of (resolved as YAMLMap).items) {
      if (!isPair(pair)) continue;
      const key = this.scalarText(pair.key);
      if (key === undefined) continue;
      if (key === '<<' && (isAlias(pair.value) || isMap(pair.value) || isSeq(pair.value))) {
        const sources = isSeq(this.resolve(pair.value)) ? this.items(pair.value) : [pair.value];
        for (const source of sources) merged.push(...this.entries(source, depth + 1));
        continue;
      }
      explicit.push([key, pair.value, pair.key]);
    }
    const seen = new Set(explicit.map(([k]) => k));
    for (const entry of merged) {
      if (!seen.has(entry[0])) {
        seen.add(entry[0]);
        explicit.push(entry);
      }
    }
    return explicit;
  }

  items(seq: unknown): unknown[] {
    const resolved = this.resolve(seq);
    return isSeq(resolved) ? (resolved as YAMLSeq).items.map((item) => this.resolve(item)) : [];
  }

  position(offset: number): { line: number; column: number } {
    const pos = this.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  locate(node: unknown): SourceLocation {
    const range = nodeRange(node);
    return { file: this.path, ...this.position(range ? range[0] : 0) };
  }

  locateInScalar(node: unknown, valueIndex: number, token: string): SourceLocation {
    const range = nodeRange(node);
    if (!range || !isScalar(node)) return this.locate(node);
    const source = this.text.slice(range[0], range[1]);
    const value = typeof node.source === 'string' ? node.source : String(node.value);
    const scalar = node as Scalar;
    const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? 1 : 0;
    if (scalar.type === 'PLAIN' || quoted) {
      const direct = quoted + valueIndex;
      if (source.slice(direct, direct + token.length) === token) return { file: this.path, ...this.position(range[0] + direct) };
    }
    // Escapes, folding or block indentation moved the token: take its n-th occurrence.
    const occurrence = countOccurrences(value.slice(0, valueIndex), token);
    let at = -1;
    for (let i = 0; i <= occurrence; i++) {
      at = source.indexOf(token, at + 1);
      if (at < 0) return this.locate(node);
    }
    return { file: this.path, ...this.position(range[0] + at) };
  }

  scalarText(node: unknown): string | undefined {
    const resolved = this.resolve(node);
    if (!isScalar(resolved)) return undefined;
    const value = resolved.value;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      // Keep what was written (`08080`, `0x1F90`), so validation sees the literal.
      return typeof resolved.source === 'string' ? resolved.source : String(value);
    }
    return value === null ? undefined : undefined;
  }
}

function containsOffset(doc: Document.Parsed, node: Node): boolean {
  const docRange = doc.range;
  const range = node.range;
  return range !== undefined && range !== null && range[0] >= docRange[0] && range[0] <= docRange[2];
}

function nodeRange(node: unknown): [number, number, number] | undefined {
  const range = (node as ParsedNode | undefined)?.range;
  return Array.isArray(range) ? range : undefined;
}

function countOccurrences(text: string, token: string): number {
  if (token.length === 0) return 0;
  let count = 0;
  for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) count++;
  return count;
}

/** Absent, or written empty (`ports:`, `~`, `null`): nothing to read. */
export function isEmptyNode(yaml: YamlFile, node: unknown): boolean {
  const resolved = yaml.resolve(node);
  return resolved == null || (isScalar(resolved) && resolved.value === null);
}

export { isMap, isScalar, isSeq };
