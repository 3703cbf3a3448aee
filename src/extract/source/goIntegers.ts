// Go's integer literals as the Go spec defines them (https://go.dev/ref/spec#Integer_literals):
// a leading 0 makes a literal octal (`0123` is 83, `086` is no literal), and `_` may stand
// between digits and after a base prefix (`1_000`, `0x_1F90`), nowhere else.

interface IntegerForm {
  pattern: RegExp;
  radix: number;
  /** Characters before the digits: `0x`, or the `0` of a legacy octal literal. */
  prefix: number;
}

const FORMS: readonly IntegerForm[] = [
  { pattern: /^(?:0|[1-9](?:_?\d)*)$/, radix: 10, prefix: 0 },
  { pattern: /^0b_?[01](?:_?[01])*$/i, radix: 2, prefix: 2 },
  { pattern: /^0o_?[0-7](?:_?[0-7])*$/i, radix: 8, prefix: 2 },
  { pattern: /^0(?:_?[0-7])+$/, radix: 8, prefix: 1 },
  { pattern: /^0x_?[\da-f](?:_?[\da-f])*$/i, radix: 16, prefix: 2 },
];

/** The value of a Go int_lit, or undefined when the text is not a valid one. */
export function goIntegerValue(text: string): number | undefined {
  const form = FORMS.find(({ pattern }) => pattern.test(text));
  return form && Number.parseInt(text.slice(form.prefix).replace(/_/g, ''), form.radix);
}
