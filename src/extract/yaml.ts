// Shared YAML access for the extractors: the `yaml` package's AST with exact positions.
// Documents are walked as nodes, never turned into JS with toJS(), so an alias bomb costs
// only the aliases actually followed, and those are counted against a budget.
import {
  type Alias,
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type ParsedNode,
  Parser,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
  visit,
} from 'yaml';
import type { Diagnostic, SourceLocation } from '../model/types.js';
import { noteLimitHit } from './limitsHit.js';
import { type Positioner, textPositioner } from './textPositions.js';

/** How many alias dereferences one file may cost before it is abandoned. */
export const MAX_ALIAS_RESOLUTIONS = 1000;
/** How deep a walk may go: deeper documents are hostile or broken. */
export const MAX_YAML_DEPTH = 64;
/**
 * How deeply a file's collections may nest before it is not parsed at all. The `yaml`
 * package builds documents recursively and reports a stack overflow as a parse error at
 * whatever depth the stack ran out, which varies from run to run; far below that, a fixed
 * limit gives every run the same answer.
 */
export const MAX_YAML_NESTING = 256;

export class AliasBudgetExceeded extends Error {}

export interface YamlFile {
  readonly path: string;
  readonly text: string;
  readonly documents: Document.Parsed[];
  /** Syntax errors, recovery notes and duplicate keys. */
  readonly diagnostics: Diagnostic[];
  /** True when the text is not well-formed YAML (a duplicate key is well-formed, though forbidden). */
  readonly malformed: boolean;
  /** The duplicate keys among the diagnostics: readers that validate with zod report them by path instead. */
  readonly duplicateKeys: readonly Diagnostic[];
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

/** A text mended so that `yaml` reads what another tool accepts, by indenting some of its lines. */
export interface YamlRepair {
  text: string;
  note: string;
  /** Spaces put in front of lines (by 1-based line number): positions are reported without them. */
  indented: ReadonlyMap<number, number>;
}

export interface ParseYamlOptions {
  /** A recovery for what Compose accepts and `yaml` rejects; returns repaired text or undefined. */
  repair?: (text: string, errors: readonly Diagnostic[]) => YamlRepair | undefined;
}

export function parseYaml(path: string, text: string, options: ParseYamlOptions = {}): YamlFile {
  let parsed = parseDocuments(path, text);
  // Node ranges index the text that was parsed: after a repair, that is the repaired text.
  let source = text;
  if (parsed.errors.length > 0 && options.repair) {
    const repaired = options.repair(text, parsed.errors);
    if (repaired) {
      const second = parseDocuments(path, repaired.text);
      if (second.errors.length === 0) {
        source = repaired.text;
        const first = parsed.errors[0];
        parsed = {
          ...second,
          position: withoutIndentation(second.position, repaired.indented),
          errors: [],
          damage: [],
          notes: [{ file: path, ...(first?.line === undefined ? {} : { line: first.line }), severity: 'warning', message: repaired.note }],
        };
      }
    }
  }
  const duplicates = duplicateKeys(path, parsed.documents, parsed.position);
  return new YamlFileImpl(path, source, parsed.documents, parsed.position, [...parsed.errors, ...parsed.notes, ...duplicates], parsed.damage, parsed.errors.length > 0, duplicates);
}

/**
 * A key written twice in one mapping. The `yaml` package reports it only with uniqueKeys,
 * as an error that stops nothing but marks the document damaged; Compose, kubectl and
 * process-compose (Go's yaml.v3) refuse the file. Said at the second key, and the file is
 * read all the same: a duplicate must not hide the claims around it. Merge keys (`<<`) may
 * repeat.
 */
function duplicateKeys(path: string, documents: readonly Document.Parsed[], position: Positioner): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const document of documents) {
    visit(document, {
      Map: (_key, map) => {
        const first = new Map<string, number>();
        for (const pair of map.items) {
          const key = isScalar(pair.key) ? pair.key : undefined;
          const offset = key?.range?.[0];
          if (key === undefined || offset === undefined || key.value === '<<') continue;
          const name = String(key.value);
          const earlier = first.get(name);
          if (earlier === undefined) {
            first.set(name, offset);
            continue;
          }
          found.push({
            file: path,
            ...position(offset),
            severity: 'error',
            message: `duplicate key ${JSON.stringify(name)} (first on line ${position(earlier).line}): YAML forbids it, and Docker Compose and kubectl refuse the file`,
          });
        }
      },
    });
  }
  return found;
}

interface ParsedYaml {
  documents: Document.Parsed[];
  position: Positioner;
  errors: Diagnostic[];
  notes: Diagnostic[];
  /** Offsets of the parse errors, in order. */
  damage: number[];
}

// Positions come from the text, not from the `yaml` package's LineCounter: its error recovery
// can skip a line break without counting it (a block scalar cut short by a bad indentation),
// and every position after it would then lie on a line that does not exist.
function parseDocuments(path: string, text: string): ParsedYaml {
  const position = textPositioner(text);
  const tokens = Array.from(new Parser().parse(text));
  const tooDeep = firstCollectionBeyond(tokens, MAX_YAML_NESTING);
  if (tooDeep !== undefined) {
    noteLimitHit('parse-budget');
    const message = `YAML nested more than ${MAX_YAML_NESTING} levels deep: the file is not read (a fixed limit; no configuration nests this deep)`;
    return { documents: [], position, errors: [{ file: path, ...position(tooDeep), severity: 'error', message }], notes: [], damage: [] };
  }
  const list = Array.from(new Composer({ uniqueKeys: false, strict: false }).compose(tokens, true, text.length));
  const errors: Diagnostic[] = [];
  const damage: number[] = [];
  for (const doc of list) {
    for (const error of doc.errors) {
      errors.push({ file: path, ...position(error.pos[0]), severity: 'error', message: `invalid YAML: ${firstLine(error.message)}` });
      damage.push(error.pos[0]);
    }
  }
  return { documents: list, position, errors, notes: [], damage: damage.sort((a, b) => a - b) };
}

/** Positions in a repaired text, as the columns of the file as written (before its lines were indented). */
function withoutIndentation(position: Positioner, indented: ReadonlyMap<number, number>): Positioner {
  return (offset) => {
    const { line, column } = position(offset);
    return { line, column: Math.max(1, column - (indented.get(line) ?? 0)) };
  };
}

/** Offset of the first collection nested deeper than `limit`, walking the syntax tree with a stack of its own. */
function firstCollectionBeyond(tokens: readonly CST.Token[], limit: number): number | undefined {
  const pending: Array<[token: CST.Token | undefined, depth: number]> = tokens.map((token) => [token, 0]);
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [token, depth] = next;
    if (token?.type === 'document') pending.push([token.value, depth]);
    if (token?.type !== 'block-map' && token?.type !== 'block-seq' && token?.type !== 'flow-collection') continue;
    if (depth >= limit) return token.offset;
    for (const item of token.items) pending.push(['key' in item ? (item.key ?? undefined) : undefined, depth + 1], [item.value, depth + 1]);
  }
  return undefined;
}

function firstLine(message: string): string {
  const line = message.split('\n', 1)[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Where each anchor is defined in a document, in document order. */
type AnchorIndex = Map<string, Array<{ offset: number; node: Node }>>;

class YamlFileImpl implements YamlFile {
  private aliasesFollowed = 0;
  private readonly anchorIndexes = new Map<Document.Parsed, AnchorIndex>();

  constructor(
    readonly path: string,
    readonly text: string,
    readonly documents: Document.Parsed[],
    private readonly positionOf: Positioner,
    readonly diagnostics: Diagnostic[],
    private readonly damage: readonly number[],
    readonly malformed: boolean,
    readonly duplicateKeys: readonly Diagnostic[],
  ) {}

  resolve(node: unknown): unknown {
    let current = node;
    for (let hops = 0; isAlias(current); hops++) {
      if (++this.aliasesFollowed > MAX_ALIAS_RESOLUTIONS || hops > MAX_YAML_DEPTH) {
        noteLimitHit('alias-expansion');
        throw new AliasBudgetExceeded(`more than ${MAX_ALIAS_RESOLUTIONS} YAML aliases followed`);
      }
      current = this.anchored(current);
    }
    return current;
  }

  /**
   * The node an alias names: the last node before it with that anchor, as YAML says and as
   * the `yaml` package's own Alias.resolve finds it. That one walks the whole document up to
   * the alias on every call, which a file of many aliases turns quadratic; the index is one
   * walk per document, made on the first alias.
   */
  private anchored(alias: Alias): Node | undefined {
    const doc = this.documents.find((d) => d.contents !== null && containsOffset(d, alias));
    if (!doc) return undefined;
    let index = this.anchorIndexes.get(doc);
    if (!index) this.anchorIndexes.set(doc, (index = anchorIndex(doc)));
    const at = alias.range?.[0] ?? 0;
    let found: Node | undefined;
    for (const anchor of index.get(alias.source) ?? []) if (anchor.offset < at) found = anchor.node;
    return found;
  }

  get(map: unknown, key: string): unknown {
    for (const [k, value] of this.entries(map)) if (k === key) return value;
    return undefined;
  }

  entries(map: unknown, depth = 0): Array<[string, unknown, unknown]> {
    const resolved = this.resolve(map);
    if (!isMap(resolved)) return [];
    if (depth > MAX_YAML_DEPTH) {
      noteLimitHit('parse-budget');
      return [];
    }
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
    return this.positionOf(offset);
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

  /**
   * True when a parse error lies within the scalar (its end included): what the parser
   * recovered there is guesswork (an unterminated `"2000:2000` at the end of a file reads as
   * `2000:200`), so it has no value to read.
   */
  private isDamaged(scalar: Scalar): boolean {
    const range = nodeRange(scalar);
    if (this.damage.length === 0 || !range) return false;
    let low = 0;
    let high = this.damage.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.damage[mid] ?? 0) < range[0]) low = mid + 1;
      else high = mid;
    }
    return (this.damage[low] ?? Number.POSITIVE_INFINITY) <= range[2];
  }

  scalarText(node: unknown): string | undefined {
    const resolved = this.resolve(node);
    if (!isScalar(resolved) || this.isDamaged(resolved)) return undefined;
    const value = resolved.value;
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
      // Keep what was written (`08080`, `0x1F90`), so validation sees the literal.
      return typeof resolved.source === 'string' ? resolved.source : String(value);
    }
    return value === null ? undefined : undefined;
  }
}

function anchorIndex(doc: Document.Parsed): AnchorIndex {
  const index: AnchorIndex = new Map();
  visit(doc, {
    Node: (_key, node) => {
      const offset = node.range?.[0];
      if (!node.anchor || offset === undefined) return;
      const list = index.get(node.anchor);
      if (list) list.push({ offset, node });
      else index.set(node.anchor, [{ offset, node }]);
    },
  });
  return index;
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
