// Swapping a port literal for its proposal at the exact column the extractor reported:
// what a review suggestion shows (src/action/) and what `portcullis fix` writes.

/** One port literal to swap: a single port (`from === fromEnd`) or a range written `from-fromEnd`. */
export interface PortEdit {
  /** 1-based column of the literal's first digit. */
  column: number;
  from: number;
  fromEnd: number;
  to: number;
  toEnd: number;
}

const isDigit = (char: string | undefined): boolean => char !== undefined && char >= '0' && char <= '9';

/**
 * The line with every edit applied, or undefined when some literal is not where its edit
 * says (the file changed since, or the port is written in a form that cannot be swapped in
 * place): a suggestion that replaced the wrong text would be worse than none.
 */
export function rewritePortLiterals(line: string, edits: readonly PortEdit[]): string | undefined {
  const ordered = [...edits].sort((a, b) => b.column - a.column);
  let result = line;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of ordered) {
    const start = edit.column - 1;
    const literal = edit.from === edit.fromEnd ? String(edit.from) : `${edit.from}-${edit.fromEnd}`;
    const end = start + literal.length;
    if (start < 0 || end > limit) return undefined;
    if (result.slice(start, end) !== literal || isDigit(result[start - 1]) || isDigit(result[end])) return undefined;
    const replacement = edit.from === edit.fromEnd ? String(edit.to) : `${edit.to}-${edit.toEnd}`;
    result = `${result.slice(0, start)}${replacement}${result.slice(end)}`;
    limit = start;
  }
  return result;
}
