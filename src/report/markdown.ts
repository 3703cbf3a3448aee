// The pull-request view: a verdict a reviewer reads first, the new conflicts as a table,
// the existing ones folded away, then the diagnostics. Every repository string goes
// through escape.ts.
import { formatPortRange } from '../model/ports.js';
import { joinWithAnd } from '../model/words.js';
import type { Conflict, Diagnostic, Incomplete, Report, Severity, SourceLocation, Suggestion } from '../model/types.js';
import { ruleById } from '../rules/catalogue.js';
import { ruleDocsUrl } from '../rules/docs.js';
import { escapeMarkdownText, markdownCode, markdownLink } from './escape.js';
import {
  countConflicts,
  countOf,
  distinctProposals,
  formatDiagnosticLocation,
  formatLocation,
  formatPortProtocol,
  formatSeverityBreakdown,
  markedNewcomers,
  sortConflictsForDisplay,
} from './format.js';

export interface MarkdownOptions {
  /** The URL of a line, e.g. `/blob/<sha>/<path>#L<line>`; locations are plain code without it. */
  link?: (file: string, line: number) => string;
  /** Heading text (Markdown, not escaped); `''` leaves the heading out. Default `Portcullis`. */
  title?: string;
  /** Markdown sections (already escaped) that a reader must see right after the verdict. */
  notices?: readonly string[];
  /** Where the rules' docs are (see ruleDocsUrl): each rule name links to its entry; plain without it. */
  docsBase?: string;
}

const DEFAULT_TITLE = 'Portcullis';
const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: '❌', warning: '⚠️' };
const ALL_CLEAR = '✅ No port collisions.';

type Link = MarkdownOptions['link'];

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const sorted = sortConflictsForDisplay(report.conflicts);
  const fresh = sorted.filter((conflict) => conflict.status === 'new');
  const existing = sorted.filter((conflict) => conflict.status === 'existing');
  const sections = [...heading(options.title), renderMarkdownVerdict(report)];
  if (report.incomplete.length > 0) sections.push(...incompleteNotice(report.incomplete));
  sections.push(...(options.notices ?? []));
  if (fresh.length > 0) sections.push(conflictTable(report, fresh, options.link, options.docsBase));
  if (existing.length > 0) {
    sections.push(
      `<details>\n<summary>${countOf(existing.length, 'existing port collision')}</summary>`,
      conflictTable(report, existing, options.link, options.docsBase),
      '</details>',
    );
  }
  if (report.diagnostics.length > 0) {
    sections.push(
      `**${countOf(report.diagnostics.length, 'diagnostic')}**`,
      report.diagnostics.map((diagnostic) => diagnosticItem(diagnostic, options.link)).join('\n'),
    );
  }
  sections.push(statsFooter(report));
  return `${sections.join('\n\n')}\n`;
}

/** The comment for a pull request whose conflicts are gone. */
export function renderMarkdownAllClear(options: Pick<MarkdownOptions, 'title'> = {}): string {
  return `${[...heading(options.title), ALL_CLEAR].join('\n\n')}\n`;
}

/**
 * One line: how many new collisions, and the first of them in words
 * ("**1 new port collision**: `grafana-embed` takes 3002/tcp from `embed`; proposed 3003").
 */
export function renderMarkdownVerdict(report: Report): string {
  const counts = countConflicts(report.conflicts, report.diagnostics);
  const fresh = counts.newErrors + counts.newWarnings;
  if (fresh === 0 && report.incomplete.length > 0) {
    const existing = counts.existing === 0 ? '' : ` (${counts.existing} existing)`;
    return `⚠️ **Incomplete check**: no ${counts.existing === 0 ? '' : 'new '}port collisions in what could be read${existing}.`;
  }
  if (fresh === 0) {
    return counts.existing === 0 ? ALL_CLEAR : `✅ **No new port collisions** (${counts.existing} existing)`;
  }
  const first = sortConflictsForDisplay(report.conflicts)[0];
  const icon = SEVERITY_ICON[counts.newErrors > 0 ? 'error' : 'warning'];
  const breakdown = counts.newWarnings > 0 ? ` ${formatSeverityBreakdown(counts.newErrors, counts.newWarnings)}` : '';
  const more = fresh > 1 ? ` (+${fresh - 1} more)` : '';
  return `${icon} **${countOf(fresh, 'new port collision')}**${breakdown}: ${first ? describeConflict(first) : ''}${more}`;
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

const TABLE_HEADER = '| rule | port | scope | services | where | proposed |\n| --- | --- | --- | --- | --- | --- |';

function conflictTable(report: Report, conflicts: readonly Conflict[], link: Link, docsBase: string | undefined): string {
  return [TABLE_HEADER, ...conflicts.map((conflict) => conflictRow(conflict, markedNewcomers(report, conflict), link, docsBase))].join('\n');
}

const cellCode = (text: string): string => markdownCode(text, { inTable: true });

function conflictRow(conflict: Conflict, newcomers: ReadonlySet<string>, link: Link, docsBase: string | undefined): string {
  const docs = ruleDocsUrl(ruleById(conflict.rule), docsBase);
  const cells = [
    `${SEVERITY_ICON[conflict.severity]} ${docs === undefined ? conflict.rule : markdownLink(conflict.rule, docs)}`,
    formatPortProtocol(conflict.port, conflict.endPort, conflict.protocol),
    cellCode(conflict.scope),
    conflict.services
      .map((service) => (newcomers.has(service) ? `**${cellCode(service)}** (new)` : cellCode(service)))
      .join(', '),
    conflict.locations.map((location) => `${cellCode(location.service)}: ${locationReference(location, link)}`).join('<br>'),
    proposalCell(conflict, link),
  ];
  return `| ${cells.join(' | ')} |`;
}

function proposalCell(conflict: Conflict, link: Link): string {
  if (conflict.suggestions.length === 0) return '—';
  const onlyLocations = onlyLocationOfEachService(conflict);
  return conflict.suggestions
    .map((suggestion) => {
      const move = `${cellCode(suggestion.service)} → ${formatPortRange(suggestion.to, suggestion.toEnd)}`;
      if (suggestion.sharedWith !== undefined) {
        // An anchor or another shared literal: a rewrite would move the others too.
        return `${move}: override it on ${cellCode(suggestion.service)}; ${locationReference(suggestion, link)} is also ${suggestion.sharedWith.map(cellCode).join(', ')}'s`;
      }
      return onlyLocations.get(suggestion.service) === formatLocation(suggestion) ? move : `${move} at ${locationReference(suggestion, link)}`;
    })
    .join('<br>');
}

/**
 * The "where" column already shows a service's single location; a proposal elsewhere (the
 * place a shared variable is referenced) or one of several literals needs its own. Each
 * service with exactly one location, to that location, in one pass: a conflict can hold
 * thousands of services.
 */
function onlyLocationOfEachService(conflict: Conflict): Map<string, string | undefined> {
  const only = new Map<string, string | undefined>();
  for (const location of conflict.locations) only.set(location.service, only.has(location.service) ? undefined : formatLocation(location));
  return only;
}

function locationReference(location: SourceLocation, link: Link): string {
  const label = cellCode(formatLocation(location));
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
