// A `.env` file read the way Docker Compose reads it (compose-go's dotenv parser):
// `KEY=value` or `KEY: value`, an optional `export ` prefix, `#` comment lines, unquoted
// values cut at ` #` and trimmed, single-quoted values taken as written, double-quoted values
// with backslash escapes and possibly several lines. Compose refuses a file with a malformed
// statement; here the statement is reported with its line and the rest of the file still counts.
import { textPositioner } from '../textPositions.js';

export interface DotenvEntry {
  name: string;
  /**
   * The value before variable expansion: quotes removed, and for double quotes the escapes
   * expanded (`\$` becomes `$$`, so that expansion turns it into a literal `$`).
   */
  value: string;
  /** True when Compose expands `${VAR}` in the value: unquoted and double-quoted values. */
  expands: boolean;
  /** 1-based position of the value's first character (inside the quotes when quoted). */
  line: number;
  column: number;
  valueOffset: number;
  /**
   * The 1-based position of `value[index]` in the file: past escapes and line breaks of a
   * quoted value, where a port literal inside the value is written.
   */
  locate(index: number): { line: number; column: number };
}

export interface DotenvProblem {
  line: number;
  column: number;
  message: string;
}

export interface ParsedDotenv {
  entries: DotenvEntry[];
  problems: DotenvProblem[];
}

export function parseDotenv(text: string): ParsedDotenv {
  const lines = textPositioner(text);
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const problem = (offset: number, message: string) => problems.push({ ...lines(offset), message });

  for (let at = statementStart(text, 0); at < text.length; at = statementStart(text, at)) {
    const key = readKey(text, at);
    if ('error' in key) {
      problem(at, key.error);
      at = lineEnd(text, at);
      continue;
    }
    if (key.valueStart === undefined) {
      // `KEY` alone takes its value from the shell environment, which a static check lacks.
      at = key.next;
      continue;
    }
    const value = readValue(text, key.valueStart);
    if ('error' in value) {
      problem(key.valueStart, value.error);
      at = lineEnd(text, key.valueStart);
      continue;
    }
    const { offsets } = value;
    entries.push({
      name: key.name,
      value: value.value,
      expands: value.expands,
      ...lines(value.offset),
      valueOffset: value.offset,
      locate: (index) => lines(offsets?.[index] ?? value.offset + index),
    });
    at = value.next;
  }
  return { entries, problems };
}

/**
 * True when the file reads as dotenv from its first statement on: `KEY=value`, `KEY: value`,
 * `export KEY=value` or a bare `KEY` (blank and `#` comment lines before it are dotenv too),
 * or an assignment whose name has a space by mistake (`MY PORT=1`, which Compose refuses and
 * is reported). A diff (`.env.patch`: `--- a/.env`, `diff --git`, `@@ -1 +1 @@`) or a template
 * in another language starts with something no variable name holds, and is not a dotenv file
 * at all: it gets no diagnostic. Only the first statement decides, since a diff's context and
 * removed lines read as assignments.
 */
export function looksLikeDotenv(text: string): boolean {
  const start = statementStart(text, 0);
  if (start >= text.length) return true;
  const key = readKey(text, start);
  return !('error' in key) || (key.error === SPACE_IN_KEY && text.slice(start, lineEnd(text, start)).includes('='));
}

const SPACE_IN_KEY = 'key cannot contain a space';

type KeyResult = { name: string; valueStart?: number; next: number } | { error: string };

function readKey(text: string, start: number): KeyResult {
  let from = start;
  if (text.startsWith('export', from) && isGoRegexSpace(text.charAt(from + 6))) {
    from += 6;
    while (from < text.length && isInlineSpace(text.charAt(from))) from++;
  }
  for (let i = from; i < text.length; i++) {
    const char = text.charAt(i);
    if (isInlineSpace(char) || char === '_' || char === '.' || char === '-' || char === '[' || char === ']') continue;
    if (char === '=' || char === ':' || char === '\n') {
      const name = text.slice(from, i).trimEnd();
      if (name.includes(' ')) return { error: SPACE_IN_KEY };
      if (char === '\n') return { name, next: i + 1 };
      let valueStart = i + 1;
      while (valueStart < text.length && isInlineSpace(text.charAt(valueStart))) valueStart++;
      return { name, valueStart, next: valueStart };
    }
    if (!/^[\p{L}\p{N}]$/u.test(char)) {
      const firstLine = text.slice(from, lineEnd(text, from)).replace(/\r$/, '');
      return { error: `unexpected character ${JSON.stringify(char)} in variable name ${JSON.stringify(firstLine)}` };
    }
  }
  return { name: text.slice(from).trimEnd(), next: text.length };
}

/** `offsets[i]` is where `value[i]` is written; absent when the value is written as it reads. */
type ValueResult = { value: string; expands: boolean; offset: number; next: number; offsets?: number[] } | { error: string };

function readValue(text: string, start: number): ValueResult {
  const quote = text.charAt(start);
  if (quote !== '"' && quote !== "'") {
    const end = lineEnd(text, start);
    let value = text.slice(start, end);
    const comment = value.indexOf(' #');
    if (comment >= 0) value = value.slice(0, comment);
    return { value: value.trimEnd(), expands: true, offset: start, next: end };
  }
  let chars = '';
  const offsets: number[] = [];
  let escaped = false;
  for (let i = start + 1; i < text.length; i++) {
    const char = text.charAt(i);
    if (char === quote && !escaped) {
      if (quote === "'") return { value: chars, expands: false, offset: start + 1, next: i + 1, offsets };
      const expanded = expandEscapesAt(chars, offsets);
      return { value: expanded.value, expands: true, offset: start + 1, next: i + 1, offsets: expanded.offsets };
    }
    if (char === quote) {
      chars += char;
      offsets.push(i - 1);
      escaped = false;
    } else if (char === '\\' && !escaped) {
      escaped = true;
    } else {
      if (escaped) {
        chars += '\\';
        offsets.push(i - 1);
      }
      chars += char;
      offsets.push(i);
      escaped = false;
    }
  }
  return { error: `unterminated quoted value ${text.slice(start, lineEnd(text, start)).replace(/\r$/, '')}` };
}

const ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '"': '"', '\\': '\\',
};

/**
 * compose-go's expandEscapes: `\a \b \f \n \r \t \v \" \\`, octal `\0NNN`, and `\$` kept as
 * `$$` for the expansion that follows; anything else (`\c`, `\x41`) stays as written.
 */
export function expandEscapes(value: string): string {
  return expandEscapesAt(value, []).value;
}

/** expandEscapes, carrying where each character is written: an escape's characters are where it is. */
function expandEscapesAt(value: string, offsets: readonly number[]): { value: string; offsets: number[] } {
  let out = '';
  const outOffsets: number[] = [];
  let copied = 0;
  const copy = (end: number) => {
    out += value.slice(copied, end);
    for (let i = copied; i < end; i++) outOffsets.push(offsets[i] ?? i);
  };
  for (const match of value.matchAll(/\\(?:[abcfnrtv$"\\]|0\d{0,3})/g)) {
    copy(match.index);
    const replacement = escapeValue(match[0]);
    out += replacement;
    for (let i = 0; i < replacement.length; i++) outOffsets.push(offsets[match.index] ?? match.index);
    copied = match.index + match[0].length;
  }
  copy(value.length);
  return { value: out, offsets: outOffsets };
}

function escapeValue(escape: string): string {
  const kind = escape.charAt(1);
  if (kind === '$') return '$$';
  if (kind === '0') {
    const digits = escape.slice(2);
    return /^[0-7]{3}$/.test(digits) && Number.parseInt(digits, 8) <= 0xff ? String.fromCharCode(Number.parseInt(digits, 8)) : escape;
  }
  return ESCAPES[kind] ?? escape;
}

/** Skips white space (line breaks included) and `#` comment lines. */
function statementStart(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === '#') at = lineEnd(text, at);
    else if (/\s/u.test(char)) at++;
    else return at;
  }
  return at;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

/** Go dotenv's isSpace: white space other than a line break. */
function isInlineSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\v' || char === '\f' || char === '\r' || char === '\u0085' || char === '\u00a0';
}

/** `\s` in Go's regexp (RE2): `[\t\n\f\r ]`. */
function isGoRegexSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\f' || char === '\r';
}
