// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions: each port is
// located at its first digit, past quotes, escapes, white space and line breaks.
import { describe, expect, it } from '@jest/globals';
import { dotenvExtractor } from '../../../src/extract/dotenv/extractDotenv.js';
import { parseDotenv } from '../../../src/extract/dotenv/parseDotenv.js';
import type { ExtractResult } from '../../../src/model/types.js';

function extract(text: string, path = 'web/.env'): ExtractResult {
  return dotenvExtractor.extract({ path, text }, { rootName: 'repo', readFile: () => undefined });
}

const at = (result: ExtractResult) => result.bindings.map(({ port, line, column, via }) => ({ port, line, column, ...(via ? { via } : {}) }));

describe('dotenv: fuzz regressions', () => {
  it.each([
    ['a quoted value with a leading space', 'WEB_PORT=" 8080"\n', { port: 8080, line: 1, column: 12 }],
    ['a quoted value that starts with a line break', 'WEB_PORT="\n8080"\n', { port: 8080, line: 2, column: 1 }],
    ['a value that starts with an escape', 'WEB_PORT="\\t8080"\n', { port: 8080, line: 1, column: 13 }],
    ['a default on the line after the opening quote', 'WEB_PORT="\n${MISSING:-3000}"\n', { port: 3000, line: 2, column: 12 }],
  ])('locates %s at its digits', (_case, text, expected) => {
    expect(at(extract(text))).toEqual([expected]);
  });

  it('points via at the reference, wherever the value starts', () => {
    expect(at(extract('BASE=8080\nWEB_PORT="\n${BASE}"\n'))).toEqual([
      { port: 8080, line: 1, column: 6, via: { file: 'web/.env', line: 3, column: 1 } },
    ]);
  });

  it.each([
    ['assembled from a default and a literal', 'WEB_PORT=${A:-8}0\n', 'WEB_PORT=80'],
    ['spelled with an octal escape inside it', 'WEB_PORT="80\\00608"\n', 'WEB_PORT=8008'],
  ])('skips a port %s, which no one place writes', (_case, text, shown) => {
    const result = extract(text);
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      `${shown}: the port is not written as one literal (it is assembled from several values, or spelled with escapes); skipped`,
    ]);
  });

  it('claims no bare PORT for a folder whose name has no letter or digit', () => {
    expect(extract('PORT=8080\n', '_/.env')).toEqual({
      bindings: [],
      diagnostics: [{ file: '_/.env', line: 1, column: 6, severity: 'warning', message: 'folder "_" has no letter or digit, so it names no service: its ports are not checked' }],
    });
  });
});

describe('parseDotenv: fuzz regressions', () => {
  it('locates the characters of a single-quoted value past an escaped quote, whose backslash compose-go drops', () => {
    const [entry] = parseDotenv("A='\\'x'\n").entries;
    expect(entry?.value).toBe("'x");
    expect([0, 1].map((index) => entry?.locate(index))).toEqual([
      { line: 1, column: 4 },
      { line: 1, column: 6 },
    ]);
  });
});
