// Docker Compose variable interpolation (compose-go's template package) that also records
// where every output character is written: a port that arrives through `${WEB_PORT:-8080}`
// must be reported where its literal is (the `.env` line, or the default), since that is
// the line a fix edits, and the reference is kept as `via`.
import type { SourceLocation } from '../model/types.js';
import { noteLimitHit } from './limitsHit.js';

/**
 * The longest value one interpolation may produce. Compose has no limit, but `.env` lines
 * that each repeat the one above twice (`B=${A}${A}`, `C=${B}${B}`, ...) double a value per
 * line: forty lines would need a terabyte. No port, name or setting this check reads comes
 * near this length.
 */
export const MAX_INTERPOLATED_LENGTH = 64 * 1024;

export interface VariableValue {
  value: string;
  /** Where the value's first character is written (a `.env` line), when known. */
  location?: SourceLocation;
  /**
   * Where `value[index, index + length)` is written as one run of characters, when the source
   * of the value knows (a `.env` value, whose escapes and line breaks move its characters);
   * undefined when no one place holds them.
   */
  locateLiteral?: (index: number, length: number) => { location: SourceLocation } | undefined;
  /**
   * The template file (`.env.example`) the value comes from, when no file Compose reads sets
   * it: what people run after copying the template, which their own copy may change.
   */
  template?: string;
}

/**
 * How a reference asks for its variable: `plain` (`$X`, `${X}`, `${X:?err}`: nothing else
 * gives a value when the variable has none), or `withFallback` (`${X:-default}`,
 * `${X:+other}`: the reference itself says what to use otherwise).
 */
export type ReferenceKind = 'plain' | 'withFallback';

/** Finds a variable's value; undefined when it is not set at all. */
export type VariableLookup = (name: string, kind?: ReferenceKind) => VariableValue | undefined;

/** Where a run of output characters is written. */
export type TextOrigin =
  | { kind: 'input'; offset: number }
  | { kind: 'variable'; location: SourceLocation | undefined; locateLiteral?: VariableValue['locateLiteral']; template?: string };

/** A `$NAME` or `${NAME...}` reference: its name and its [start, end) offsets in the input. */
export interface VariableReference {
  name: string;
  start: number;
  end: number;
}

export interface InterpolatedPiece {
  /** [start, end) in the output. */
  start: number;
  end: number;
  origin: TextOrigin;
  /** The reference the text came through; absent for text written literally. */
  reference?: VariableReference;
}

export interface InterpolationProblem {
  /**
   * `unset`: referenced without a value or a default (Compose substitutes ""); `required`:
   * `${X:?msg}` / `${X?msg}` unmet (Compose refuses to run); `invalid`: a malformed
   * `${...}` (Compose refuses the file); `too-long`: the value would pass the length limit.
   */
  kind: 'unset' | 'required' | 'invalid' | 'too-long';
  message: string;
  /** Offset of the reference's `$` in the input. */
  offset: number;
}

export interface Interpolation {
  value: string;
  pieces: InterpolatedPiece[];
  problems: InterpolationProblem[];
}

/**
 * Interpolates `$$`, `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?error}`, `${NAME?error}`, `${NAME:+replacement}` and `${NAME+replacement}`, with
 * defaults and replacements interpolated in turn. A `$` followed by anything else stays.
 */
export function interpolate(input: string, lookup: VariableLookup, maxLength: number = MAX_INTERPOLATED_LENGTH): Interpolation {
  const out = new OutputBuilder(maxLength);
  interpolateRange(input, 0, input.length, lookup, out, undefined);
  return out.result();
}

/** The piece that produced output character `index`, or undefined past the end. */
export function pieceAt(interpolation: Interpolation, index: number): InterpolatedPiece | undefined {
  return interpolation.pieces.find((piece) => index >= piece.start && index < piece.end);
}

type Operator = ':-' | '-' | ':?' | '?' | ':+' | '+';
const OPERATORS: readonly Operator[] = [':-', ':?', ':+', '-', '?', '+'];

class OutputBuilder {
  private value = '';
  private readonly pieces: InterpolatedPiece[] = [];
  private readonly problems: InterpolationProblem[] = [];
  private overflowed = false;

  constructor(private readonly maxLength: number) {}

  /** Past the limit, nothing more is appended: the value stops where it was, and says why. */
  append(text: string, origin: TextOrigin, reference: VariableReference | undefined): void {
    if (text === '' || this.overflowed) return;
    if (this.value.length + text.length > this.maxLength) {
      this.overflowed = true;
      noteLimitHit('env-expansion');
      const offset = reference?.start ?? (origin.kind === 'input' ? origin.offset : 0);
      this.problems.push({ kind: 'too-long', message: `the value expands to more than ${this.maxLength} characters (a fixed limit): not expanded`, offset });
      return;
    }
    const start = this.value.length;
    this.value += text;
    this.pieces.push({ start, end: this.value.length, origin, ...(reference ? { reference } : {}) });
  }

  problem(problem: InterpolationProblem): void {
    this.problems.push(problem);
  }

  result(): Interpolation {
    return { value: this.value, pieces: this.pieces, problems: this.problems };
  }
}

/**
 * Interpolates input[from, to) into `out`. Text written literally in the range belongs to
 * `enclosing` (the reference whose default or replacement the range is), if any.
 */
function interpolateRange(
  input: string,
  from: number,
  to: number,
  lookup: VariableLookup,
  out: OutputBuilder,
  enclosing: VariableReference | undefined,
): void {
  const literal = (start: number, end: number) =>
    out.append(input.slice(start, end), { kind: 'input', offset: start }, enclosing);
  let literalStart = from;
  let at = input.indexOf('$', from);
  while (at >= 0 && at + 1 < to) {
    const next = input.charAt(at + 1);
    if (next === '$') {
      literal(literalStart, at + 1);
      literalStart = at + 2;
    } else if (isNameStart(next)) {
      literal(literalStart, at);
      const end = nameEnd(input, at + 1, to);
      substitute({ name: input.slice(at + 1, end), start: at, end }, lookup, out);
      literalStart = end;
    } else if (next === '{') {
      literal(literalStart, at);
      literalStart = interpolateBraced(input, at, to, lookup, out);
    }
    at = input.indexOf('$', Math.max(at + 1, literalStart));
  }
  literal(literalStart, to);
}

/** Interpolates the `${...}` that starts at `dollar`; returns the offset after it. */
function interpolateBraced(input: string, dollar: number, to: number, lookup: VariableLookup, out: OutputBuilder): number {
  const close = closingBrace(input, dollar + 1, to);
  const nameStart = dollar + 2;
  const end = close < 0 ? nameStart : nameEnd(input, nameStart, close);
  const operator = OPERATORS.find((op) => input.startsWith(op, end));
  if (close < 0 || end === nameStart || !isNameStart(input.charAt(nameStart)) || (end !== close && !operator)) {
    const template = input.slice(dollar, close < 0 ? to : close + 1);
    out.problem({ kind: 'invalid', message: `Invalid template: ${JSON.stringify(template)}`, offset: dollar });
    return close < 0 ? to : close + 1;
  }
  const reference = { name: input.slice(nameStart, end), start: dollar, end: close + 1 };
  if (end === close || !operator) {
    substitute(reference, lookup, out);
  } else {
    applyOperator(input, reference, operator, end + operator.length, close, lookup, out);
  }
  return close + 1;
}

function applyOperator(
  input: string,
  reference: VariableReference,
  operator: Operator,
  argStart: number,
  argEnd: number,
  lookup: VariableLookup,
  out: OutputBuilder,
): void {
  const found = lookup(reference.name, operator.endsWith('?') ? 'plain' : 'withFallback');
  const emptyCounts = operator.startsWith(':');
  const missing = found === undefined || (emptyCounts && found.value === '');
  switch (operator) {
    case ':-':
    case '-':
      if (missing) interpolateRange(input, argStart, argEnd, lookup, out, reference);
      else appendValue(found, reference, out);
      return;
    case ':?':
    case '?':
      if (missing) {
        const reason = interpolate(input.slice(argStart, argEnd), lookup, 1024).value;
        const message = `required variable ${reference.name} is missing a value${reason === '' ? '' : `: ${reason}`}`;
        out.problem({ kind: 'required', message, offset: reference.start });
      } else {
        appendValue(found, reference, out);
      }
      return;
    case ':+':
    case '+':
      if (!missing) interpolateRange(input, argStart, argEnd, lookup, out, reference);
      else if (found) appendValue(found, reference, out);
      return;
  }
}

function substitute(reference: VariableReference, lookup: VariableLookup, out: OutputBuilder): void {
  const found = lookup(reference.name, 'plain');
  if (found === undefined) {
    out.problem({ kind: 'unset', message: `variable ${reference.name} is not set`, offset: reference.start });
    return;
  }
  appendValue(found, reference, out);
}

function appendValue(found: VariableValue, reference: VariableReference, out: OutputBuilder): void {
  const { location, locateLiteral, template } = found;
  out.append(found.value, { kind: 'variable', location, ...(locateLiteral ? { locateLiteral } : {}), ...(template === undefined ? {} : { template }) }, reference);
}

/**
 * compose-go's getFirstBraceClosingIndex: counts `{` (skipping the character after each, as
 * it does) and `}` from the `{` at `open`; -1 when the braces never balance.
 */
function closingBrace(input: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const char = input.charAt(i);
    if (char === '}' && --depth === 0) return i;
    if (char === '{') {
      depth++;
      i++;
    }
  }
  return -1;
}

function isNameStart(char: string): boolean {
  return char === '_' || (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}

function isNameChar(char: string): boolean {
  return isNameStart(char) || (char >= '0' && char <= '9');
}

function nameEnd(input: string, start: number, to: number): number {
  let end = start;
  while (end < to && isNameChar(input.charAt(end))) end++;
  return end;
}
