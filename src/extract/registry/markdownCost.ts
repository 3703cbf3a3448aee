// The Markdown parser (micromark) resolves emphasis and inline HTML in time that grows with
// the square of their markers in one paragraph or table cell: a hostile PORTS.md of one
// line `*a*a*a...` (or `<?<?<?...`) holds a run for minutes. Real registries have a few
// markers per cell. Before parsing, an upper bound of that cost is summed in one pass, and a
// file beyond it is not parsed.

/** Markers times the length of the paragraph or row they are in, summed over the file. */
export const MAX_MARKDOWN_INLINE_COST = 20_000_000;

const MARKERS = new Set(['*', '_', '<']);

interface Line {
  text: string;
  markers: number;
}

/**
 * For each run of inline text, its emphasis and HTML markers times its length, summed: the
 * parser's inline work is at most proportional to it. A run is a table row, or the lines of a
 * paragraph. A line is counted apart only where the parser is sure to end a paragraph before
 * it (a blank line, a bullet item, a heading, a row of a table whose delimiter row matches its
 * header, after a blank line or a heading): anything else is counted with the lines around it,
 * which can only overestimate.
 */
export function markdownInlineCost(text: string): number {
  let cost = 0;
  let run = { markers: 0, length: 0 };
  const endRun = () => {
    cost += run.markers * run.length;
    run = { markers: 0, length: 0 };
  };
  const lines = splitLines(text);
  let inTable = false;
  // A table is only taken to start where no paragraph is open, in case it cannot interrupt one.
  let paragraphOpen = false;
  lines.forEach((line, i) => {
    const head = line.text.trimStart();
    if (head === '' || head === '\r') {
      endRun();
      inTable = false;
      paragraphOpen = false;
      return;
    }
    if (!inTable && !paragraphOpen && isTableHeader(line.text, lines[i + 1]?.text)) inTable = true;
    else if (inTable && startsBlock(head)) inTable = false;
    paragraphOpen = !inTable && !head.startsWith('#');
    if (inTable || startsParagraph(head)) endRun();
    run.markers += line.markers;
    run.length += line.text.length + 1;
    if (inTable) endRun();
  });
  endRun();
  return cost;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    let markers = 0;
    for (let i = start; i < end; i++) if (MARKERS.has(text.charAt(i))) markers++;
    lines.push({ text: text.slice(start, end), markers });
    start = end + 1;
  }
  return lines;
}

/** A heading, a non-empty bullet item or an item `1.` ends the paragraph before it. */
function startsParagraph(head: string): boolean {
  if (head.startsWith('#')) return true;
  const second = head.charAt(1);
  if ('-+*'.includes(head.charAt(0)) && (second === ' ' || second === '\t') && head.slice(2).trim() !== '') return true;
  return /^1[.)][ \t]+\S/.test(head);
}

/** What ends a table: any other block (quote, list, heading, fence, HTML) or a blank line. */
function startsBlock(head: string): boolean {
  return '#>-*+`~<'.includes(head.charAt(0)) || /^\d/.test(head);
}

/** A GFM table starts where a row is followed by a delimiter row of as many cells. */
function isTableHeader(line: string, next: string | undefined): boolean {
  if (next === undefined || !line.includes('|')) return false;
  const delimiters = cells(next);
  return delimiters.every((cell) => /^:?-+:?$/.test(cell.trim())) && delimiters.length === cells(line).length;
}

function cells(line: string): string[] {
  const parts: string[] = [];
  let cell = '';
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '\\' && i + 1 < line.length) {
      cell += char + line.charAt(++i);
    } else if (char === '|') {
      parts.push(cell);
      cell = '';
    } else cell += char;
  }
  parts.push(cell);
  const trimmed = parts.map((part) => part.trim());
  if (trimmed[0] === '') trimmed.shift();
  if (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed;
}
