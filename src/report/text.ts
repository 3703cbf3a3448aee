// The terminal report: the verdict first, then one block per conflict with every place to
// look at and the edit that fixes it, then the diagnostics.
import type { Conflict, Diagnostic, Incomplete, Report, Severity } from '../model/types.js';
import { visibleControlChars, withoutWorkflowCommands } from './escape.js';
import {
  countConflicts,
  countOf,
  type ConflictCounts,
  describeProposal,
  formatDiagnosticLocation,
  formatLocation,
  formatPortProtocol,
  formatSeverityBreakdown,
  markedNewcomers,
  sortConflictsForDisplay,
} from './format.js';

export interface TextOptions {
  /** ANSI colors; off unless asked, so piped output stays plain. */
  color?: boolean;
}

type Paint = (text: string) => string;

interface Palette {
  severity: (severity: Severity) => Paint;
  newcomer: Paint;
  proposal: Paint;
  dim: Paint;
}

function ansi(code: string, enabled: boolean): Paint {
  return enabled ? (text) => `\u001b[${code}m${text}\u001b[0m` : (text) => text;
}

function palette(color: boolean): Palette {
  const error = ansi('1;31', color);
  const warning = ansi('1;33', color);
  return {
    severity: (severity) => (severity === 'error' ? error : warning),
    newcomer: ansi('1', color),
    proposal: ansi('32', color),
    dim: ansi('2', color),
  };
}

/** `2 new port collisions (1 error, 1 warning), 1 existing; 3 diagnostics`. */
export function formatTextVerdict(counts: ConflictCounts): string {
  const fresh = counts.newErrors + counts.newWarnings;
  let verdict: string;
  if (fresh === 0 && counts.existing === 0) verdict = 'No port collisions';
  else if (fresh === 0) verdict = `No new port collisions, ${counts.existing} existing`;
  else {
    verdict = `${countOf(fresh, 'new port collision')} ${formatSeverityBreakdown(counts.newErrors, counts.newWarnings)}`;
    if (counts.existing > 0) verdict += `, ${counts.existing} existing`;
  }
  return counts.diagnostics > 0 ? `${verdict}; ${countOf(counts.diagnostics, 'diagnostic')}` : verdict;
}

export function renderText(report: Report, options: TextOptions = {}): string {
  const paint = palette(options.color === true);
  const verdict = formatTextVerdict(countConflicts(report.conflicts, report.diagnostics));
  const sections = [report.incomplete.length === 0 ? verdict : `${verdict}; ${paint.severity('error')(`INCOMPLETE: ${countOf(report.incomplete.length, 'limit')} hit`)}`];
  if (report.incomplete.length > 0) sections.push(report.incomplete.map((entry) => incompleteLine(entry, paint)).join('\n'));
  for (const conflict of sortConflictsForDisplay(report.conflicts)) sections.push(conflictBlock(conflict, markedNewcomers(report, conflict), paint));
  if (report.diagnostics.length > 0) {
    sections.push(report.diagnostics.map((diagnostic) => diagnosticLine(diagnostic, paint)).join('\n'));
  }
  sections.push(paint.dim(statsLine(report)));
  return withoutWorkflowCommands(`${sections.join('\n\n')}\n`);
}

/** `incomplete (file-size): 2 files larger than ...`: what the check did not see. */
function incompleteLine(entry: Incomplete, paint: Palette): string {
  return `${paint.severity('error')('incomplete')} (${entry.reason}): ${visibleControlChars(entry.message)}`;
}

function conflictBlock(conflict: Conflict, newcomers: ReadonlySet<string>, paint: Palette): string {
  const text = visibleControlChars;
  const services = conflict.services.map((service) =>
    newcomers.has(service) ? paint.newcomer(`${text(service)} (new)`) : text(service),
  );
  const lines = [
    `${paint.severity(conflict.severity)(conflict.severity)}: ${conflict.rule} on ${formatPortProtocol(conflict.port, conflict.endPort, conflict.protocol)} in ${text(conflict.scope)} (${conflict.status})`,
    `  ${text(conflict.message)}`,
    `  services: ${services.join(', ')}`,
    ...conflict.locations.map((location) => `  at ${text(formatLocation(location))} (${text(location.service)})`),
    ...conflict.suggestions.map((suggestion) => paint.proposal(`  ${text(describeProposal(suggestion))}`)),
  ];
  return lines.join('\n');
}

function diagnosticLine(diagnostic: Diagnostic, paint: Palette): string {
  const severity = paint.severity(diagnostic.severity)(diagnostic.severity);
  return `${visibleControlChars(formatDiagnosticLocation(diagnostic))}: ${severity}: ${visibleControlChars(diagnostic.message)}`;
}

function statsLine(report: Report): string {
  const checked = `Checked ${countOf(report.stats.files, 'file')} (${countOf(report.stats.bindings, 'binding')}) in ${report.stats.durationMs} ms`;
  return report.base === null ? `${checked}.` : `${checked} against ${visibleControlChars(report.base)}.`;
}
