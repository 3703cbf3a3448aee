// `portcullis ports`: every claim in the repository, one row each, sorted by scope, port,
// protocol and service so that neighbours on the same port sit together.
import { compareText } from '../model/order.js';
import { makeDisplayName } from '../model/service.js';
import type { Binding } from '../model/types.js';
import { markdownCode, visibleControlChars, withoutWorkflowCommands } from './escape.js';
import { countOf, formatLocation, formatPortProtocol } from './format.js';
import { toJsonBinding } from './json.js';

interface InventoryRow {
  binding: Binding;
  service: string;
}

/** The bindings in inventory order, each with the name the report shows for it. */
export function inventoryRows(bindings: readonly Binding[]): InventoryRow[] {
  const displayName = makeDisplayName(bindings);
  return bindings
    .map((binding) => ({ binding, service: displayName(binding) }))
    .sort(
      (a, b) =>
        compareText(a.binding.scope, b.binding.scope) ||
        a.binding.port - b.binding.port ||
        a.binding.endPort - b.binding.endPort ||
        compareText(a.binding.protocol, b.binding.protocol) ||
        compareText(a.service, b.service) ||
        compareText(a.binding.file, b.binding.file) ||
        a.binding.line - b.binding.line ||
        a.binding.column - b.binding.column,
    );
}

const COLUMNS = ['scope', 'port', 'address', 'service', 'kind', 'format', 'where'] as const;

interface InventoryCells {
  scope: string;
  port: string;
  /** `*` is every address. */
  address: string;
  service: string;
  kind: string;
  format: string;
  location: string;
  via: string | undefined;
}

function inventoryCells(row: InventoryRow): InventoryCells {
  const { binding } = row;
  return {
    scope: binding.scope,
    port: formatPortProtocol(binding.port, binding.endPort, binding.protocol),
    address: binding.hostIp ?? '*',
    service: row.service,
    kind: binding.kind,
    format: binding.format,
    location: formatLocation(binding),
    via: binding.via ? formatLocation(binding.via) : undefined,
  };
}

function summary(rows: readonly InventoryRow[]): string {
  const scopes = new Set(rows.map((row) => row.binding.scope)).size;
  return `${countOf(rows.length, 'binding')} in ${countOf(scopes, 'scope')}`;
}

export function renderInventoryText(bindings: readonly Binding[]): string {
  const rows = inventoryRows(bindings);
  if (rows.length === 0) return 'No bindings found.\n';
  const table = [
    COLUMNS.map((column) => column.toUpperCase()),
    ...rows.map((row) => {
      const cells = inventoryCells(row);
      const where = cells.via === undefined ? cells.location : `${cells.location} (via ${cells.via})`;
      return [cells.scope, cells.port, cells.address, cells.service, cells.kind, cells.format, where].map(visibleControlChars);
    }),
  ];
  const widths = COLUMNS.map((_, index) => Math.max(...table.map((cells) => (cells[index] ?? '').length)));
  const lines = table.map((cells) =>
    cells.map((cell, index) => (index === COLUMNS.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  '),
  );
  return withoutWorkflowCommands(`${summary(rows)}\n\n${lines.join('\n')}\n`);
}

export function renderInventoryMarkdown(bindings: readonly Binding[]): string {
  const rows = inventoryRows(bindings);
  if (rows.length === 0) return 'No bindings found.\n';
  const code = (text: string): string => markdownCode(text, { inTable: true });
  const lines = [
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => ' --- |').join('')}`,
    ...rows.map((row) => {
      const cells = inventoryCells(row);
      const where = cells.via === undefined ? code(cells.location) : `${code(cells.location)} (via ${code(cells.via)})`;
      const markdownCells = [code(cells.scope), cells.port, code(cells.address), code(cells.service), cells.kind, cells.format, where];
      return `| ${markdownCells.join(' | ')} |`;
    }),
  ];
  return `**${summary(rows)}**\n\n${lines.join('\n')}\n`;
}

export function renderInventoryJson(bindings: readonly Binding[]): string {
  const json = { schemaVersion: 1, bindings: inventoryRows(bindings).map((row) => toJsonBinding(row.binding, row.service)) };
  return `${JSON.stringify(json, null, 2)}\n`;
}
