// The pull-request view, read in five seconds: one line that says what must be fixed, the
// new errors as a table (port, services, proposed fix), and everything else folded away:
// warnings, existing conflicts, diagnostics. Every repository string goes through escape.ts.
import { formatPortRange } from '../model/ports.js';
import { joinWithAnd } from '../model/words.js';
import type { Conflict, Diagnostic, Incomplete, Report, Severity, SourceLocation, Suggestion } from '../model/types.js';
import { ruleById } from '../rules/catalogue.js';
import { ruleDocsUrl } from '../rules/docs.js';
import { escapeMarkdownText, markdownCode, markdownLink } from './escape.js';
import { countConflicts, countOf, distinctProposals, formatDiagnosticLocation, formatPortProtocol, markedNewcomers, sortConflictsForDisplay } from './format.js';
import { proposedRegistryEntries, type RegistryEntry, type RegistryView, registryView } from './registryEntries.js';

export interface MarkdownOptions {
  /** The URL of a line, e.g. `/blob/<sha>/<path>#L<line>`; locations are plain code without it. */
  link?: (file: string, line: number) => string;
  /** Heading text (Markdown, not escaped); `''` leaves the heading out. Default `Portcullis`. */
  title?: string;
  /** Markdown sections (already escaped) that a reader must see: right after the table of what must be fixed. */
  notices?: readonly string[];
  /** Folded sections (`<details>` Markdown, already escaped) after the report's own, above the footer. */
  folds?: readonly string[];
  /** Where the rules' docs are (see ruleDocsUrl): each rule name links to its entry; plain without it. */
  docsBase?: string;
}

const DEFAULT_TITLE = 'Portcullis';
const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: '❌', warning: '⚠️' };
const ALL_CLEAR = '✅ No port collisions.';
const HOST_SCOPE = 'host';
const NO_BREAK_SPACE = '\u00A0';

type Link = MarkdownOptions['link'];

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const sorted = sortConflictsForDisplay(report.conflicts);
  const errors = sorted.filter((conflict) => conflict.status === 'new' && conflict.severity === 'error');
  const warnings = sorted.filter((conflict) => conflict.status === 'new' && conflict.severity === 'warning');
  const existing = sorted.filter((conflict) => conflict.status === 'existing');
  const tables: TableContext = { report, registry: registryView(report.bindings), link: options.link, docsBase: options.docsBase };
  const sections = [...heading(options.title), renderMarkdownVerdict(report)];
  if (report.incomplete.length > 0) sections.push(...incompleteNotice(report.incomplete));
  if (errors.length > 0) sections.push(conflictTable(errors, tables));
  sections.push(...(options.notices ?? []));
  if (warnings.length > 0) sections.push(...folded(`${countOf(warnings.length, 'warning')}: possible collisions, which do not fail the check`, conflictTable(warnings, tables)));
  if (existing.length > 0) sections.push(...folded(countOf(existing.length, 'existing port collision'), conflictTable(existing, { ...tables, showSeverity: true })));
  if (report.diagnostics.length > 0) {
    sections.push(...folded(countOf(report.diagnostics.length, 'diagnostic'), report.diagnostics.map((diagnostic) => diagnosticItem(diagnostic, options.link)).join('\n')));
  }
  sections.push(...(options.folds ?? []), statsFooter(report));
  return `${sections.join('\n\n')}\n`;
}

/** The comment for a pull request whose conflicts are gone. */
export function renderMarkdownAllClear(options: Pick<MarkdownOptions, 'title'> = {}): string {
  return `${[...heading(options.title), ALL_CLEAR].join('\n\n')}\n`;
}

/**
 * One line a reader can act on: how many new collisions must be fixed, then the other
 * counts apart ("❌ **2 new port collisions must be fixed** · 3 warnings · 1 existing").
 * A single collision is said in words too.
 */
export function renderMarkdownVerdict(report: Report): string {
  const counts = countConflicts(report.conflicts, report.diagnostics);
  const existing = counts.existing === 0 ? '' : ` · ${counts.existing} existing`;
  const warnings = counts.newWarnings === 0 ? '' : ` · ${countOf(counts.newWarnings, 'warning')}`;
  if (counts.newErrors > 0) {
    const first = sortConflictsForDisplay(report.conflicts)[0];
    const sentence = counts.newErrors === 1 && first !== undefined ? `: ${describeConflict(first)}` : '';
    return `❌ **${countOf(counts.newErrors, 'new port collision')} must be fixed**${sentence}${warnings}${existing}`;
  }
  if (report.incomplete.length > 0) {
    const found = counts.newWarnings + counts.existing === 0 ? 'no port collisions' : 'no new collision that must be fixed';
    return `⚠️ **Incomplete check**: ${found} in what could be read${warnings}${existing}`;
  }
  if (counts.newWarnings > 0) return `⚠️ **No new collision must be fixed**${warnings}${existing}`;
  return counts.existing === 0 ? ALL_CLEAR : `✅ **No new port collisions**${existing}`;
}

function heading(title: string | undefined): string[] {
  const text = title ?? DEFAULT_TITLE;
  return text === '' ? [] : [`### ${text}`];
}

// ---- The verdict's sentence ----

/** `` `grafana-embed` takes 3002/tcp from `embed`; proposed 3003 ``. */
export function describeConflict(conflict: Conflict): string {
  const claim = describeClaim(conflict);
  const proposals = distinctProposals(conflict.suggestions);
  return proposals.length === 0 ? claim : `${claim}; proposed ${describeProposals(proposals)}`;
}

function describeClaim(conflict: Conflict): string {
  const names = (services: readonly string[]): string => joinWithAnd(services.map((service) => markdownCode(service)));
  const port = formatPortProtocol(conflict.port, conflict.endPort, conflict.protocol);
  if (conflict.rule === 'registry-duplicate') return `the registry gives ${port} to ${names(conflict.services)}`;
  if (conflict.services.length < 2) {
    const { reason } = ruleById(conflict.rule);
    return `${names(conflict.services)} binds ${port}${reason === undefined ? '' : `, ${reason}`}`;
  }
  const newcomers = movingServices(conflict);
  const moving = new Set(newcomers);
  const holders = conflict.services.filter((service) => !moving.has(service));
  if (newcomers.length > 0 && holders.length > 0) {
    return `${names(newcomers)} ${newcomers.length === 1 ? 'takes' : 'take'} ${port} from ${names(holders)}`;
  }
  return `${names(conflict.services)} ${conflict.services.length === 2 ? 'both' : 'all'} bind ${port}`;
}

// The registry's owner keeps the port whatever the base says (without --base every claim is
// new); elsewhere the services that are new since the base are the ones taking it.
function movingServices(conflict: Conflict): string[] {
  const owners = new Set(conflict.bindings.filter((binding) => binding.kind === 'registry').map((binding) => binding.service));
  const others = conflict.services.filter((service) => !owners.has(service));
  if (conflict.rule === 'registry-conflict' && others.length < conflict.services.length) return others;
  const newServices = new Set(conflict.newServices);
  return conflict.services.filter((service) => newServices.has(service));
}

function describeProposals(proposals: readonly Suggestion[]): string {
  const oneService = new Set(proposals.map((proposal) => proposal.service)).size === 1;
  return proposals
    .map((proposal) => {
      const port = formatPortRange(proposal.to, proposal.toEnd);
      return oneService ? port : `${markdownCode(proposal.service)} → ${port}`;
    })
    .join(', ');
}

// ---- Tables ----

interface TableContext {
  report: Report;
  registry: RegistryView;
  link: Link;
  /** A table that mixes errors and warnings marks each row. */
  showSeverity?: boolean;
  docsBase?: string | undefined;
}

/**
 * Port, services, proposed fix: what a reader needs first, in columns narrow enough for a
 * comment. A service's places sit under its name rather than in a column of their own, and
 * the rule, and the scope where it is not the host, in small print under the port: a
 * `scope` column would cost a comment's table a fifth of its width to say `host` in most rows.
 */
function conflictTable(conflicts: readonly Conflict[], context: TableContext): string {
  const rows = conflicts.map((conflict) => {
    const cells = [portCell(conflict, context.showSeverity === true, context.docsBase), servicesCell(conflict, markedNewcomers(context.report, conflict), context.link), proposalCell(conflict, context)];
    return `| ${cells.join(' | ')} |`;
  });
  return ['| port | services | proposed fix |', '| --- | --- | --- |', ...rows].join('\n');
}

function folded(summary: string, body: string): string[] {
  return [foldedMarkdown(summary, body)];
}

/** A `<details>` section: `summary` and `body` are Markdown already escaped. */
export function foldedMarkdown(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

const cellCode = (text: string): string => markdownCode(text, { inTable: true });

/** `3002/tcp` with the rule, and a scope other than the host, beneath it in small print. */
function portCell(conflict: Conflict, showSeverity: boolean, docsBase: string | undefined): string {
  const port = formatPortProtocol(conflict.port, conflict.endPort, conflict.protocol);
  const docs = ruleDocsUrl(ruleById(conflict.rule), docsBase);
  const rule = docs === undefined ? conflict.rule : markdownLink(conflict.rule, docs);
  // Plain text, not code: a scope such as `pod:observability/node-exporter` may then wrap at its hyphens.
  const scope = conflict.scope === HOST_SCOPE ? '' : `<br>${escapeMarkdownText(conflict.scope)}`;
  return `${showSeverity ? `${SEVERITY_ICON[conflict.severity]} ` : ''}${port}<br><sub>${rule}${scope}</sub>`;
}

/**
 * Each service, the newcomers marked, with its places on the lines below: the column is then
 * as wide as the longest path, and what is left goes to the proposed fix.
 */
function servicesCell(conflict: Conflict, newcomers: ReadonlySet<string>, link: Link): string {
  const places = new Map<string, SourceLocation[]>();
  for (const location of conflict.locations) places.set(location.service, [...(places.get(location.service) ?? []), location]);
  return conflict.services
    .map((service) => {
      const name = newcomers.has(service) ? `**${cellCode(service)}** (new)` : cellCode(service);
      const at = places.get(service) ?? [];
      return at.length === 0 ? name : `${name}<br>${at.map((location) => lineReference(location, link)).join('<br>')}`;
    })
    .join('<br>');
}

/** Each proposal (`` `api` → 8081 ``), with its place when it is not the service's only one, then the registry lines to add. */
function proposalCell(conflict: Conflict, context: TableContext): string {
  const { link } = context;
  const onlyLocations = onlyLocationOfEachService(conflict);
  const moves = conflict.suggestions.map((suggestion) => {
    // No-break spaces: a narrow column wraps around the move, never inside it.
    const move = `${cellCode(suggestion.service)}${NO_BREAK_SPACE}→${NO_BREAK_SPACE}${formatPortRange(suggestion.to, suggestion.toEnd)}`;
    if (suggestion.sharedWith !== undefined) {
      // An anchor or another shared literal: a rewrite would move the others too.
      return `${move}: override it on ${cellCode(suggestion.service)}; ${lineReference(suggestion, link)} is also ${suggestion.sharedWith.map(cellCode).join(', ')}'s`;
    }
    return onlyLocations.get(suggestion.service) === formatLine(suggestion) ? move : `${move} at ${lineReference(suggestion, link)}`;
  });
  const parts = [...moves, ...registryAdditions(proposedRegistryEntries(conflict, context.registry), context)];
  return parts.length === 0 ? '—' : parts.join('<br>');
}

/**
 * `add to ports.yml:` and the lines, per registry file. The file by its name alone where no
 * other registry file has that name (a comment's column is narrow), linked to its last entry.
 */
function registryAdditions(entries: readonly RegistryEntry[], context: TableContext): string[] {
  const byFile = new Map<string, string[]>();
  for (const entry of entries) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), ...entry.lines]);
  return [...byFile].flatMap(([file, lines]) => {
    const name = file.slice(file.lastIndexOf('/') + 1);
    const unique = context.registry.files.filter((other) => other.slice(other.lastIndexOf('/') + 1) === name).length === 1;
    const label = cellCode(unique ? name : file);
    const last = context.registry.lastLines.get(file);
    const place = context.link && last !== undefined ? markdownLink(label, context.link(file, last)) : label;
    return [`add to ${place}:`, ...lines.map(cellCode)];
  });
}

/**
 * The services column already shows a service's single place; a proposal elsewhere (the
 * place a shared variable is referenced) or one of several literals needs its own. Each
 * service with exactly one location, to that location, in one pass: a conflict can hold
 * thousands of services.
 */
function onlyLocationOfEachService(conflict: Conflict): Map<string, string | undefined> {
  const only = new Map<string, string | undefined>();
  for (const location of conflict.locations) only.set(location.service, only.has(location.service) ? undefined : formatLine(location));
  return only;
}

/** `compose.yml:12`: a link goes to the line, and the review comment and annotation carry the column. */
function formatLine(location: SourceLocation): string {
  return `${location.file}:${location.line}`;
}

function lineReference(location: SourceLocation, link: Link): string {
  const label = cellCode(formatLine(location));
  return link ? markdownLink(label, link(location.file, location.line)) : label;
}

// ---- What the check could not see ----

/** Right below the verdict: an incomplete check is the first thing a reviewer must know. */
function incompleteNotice(incomplete: readonly Incomplete[]): string[] {
  return [
    `**The check is incomplete** (${countOf(incomplete.length, 'limit')} hit): what it could not read may hide a collision, so it fails the gate unless the workflow says \`incomplete: warn\`.`,
    incomplete.map((entry) => `- ${markdownCode(entry.reason)}: ${escapeMarkdownText(entry.message)}`).join('\n'),
  ];
}

// ---- Diagnostics and footer ----

function diagnosticItem(diagnostic: Diagnostic, link: Link): string {
  const label = markdownCode(formatDiagnosticLocation(diagnostic));
  const place = link && diagnostic.line !== undefined ? markdownLink(label, link(diagnostic.file, diagnostic.line)) : label;
  return `- ${SEVERITY_ICON[diagnostic.severity]} ${place}: ${escapeMarkdownText(diagnostic.message)}`;
}

function statsFooter(report: Report): string {
  const checked = `Checked ${countOf(report.stats.files, 'file')} (${countOf(report.stats.bindings, 'binding')}) in ${report.stats.durationMs} ms`;
  const base = report.base === null ? '' : ` against ${markdownCode(report.base)}`;
  return `<sub>${checked}${base}.</sub>`;
}
