// `portcullis ports`: every claim in the repository, grouped by where it runs (each machine,
// then each container, pod or cluster namespace), one row each, sorted by port, protocol and
// service so that neighbours on the same port sit together. A row says which stack starts
// the claim and whether it only may run there.
import { compareText } from '../model/order.js';
import { makeDisplayName } from '../model/service.js';
import { describeStacks } from '../model/stack.js';
import type { Binding } from '../model/types.js';
import { escapeMarkdownText, markdownCode, visibleControlChars, withoutWorkflowCommands } from './escape.js';
import { countOf, formatLocation, formatPortProtocol } from './format.js';
import { toJsonBinding } from './json.js';

interface InventoryRow {
  binding: Binding;
  service: string;
}

interface InventoryGroup {
  scope: string;
  rows: InventoryRow[];
}

/** Machines first (`host`, then named ones), then namespaces of their own (containers, pods, the cluster). */
function scopeOrder(scope: string): number {
  if (scope === 'host') return 0;
  return /^(?:container|pod|service):|^cluster$/.test(scope) ? 2 : 1;
}

/** The bindings in inventory order, each with the name the report shows for it. */
export function inventoryRows(bindings: readonly Binding[]): InventoryRow[] {
  const displayName = makeDisplayName(bindings);
  return bindings
    .map((binding) => ({ binding, service: displayName(binding) }))
    .sort(
      (a, b) =>
        scopeOrder(a.binding.scope) - scopeOrder(b.binding.scope) ||
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

function inventoryGroups(bindings: readonly Binding[]): InventoryGroup[] {
  const groups: InventoryGroup[] = [];
  for (const row of inventoryRows(bindings)) {
    const last = groups.at(-1);
    if (last?.scope === row.binding.scope) last.rows.push(row);
    else groups.push({ scope: row.binding.scope, rows: [row] });
  }
  return groups;
}

const COLUMNS = ['port', 'address', 'service', 'kind', 'format', 'stack', 'where'] as const;

interface InventoryCells {
  port: string;
  /** `*` is every address. */
  address: string;
  service: string;
  kind: string;
  format: string;
  runsIn: string;
  location: string;
  via: string | undefined;
}

/**
 * The stack that starts the claim (`Compose stack nlp/compose.yml, profiles gpu`), `-` for a
 * claim outside any stack (it meets them all), and `(maybe)` when it only may run there.
 */
function runsIn(binding: Binding): string {
  const stacks = binding.stacks === undefined ? '-' : describeStacks(binding.stacks).replace(/^the /, '');
  const profiles = binding.profiles === undefined ? '' : `, profiles ${binding.profiles.join(', ')}`;
  return `${stacks}${profiles}${binding.uncertain === undefined ? '' : ' (maybe)'}`;
}

function inventoryCells(row: InventoryRow): InventoryCells {
  const { binding } = row;
  return {
    port: formatPortProtocol(binding.port, binding.endPort, binding.protocol),
    address: binding.hostIp ?? '*',
    service: row.service,
    kind: binding.kind,
    format: binding.format,
    runsIn: runsIn(binding),
    location: formatLocation(binding),
    via: binding.via ? formatLocation(binding.via) : undefined,
  };
}

/** `host`, `container nlp/websocket`, `pod default/web`. */
function scopeHeading(scope: string): string {
  const colon = scope.indexOf(':');
  return colon < 0 ? scope : `${scope.slice(0, colon)} ${scope.slice(colon + 1)}`;
}

function summary(groups: readonly InventoryGroup[]): string {
  const bindings = groups.reduce((total, group) => total + group.rows.length, 0);
  return `${countOf(bindings, 'binding')} in ${countOf(groups.length, 'scope')}`;
}

export function renderInventoryText(bindings: readonly Binding[]): string {
  const groups = inventoryGroups(bindings);
  if (groups.length === 0) return 'No bindings found.\n';
  const table = groups.flatMap((group) => group.rows).map((row) => {
    const cells = inventoryCells(row);
    const where = cells.via === undefined ? cells.location : `${cells.location} (via ${cells.via})`;
    return [cells.port, cells.address, cells.service, cells.kind, cells.format, cells.runsIn, where].map(visibleControlChars);
  });
  const header = COLUMNS.map((column) => column.toUpperCase());
  const widths = COLUMNS.map((_, index) => Math.max(...[header, ...table].map((cells) => (cells[index] ?? '').length)));
  const line = (cells: readonly string[]) => `  ${cells.map((cell, index) => (index === COLUMNS.length - 1 ? cell : cell.padEnd(widths[index] ?? 0))).join('  ')}`;
  const sections: string[] = [];
  let next = 0;
  for (const group of groups) {
    const rows = table.slice(next, next + group.rows.length);
    next += group.rows.length;
    sections.push([visibleControlChars(scopeHeading(group.scope)), line(header), ...rows.map(line)].join('\n'));
  }
  return withoutWorkflowCommands(`${summary(groups)}\n\n${sections.join('\n\n')}\n`);
}

export function renderInventoryMarkdown(bindings: readonly Binding[]): string {
  const groups = inventoryGroups(bindings);
  if (groups.length === 0) return 'No bindings found.\n';
  const code = (text: string): string => markdownCode(text, { inTable: true });
  const sections = groups.map((group) => {
    const lines = [
      `### ${escapeMarkdownText(scopeHeading(group.scope))}`,
      '',
      `| ${COLUMNS.join(' | ')} |`,
      `|${COLUMNS.map(() => ' --- |').join('')}`,
      ...group.rows.map((row) => {
        const cells = inventoryCells(row);
        const where = cells.via === undefined ? code(cells.location) : `${code(cells.location)} (via ${code(cells.via)})`;
        const markdownCells = [cells.port, code(cells.address), code(cells.service), cells.kind, cells.format, escapeMarkdownText(cells.runsIn), where];
        return `| ${markdownCells.join(' | ')} |`;
      }),
    ];
    return lines.join('\n');
  });
  return `**${summary(groups)}**\n\n${sections.join('\n\n')}\n`;
}

export function renderInventoryJson(bindings: readonly Binding[]): string {
  const json = { schemaVersion: 1, bindings: inventoryRows(bindings).map((row) => toJsonBinding(row.binding, row.service)) };
  return `${JSON.stringify(json, null, 2)}\n`;
}
