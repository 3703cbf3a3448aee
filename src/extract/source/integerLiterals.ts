// Integer literals as each language reads them, so that a port is the number the program
// listens on: a leading 0 makes Go's and JavaScript's literals octal (`0123` is 83), is an
// error in Python, and means nothing in Rust. Each form is anchored and every quantified part
// is followed by what it cannot match: linear.

interface IntegerForm {
  pattern: RegExp;
  radix: number;
  /** Characters before the digits: `0x`, or the `0` of a legacy octal literal. */
  prefix: number;
}

type IntegerReader = (text: string) => number | undefined;

function readerOf(forms: readonly IntegerForm[], suffix?: RegExp): IntegerReader {
  return (written) => {
    const text = suffix ? written.replace(suffix, '') : written;
    const form = forms.find(({ pattern }) => pattern.test(text));
    return form && Number.parseInt(text.slice(form.prefix).replace(/_/g, ''), form.radix);
  };
}

/** `0x`, `0o`, `0b` with `_` between digits or after the prefix (Go, Python). */
const PREFIXED_WITH_LEADING_SEPARATOR: readonly IntegerForm[] = [
  { pattern: /^0b_?[01](?:_?[01])*$/i, radix: 2, prefix: 2 },
  { pattern: /^0o_?[0-7](?:_?[0-7])*$/i, radix: 8, prefix: 2 },
  { pattern: /^0x_?[\da-f](?:_?[\da-f])*$/i, radix: 16, prefix: 2 },
];

/** Go's int_lit (https://go.dev/ref/spec#Integer_literals): `086` is no literal. */
export const goIntegerValue: IntegerReader = readerOf([
  { pattern: /^(?:0|[1-9](?:_?\d)*)$/, radix: 10, prefix: 0 },
  { pattern: /^0(?:_?[0-7])+$/, radix: 8, prefix: 1 },
  ...PREFIXED_WITH_LEADING_SEPARATOR,
]);

/**
 * JavaScript's and TypeScript's numeric literals that are integers: `_` only between digits,
 * the legacy octal `0123` (83) and the legacy decimal `089` of sloppy mode. `3000n` is a
 * BigInt, which no listen() takes.
 */
export const javascriptIntegerValue: IntegerReader = readerOf([
  { pattern: /^(?:0|[1-9](?:_?\d)*)$/, radix: 10, prefix: 0 },
  { pattern: /^0[0-7]+$/, radix: 8, prefix: 1 },
  { pattern: /^0[0-7]*[89]\d*$/, radix: 10, prefix: 0 },
  { pattern: /^0b[01](?:_?[01])*$/i, radix: 2, prefix: 2 },
  { pattern: /^0o[0-7](?:_?[0-7])*$/i, radix: 8, prefix: 2 },
  { pattern: /^0x[\da-f](?:_?[\da-f])*$/i, radix: 16, prefix: 2 },
]);

/** Python's integer literals: a decimal other than zero has no leading 0 (`0123` is a syntax error). */
export const pythonIntegerValue: IntegerReader = readerOf([{ pattern: /^(?:[1-9](?:_?\d)*|0(?:_?0)*)$/, radix: 10, prefix: 0 }, ...PREFIXED_WITH_LEADING_SEPARATOR]);

/** Rust's integer literals: `_` anywhere after the first digit, a type suffix (`8765u16`), leading zeros allowed. */
export const rustIntegerValue: IntegerReader = readerOf(
  [
    { pattern: /^\d[\d_]*$/, radix: 10, prefix: 0 },
    { pattern: /^0b_*[01][01_]*$/, radix: 2, prefix: 2 },
    { pattern: /^0o_*[0-7][0-7_]*$/, radix: 8, prefix: 2 },
    { pattern: /^0x_*[\da-fA-F][\da-fA-F_]*$/, radix: 16, prefix: 2 },
  ],
  /[iu](?:8|16|32|64|128|size)$/,
);
