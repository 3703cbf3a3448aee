// The decoders the trust work added: bytes to text, the Markdown registry cut into pieces,
// and bounded variable expansion. Random and mutated input never breaks them, and each
// keeps the one promise that makes it safe.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isUtf8 } from 'node:buffer';
import { isDeepStrictEqual } from 'node:util';
import { decodeText, firstInvalidUtf8 } from '../../src/discover/decode.js';
import { interpolate } from '../../src/extract/interpolate.js';
import { extractMarkdownRegistry } from '../../src/extract/registry/markdown.js';
import { PIECE_SIZES, splitMarkdown } from '../../src/extract/registry/markdownPieces.js';
import { corpusFiles } from './corpus.js';
import { assertNoViolations } from './fuzzConfig.js';
import { timed } from './invariants.js';
import { mutatedText } from './mutations.js';
import { markdownDocument } from './textDocuments.js';

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 100 }).map((text) => new Uint8Array(Buffer.from(text, 'utf8'))),
  fc.tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf], []), fc.uint8Array({ maxLength: 100 })).map(([head, body]) => new Uint8Array([...head, ...body])),
);

function decodeViolations(input: Uint8Array): string[] {
  const run = timed(() => decodeText(input));
  if ('error' in run) return [`threw: ${run.error}`];
  const { text, problem } = run.value;
  const violations: string[] = [];
  const bom = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  const utf16 = (input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff);
  const body = Buffer.from(input.subarray(bom));
  const clean = !utf16 && isUtf8(body) && !body.includes(0);
  // Silence is allowed only for clean UTF-8, and then the text is exactly the bytes.
  if (clean && problem !== undefined) violations.push(`clean UTF-8 got a problem: ${problem.message}`);
  if (clean && text !== body.toString('utf8')) violations.push('clean UTF-8 decoded to other text');
  if (!clean && problem === undefined) violations.push('bytes that are not clean UTF-8 passed in silence');
  if (problem !== undefined && (problem.line < 1 || problem.line > text.split('\n').length + 1)) violations.push(`problem line ${problem.line} is outside the text`);
  const invalid = firstInvalidUtf8(body);
  if ((invalid === undefined) !== isUtf8(body)) violations.push(`firstInvalidUtf8 says ${invalid} where isUtf8 says ${isUtf8(body)}`);
  if (invalid !== undefined && !isUtf8(body.subarray(0, invalid))) violations.push(`the bytes before ${invalid} are not valid UTF-8 either`);
  return violations;
}

describe('decodeText', () => {
  it('never throws, decodes clean UTF-8 exactly and says something about anything else', () => {
    assertNoViolations(bytes, decodeViolations);
  });
});

const CUT_EVERY_ROW = { ...PIECE_SIZES, tablePiece: 1 };

function markdownViolations(text: string): string[] {
  const split = timed(() => splitMarkdown(text, CUT_EVERY_ROW));
  if ('error' in split) return [`splitMarkdown threw: ${split.error}`];
  const violations: string[] = [];
  if ('blocks' in split.value) {
    const own = split.value.blocks.map((block) => block.pieces.map((piece) => piece.text.slice(piece.headerLength)).join('')).join('');
    if (own !== text) violations.push('the pieces do not add up to the document');
  }
  const whole = extractMarkdownRegistry({ path: 'PORTS.md', text }, undefined, { ...PIECE_SIZES, whole: true });
  const cut = extractMarkdownRegistry({ path: 'PORTS.md', text }, undefined, CUT_EVERY_ROW);
  if (!isDeepStrictEqual(cut, whole)) violations.push(`read in pieces: ${JSON.stringify(cut)}\nread whole: ${JSON.stringify(whole)}`);
  return violations;
}

// Rows with the whitespace, cell counts and line ends that decide how a row splits into cells.
const rowPart = fc.constantFrom('|', '| ', ' |', 'web', '3000', '80-90', ' ', '\t', '\u00a0', '\r', '\r\n', '', '**', '\\|', '`x|`', '&#49;', 'a b');
const rowLine = fc.tuple(fc.constantFrom('', ' ', '   ', '    '), fc.array(rowPart, { maxLength: 10 })).map(([indent, parts]) => `${indent}|${parts.join('')}|`);
const oddTable = fc
  .tuple(fc.constantFrom('| Port | Service |\n| --- | --- |', '| Service | Port | Protocol |\n|:--|--:|---|', '## Ports\n| Port | Name |\n|-|-|'), fc.array(rowLine, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([head, rows, end]) => [head, ...rows].join(end) + end);

describe('the Markdown registry read in pieces', () => {
  const seeds = corpusFiles('registry-markdown').map((file) => file.text);

  it('reads exactly what the whole document reads, even cut before every table row', () => {
    assertNoViolations(fc.oneof(markdownDocument, oddTable, mutatedText(seeds, seeds)), markdownViolations);
  });

  it('reads the seed registries exactly as whole', () => {
    for (const text of seeds) expect(markdownViolations(text)).toEqual([]);
  });
});

const variable = fc.constantFrom('A', 'B', 'C');
const template = fc.array(fc.oneof(fc.constantFrom('$A', '${B}', '${C:-xx}', '${A:+$B$B}', '$$', '${', '}', '-', 'x'), fc.string({ maxLength: 4 })), { maxLength: 12 }).map((parts) => parts.join(''));

describe('interpolate under a length limit', () => {
  it('never produces more than the limit, and says so whenever it stopped', () => {
    assertNoViolations(fc.tuple(template, fc.dictionary(variable, fc.string({ maxLength: 40 })), fc.integer({ min: 0, max: 64 })), ([input, values, limit]) => {
      const run = timed(() => interpolate(input, (name) => (values[name] === undefined ? undefined : { value: values[name] as string }), limit));
      if ('error' in run) return [`threw: ${run.error}`];
      const unbounded = interpolate(input, (name) => (values[name] === undefined ? undefined : { value: values[name] as string }), Number.POSITIVE_INFINITY);
      const violations: string[] = [];
      if (run.value.value.length > limit) violations.push(`${run.value.value.length} characters past a limit of ${limit}`);
      const stopped = run.value.problems.some((problem) => problem.kind === 'too-long');
      if (stopped !== unbounded.value.length > limit) violations.push(`stopped: ${stopped}, but the full value is ${unbounded.value.length} characters`);
      if (!stopped && run.value.value !== unbounded.value) violations.push('a value within the limit differs from the unbounded one');
      return violations;
    });
  });
});
