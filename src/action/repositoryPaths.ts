// The check names files from its root (the working directory); GitHub names them from the
// repository's top. These translate between the two for a root at `prefix` (`services/api`,
// or '' when the root is the top, where both are the same).
import type { Binding, Conflict, Diagnostic, Report, SourceLocation } from '../model/types.js';

/** A root-relative path as GitHub names it. */
export function repositoryPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  return path === '.' ? prefix : `${prefix}/${path}`;
}

/** A repository path as the check names it, or undefined for a path outside the root. */
export function rootPath(prefix: string, path: string): string | undefined {
  if (prefix === '') return path;
  return path.startsWith(`${prefix}/`) ? path.slice(prefix.length + 1) : undefined;
}

/**
 * The report with every path as GitHub names it: locations, proposals, bindings,
 * diagnostics, and the `service (file:line)` places that messages quote.
 */
export function reportInRepository(report: Report, prefix: string): Report {
  if (prefix === '') return report;
  const place = <T extends SourceLocation>(location: T): T => ({ ...location, file: repositoryPath(prefix, location.file) });
  const binding = (claim: Binding): Binding => ({ ...place(claim), ...(claim.via === undefined ? {} : { via: place(claim.via) }) });
  return {
    ...report,
    bindings: report.bindings.map(binding),
    conflicts: report.conflicts.map(
      (conflict): Conflict => ({
        ...conflict,
        locations: conflict.locations.map(place),
        suggestions: conflict.suggestions.map(place),
        bindings: conflict.bindings.map(binding),
        message: messageInRepository(conflict, prefix),
      }),
    ),
    diagnostics: report.diagnostics.map((diagnostic): Diagnostic => ({ ...diagnostic, file: repositoryPath(prefix, diagnostic.file) })),
  };
}

/** Messages name claims as `service (file:line)`: each group that names a file of the conflict gets the prefix. */
function messageInRepository(conflict: Conflict, prefix: string): string {
  const files = new Set(conflict.bindings.flatMap((claim) => (claim.via === undefined ? [claim.file] : [claim.file, claim.via.file])));
  return conflict.message.replace(/\(([^()]*):(\d+)\)/g, (group, file: string, line: string) => (files.has(file) ? `(${repositoryPath(prefix, file)}:${line})` : group));
}
