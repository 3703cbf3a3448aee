// Lines and columns as the report's readers count them: git and GitHub split a file at `\n`
// only (a `\r` before it is part of the line's end, a lone `\r` is an ordinary character),
// and columns are 1-based UTF-16 code units, as editors and the GitHub API count them.

export class TextGrid {
  private readonly lines: readonly string[];

  constructor(text: string) {
    this.lines = text.split('\n');
  }

  /** How many lines the text has; a text ending in `\n` has an empty last line (end of file). */
  get lineCount(): number {
    return this.lines.length;
  }

  /** The text of a 1-based line, or undefined when there is no such line. */
  line(line: number): string | undefined {
    return Number.isInteger(line) && line >= 1 ? this.lines[line - 1] : undefined;
  }

  /**
   * True when (line, column) is a character of the text or, for `atLineEnd`, the place just
   * after a line's last character (where a parser reports an unexpected end).
   */
  contains(line: number, column: number, atLineEnd = false): boolean {
    const text = this.line(line);
    if (text === undefined || !Number.isInteger(column) || column < 1) return false;
    return column <= text.length + (atLineEnd ? 1 : 0);
  }

  /** The rest of the line from (line, column). */
  from(line: number, column: number): string {
    return (this.line(line) ?? '').slice(column - 1);
  }

  /** The character just before (line, column), '' at a line's start. */
  before(line: number, column: number): string {
    return column > 1 ? (this.line(line) ?? '').charAt(column - 2) : '';
  }
}

// Decimal with optional `_` separators (`8080`, `08080`, `8_080` in source code), or a
// prefixed hexadecimal, octal or binary literal (`0x1F90`) where a format reads those; YAML
// integers may carry a `+`.
const NUMBER = /^\+?(?:0x[\da-f_]+|0o[0-7_]+|0b[01_]+|\d[\d_]*)/i;

/** What the literal may mean: `0123` is 123 to Compose and YAML, 83 to Go (a legacy octal literal). */
function numberValues(literal: string): number[] {
  const digits = literal.replace(/[+_]/g, '');
  if (/^0[xob]/i.test(digits)) return [Number(digits.toLowerCase())];
  const decimal = Number.parseInt(digits, 10);
  return /^0[0-7]+$/.test(digits) ? [decimal, Number.parseInt(digits, 8)] : [decimal];
}

/**
 * What a binding's location must show: the port literal itself. At (line, column) begins a
 * number, not preceded by a digit, whose value is `port`: decimal digits (leading zeros
 * allowed, as Compose reads `08080`, or octal, as Go reads `0123`; `_` separators, as source code writes `8_080`) or a
 * prefixed hexadecimal, octal or binary literal, either with a YAML integer's `+`. A range (`3000-3005`, `9090-9091:8080-8081`)
 * is pointed at its first port, an address (`127.0.0.1:8080`, `[::]:8082`) at its port, not
 * at the address. Returns why it does not hold, or undefined.
 */
export function portLiteralProblem(grid: TextGrid, line: number, column: number, port: number): string | undefined {
  if (!grid.contains(line, column)) return `${line}:${column} is outside the text`;
  const rest = grid.from(line, column);
  const literal = NUMBER.exec(rest)?.[0];
  const shown = JSON.stringify(rest.slice(0, 24));
  if (literal === undefined) return `${line}:${column} shows ${shown}, not the port ${port}`;
  if (/\d/.test(grid.before(line, column))) return `${line}:${column} is inside the number ${JSON.stringify(grid.before(line, column) + literal)}`;
  if (!numberValues(literal).includes(port)) return `${line}:${column} shows ${shown}, whose number ${literal} is not the port ${port}`;
  return undefined;
}
