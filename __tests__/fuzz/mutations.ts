// Mutated seed corpora: a fixture that parsed once, damaged the ways files get damaged
// (a flipped byte, a lost or doubled line, a cut, a paste from another file) and the ways a
// hostile pull request damages them (control characters, huge repetition, other line ends).
import fc from 'fast-check';

/** Characters that mean something to one of the formats, or to a line counter. */
export const INTERESTING_CHARS: readonly string[] = [
  '\0', '\r', '\n', '\r\n', '\t', ' ', '\v', '\f', '\u0085', '\u00a0', '\u2028', '\u2029', '\ufeff',
  ':', '-', '"', "'", '`', '\\', '$', '{', '}', '[', ']', '(', ')', '|', '#', '&', '*', '!', '%', '@',
  '<', '>', '=', ',', ';', '/', '.', '~', '?', '0', '1', '5', '8', '9', 'x', 'é', '😀', '\ud800', '\udc00',
];

export const interestingChar = fc.oneof(fc.constantFrom(...INTERESTING_CHARS), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));

type Mutation =
  | { kind: 'replace'; at: number; text: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'deleteLine'; line: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'swapLines'; line: number; other: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'splice'; at: number; other: string; from: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'lineEnds'; ending: '\r\n' | '\r' }
  | { kind: 'bom' };

function mutationArbitrary(donors: readonly string[]): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, text: interestingChar }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: fc.oneof(interestingChar, fc.string({ maxLength: 12 })) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 16 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('deleteLine' as const), line: at }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicateLine' as const), line: at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('swapLines' as const), line: at, other: at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('splice' as const), at, other: fc.constantFrom(...donors), from: at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat' as const), at, length: fc.integer({ min: 1, max: 40 }), times: fc.integer({ min: 2, max: 300 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('lineEnds' as const), ending: fc.constantFrom('\r\n' as const, '\r' as const) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  );
}

export function applyMutation(text: string, mutation: Mutation): string {
  const at = (n: number) => (text.length === 0 ? 0 : n % (text.length + 1));
  const lines = text.split('\n');
  const line = (n: number) => n % lines.length;
  switch (mutation.kind) {
    case 'replace':
      return text.slice(0, at(mutation.at)) + mutation.text + text.slice(at(mutation.at) + 1);
    case 'insert':
      return text.slice(0, at(mutation.at)) + mutation.text + text.slice(at(mutation.at));
    case 'delete':
      return text.slice(0, at(mutation.at)) + text.slice(at(mutation.at) + mutation.length);
    case 'deleteLine':
      return lines.filter((_, i) => i !== line(mutation.line)).join('\n');
    case 'duplicateLine':
      return lines.flatMap((text, i) => (i === line(mutation.line) ? [text, text] : [text])).join('\n');
    case 'swapLines': {
      const [a, b] = [line(mutation.line), line(mutation.other)];
      return lines.map((text, i) => (i === a ? lines[b] : i === b ? lines[a] : text)).join('\n');
    }
    case 'truncate':
      return text.slice(0, at(mutation.at));
    case 'splice':
      return text.slice(0, at(mutation.at)) + mutation.other.slice(mutation.from % (mutation.other.length + 1));
    case 'repeat': {
      const start = at(mutation.at);
      const piece = text.slice(start, start + mutation.length);
      return text.slice(0, start) + piece.repeat(mutation.times) + text.slice(start + piece.length);
    }
    case 'lineEnds':
      return text.replace(/\r?\n/g, mutation.ending);
    case 'bom':
      return `\ufeff${text}`;
  }
}

/** A text of `seeds`, with up to `maxMutations` mutations applied in turn. */
export function mutatedText(seeds: readonly string[], donors: readonly string[], maxMutations = 6): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutationArbitrary(donors), { minLength: 1, maxLength: maxMutations }))
    .map(([seed, mutations]) => mutations.reduce(applyMutation, seed));
}
