// The Markdown parser (micromark) takes time that grows with the square of some constructs:
// emphasis, links and inline HTML in one paragraph or table cell (`*a*a*a...`, `<?<?...`,
// `[a](b (...`), heading underlines, quotes and lists nested on one line (`> > > ...`), lists
// nested in lists. A hostile PORTS.md of them holds a run for minutes; real registries have a
// few of each. Before parsing, bounds of those costs are measured in linear passes, and a
// file beyond one is not parsed. micromark cannot be interrupted: this is what bounds it.

/** Why a text would cost the parser too much (and where, when one line does), or undefined. */
export function markdownParseRefusal(text: string): { reason: string; line?: number } | undefined {
  const overNested = overNestedLine(text);
  if (overNested !== undefined) return { reason: `line ${overNested} opens more than ${MAX_MARKDOWN_CONTAINERS} quotes or list items`, line: overNested };
  if (markdownInlineCost(text) > MAX_MARKDOWN_INLINE_COST) return { reason: 'too many emphasis, link, HTML or heading-underline markers in one paragraph or table cell' };
  const lists = listCost(text);
  if (lists.items > MAX_MARKDOWN_LIST_ITEMS) return { reason: `more than ${MAX_MARKDOWN_LIST_ITEMS} list items` };
  if (lists.nestedCost > MAX_MARKDOWN_NESTED_LIST_COST) return { reason: 'too many lists nested in lists' };
  return undefined;
}

/** Markers times the length of the paragraph or row they are in, summed over the file. */
export const MAX_MARKDOWN_INLINE_COST = 20_000_000;

const MARKERS = new Set(['*', '_', '<', '[', ']', '(']);

interface Line {
  text: string;
  markers: number;
}

/**
 * For each run of inline text, its emphasis, link and HTML markers times its length, summed: the
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

/**
 * A line of `=` or `-` under a paragraph line makes it a heading, and micromark re-reads the
 * paragraph's events for each one: 16 KB of `a\n-\n` take 2.4 s. Each such line counts as
 * this many markers, which makes its measured cost comparable to an emphasis marker's.
 */
const UNDERLINE_WEIGHT = 8;

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    let markers = isUnderline(line) ? UNDERLINE_WEIGHT : 0;
    for (let i = start; i < end; i++) if (MARKERS.has(text.charAt(i))) markers++;
    lines.push({ text: line, markers });
    start = end + 1;
  }
  return lines;
}

/** `===`, `  ---  `, `> -`: a setext underline (or a thematic break), inside quotes or not. */
function isUnderline(line: string): boolean {
  let i = 0;
  while (i < line.length && ' \t>'.includes(line.charAt(i))) i++;
  const mark = line.charAt(i);
  if (mark !== '=' && mark !== '-') return false;
  while (line.charAt(i) === mark) i++;
  while (i < line.length && ' \t\r'.includes(line.charAt(i))) i++;
  return i === line.length;
}

/** Quotes and lists one line may open: real registries nest two or three. */
export const MAX_MARKDOWN_CONTAINERS = 32;

/**
 * The first line that opens more than MAX_MARKDOWN_CONTAINERS quotes and list items
 * (`> > > ...`, `1. 1. 1. ...`), whose parse time grows with the square of their number
 * (64 KB of `1. ` took 55 s), as a 1-based line number; undefined when there is none.
 */
export function overNestedLine(text: string): number | undefined {
  let number = 1;
  for (let start = 0; start <= text.length; number++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (containerMarkers(text, start, end) > MAX_MARKDOWN_CONTAINERS) return number;
    start = end + 1;
  }
  return undefined;
}

/** Nested list openings times the file's length: a bound on the parser's work for nested lists. */
export const MAX_MARKDOWN_NESTED_LIST_COST = 10_000_000;
/** List items in one file: 262,000 one-letter items (1 MiB) take 26 s, 20,000 about one. */
export const MAX_MARKDOWN_LIST_ITEMS = 20_000;

/**
 * What lists cost micromark. Its time grows with the number of lists nested in other lists
 * times the document's length (2,000 one-item nested lists: 1 s; 8,000: 16 s), and faster
 * than the number of items. A list item indented deeper than the item before it opens a
 * nested list; seed 003's notes under items are a handful.
 */
export function listCost(text: string): { items: number; nestedCost: number } {
  let items = 0;
  let openings = 0;
  let previousIndent = -1;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const indent = listItemIndent(text, start, end);
    if (indent !== undefined) {
      items++;
      if (indent > previousIndent && previousIndent >= 0) openings++;
      previousIndent = indent;
    }
    start = end + 1;
  }
  return { items, nestedCost: openings * text.length };
}

/** The column of the line's list marker (after any `>`), or undefined when it holds none. */
function listItemIndent(text: string, start: number, end: number): number | undefined {
  let i = start;
  while (i < end && ' \t>'.includes(text.charAt(i))) i++;
  const char = text.charAt(i);
  if ('-*+'.includes(char) && char !== '' && i + 1 < end && ' \t'.includes(text.charAt(i + 1))) return i - start;
  let digits = i;
  while (digits < end && digits - i < 9 && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') digits++;
  if (digits > i && digits + 1 < end && '.)'.includes(text.charAt(digits)) && ' \t'.includes(text.charAt(digits + 1))) return i - start;
  return undefined;
}

/** How many `>`, `-`/`*`/`+` items and `1.`/`1)` items open the line, each after some blanks. */
function containerMarkers(text: string, start: number, end: number): number {
  let count = 0;
  let i = start;
  for (;;) {
    while (i < end && (text.charAt(i) === ' ' || text.charAt(i) === '\t')) i++;
    const char = text.charAt(i);
    if (i < end && char === '>') i++;
    else if (i + 1 < end && '-*+'.includes(char) && ' \t'.includes(text.charAt(i + 1))) i += 2;
    else {
      let digits = i;
      while (digits < end && digits - i < 9 && text.charAt(digits) >= '0' && text.charAt(digits) <= '9') digits++;
      if (digits === i || digits + 1 >= end || !'.)'.includes(text.charAt(digits)) || !' \t'.includes(text.charAt(digits + 1))) return count;
      i = digits + 2;
    }
    if (++count > MAX_MARKDOWN_CONTAINERS) return count;
  }
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
  const delimiters = tableCells(next);
  return delimiters.every((cell) => /^:?-+:?$/.test(cell.trim())) && delimiters.length === tableCells(line).length;
}

/** The cells of a table row, as GFM splits them (an escaped `\\|` is no boundary). */
export function tableCells(line: string): string[] {
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
