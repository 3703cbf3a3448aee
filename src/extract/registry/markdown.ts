// Port registries kept as Markdown documents (seeds 002 and 003): tables with a port and a
// service column, section rows and headings as categories, bullet lists, reserved blocks.
import type { Nodes, Root, Table, TableRow } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Diagnostic, ExtractResult, Extractor, ParseBudget, RegistryCategory, SourceFile } from '../../model/types.js';
import { noteLimitHit } from '../limitsHit.js';
import { chargedParse } from '../parseBudget.js';
import {
  type Claim,
  claimsToRegistry,
  isPortListProblem,
  MARKDOWN_REGISTRY_FORMAT,
  type MarkdownSource,
  portListDiagnostic,
  type Section,
  type SectionContext,
  textStartLocation,
} from './markdownClaims.js';
import { categoryLabel, sectionReserves } from './markdownLabels.js';
import { markdownParseRefusal } from './markdownCost.js';
import { type MarkdownBlock, type MarkdownPiece, PIECE_SIZES, type PieceSizes, plainTableRows, splitMarkdown } from './markdownPieces.js';
import { readListItem } from './markdownList.js';
import { readTable } from './markdownTable.js';
import { mappedText } from './markdownText.js';
import { textPositioner } from '../textPositions.js';

const NAME_WORDS = new Set(['port', 'ports', 'service', 'services', 'registry', 'allocation', 'allocations', 'assignments', 'map']);

/**
 * Registries are auto-detected by a name that says so: `PORTS.md`, `SERVICE_PORTS_REGISTRY.md`,
 * `port-registry.md`, `PORT_ALLOCATIONS.md`: every word of the name is one of NAME_WORDS and
 * one of them is `port(s)`. A README that mentions ports documents them, it does not assign
 * them; a document with another name is read when named with `--registry`.
 */
export function isMarkdownRegistryPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const stem = base.endsWith('.md') ? base.slice(0, -3) : base.endsWith('.markdown') ? base.slice(0, -9) : undefined;
  if (!stem) return false;
  const words = stem.split(/[-_. ]+/);
  return words.some((word) => word === 'port' || word === 'ports') && words.every((word) => NAME_WORDS.has(word));
}

export const markdownRegistryExtractor: Extractor = {
  format: MARKDOWN_REGISTRY_FORMAT,
  matches: isMarkdownRegistryPath,
  extract: (file, context) => extractMarkdownRegistry(file, context.parseBudget),
};

export function extractMarkdownRegistry(file: SourceFile, budget?: ParseBudget, sizes: PieceSizes = PIECE_SIZES): ExtractResult {
  try {
    // micromark drops a leading byte order mark: its offsets count from the character after it.
    const bom = file.text.startsWith('\ufeff') ? 1 : 0;
    const body = file.text.slice(bom);
    const positionInFile = textPositioner(file.text);
    const refusal = markdownParseRefusal(body);
    const split = refusal ? undefined : splitMarkdown(body, sizes);
    const refused = refusal ?? (split && 'refused' in split ? { reason: split.refused, line: split.line } : undefined);
    if (refused || !split || 'refused' in split) {
      noteLimitHit('parse-budget');
      const message = `port registry: ${refused?.reason ?? 'unreadable'} for the Markdown parser (a fixed limit that no hand-kept registry reaches); not read`;
      return { bindings: [], diagnostics: [{ file: file.path, ...(refused?.line === undefined ? {} : { line: refused.line }), severity: 'error', message }] };
    }
    const reader = new DocumentReader();
    const sourceOf = (piece: MarkdownPiece): MarkdownSource => {
      // micromark drops a byte order mark that starts what it parses (a second one, after the
      // file's own): its offsets count from the character after it.
      const dropped = piece.text.startsWith('\ufeff') ? 1 : 0;
      return { path: file.path, text: piece.text.slice(dropped), position: (offset) => positionInFile(bom + piece.start + dropped + offset - piece.headerLength) };
    };
    for (const block of split.blocks) {
      const timeout = readBlock(block, reader, sourceOf, budget, sizes);
      if (timeout !== undefined) return { bindings: [], diagnostics: [{ file: file.path, severity: 'warning', message: timeout }] };
    }
    const reading = reader.reading;
    const { bindings, registry } = claimsToRegistry(reading.claims, reading.categories);
    if (bindings.length === 0 && registry.reserved.length === 0 && registry.categories.length === 0) {
      // A document named like a registry that holds none (notes about ports, say) is no
      // registry and nobody's mistake: declined, so said only where it is named as a registry.
      const message = 'port registry: no table with a port and a service column, and no `- **port** - service` list';
      return { bindings, diagnostics: [...reading.diagnostics, { file: file.path, severity: 'warning', message }], declined: true };
    }
    return { bindings, diagnostics: reading.diagnostics, registry };
  } catch (error) {
    const message = `port registry: could not read the Markdown: ${error instanceof Error ? error.message : String(error)}`;
    return { bindings: [], diagnostics: [{ file: file.path, severity: 'error', message }] };
  }
}

function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
}

/**
 * Parses and reads a block piece by piece; when its first piece does not end in the table the
 * cuts assumed (a header row that GFM does not take for one), the block whole. Returns the
 * parse budget's message when it ran out.
 */
function readBlock(block: MarkdownBlock, reader: DocumentReader, sourceOf: (piece: MarkdownPiece) => MarkdownSource, budget: ParseBudget | undefined, sizes: PieceSizes): string | undefined {
  const [first, ...rest] = block.pieces;
  if (!first) return undefined;
  const parsed = chargedParse(budget, () => parseMarkdown(first.text));
  if ('timeout' in parsed) return parsed.message;
  if (rest.length > 0 && !endsInTable(parsed.value, first.text)) {
    if (block.text.length > sizes.maxPiece) {
      noteLimitHit('parse-budget');
      throw new Error(`a table that GFM does not read as one runs past ${sizes.maxPiece / 1024} KiB (a fixed limit): not read`);
    }
    const whole: MarkdownPiece = { text: block.text, start: block.start, headerLength: 0, continuesTable: false };
    const again = chargedParse(budget, () => parseMarkdown(whole.text));
    if ('timeout' in again) return again.message;
    reader.read(again.value, sourceOf(whole), false);
    return undefined;
  }
  reader.read(parsed.value, sourceOf(first), first.continuesTable);
  for (const piece of rest) {
    if (piece.plainRows) {
      reader.readRows(plainTableRows(piece), sourceOf(piece));
      continue;
    }
    const next = chargedParse(budget, () => parseMarkdown(piece.text));
    if ('timeout' in next) return next.message;
    reader.read(next.value, sourceOf(piece), piece.continuesTable);
  }
  return undefined;
}

/** True when the last thing the text holds is a table. */
function endsInTable(root: Root, text: string): boolean {
  const last = root.children.at(-1);
  return last?.type === 'table' && text.slice(last.position?.end.offset ?? 0).trim() === '';
}

interface DocumentReading {
  claims: Claim[];
  categories: RegistryCategory[];
  diagnostics: Diagnostic[];
}

/** Tables and list items in document order, each under the headings that precede it, across the pieces of a document. */
class DocumentReader {
  readonly reading: DocumentReading = { claims: [], categories: [], diagnostics: [] };
  private readonly headings: Array<{ depth: number; section: Section; reserves: boolean }> = [];
  /** Where the last table read had got to (its section rows), for a piece that continues it. */
  private carried: SectionContext | undefined;
  /** The last table's header row: how the rows of a piece that continues it are read. */
  private header: TableRow | undefined;

  read(root: Root, doc: MarkdownSource, continuesTable: boolean): void {
    root.children.forEach((node, index) => {
      if (index === 0 && continuesTable && node.type === 'table') this.table(node, this.carried ?? this.context(), doc);
      else this.visit(node, doc);
    });
  }

  /** Rows that continue the last table, read without the parser. */
  readRows(rows: TableRow[], doc: MarkdownSource): void {
    if (this.header === undefined) return;
    this.table({ type: 'table', children: [this.header, ...rows] }, this.carried ?? this.context(), doc);
  }

  private context(): SectionContext {
    return { section: this.headings.at(-1)?.section, reserves: this.headings.some((heading) => heading.reserves) };
  }

  private table(node: Table, context: SectionContext, doc: MarkdownSource): void {
    const table = readTable(node, context, doc);
    this.reading.claims.push(...table.claims);
    this.reading.categories.push(...table.categories);
    this.reading.diagnostics.push(...table.diagnostics);
    this.carried = table.context;
    this.header = node.children[0];
  }

  private visit(node: Nodes, doc: MarkdownSource): void {
    if (node.type === 'heading') {
      while ((this.headings.at(-1)?.depth ?? 0) >= node.depth) this.headings.pop();
      const text = mappedText(node.children, doc.text);
      const location = textStartLocation(text, doc, node.position?.start.offset ?? 0);
      this.headings.push({ depth: node.depth, section: { category: categoryLabel(text.text), location }, reserves: sectionReserves(text.text) });
      return;
    }
    if (node.type === 'table') {
      this.table(node, this.context(), doc);
      return;
    }
    if (node.type === 'listItem') {
      const item = readListItem(node, this.context(), doc);
      if (item && isPortListProblem(item)) this.reading.diagnostics.push(portListDiagnostic(item));
      else if (item) this.reading.claims.push(item);
    }
    if (node.type === 'root' || node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') {
      for (const child of node.children) this.visit(child, doc);
    }
  }
}
