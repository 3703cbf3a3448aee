// What `portcullis fix` changes: every proposal of the new conflicts, applied to the exact
// literal at its file, line and column, and nothing else. Pure: texts in, texts out.
import { compareText } from '../model/order.js';
import { formatPortRange } from '../model/ports.js';
import { joinWithAnd } from '../model/words.js';
import type { Conflict } from '../model/types.js';
import { sortConflictsForDisplay } from '../report/format.js';
import { type PortEdit, rewritePortLiterals } from './portLiterals.js';

/** One literal to swap, with the service it moves. */
export interface PlannedEdit extends PortEdit {
  file: string;
  line: number;
  service: string;
}

/** A proposal that was not applied, and why. */
export interface SkippedEdit extends PlannedEdit {
  reason: string;
}

export interface FileChange {
  file: string;
  before: string;
  after: string;
  edits: PlannedEdit[];
}

export interface FixPlan {
  changes: FileChange[];
  skipped: SkippedEdit[];
}

/**
 * The literals to swap, by file, in display order (new errors first). A literal that two
 * conflicts move keeps the first proposal, as the review suggestions do. Existing conflicts
 * are not the change's to fix: with a base, only new ones are.
 */
export function plannedEdits(conflicts: readonly Conflict[]): Map<string, PlannedEdit[]> {
  const byFile = new Map<string, PlannedEdit[]>();
  const taken = new Set<string>();
  for (const conflict of sortConflictsForDisplay(conflicts)) {
    if (conflict.status !== 'new') continue;
    for (const suggestion of conflict.suggestions) {
      // A literal that a staying service also reads (a YAML anchor) is not this fix's to swap.
      if (suggestion.sharedWith !== undefined) continue;
      const place = JSON.stringify([suggestion.file, suggestion.line, suggestion.column]);
      if (taken.has(place)) continue;
      taken.add(place);
      const fromEnd = suggestion.from + (suggestion.toEnd - suggestion.to);
      const edit: PlannedEdit = { file: suggestion.file, line: suggestion.line, column: suggestion.column, service: suggestion.service, from: suggestion.from, fromEnd, to: suggestion.to, toEnd: suggestion.toEnd };
      const edits = byFile.get(suggestion.file);
      if (edits) edits.push(edit);
      else byFile.set(suggestion.file, [edit]);
    }
  }
  return byFile;
}

/**
 * Applies one file's edits. Each literal is checked where its edit says (the digits, and no
 * digit either side) before it is swapped; one that is not there is skipped, never searched
 * for elsewhere. Line endings and every other byte stay as they are.
 */
export function applyEdits(file: string, text: string, edits: readonly PlannedEdit[]): { change?: FileChange; skipped: SkippedEdit[] } {
  const lines = text.split('\n');
  const skipped: SkippedEdit[] = [];
  const applied: PlannedEdit[] = [];
  // Right to left on each line, so that a swap never moves a column still to be edited.
  const ordered = [...edits].sort((a, b) => a.line - b.line || b.column - a.column);
  for (const edit of ordered) {
    const raw = lines[edit.line - 1];
    if (raw === undefined) {
      skipped.push({ ...edit, reason: `the file has no line ${edit.line}` });
      continue;
    }
    const carriageReturn = raw.endsWith('\r');
    const line = carriageReturn ? raw.slice(0, -1) : raw;
    const rewritten = rewritePortLiterals(line, [edit]);
    if (rewritten === undefined) {
      skipped.push({ ...edit, reason: `${formatPortRange(edit.from, edit.fromEnd)} is not written at column ${edit.column}` });
      continue;
    }
    lines[edit.line - 1] = carriageReturn ? `${rewritten}\r` : rewritten;
    applied.push(edit);
  }
  if (applied.length === 0) return { skipped };
  applied.sort((a, b) => a.line - b.line || a.column - b.column);
  return { change: { file, before: text, after: lines.join('\n'), edits: applied }, skipped };
}

/** The new conflicts' proposals on a literal that a staying service also reads: each one skipped, with the fix in words. */
function sharedLiteralProposals(conflicts: readonly Conflict[]): SkippedEdit[] {
  return conflicts.flatMap((conflict) =>
    conflict.status !== 'new'
      ? []
      : conflict.suggestions.flatMap((suggestion) => {
          if (suggestion.sharedWith === undefined) return [];
          const { file, line, column, service, from, to, toEnd } = suggestion;
          const reason = `the literal is also ${joinWithAnd(suggestion.sharedWith)}'s: give ${service} a port of its own instead`;
          return [{ file, line, column, service, from, fromEnd: from + (toEnd - to), to, toEnd, reason }];
        }),
  );
}

/** A file's text as the check read it, or why it must not be rewritten. */
export type FixableText = string | { refused: string };

/** Every file's change, in path order. */
export function planFixes(conflicts: readonly Conflict[], textOf: (file: string) => FixableText): FixPlan {
  const plan: FixPlan = { changes: [], skipped: sharedLiteralProposals(conflicts) };
  for (const [file, edits] of [...plannedEdits(conflicts)].sort(([a], [b]) => compareText(a, b))) {
    const text = textOf(file);
    if (typeof text !== 'string') {
      plan.skipped.push(...edits.map((edit) => ({ ...edit, reason: text.refused })));
      continue;
    }
    const { change, skipped } = applyEdits(file, text, edits);
    if (change) plan.changes.push(change);
    plan.skipped.push(...skipped);
  }
  return plan;
}
