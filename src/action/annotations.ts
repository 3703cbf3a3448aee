// An annotation on every location of every conflict, and on every diagnostic with a line.
// The runner shows at most 10 annotations of each level per step; the rest go into a
// check run, whose API takes 50 per request.
import type { Conflict, Report } from '../model/types.js';
import { visibleControlChars } from '../report/escape.js';
import { distinctProposals, formatPortProtocol, sortConflictsForDisplay } from '../report/format.js';
import { formatPortRange } from '../model/ports.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  file: string;
  line: number;
  column?: number;
  title: string;
  /** Plain text on one line: control characters are shown as escapes. */
  message: string;
}

export const RUNNER_LIMIT_PER_LEVEL = 10;
export const CHECK_RUN_BATCH = 50;

/**
 * New conflicts at their severity, existing ones as notices (they do not fail the run and
 * were there before), diagnostics as warnings (they never change the verdict).
 */
export function reportAnnotations(report: Report): Annotation[] {
  const annotations: Annotation[] = [];
  for (const conflict of sortConflictsForDisplay(report.conflicts)) {
    const level: AnnotationLevel = conflict.status === 'new' ? conflict.severity : 'notice';
    const title = `Portcullis ${conflict.rule}: ${formatPortProtocol(conflict.port, conflict.endPort, conflict.protocol)}${conflict.status === 'existing' ? ' (existing)' : ''}`;
    const message = conflictMessage(conflict);
    for (const location of conflict.locations) {
      annotations.push({ level, file: location.file, line: location.line, column: location.column, title, message });
    }
  }
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.line === undefined) continue;
    annotations.push({
      level: 'warning',
      file: diagnostic.file,
      line: diagnostic.line,
      ...(diagnostic.column === undefined ? {} : { column: diagnostic.column }),
      title: 'Portcullis could not read this',
      message: visibleControlChars(diagnostic.message),
    });
  }
  return annotations;
}

function conflictMessage(conflict: Conflict): string {
  const proposals = distinctProposals(conflict.suggestions).map((suggestion) => `${suggestion.service} → ${formatPortRange(suggestion.to, suggestion.toEnd)}`);
  const text = proposals.length === 0 ? conflict.message : `${conflict.message}; proposed: ${proposals.join(', ')}`;
  return visibleControlChars(text);
}

/** The annotations past the runner's per-level limit, in order: what only a check run can show. */
export function beyondRunnerLimit(annotations: readonly Annotation[]): Annotation[] {
  const seen: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0 };
  return annotations.filter((annotation) => ++seen[annotation.level] > RUNNER_LIMIT_PER_LEVEL);
}

export interface AnnotationSink {
  error(message: string, properties: AnnotationProperties): void;
  warning(message: string, properties: AnnotationProperties): void;
  notice(message: string, properties: AnnotationProperties): void;
}

interface AnnotationProperties {
  title: string;
  file: string;
  startLine: number;
  startColumn?: number;
}

/** Workflow commands (`::error file=...,line=...,col=...::message`); @actions/core escapes `%`, CR, LF, `:` and `,`. */
export function emitAnnotations(sink: AnnotationSink, annotations: readonly Annotation[]): void {
  for (const annotation of annotations) {
    sink[annotation.level](annotation.message, {
      title: annotation.title,
      file: annotation.file,
      startLine: annotation.line,
      ...(annotation.column === undefined ? {} : { startColumn: annotation.column }),
    });
  }
}

export interface CheckRunAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
}

const CHECK_RUN_LEVEL = { error: 'failure', warning: 'warning', notice: 'notice' } as const;
// GitHub's limits on an annotation's title and message.
const MAX_TITLE = 255;
const MAX_MESSAGE = 64 * 1024 - 1;

/** The Checks API's form, in batches of CHECK_RUN_BATCH. */
export function checkRunBatches(annotations: readonly Annotation[]): CheckRunAnnotation[][] {
  const converted = annotations.map((annotation): CheckRunAnnotation => ({
    path: annotation.file,
    start_line: annotation.line,
    end_line: annotation.line,
    ...(annotation.column === undefined ? {} : { start_column: annotation.column, end_column: annotation.column }),
    annotation_level: CHECK_RUN_LEVEL[annotation.level],
    title: annotation.title.slice(0, MAX_TITLE),
    message: annotation.message.slice(0, MAX_MESSAGE),
  }));
  const batches: CheckRunAnnotation[][] = [];
  for (let start = 0; start < converted.length; start += CHECK_RUN_BATCH) batches.push(converted.slice(start, start + CHECK_RUN_BATCH));
  return batches;
}
