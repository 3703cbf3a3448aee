// 1-based lines and columns of offsets in a text, counted as git and GitHub count them (the
// review comments, annotations and suggestions that carry them): a line ends at `\n` only,
// so a `\r` before it is the line's last character and a lone `\r` ends nothing; columns are
// UTF-16 code units. Counted from the text itself, never from a parser's own line counting.

export type Positioner = (offset: number) => { line: number; column: number };

export function textPositioner(text: string): Positioner {
  const lineStarts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}
