// Annotations put a conflict on the line it concerns, in the pull request's "Files changed"
// tab. A gate people keep is quiet: by default only what the change brought, at lines it
// touched (an incumbent's untouched line, or a collision older than the pull request, gets
// none). The runner shows at most 10 annotations of each level per step and drops the rest;
// what does not fit is counted in the job summary, whose tables hold every conflict.
import type { Conflict, ConflictLocation, Report } from '../model/types.js';
import { visibleControlChars } from '../report/escape.js';
import { countOf, distinctProposals, formatPortProtocol, sortConflictsForDisplay } from '../report/format.js';
import { formatPortRange } from '../model/ports.js';
import type { AnnotationMode } from './inputs.js';

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

/** GitHub's limit per step, for each level (workflow commands past it are dropped). */
export const RUNNER_LIMIT_PER_LEVEL = 10;

/** What the change touched, in repository paths on the head commit. */
export interface ChangedPlaces {
  /**
   * The head-side lines the pull request wrote (its diff's added lines, no context), by file;
   * undefined without a pull request or when its files could not be listed, where a
   * newcomer's own claim stands for a changed line.
   */
  addedLines: ReadonlyMap<string, ReadonlySet<number>> | undefined;
  /** A place the head commit does not have: nothing can be annotated there. */
  offHead: (file: string, line: number) => boolean;
}

/**
 * `changed`: new conflicts at their severity, at their locations on lines the pull request wrote.
 * `all`: every location of every conflict (existing ones as notices: they were there before
 * and do not fail the run) and every diagnostic with a line, as a warning. `none`: nothing.
 */
export function selectAnnotations(report: Report, mode: AnnotationMode, changed: ChangedPlaces): Annotation[] {
  if (mode === 'none') return [];
  const annotations: Annotation[] = [];
  for (const conflict of sortConflictsForDisplay(report.conflicts)) {
    if (mode === 'changed' && conflict.status !== 'new') continue;
    const level: AnnotationLevel = conflict.status === 'new' ? conflict.severity : 'notice';
    const title = `Portcullis ${conflict.rule}: ${formatPortProtocol(conflict.port, conflict.endPort, conflict.protocol)}${conflict.status === 'existing' ? ' (existing)' : ''}`;
    const message = conflictMessage(conflict);
    for (const location of conflict.locations) {
      if (changed.offHead(location.file, location.line)) continue;
      if (mode === 'changed' && !touched(location, conflict, changed.addedLines)) continue;
      annotations.push({ level, file: location.file, line: location.line, column: location.column, title, message });
    }
  }
  if (mode === 'changed') return annotations;
  for (const diagnostic of report.diagnostics) {
    if (diagnostic.line === undefined || changed.offHead(diagnostic.file, diagnostic.line)) continue;
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

function touched(location: ConflictLocation, conflict: Conflict, addedLines: ChangedPlaces['addedLines']): boolean {
  if (addedLines === undefined) return conflict.newServices.includes(location.service);
  return addedLines.get(location.file)?.has(location.line) === true;
}

function conflictMessage(conflict: Conflict): string {
  const proposals = distinctProposals(conflict.suggestions).map((suggestion) => `${suggestion.service} → ${formatPortRange(suggestion.to, suggestion.toEnd)}`);
  const text = proposals.length === 0 ? conflict.message : `${conflict.message}; proposed: ${proposals.join(', ')}`;
  return visibleControlChars(text);
}

export type LevelCounts = Record<AnnotationLevel, number>;

/**
 * The annotations the step can show, in order, leaving room at each level for the step's
 * own messages that come after them (`reserved`: the verdict's error, a warning about
 * GitHub), and how many of each level do not fit.
 */
export function fitStepLimits(annotations: readonly Annotation[], reserved: Partial<LevelCounts> = {}): { shown: Annotation[]; left: LevelCounts } {
  const room: LevelCounts = { error: 0, warning: 0, notice: 0 };
  for (const level of Object.keys(room) as AnnotationLevel[]) room[level] = Math.max(0, RUNNER_LIMIT_PER_LEVEL - (reserved[level] ?? 0));
  const left: LevelCounts = { error: 0, warning: 0, notice: 0 };
  const shown = annotations.filter((annotation) => {
    if (room[annotation.level] > 0) {
      room[annotation.level]--;
      return true;
    }
    left[annotation.level]++;
    return false;
  });
  return { shown, left };
}

const LEVEL_NAMES: Readonly<Record<AnnotationLevel, string>> = { error: 'error', warning: 'warning', notice: 'notice' };

/** The job summary's line about the annotations that did not fit, or undefined when all did. */
export function annotationsLeftNotice(left: LevelCounts): string | undefined {
  const parts = (Object.keys(left) as AnnotationLevel[]).filter((level) => left[level] > 0).map((level) => countOf(left[level], LEVEL_NAMES[level]));
  if (parts.length === 0) return undefined;
  return `**${parts.join(', ')} not annotated**: a step shows at most ${RUNNER_LIMIT_PER_LEVEL} annotations of each level; this summary's tables have every conflict.`;
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
