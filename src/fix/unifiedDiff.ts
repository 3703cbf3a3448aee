// A unified diff (`diff -u`, as `git apply` and `patch -p1` read it) of one file's change.
// Hand-written: the line diff is Myers' O(ND) algorithm, which is fast here because a fix
// changes few lines (D is small) whatever the file's size; no dependency is worth it.

type Op = { kind: 'same' | 'removed' | 'added'; text: string };

const CONTEXT = 3;

/** `--- a/file`, `+++ b/file` and the hunks; empty when the texts are equal. */
export function unifiedDiff(file: string, before: string, after: string): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  let out = `--- a/${file}\n+++ b/${file}\n`;
  for (const hunk of hunks(ops)) out += hunk;
  return out;
}

interface Line {
  text: string;
  /** False for a last line without a line ending. */
  ended: boolean;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop() ?? '';
  const lines = parts.map((part) => ({ text: part, ended: true }));
  if (last !== '') lines.push({ text: last, ended: false });
  return lines;
}

/** The shortest edit script from `a` to `b` (Myers 1986), as a list of operations. */
function diffLines(a: readonly Line[], b: readonly Line[]): Array<Op & { line: Line }> {
  const same = (x: Line, y: Line): boolean => x.text === y.text && x.ended === y.ended;
  const max = a.length + b.length;
  const offset = max + 1;
  const v = new Array<number>(2 * max + 3).fill(0);
  // Only the diagonals that step d can reach are kept: O(D²) memory, not O(D·N).
  const trace: Array<{ base: number; values: number[] }> = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push({ base: offset - d - 1, values: v.slice(Math.max(0, offset - d - 1), offset + d + 2) });
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < a.length && y < b.length && same(a[x] as Line, b[y] as Line)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= a.length && y >= b.length) {
        found = true;
        break;
      }
    }
  }
  // Walk the trace back from the end, collecting operations in reverse.
  const ops: Array<Op & { line: Line }> = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const step = trace[d] as { base: number; values: number[] };
    const at = (index: number): number => step.values[index - step.base] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(offset + k - 1) < at(offset + k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(offset + previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      x--;
      y--;
      ops.push({ kind: 'same', text: (a[x] as Line).text, line: a[x] as Line });
    }
    if (d > 0) {
      if (down) {
        y--;
        ops.push({ kind: 'added', text: (b[y] as Line).text, line: b[y] as Line });
      } else {
        x--;
        ops.push({ kind: 'removed', text: (a[x] as Line).text, line: a[x] as Line });
      }
    }
  }
  return ops.reverse();
}

/** Hunks with three lines of context, neighbours closer than that merged into one. */
function hunks(ops: ReadonlyArray<Op & { line: Line }>): string[] {
  const changed = ops.flatMap((op, index) => (op.kind === 'same' ? [] : [index]));
  const groups: Array<[number, number]> = [];
  for (const index of changed) {
    const last = groups[groups.length - 1];
    if (last && index - last[1] <= 2 * CONTEXT) last[1] = index;
    else groups.push([index, index]);
  }
  // Line numbers before each operation, on both sides.
  const oldLine: number[] = [];
  const newLine: number[] = [];
  let o = 1;
  let n = 1;
  for (const op of ops) {
    oldLine.push(o);
    newLine.push(n);
    if (op.kind !== 'added') o++;
    if (op.kind !== 'removed') n++;
  }
  return groups.map(([first, last]) => {
    const start = Math.max(0, first - CONTEXT);
    const end = Math.min(ops.length - 1, last + CONTEXT);
    const slice = ops.slice(start, end + 1);
    const oldCount = slice.filter((op) => op.kind !== 'added').length;
    const newCount = slice.filter((op) => op.kind !== 'removed').length;
    const oldStart = oldCount === 0 ? (oldLine[start] ?? 1) - 1 : (oldLine[start] ?? 1);
    const newStart = newCount === 0 ? (newLine[start] ?? 1) - 1 : (newLine[start] ?? 1);
    let text = `@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n`;
    for (const op of slice) {
      text += `${op.kind === 'same' ? ' ' : op.kind === 'removed' ? '-' : '+'}${op.text}\n`;
      if (!op.line.ended) text += '\\ No newline at end of file\n';
    }
    return text;
  });
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
