// The .env parser: random and mutated files never break it, and every value character is
// located where it is written (an escape at its backslash).
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDotenv } from '../../src/extract/dotenv/parseDotenv.js';
import { corpusFiles } from './corpus.js';
import { assertNoViolations, MAX_INPUT_MS } from './fuzzConfig.js';
import { timed } from './invariants.js';
import { mutatedText } from './mutations.js';
import { dotenvDocument } from './textDocuments.js';
import { TextGrid } from './textGrid.js';

function dotenvViolations(text: string): string[] {
  const run = timed(() => parseDotenv(text));
  if ('error' in run) return [`threw: ${run.error}`];
  const violations = run.ms > MAX_INPUT_MS ? [`took ${Math.round(run.ms)} ms`] : [];
  const grid = new TextGrid(text);
  for (const problem of run.value.problems) {
    if (!grid.contains(problem.line, problem.column, true)) violations.push(`problem at ${problem.line}:${problem.column} is outside the text`);
  }
  for (const entry of run.value.entries) {
    for (let i = 0; i < entry.value.length; i++) {
      const { line, column } = entry.locate(i);
      const written = grid.from(line, column).charAt(0);
      // A value's line breaks are the file's; an escape's characters are where its backslash is.
      const expected = entry.value.charAt(i) === '\n' ? '' : entry.value.charAt(i);
      if (written !== expected && written !== '\\') violations.push(`${entry.name}: value[${i}] ${JSON.stringify(expected)} is located at ${line}:${column}, which shows ${JSON.stringify(written)}`);
    }
  }
  return violations;
}

describe('parseDotenv', () => {
  const seeds = corpusFiles('dotenv').map((file) => file.text);

  it('never throws, and locates every value character where it is written', () => {
    assertNoViolations(fc.oneof(fc.string(), dotenvDocument, mutatedText(seeds, seeds)), dotenvViolations);
  });
});
