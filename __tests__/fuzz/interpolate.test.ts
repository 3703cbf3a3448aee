// Compose interpolation keeps, for every output character, the place it was written: random
// templates never break it, and every piece it reports holds exactly the text it claims.
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { interpolate, type VariableValue } from '../../src/extract/interpolate.js';
import { assertNoViolations, MAX_INPUT_MS } from './fuzzConfig.js';
import { timed } from './invariants.js';

const TEMPLATE_PARTS = ['$', '$$', '{', '}', '${', '${A', '${B}', '$A', ':', '-', ':-', '?', ':?', '+', ':+', 'A', 'B', '_', '1', '80', ' ', 'x', '\n'];
const template = fc.oneof(fc.string(), fc.array(fc.constantFrom(...TEMPLATE_PARTS), { maxLength: 40 }).map((parts) => parts.join('')));
const variables = fc.dictionary(fc.constantFrom('A', 'B', 'A1', '_'), fc.oneof(fc.constantFrom('', '8080', '${A}', '$'), fc.string({ maxLength: 6 })));

function interpolationViolations([input, values]: [string, Record<string, string>]): string[] {
  const lookup = (name: string): VariableValue | undefined => (Object.hasOwn(values, name) ? { value: values[name] as string } : undefined);
  const run = timed(() => interpolate(input, lookup));
  if ('error' in run) return [`threw: ${run.error}`];
  const { value, pieces, problems } = run.value;
  const violations = run.ms > MAX_INPUT_MS ? [`took ${Math.round(run.ms)} ms`] : [];
  let covered = 0;
  for (const piece of pieces) {
    if (piece.start !== covered || piece.end <= piece.start) violations.push(`piece ${piece.start}-${piece.end} does not continue at ${covered}`);
    covered = piece.end;
    const text = value.slice(piece.start, piece.end);
    if (piece.origin.kind === 'input') {
      const { offset } = piece.origin;
      if (input.slice(offset, offset + text.length) !== text) violations.push(`piece ${JSON.stringify(text)} is not at input offset ${offset}`);
    } else if (!piece.reference || lookup(piece.reference.name)?.value !== text) {
      violations.push(`piece ${JSON.stringify(text)} is not the value of ${piece.reference?.name ?? 'any variable'}`);
    }
    if (piece.reference && input.charAt(piece.reference.start) !== '$') violations.push(`reference at ${piece.reference.start} does not start at a $`);
  }
  if (covered !== value.length) violations.push(`pieces cover ${covered} of ${value.length} characters`);
  for (const problem of problems) if (input.charAt(problem.offset) !== '$') violations.push(`problem at ${problem.offset} is not at a $`);
  return violations;
}

describe('interpolate', () => {
  it('never throws, covers its output with pieces, and each piece holds the text it claims', () => {
    assertNoViolations(fc.tuple(template, variables), interpolationViolations);
  });
});
