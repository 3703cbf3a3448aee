// Port registries kept as Markdown documents (seeds 002 and 003): tables with a port and a
// service column, section rows and headings as categories, bullet lists, reserved blocks.
import type { Nodes, Root } from 'mdast';
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

export function extractMarkdownRegistry(file: SourceFile, budget?: ParseBudget): ExtractResult {
  try {
    // micromark drops a leading byte order mark: its offsets count from the character after it.
    const bom = file.text.startsWith('\ufeff') ? 1 : 0;
    const body = file.text.slice(bom);
    const positionInFile = textPositioner(file.text);
    const doc: MarkdownSource = { path: file.path, text: body, position: (offset) => positionInFile(offset + bom) };
    const refusal = markdownParseRefusal(body);
    if (refusal) {
      noteLimitHit('parse-budget');
      const message = `port registry: ${refusal.reason} for the Markdown parser (a fixed limit that no hand-kept registry reaches); not read`;
      return { bindings: [], diagnostics: [{ file: file.path, ...(refusal.line === undefined ? {} : { line: refusal.line }), severity: 'error', message }] };
    }
    const parsed = chargedParse(budget, () => fromMarkdown(body, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] }));
    if ('timeout' in parsed) return { bindings: [], diagnostics: [{ file: file.path, severity: 'warning', message: parsed.message }] };
    const tree = parsed.value;
    const reading = readDocument(tree, doc);
    const { bindings, registry } = claimsToRegistry(reading.claims, reading.categories);
    if (bindings.length === 0 && registry.reserved.length === 0 && registry.categories.length === 0) {
      const message = 'port registry: no table with a port and a service column, and no `- **port** - service` list';
      return { bindings, diagnostics: [...reading.diagnostics, { file: file.path, severity: 'warning', message }] };
    }
    return { bindings, diagnostics: reading.diagnostics, registry };
  } catch (error) {
    const message = `port registry: could not read the Markdown: ${error instanceof Error ? error.message : String(error)}`;
    return { bindings: [], diagnostics: [{ file: file.path, severity: 'error', message }] };
  }
}

interface DocumentReading {
  claims: Claim[];
  categories: RegistryCategory[];
  diagnostics: Diagnostic[];
}

/** Tables and list items in document order, each under the headings that precede it. */
function readDocument(root: Root, doc: MarkdownSource): DocumentReading {
  const reading: DocumentReading = { claims: [], categories: [], diagnostics: [] };
  const headings: Array<{ depth: number; section: Section; reserves: boolean }> = [];
  const context = (): SectionContext => ({ section: headings.at(-1)?.section, reserves: headings.some((heading) => heading.reserves) });
  const visit = (node: Nodes): void => {
    if (node.type === 'heading') {
      while ((headings.at(-1)?.depth ?? 0) >= node.depth) headings.pop();
      const text = mappedText(node.children, doc.text);
      const location = textStartLocation(text, doc, node.position?.start.offset ?? 0);
      headings.push({ depth: node.depth, section: { category: categoryLabel(text.text), location }, reserves: sectionReserves(text.text) });
      return;
    }
    if (node.type === 'table') {
      const table = readTable(node, context(), doc);
      reading.claims.push(...table.claims);
      reading.categories.push(...table.categories);
      reading.diagnostics.push(...table.diagnostics);
      return;
    }
    if (node.type === 'listItem') {
      const item = readListItem(node, context(), doc);
      if (item && isPortListProblem(item)) reading.diagnostics.push(portListDiagnostic(item));
      else if (item) reading.claims.push(item);
    }
    if (node.type === 'root' || node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') {
      for (const child of node.children) visit(child);
    }
  };
  visit(root);
  return reading;
}
