// Markdown tables as registries: `| Port | Service |` rows (either order, extra columns
// ignored) with section rows, and `| Range | Category |` tables of category ranges.
import type { Table, TableRow } from 'mdast';
import type { Diagnostic, RegistryCategory, SourceLocation } from '../../model/types.js';
import { parseProtocols } from './documentRegistry.js';
import {
  type Claim,
  isPortListProblem,
  locatePorts,
  type MarkdownSource,
  portListDiagnostic,
  type SectionContext,
  textStartLocation,
} from './markdownClaims.js';
import { categoryLabel, isBlank, isStruckOut, labelRange, normalizeHeader, sectionReserves, type TableLayout, tableLayout } from './markdownLabels.js';
import { type MappedText, mappedText } from './markdownText.js';

export interface TableReading {
  claims: Claim[];
  categories: RegistryCategory[];
  diagnostics: Diagnostic[];
  /** The section its rows had reached at its end: where rows that continue it start. */
  context: SectionContext;
}

export function readTable(table: Table, context: SectionContext, doc: MarkdownSource): TableReading {
  const [header, ...rows] = table.children;
  const layout = header ? tableLayout(header.children.map((cell) => normalizeHeader(mappedText(cell.children, doc.text).text))) : undefined;
  if (layout?.kind === 'registry') return readRegistryRows(rows, layout, context, doc);
  if (layout?.kind === 'categories') return { ...readCategoryRows(rows, layout, doc), context };
  return { claims: [], categories: [], diagnostics: [], context };
}

interface Cell {
  text: MappedText;
  offset: number;
}

function rowCells(row: TableRow, doc: MarkdownSource): Cell[] {
  return row.children.map((cell) => ({ text: mappedText(cell.children, doc.text), offset: cell.position?.start.offset ?? 0 }));
}

function textLocation(cell: Cell, doc: MarkdownSource): SourceLocation {
  return textStartLocation(cell.text, doc, cell.offset);
}

function readRegistryRows(rows: readonly TableRow[], layout: Extract<TableLayout, { kind: 'registry' }>, context: SectionContext, doc: MarkdownSource): TableReading {
  const reading: Omit<TableReading, 'context'> = { claims: [], categories: [], diagnostics: [] };
  let { section, reserves } = context;
  for (const row of rows) {
    const cells = rowCells(row, doc);
    const portCell = cells[layout.port];
    const label = cells[layout.service]?.text.text ?? '';
    if (!portCell || isStruckOut(portCell.text.text) || isStruckOut(label)) continue;
    const ports = isBlank(portCell.text.text) ? undefined : locatePorts(portCell.text, doc, portCell.offset);
    const filled = cells.filter((cell) => !isBlank(cell.text.text));
    const only = filled.length === 1 ? filled[0] : undefined;
    // `| **Main Services** | | |`: one filled cell that is not a port names the rows below it.
    if (only && (ports === undefined || (isPortListProblem(ports) && !ports.shaped))) {
      section = { category: categoryLabel(only.text.text), location: textLocation(only, doc) };
      reserves = context.reserves || sectionReserves(only.text.text);
      continue;
    }
    if (ports === undefined) continue;
    if (isPortListProblem(ports)) {
      // A cell without a digit (`TBD`, `dynamic`) says there is no port; one with digits is a typo.
      if (/\d/.test(portCell.text.text)) reading.diagnostics.push(portListDiagnostic(ports));
      continue;
    }
    const protocols = layout.protocol === undefined ? undefined : parseProtocols(cells[layout.protocol]?.text.text ?? '');
    reading.claims.push({ from: 'table', label, ports, protocols: protocols ?? ['tcp'], section, reservedBySection: reserves });
  }
  return { ...reading, context: { section, reserves } };
}

function readCategoryRows(rows: readonly TableRow[], layout: Extract<TableLayout, { kind: 'categories' }>, doc: MarkdownSource): Omit<TableReading, 'context'> {
  const reading: Omit<TableReading, 'context'> = { claims: [], categories: [], diagnostics: [] };
  for (const row of rows) {
    const cells = rowCells(row, doc);
    const rangeCell = cells[layout.range];
    const nameCell = cells[layout.category];
    if (!rangeCell || !nameCell) continue;
    const name = categoryLabel(nameCell.text.text).name;
    const range = labelRange(rangeCell.text.text);
    if (range && name) {
      reading.categories.push({ ...textLocation(nameCell, doc), name, range });
    } else if (!range && /\d/.test(rangeCell.text.text)) {
      reading.diagnostics.push({ ...textLocation(rangeCell, doc), severity: 'error', message: `port registry: \`${rangeCell.text.text.trim()}\` is not a port range` });
    }
  }
  return reading;
}
