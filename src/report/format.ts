// Plain-text pieces every renderer shares, so a port or a location reads the same in the
// terminal, on the pull request and in SARIF.
import { formatPortRange } from '../model/ports.js';
import { joinWithAnd } from '../model/words.js';
import type { Conflict, Diagnostic, Protocol, Report, SourceLocation, Suggestion } from '../model/types.js';

/** `3002/tcp`, `9090-9091/udp`. */
export function formatPortProtocol(port: number, endPort: number, protocol: Protocol): string {
  return `${formatPortRange(port, endPort)}/${protocol}`;
}

/** `compose.yml:12:9`: the form editors and terminals turn into a jump. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** A diagnostic's place with as much precision as it has: `file:line:col`, `file:line` or `file`. */
export function formatDiagnosticLocation(diagnostic: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (diagnostic.line === undefined) return diagnostic.file;
  return diagnostic.column === undefined
    ? `${diagnostic.file}:${diagnostic.line}`
    : `${diagnostic.file}:${diagnostic.line}:${diagnostic.column}`;
}

/**
 * The services a report marks as newcomers. Without a base every service is new, so a mark
 * would tell a reader nothing and call a registry's owner new: only a comparison marks them.
 */
export function markedNewcomers(report: Pick<Report, 'base'>, conflict: Pick<Conflict, 'newServices'>): ReadonlySet<string> {
  return new Set(report.base === null ? [] : conflict.newServices);
}

/** `1 error`, `2 errors`. */
export function countOf(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export interface ConflictCounts {
  newErrors: number;
  newWarnings: number;
  existing: number;
  diagnostics: number;
}

export function countConflicts(conflicts: readonly Conflict[], diagnostics: readonly Diagnostic[]): ConflictCounts {
  const fresh = conflicts.filter((conflict) => conflict.status === 'new');
  return {
    newErrors: fresh.filter((conflict) => conflict.severity === 'error').length,
    newWarnings: fresh.filter((conflict) => conflict.severity === 'warning').length,
    existing: conflicts.length - fresh.length,
    diagnostics: diagnostics.length,
  };
}

/** `(2 errors, 1 warning)`: the parts that are not zero. */
export function formatSeverityBreakdown(errors: number, warnings: number): string {
  const parts = [errors > 0 ? countOf(errors, 'error') : '', warnings > 0 ? countOf(warnings, 'warning') : ''];
  return `(${parts.filter((part) => part !== '').join(', ')})`;
}

/**
 * What a reader must act on comes first: new before existing, errors before warnings.
 * The sort is stable, so the pipeline's own order holds within each group.
 */
export function sortConflictsForDisplay(conflicts: readonly Conflict[]): Conflict[] {
  const rank = (conflict: Conflict): number =>
    (conflict.status === 'new' ? 0 : 2) + (conflict.severity === 'error' ? 0 : 1);
  return [...conflicts].sort((a, b) => rank(a) - rank(b));
}

/** One proposal per service and target: a service with two literals of one port moves once in prose. */
export function distinctProposals(suggestions: readonly Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return suggestions.filter((suggestion) => {
    const key = JSON.stringify([suggestion.service, suggestion.to, suggestion.toEnd]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `move api to 8081 at compose.yml:9:10`; for a literal that a staying service also reads,
 * the fix in words: `move web to 8081: its port at compose.yml:4:8 is also api's, so give web
 * a port of its own instead of editing it`.
 */
export function describeProposal(suggestion: Suggestion): string {
  const move = `move ${suggestion.service} to ${formatPortRange(suggestion.to, suggestion.toEnd)}`;
  if (suggestion.sharedWith === undefined) return `${move} at ${formatLocation(suggestion)}`;
  return `${move}: its port at ${formatLocation(suggestion)} is also ${joinWithAnd(suggestion.sharedWith)}'s, so give ${suggestion.service} a port of its own instead of editing it`;
}
