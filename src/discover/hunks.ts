// Unified-diff hunk headers (`@@ -a,b +c,d @@`), read the same way for git's own diffs and for
// the patches GitHub lists with a pull request's files.

/** One hunk: lines [oldStart, oldStart + oldCount) became [newStart, newStart + newCount). A count left out is 1. */
export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** The hunk a line heads, or undefined when it is no hunk header. */
export function parseHunkHeader(line: string): Hunk | undefined {
  const header = HUNK_HEADER.exec(line);
  if (!header) return undefined;
  const count = (text: string | undefined): number => (text === undefined ? 1 : Number(text));
  return { oldStart: Number(header[1]), oldCount: count(header[2]), newStart: Number(header[3]), newCount: count(header[4]) };
}

/** Every hunk of a patch, in order. */
export function parseHunkHeaders(patch: string): Hunk[] {
  return patch.split('\n').flatMap((line) => parseHunkHeader(line) ?? []);
}
