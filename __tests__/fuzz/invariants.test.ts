// The oracle of the fuzz properties, tested on inputs whose answer is known: a checker that
// accepted everything would make every property pass.
import { describe, expect, it } from '@jest/globals';
import type { Binding, Extractor } from '../../src/model/types.js';
import { extractionViolations, resultViolations } from './invariants.js';
import { cpuMillis } from './fuzzConfig.js';
import { applyMutation } from './mutations.js';
import { portLiteralProblem, TextGrid } from './textGrid.js';

const TEXT = 'services:\n  web:\n    ports: ["08080:80", "127.0.0.1:9000-9001:80-81"]\n';

function binding(fields: Partial<Binding>): Binding {
  return { service: 'web', port: 8080, endPort: 8080, protocol: 'tcp', hostIp: null, scope: 'host', kind: 'publish', format: 'compose', file: 'compose.yml', line: 3, column: 14, ...fields };
}

const violationsOf = (bindings: Binding[]) => resultViolations('compose', ['compose.yml'], { 'compose.yml': TEXT }, { bindings, diagnostics: [] });

describe('portLiteralProblem', () => {
  const grid = new TextGrid(TEXT);

  it.each([
    ['a port with leading zeros', 3, 14, 8080],
    ['the first port of a range behind an address', 3, 36, 9000],
    ['a target port', 3, 20, 80],
  ])('accepts %s', (_case, line, column, port) => {
    expect(portLiteralProblem(grid, line, column, port)).toBeUndefined();
  });

  it.each([
    ['the quote before the literal', 3, 13, 8080, '3:13 shows "\\"08080:80\\", \\"127.0.0.1:9", not the port 8080'],
    ['the middle of a number', 3, 15, 8080, '3:15 is inside the number "08080"'],
    ['another number', 3, 20, 8080, '3:20 shows "80\\", \\"127.0.0.1:9000-900", whose number 80 is not the port 8080'],
    ['the address instead of its port', 3, 26, 9000, '3:26 shows "127.0.0.1:9000-9001:80-8", whose number 127 is not the port 9000'],
    ['a column past the line', 3, 60, 8080, '3:60 is outside the text'],
    ['a line past the file', 5, 1, 8080, '5:1 is outside the text'],
  ])('rejects %s', (_case, line, column, port, problem) => {
    expect(portLiteralProblem(grid, line, column, port)).toBe(problem);
  });

  it('reads source-code and YAML spellings of a number', () => {
    const code = new TextGrid('listen(8_080); port: 0x1F90; p: +80');
    expect([portLiteralProblem(code, 1, 8, 8080), portLiteralProblem(code, 1, 22, 8080), portLiteralProblem(code, 1, 34, 80)]).toEqual([undefined, undefined, undefined]);
  });
});

describe('resultViolations', () => {
  it('accepts a binding at its literal', () => {
    expect(violationsOf([binding({})])).toEqual([]);
  });

  it('names every broken fact of a binding', () => {
    expect(violationsOf([binding({ port: 0, endPort: 70000, service: 'Web', format: 'dotenv', file: 'other.yml', via: { file: 'compose.yml', line: 9, column: 1 } })])).toEqual([
      'binding Web 0-70000/tcp @other.yml:3:14: ports 0-70000 are not 1 <= port <= endPort <= 65535',
      "binding Web 0-70000/tcp @other.yml:3:14: format dotenv is not the extractor's compose",
      'binding Web 0-70000/tcp @other.yml:3:14: service name is empty or not normalized',
      'binding Web 0-70000/tcp @other.yml:3:14: file other.yml is not a file of the tree',
      'binding Web 0-70000/tcp @other.yml:3:14: via 9:1 is outside compose.yml',
    ]);
  });

  it('checks a diagnostic against the file it names, which must be the file read or one it depends on', () => {
    const diagnostics = [
      { file: 'compose.yml', line: 3, column: 53, severity: 'error' as const, message: 'at the end of line 3' },
      { file: 'compose.yml', line: 4, column: 1, severity: 'error' as const, message: 'on the empty last line' },
      { file: 'compose.yml', line: 5, severity: 'error' as const, message: 'past the end' },
      { file: '.env', line: 1, severity: 'warning' as const, message: 'in a file not read' },
    ];
    expect(resultViolations('compose', ['compose.yml'], { 'compose.yml': TEXT, '.env': 'A=1\n' }, { bindings: [], diagnostics }).map((v) => v.replace(/^diagnostic .*\}: /, ''))).toEqual([
      'line 5 is not a line of the file (1-4)',
      'file .env is neither the file read nor one it depends on',
    ]);
  });
});

describe('extractionViolations', () => {
  const answering = (answer: () => ReturnType<Extractor['extract']>): Extractor => ({ format: 'compose', matches: () => true, extract: answer });
  const input = { path: 'compose.yml', text: TEXT, siblings: {} };

  it('reports an exception instead of throwing it', () => {
    const violations = extractionViolations(answering(() => { throw new RangeError('boom'); }), input);
    expect(violations).toEqual([expect.stringMatching(/^threw: RangeError: boom/)]);
  });

  it('reports an answer that changes from one extraction to the next', () => {
    let calls = 0;
    const violations = extractionViolations(answering(() => ({ bindings: [], diagnostics: [{ file: 'compose.yml', severity: 'warning', message: String(++calls) }] })), input);
    expect(violations).toEqual(['a second extraction of the same input gave another result']);
  });

  it('reports an extraction slower than the limit', () => {
    let calls = 0;
    const violations = extractionViolations(answering(() => {
      // Only the first extraction is timed; the second one checks determinism.
      const until = cpuMillis() + (++calls === 1 ? 60 : 0);
      while (cpuMillis() < until);
      return { bindings: [], diagnostics: [] };
    }), input, 50);
    expect(violations).toEqual([expect.stringMatching(/^took \d+ ms \(more than 50 ms\)$/)]);
  });
});

describe('applyMutation', () => {
  it.each([
    [{ kind: 'replace', at: 1, text: '\0' }, 'a\0c\nd'],
    [{ kind: 'insert', at: 3, text: '😀' }, 'abc😀\nd'],
    [{ kind: 'delete', at: 1, length: 2 }, 'a\nd'],
    [{ kind: 'deleteLine', line: 1 }, 'abc'],
    [{ kind: 'duplicateLine', line: 0 }, 'abc\nabc\nd'],
    [{ kind: 'swapLines', line: 0, other: 1 }, 'd\nabc'],
    [{ kind: 'truncate', at: 2 }, 'ab'],
    [{ kind: 'splice', at: 2, other: 'xyz', from: 1 }, 'abyz'],
    [{ kind: 'repeat', at: 0, length: 2, times: 3 }, 'abababc\nd'],
    [{ kind: 'lineEnds', ending: '\r\n' }, 'abc\r\nd'],
    [{ kind: 'bom' }, '\ufeffabc\nd'],
  ] as const)('%j', (mutation, expected) => {
    expect(applyMutation('abc\nd', mutation)).toBe(expected);
  });
});
