// micromark keeps every event of a document until it has read all of it: a 1 MiB PORTS.md
// (a table of 22,000 rows) took 11 s and 760 MB. Its parse is cut here into pieces that it
// reads one after another, in time and memory that grow with the piece, not the document.
// The cuts are only where they cannot change what micromark reads:
//
// - between blocks: before a line that starts at column 0 after a blank line, outside a
//   fenced code block or an HTML block that runs across blank lines (any list or quote has
//   ended there; a table has ended at the blank line);
// - inside a long table: between two rows that start with `|`, the next piece starting with
//   a copy of the table's header and delimiter rows, which is all a GFM table row depends on.
//
// A link reference definition (`[x]: url`) changes how every other piece reads `[x]`, so a
// document with one is read whole. A block too long to cut is refused rather than parsed.
// No library splits Markdown at block boundaries without parsing it whole, which is the cost
// this avoids: the scan below is hand-written, and errs only towards fewer cuts.
import type { TableCell, TableRow, Text } from 'mdast';
import { tableCells } from './markdownCost.js';

export interface MarkdownPiece {
  /** What is read: `header` followed by the document's own text from `start`. */
  text: string;
  /** Offset in the document of the first character that is the document's own. */
  start: number;
  /** Length of the copied table header in front of it; 0 when the piece is the document's text alone. */
  headerLength: number;
  /** True when the piece continues the table that the piece before it ended in. */
  continuesTable: boolean;
  /**
   * Every line of the piece is a table row of plain text (see PLAIN_ROW): read without the
   * parser, as the rows of the table it continues. Most rows of a large registry are such.
   */
  plainRows?: true;
}

/** A run of pieces that must be read as one block when the first piece does not read as a table after all. */
export interface MarkdownBlock {
  pieces: MarkdownPiece[];
  /** The block's own text, from `start`: what is parsed whole when its pieces cannot be used. */
  text: string;
  start: number;
}

export interface PieceSizes {
  /** A table longer than this is cut into pieces of about this many characters. */
  tablePiece: number;
  /** The longest block (or document with link definitions) parsed in one piece. */
  maxPiece: number;
  /** One piece, the whole document: the reading that the cuts must not change (the tests' oracle). */
  whole?: boolean;
}

export const PIECE_SIZES: PieceSizes = { tablePiece: 32 * 1024, maxPiece: 256 * 1024 };

export type MarkdownSplit = { blocks: MarkdownBlock[] } | { refused: string; line: number };

interface Line {
  start: number;
  /** Offset of the line's end, before its line ending. */
  end: number;
  /** Offset of the next line's start. */
  next: number;
  text: string;
}

export function splitMarkdown(text: string, sizes: PieceSizes = PIECE_SIZES): MarkdownSplit {
  if (sizes.whole === true) return { blocks: [wholeBlock(text, 0, text.length)] };
  const lines = splitLines(text);
  // `[label]: destination` (its label may run over lines) changes how every other piece reads `[label]`.
  if (text.includes(']:')) {
    if (text.length > sizes.maxPiece) return { refused: `a document that may hold link reference definitions (\`]:\`) is read whole, and this one is longer than ${sizes.maxPiece / 1024} KiB`, line: 1 };
    return { blocks: [wholeBlock(text, 0, text.length)] };
  }
  const blocks: MarkdownBlock[] = [];
  for (const [from, to] of blockRanges(lines)) {
    const block = tableBlock(text, lines, from, to, sizes) ?? wholeBlock(text, (lines[from] as Line).start, blockEnd(lines, to, text));
    const tooLong = block.pieces.find((piece) => piece.plainRows === undefined && piece.text.length > sizes.maxPiece);
    if (tooLong) return { refused: `a block of more than ${sizes.maxPiece / 1024} KiB that cannot be cut (a table in a quote or a list, or one long paragraph)`, line: lineNumberAt(lines, tooLong.start) };
    blocks.push(block);
  }
  return { blocks };
}

/** Lines as CommonMark ends them: at `\n`, `\r\n` or a lone `\r`. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const ending = /\r\n?|\n/g;
  let start = 0;
  for (let match = ending.exec(text); match; match = ending.exec(text)) {
    lines.push({ start, end: match.index, next: match.index + match[0].length, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length, next: text.length, text: text.slice(start) });
  return lines;
}

function blockEnd(lines: readonly Line[], to: number, text: string): number {
  const next = lines[to];
  return next === undefined ? text.length : next.start;
}

function lineNumberAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lines[mid]?.start ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

function wholeBlock(text: string, start: number, end: number): MarkdownBlock {
  const own = text.slice(start, end);
  return { text: own, start, pieces: [{ text: own, start, headerLength: 0, continuesTable: false }] };
}

const isBlank = (line: string): boolean => /^[ \t]*$/.test(line);

/** [from, to) line ranges of blocks that can be parsed apart from one another. */
function blockRanges(lines: readonly Line[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let from = 0;
  let open: Opener | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as Line).text;
    if (open !== undefined) {
      if (open.closes(line)) open = undefined;
      continue;
    }
    if (i > from && isBlank((lines[i - 1] as Line).text) && !isBlank(line) && !/^[ \t]/.test(line)) {
      ranges.push([from, i]);
      from = i;
    }
    open = openerAt(line);
  }
  ranges.push([from, lines.length]);
  return ranges;
}

/** A fenced code block or an HTML block of CommonMark's kinds 1 to 5, which blank lines do not end. */
interface Opener {
  closes(line: string): boolean;
}

const FENCE = /^ {0,3}(`{3,}(?!`)|~{3,}(?!~))(.*)$/;
const HTML_ENDS: ReadonlyArray<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
  [/^ {0,3}<![a-z]/i, />/],
];

/** What the line opens that runs across blank lines, unless it closes on the line itself. */
function openerAt(line: string): Opener | undefined {
  const fence = FENCE.exec(line);
  if (fence) {
    const marker = fence[1] as string;
    // A backtick fence's info string holds no backtick; otherwise the line is inline code.
    if (marker.startsWith('`') && (fence[2] ?? '').includes('`')) return undefined;
    return { closes: (next) => closesFence(next, marker.charAt(0), marker.length) };
  }
  for (const [start, end] of HTML_ENDS) {
    if (!start.test(line)) continue;
    if (end.test(line.slice(line.indexOf('<') + 2))) return undefined;
    return { closes: (next) => end.test(next) };
  }
  return undefined;
}

/** A closing fence: up to three spaces, at least `length` of the fence's character, then only blanks. */
function closesFence(line: string, char: string, length: number): boolean {
  let i = 0;
  while (i < 3 && line.charAt(i) === ' ') i++;
  let run = 0;
  while (line.charAt(i + run) === char) run++;
  if (run < length) return false;
  for (let k = i + run; k < line.length; k++) if (line.charAt(k) !== ' ' && line.charAt(k) !== '\t') return false;
  return true;
}

/**
 * A row the parser would read as its cells' plain text: between a leading and a trailing `|`,
 * nothing that starts inline markup, an escape, a character reference or a NUL (which the
 * parser replaces).
 */
const PLAIN_ROW = /^ {0,3}\|[^\\`*_[\]<>&!~\0]*\|[ \t]*$/;

/**
 * A block that is a table (after any ATX headings) cut into pieces between rows; undefined
 * when the block is no such table or too short to cut. The first piece is the header alone,
 * parsed to learn that GFM reads it as a table; runs of plain rows are read without the
 * parser; other rows are parsed behind a copy of the header; from the first line that does
 * not start with `|` (it may end the table), the rest of the block is one piece.
 */
function tableBlock(text: string, lines: readonly Line[], from: number, to: number, sizes: PieceSizes): MarkdownBlock | undefined {
  let header = from;
  while (header < to && /^ {0,3}#{1,6}(?:[ \t]|$)/.test((lines[header] as Line).text)) header++;
  const head = lines[header];
  const delimiter = lines[header + 1];
  if (head === undefined || delimiter === undefined || header + 1 >= to || !isTableHeader(head.text, delimiter.text)) return undefined;
  const start = (lines[from] as Line).start;
  const end = blockEnd(lines, to, text);
  if (end - start <= sizes.tablePiece) return undefined;
  const headerCopy = `${head.text}\n${delimiter.text}\n`;
  const pieces: MarkdownPiece[] = [];
  let pieceStart = (lines[header + 2] ?? delimiter).start;
  pieces.push({ text: text.slice(start, pieceStart), start, headerLength: 0, continuesTable: false });
  let plain: boolean | undefined;
  const cut = (at: number): void => {
    if (at > pieceStart) pieces.push(continuation(text, pieceStart, at, plain === true, headerCopy));
    pieceStart = at;
  };
  let i = header + 2;
  for (; i < to; i++) {
    const line = lines[i] as Line;
    if (!/^ {0,3}\|/.test(line.text)) break;
    const isPlain = PLAIN_ROW.test(line.text);
    if (isPlain !== plain || line.start - pieceStart >= sizes.tablePiece) cut(line.start);
    plain = isPlain;
  }
  if (i < to) {
    cut((lines[i] as Line).start);
    plain = false;
  }
  cut(end);
  return { text: text.slice(start, end), start, pieces };
}

function continuation(text: string, start: number, end: number, plainRows: boolean, headerCopy: string): MarkdownPiece {
  if (plainRows) return { text: text.slice(start, end), start, headerLength: 0, continuesTable: true, plainRows: true };
  return { text: headerCopy + text.slice(start, end), start, headerLength: headerCopy.length, continuesTable: true };
}

/** A top-level GFM table starts where a row is followed by a delimiter row of as many cells. */
function isTableHeader(line: string, next: string | undefined): boolean {
  if (next === undefined || !line.includes('|') || !/^ {0,3}\S/.test(line) || /^ {0,3}(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])/.test(line)) return false;
  const delimiters = tableCells(next);
  return delimiters.length > 0 && delimiters.every((cell) => /^:?-+:?$/.test(cell.trim())) && delimiters.length === tableCells(line).length;
}

/**
 * The rows of a plain-rows piece as mdast nodes, placed as micromark places them: a cell from
 * the `|` before it to the `|` after it (the last one included), its text trimmed of blanks.
 */
export function plainTableRows(piece: MarkdownPiece): TableRow[] {
  const rows: TableRow[] = [];
  for (const line of splitLines(piece.text)) {
    if (line.text.trim() === '') continue;
    const pipes: number[] = [];
    for (let at = line.text.indexOf('|'); at >= 0; at = line.text.indexOf('|', at + 1)) pipes.push(line.start + at);
    const children: TableCell[] = [];
    for (let k = 0; k + 1 < pipes.length; k++) {
      const from = pipes[k] as number;
      const to = pipes[k + 1] as number;
      const raw = piece.text.slice(from + 1, to);
      let lead = 0;
      let tail = raw.length;
      while (lead < tail && (raw[lead] === ' ' || raw[lead] === '\t')) lead++;
      while (tail > lead && (raw[tail - 1] === ' ' || raw[tail - 1] === '\t')) tail--;
      const value = raw.slice(lead, tail);
      const cellEnd = k + 2 === pipes.length ? to + 1 : to;
      const text: Text[] = value === '' ? [] : [{ type: 'text', value, position: span(from + 1 + lead, from + 1 + lead + value.length) }];
      children.push({ type: 'tableCell', children: text, position: span(from, cellEnd) });
    }
    rows.push({ type: 'tableRow', children, position: span(pipes[0] ?? line.start, (pipes.at(-1) ?? line.end) + 1) });
  }
  return rows;
}

type Position = NonNullable<Text['position']>;

/** Offsets only: the readers locate by offset, never by the parser's line and column. */
function span(start: number, end: number): Position {
  return { start: { line: 0, column: 0, offset: start }, end: { line: 0, column: 0, offset: end } };
}
