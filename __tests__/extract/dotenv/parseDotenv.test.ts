import { describe, expect, it } from '@jest/globals';
import { dotenvVariables } from '../../../src/extract/dotenv/dotenvVariables.js';
import { expandEscapes, looksLikeDotenv, parseDotenv } from '../../../src/extract/dotenv/parseDotenv.js';

function values(text: string): Record<string, string> {
  return Object.fromEntries(parseDotenv(text).entries.map((entry) => [entry.name, entry.value]));
}

describe('parseDotenv: Compose .env rules', () => {
  // Cases from compose-go dotenv/godotenv_test.go.
  it.each([
    ['FOO=bar', 'bar'],
    ['FOO=bar ', 'bar'],
    ['FOO = bar', 'bar'],
    ['FOO: bar', 'bar'],
    ['export FOO=bar', 'bar'],
    ['export   FOO=bar', 'bar'],
    ['FOO=bar # this is foo', 'bar'],
    ['FOO=bar #this is foo', 'bar'],
    ['FOO=123#not-an-inline-comment', '123#not-an-inline-comment'],
    ['FOO="bar#baz" # comment', 'bar#baz'],
    ['FOO="bar#baz"#', 'bar#baz'],
    ["FOO='bar#baz' # comment", 'bar#baz'],
    ["FOO='a\\nb'", 'a\\nb'],
    ['FOO="a\\nb"', 'a\nb'],
    ['FOO="say \\"hi\\""', 'say "hi"'],
    ['FOO="\\$HOME"', '$$HOME'],
    ['FOO=', ''],
  ])('%s', (line, expected) => {
    expect(values(line)).toEqual({ FOO: expected });
  });

  it('skips comments, blank lines and bare names, and gives each value its line and column', () => {
    const text = ['# ports', '', 'WEB_PORT=3000', '  export API_PORT="3001"', 'INHERITED', "SINGLE='3002' # c", 'YAML_PORT: 3003'].join('\n');
    const { entries, problems } = parseDotenv(text);
    expect(problems).toEqual([]);
    expect(entries.map(({ name, line, column, valueOffset, expands }) => ({ name, line, column, valueOffset, expands }))).toEqual([
      { name: 'WEB_PORT', line: 3, column: 10, valueOffset: 18, expands: true },
      { name: 'API_PORT', line: 4, column: 20, valueOffset: 42, expands: true },
      { name: 'SINGLE', line: 6, column: 9, valueOffset: 66, expands: false },
      { name: 'YAML_PORT', line: 7, column: 12, valueOffset: 87, expands: true },
    ]);
  });

  it('reads a double-quoted value over several lines and keeps counting lines after it', () => {
    const { entries } = parseDotenv('CERT="line one\nline two"\nPORT=8080\n');
    expect(entries.map(({ name, value, line }) => [name, value, line])).toEqual([
      ['CERT', 'line one\nline two', 1],
      ['PORT', '8080', 3],
    ]);
  });

  it('handles CRLF line endings', () => {
    const { entries } = parseDotenv('A_PORT=1\r\nB_PORT=2\r\n');
    expect(entries.map(({ name, value, line, column }) => [name, value, line, column])).toEqual([
      ['A_PORT', '1', 1, 8],
      ['B_PORT', '2', 2, 8],
    ]);
  });

  it('reports malformed statements with their line, and reads on', () => {
    const text = ['OK_PORT=1', 'MY KEY=2', 'BAD!=3', 'QUOTE="unterminated', 'AFTER_PORT=4'].join('\n');
    const { entries, problems } = parseDotenv(text);
    expect(problems).toEqual([
      { line: 2, column: 1, message: 'key cannot contain a space' },
      { line: 3, column: 1, message: 'unexpected character "!" in variable name "BAD!=3"' },
      { line: 4, column: 7, message: 'unterminated quoted value "unterminated' },
    ]);
    expect(entries.map((entry) => [entry.name, entry.value, entry.line])).toEqual([
      ['OK_PORT', '1', 1],
      ['AFTER_PORT', '4', 5],
    ]);
  });
});

describe('expandEscapes', () => {
  it('expands what compose-go expands and leaves the rest', () => {
    expect(expandEscapes('a\\tb\\\\c\\0101\\x41\\c')).toBe('a\tb\\cA\\x41\\c');
  });
});

describe('dotenvVariables', () => {
  it('expands references to earlier entries and locates the value where its literal is written', () => {
    const { entries } = parseDotenv('BASE_PORT=4000\nWEB_PORT=${BASE_PORT}\nAPI_PORT=${MISSING:-4100}\nRAW=\'${BASE_PORT}\'\n');
    const variables = dotenvVariables(entries, '.env');
    expect(variables.get('WEB_PORT')).toMatchObject({ value: '4000', location: { file: '.env', line: 1, column: 11 }, problems: [] });
    expect(variables.get('API_PORT')).toMatchObject({ value: '4100', location: { file: '.env', line: 3, column: 21 }, problems: [] });
    expect(variables.get('RAW')?.value).toBe('${BASE_PORT}');
  });

  it('lets the last assignment win', () => {
    const variables = dotenvVariables(parseDotenv('PORT=1\nPORT=2\n').entries, 'x/.env');
    expect(variables.get('PORT')).toMatchObject({ value: '2', location: { file: 'x/.env', line: 2, column: 6 } });
  });
});

describe('looksLikeDotenv', () => {
  it.each([
    ['PORT=3000\n', true],
    ['# comment\n\nexport PORT=3000\n', true],
    ['KEY: value\n', true],
    ['BARE\n', true],
    ['', true],
    ['MY PORT=1\nWEB_PORT=3000\n', true],
    ['--- a/.env\n+++ b/.env\n@@ -1 +1 @@\n-PORT=3000\n+PORT=3100\n', false],
    ['diff --git a/.env b/.env\n', false],
    ['@@ -1 +1 @@\n PORT=3000\n', false],
    ['{% for k, v in env.items() %}{{ k }}={{ v }}\n{% endfor %}\n', false],
    ['From 1a2b3c Mon Sep 17 00:00:00 2001\n', false],
  ])('%j -> %s', (text, expected) => {
    expect(looksLikeDotenv(text)).toBe(expected);
  });
});
