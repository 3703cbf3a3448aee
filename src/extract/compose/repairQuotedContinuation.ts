import type { Diagnostic } from '../../model/types.js';
import { parseYaml, type YamlRepair } from '../yaml.js';

/**
 * A recovery for parseYaml: go-yaml, which Compose uses, lets a quoted scalar continue on
 * lines indented less than its block (only a `---`/`...` marker at column 0 ends it), where
 * the `yaml` package reports a missing closing quote. Re-indenting those continuation lines
 * leaves the value as it was (a continuation line's leading white space folds away) and the
 * line numbers too. Returns undefined when the errors are not that case.
 */
export function indentQuotedContinuations(text: string, errors: readonly Diagnostic[]): YamlRepair | undefined {
  const lines = text.split('\n');
  /** Line index -> spaces put in front of it. */
  const reindented = new Map<number, number>();
  let remaining = errors;
  // One scalar per round: the parser's errors after a broken scalar are noise, so the next
  // broken one only shows once this one is mended.
  for (let round = 0; round < MAX_REPAIRS; round++) {
    const lineNumber = firstMissingQuoteLine(remaining);
    if (lineNumber === undefined) break;
    const mended = reindentContinuation(lines, lineNumber - 1);
    if (mended.size === 0) return undefined;
    for (const [index, spaces] of mended) reindented.set(index, (reindented.get(index) ?? 0) + spaces);
    remaining = parseYaml('', lines.join('\n')).diagnostics;
  }
  if (reindented.size === 0) return undefined;
  const where = [...reindented.keys()].sort((a, b) => a - b).map((i) => i + 1);
  return {
    text: lines.join('\n'),
    indented: new Map([...reindented].map(([index, spaces]) => [index + 1, spaces])),
    note:
      `recovered: a quoted value continues at a lower indentation (line${where.length > 1 ? 's' : ''} ${where.join(', ')}), ` +
      "which Compose's YAML parser accepts; read as if indented",
  };
}

/** How many broken scalars one file may have mended (each costs a parse). */
const MAX_REPAIRS = 20;

function firstMissingQuoteLine(errors: readonly Diagnostic[]): number | undefined {
  const lines = errors.filter((error) => error.message.includes('Missing closing') && error.line !== undefined).map((error) => error.line ?? 0);
  return lines.length === 0 ? undefined : Math.min(...lines);
}

/** Indents (in place) the continuation lines of the scalar left open on line `index`; returns their indexes and the spaces added. */
function reindentContinuation(lines: string[], index: number): Map<number, number> {
  const mended = new Map<number, number>();
  const line = lines[index];
  if (line === undefined) return mended;
  const open = unclosedQuoteOnLine(line);
  if (open === undefined) return mended;
  const close = findClosingLine(lines, index, open + 1, line.charAt(open));
  if (close === undefined) return mended;
  const required = contentIndent(line) + 1;
  for (let i = index + 1; i <= close; i++) {
    const text = lines[i] ?? '';
    const indent = leadingSpaces(text);
    if (text.trim() === '' || indent >= required) continue;
    lines[i] = ' '.repeat(required - indent) + text;
    mended.set(i, required - indent);
  }
  return mended;
}

/** The column of the quote that opens a scalar on this line and is not closed on it. */
function unclosedQuoteOnLine(line: string): number | undefined {
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (char === '#' && (i === 0 || isBlank(line.charAt(i - 1)))) return undefined;
    if ((char !== "'" && char !== '"') || !startsNode(line, i)) continue;
    const end = closingQuote(line, i + 1, char);
    if (end === undefined) return i;
    i = end;
  }
  return undefined;
}

/** A quote opens a scalar only where a node may start: after indentation, `- `, `: `, `? ` or a flow indicator. */
function startsNode(line: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && isBlank(line.charAt(before))) before--;
  if (before < 0) return true;
  const previous = line.charAt(before);
  if (previous === '[' || previous === '{' || previous === ',') return true;
  return (previous === ':' || previous === '-' || previous === '?') && before < at - 1;
}

/** The index of the quote closing a scalar opened before `from`, on this text; undefined when it does not close. */
function closingQuote(text: string, from: number, quote: string): number | undefined {
  for (let i = from; i < text.length; i++) {
    const char = text.charAt(i);
    if (quote === '"' && char === '\\') i++;
    else if (char === quote && quote === "'" && text.charAt(i + 1) === "'") i++;
    else if (char === quote) return i;
  }
  return undefined;
}

/** The line on which the scalar opened at (line, column) closes; undefined when a document marker or the end comes first. */
function findClosingLine(lines: readonly string[], line: number, column: number, quote: string): number | undefined {
  for (let i = line, from = column; i < lines.length; i++, from = 0) {
    const text = lines[i] ?? '';
    if (i > line && (text.startsWith('---') || text.startsWith('...'))) return undefined;
    if (closingQuote(text, from, quote) !== undefined) return i;
  }
  return undefined;
}

/** Where a line's node content starts: its indentation plus any `- ` sequence indicators. */
function contentIndent(line: string): number {
  let at = leadingSpaces(line);
  while (line.charAt(at) === '-' && isBlank(line.charAt(at + 1))) {
    at++;
    while (isBlank(line.charAt(at))) at++;
  }
  return at;
}

function leadingSpaces(line: string): number {
  let count = 0;
  while (line.charAt(count) === ' ') count++;
  return count;
}

function isBlank(char: string): boolean {
  return char === ' ' || char === '\t';
}
