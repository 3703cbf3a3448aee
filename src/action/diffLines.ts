// GitHub accepts a review comment on the head side (`side: RIGHT`) only on a line that the
// pull request's diff shows: an added line or a context line of one of the file's hunks.
// An annotation goes only on a line the pull request wrote (an added line): a context line
// is one it did not touch. `pulls.listFiles` gives each file's hunks as a unified-diff `patch`.
import { parseHunkHeader } from '../discover/hunks.js';

/** The head-side line numbers that a file's `patch` shows (added and context lines), 1-based. */
export function rightSideLines(patch: string): Set<number> {
  const { added, context } = headSideLines(patch);
  return new Set([...added, ...context].sort((a, b) => a - b));
}

/** The head-side line numbers the change wrote (`+` lines): what it touched, without the context around them. */
export function addedLines(patch: string): Set<number> {
  return headSideLines(patch).added;
}

function headSideLines(patch: string): { added: Set<number>; context: Set<number> } {
  const added = new Set<number>();
  const context = new Set<number>();
  let next = 0;
  let leftLeft = 0;
  let rightLeft = 0;
  for (const row of patch.split('\n')) {
    const hunk = parseHunkHeader(row);
    if (hunk) {
      leftLeft = hunk.oldCount;
      next = hunk.newStart;
      rightLeft = hunk.newCount;
      continue;
    }
    if (leftLeft === 0 && rightLeft === 0) continue;
    const marker = row.charAt(0);
    if (marker === '+') {
      added.add(next++);
      rightLeft--;
    } else if (marker === '-') {
      leftLeft--;
    } else if (marker === ' ' || row === '' || row === '\r') {
      // Some tools trim the single space of an empty context line.
      context.add(next++);
      leftLeft--;
      rightLeft--;
    }
    // `\ No newline at end of file` belongs to the line before it.
  }
  return { added, context };
}

export interface PullFilePatch {
  filename: string;
  status?: string;
  /** Absent for binary files and diffs too large for GitHub to show. */
  patch?: string;
}

/** Each file's commentable head-side lines; a file without a patch has none. */
export function diffLinesByFile(files: readonly PullFilePatch[]): Map<string, Set<number>> {
  return linesByFile(files, rightSideLines);
}

/** Each file's lines the change wrote; a file without a patch (binary, or too large for GitHub to show) has none. */
export function addedLinesByFile(files: readonly PullFilePatch[]): Map<string, Set<number>> {
  return linesByFile(files, addedLines);
}

function linesByFile(files: readonly PullFilePatch[], linesOf: (patch: string) => Set<number>): Map<string, Set<number>> {
  const byFile = new Map<string, Set<number>>();
  for (const file of files) {
    if (file.status === 'removed') continue;
    byFile.set(file.filename, file.patch === undefined ? new Set() : linesOf(file.patch));
  }
  return byFile;
}
