// The JSON report, schema version 1 (DESIGN.md). Objects are built key by key, so the key
// order is the documented one and no internal fact (stack, project, variable...) leaks out.
import { makeDisplayName } from '../model/service.js';
import type {
  Binding,
  BindingKind,
  Conflict,
  Diagnostic,
  Incomplete,
  Protocol,
  Report,
  Severity,
  SourceLocation,
} from '../model/types.js';

export interface JsonBinding {
  service: string;
  port: number;
  endPort: number;
  protocol: Protocol;
  hostIp: string | null;
  scope: string;
  kind: BindingKind;
  format: string;
  file: string;
  line: number;
  column: number;
  via?: SourceLocation | undefined;
}

/** A conflict as the report shows it: everything but the bindings behind it. */
export type JsonConflict = Omit<Conflict, 'bindings'>;

export interface JsonDiagnostic {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  severity: Severity;
  message: string;
}

export interface JsonReport {
  schemaVersion: 1;
  base: string | null;
  stats: { files: number; bindings: number; durationMs: number };
  bindings: JsonBinding[];
  conflicts: JsonConflict[];
  diagnostics: JsonDiagnostic[];
  /** Why the check did not see everything; empty when it did. */
  incomplete: Incomplete[];
}

/** The report as the plain object that `renderJson` serializes. */
export function toJsonReport(report: Report): JsonReport {
  const displayName = makeDisplayName(report.bindings);
  return {
    schemaVersion: 1,
    base: report.base,
    stats: { files: report.stats.files, bindings: report.stats.bindings, durationMs: report.stats.durationMs },
    bindings: report.bindings.map((binding) => toJsonBinding(binding, displayName(binding))),
    conflicts: report.conflicts.map(toJsonConflict),
    diagnostics: report.diagnostics.map(toJsonDiagnostic),
    incomplete: report.incomplete.map((entry) => ({ reason: entry.reason, message: entry.message })),
  };
}

export function renderJson(report: Report): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

/** A binding's public fields; `service` is the name the report shows (see makeDisplayName). */
export function toJsonBinding(binding: Binding, service: string): JsonBinding {
  const json: JsonBinding = {
    service,
    port: binding.port,
    endPort: binding.endPort,
    protocol: binding.protocol,
    hostIp: binding.hostIp,
    scope: binding.scope,
    kind: binding.kind,
    format: binding.format,
    file: binding.file,
    line: binding.line,
    column: binding.column,
  };
  if (binding.via) json.via = toJsonLocation(binding.via);
  return json;
}

function toJsonConflict(conflict: Conflict): JsonConflict {
  return {
    id: conflict.id,
    rule: conflict.rule,
    severity: conflict.severity,
    status: conflict.status,
    scope: conflict.scope,
    protocol: conflict.protocol,
    port: conflict.port,
    endPort: conflict.endPort,
    services: [...conflict.services],
    newServices: [...conflict.newServices],
    locations: conflict.locations.map((location) => ({ service: location.service, ...toJsonLocation(location) })),
    suggestions: conflict.suggestions.map((suggestion) => ({
      service: suggestion.service,
      ...toJsonLocation(suggestion),
      from: suggestion.from,
      to: suggestion.to,
      toEnd: suggestion.toEnd,
      ...(suggestion.sharedWith === undefined ? {} : { sharedWith: [...suggestion.sharedWith] }),
    })),
    message: conflict.message,
  };
}

function toJsonDiagnostic(diagnostic: Diagnostic): JsonDiagnostic {
  return {
    file: diagnostic.file,
    ...(diagnostic.line === undefined ? {} : { line: diagnostic.line }),
    ...(diagnostic.column === undefined ? {} : { column: diagnostic.column }),
    severity: diagnostic.severity,
    message: diagnostic.message,
  };
}

function toJsonLocation(location: SourceLocation): SourceLocation {
  return { file: location.file, line: location.line, column: location.column };
}
