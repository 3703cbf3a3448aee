import { describe, expect, it } from '@jest/globals';
import { interpolate, pieceAt, type VariableLookup, type VariableValue } from '../../src/extract/interpolate.js';

const ENV_AT = { file: 'app/.env', line: 3, column: 10 };

function lookupOf(values: Record<string, string>): VariableLookup {
  return (name) => (name in values ? ({ value: values[name] ?? '', location: ENV_AT } satisfies VariableValue) : undefined);
}

describe('interpolate: Compose semantics', () => {
  // Expected values follow compose-go template/template_test.go.
  it.each([
    ['${PORT}', { PORT: '8000' }, '8000'],
    ['$PORT:80', { PORT: '8000' }, '8000:80'],
    ['${PORT:-3000}', {}, '3000'],
    ['${PORT:-3000}', { PORT: '' }, '3000'],
    ['${PORT:-3000}', { PORT: '4000' }, '4000'],
    ['${PORT-3000}', {}, '3000'],
    ['${PORT-3000}', { PORT: '' }, ''],
    ['${PORT:+9000}', { PORT: '1' }, '9000'],
    ['${PORT:+9000}', { PORT: '' }, ''],
    ['${PORT+9000}', { PORT: '' }, '9000'],
    ['$${PORT}:80', { PORT: '8000' }, '${PORT}:80'],
    ['$$PORT', {}, '$PORT'],
    ['price: 5$', {}, 'price: 5$'],
    ['$1', {}, '$1'],
    ['${A:-${B:-80}}:${C}', { C: '90' }, '80:90'],
    ['${HOST_IP:-127.0.0.1}:${PORT:-8080}:80', {}, '127.0.0.1:8080:80'],
  ])('%s with %j is %j', (input, env, expected) => {
    const result = interpolate(input, lookupOf(env));
    expect(result.value).toBe(expected);
    expect(result.problems).toEqual([]);
  });

  it('reports an unset variable without a default, and substitutes nothing as Compose does', () => {
    const result = interpolate('${HOST_PORT}:80', lookupOf({}));
    expect(result.value).toBe(':80');
    expect(result.problems).toEqual([{ kind: 'unset', message: 'variable HOST_PORT is not set', offset: 0 }]);
  });

  it('reports required variables with compose-go messages', () => {
    expect(interpolate('x${PORT:?need port}', lookupOf({})).problems).toEqual([
      { kind: 'required', message: 'required variable PORT is missing a value: need port', offset: 1 },
    ]);
    expect(interpolate('${PORT:?}', lookupOf({ PORT: '' })).problems[0]?.message).toBe('required variable PORT is missing a value');
    expect(interpolate('${PORT?}', lookupOf({ PORT: '' })).problems).toEqual([]);
  });

  it('reports malformed templates', () => {
    expect(interpolate('${}:80', lookupOf({})).problems).toEqual([{ kind: 'invalid', message: 'Invalid template: "${}:80"', offset: 0 }]);
    expect(interpolate('80:${PORT', lookupOf({})).problems).toEqual([{ kind: 'invalid', message: 'Invalid template: "${PORT"', offset: 3 }]);
    expect(interpolate('${9PORT}', lookupOf({})).problems[0]?.kind).toBe('invalid');
    expect(interpolate('${PORT!x}', lookupOf({})).problems[0]?.kind).toBe('invalid');
  });
});

describe('interpolate: where each output character is written', () => {
  it('traces a .env value to its location, with the reference', () => {
    const result = interpolate('${WEB_PORT:-8080}:80', lookupOf({ WEB_PORT: '3000' }));
    expect(result.value).toBe('3000:80');
    expect(pieceAt(result, 0)).toEqual({
      start: 0,
      end: 4,
      origin: { kind: 'variable', location: ENV_AT },
      reference: { name: 'WEB_PORT', start: 0, end: 17 },
    });
    expect(pieceAt(result, 5)).toEqual({ start: 4, end: 7, origin: { kind: 'input', offset: 17 } });
  });

  it('traces a default to its offset inside the reference', () => {
    const result = interpolate('127.0.0.1:${WEB_PORT:-8080}:80', lookupOf({}));
    expect(result.value).toBe('127.0.0.1:8080:80');
    expect(pieceAt(result, 10)).toEqual({
      start: 10,
      end: 14,
      origin: { kind: 'input', offset: 22 },
      reference: { name: 'WEB_PORT', start: 10, end: 27 },
    });
  });

  it('gives a nested default to the innermost variable', () => {
    const result = interpolate('${A:-${B:-80}}', lookupOf({}));
    expect(pieceAt(result, 0)).toEqual({ start: 0, end: 2, origin: { kind: 'input', offset: 10 }, reference: { name: 'B', start: 5, end: 13 } });
  });

  it('keeps $$ as one literal dollar at its offset', () => {
    const result = interpolate('a$$b', lookupOf({}));
    expect(result.pieces).toEqual([
      { start: 0, end: 2, origin: { kind: 'input', offset: 0 } },
      { start: 2, end: 3, origin: { kind: 'input', offset: 3 } },
    ]);
  });
});
