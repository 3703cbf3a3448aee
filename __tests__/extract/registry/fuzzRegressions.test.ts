// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { extractMarkdownRegistry } from '../../../src/extract/registry/markdown.js';
import { extractPortRegistryJson } from '../../../src/extract/registry/portRegistryJson.js';
import type { ExtractResult } from '../../../src/model/types.js';

const entries = (result: ExtractResult) => result.bindings.map(({ service, port, line, column }) => `${service} ${port} @${line}:${column}`);

describe('Markdown registry: fuzz regressions', () => {
  it('counts lines at \\n only, as git does: a lone \\r ends no line', () => {
    const result = extractMarkdownRegistry({ path: 'PORTS.md', text: '| Service | Port |\r|---|---|\r| api | 3000 |\n| web | 3001 |\n' });
    expect(entries(result)).toEqual(['api 3000 @1:38', 'web 3001 @2:9']);
  });

  it('locates ports after a byte order mark, which the Markdown parser drops before counting', () => {
    const result = extractMarkdownRegistry({ path: 'PORTS.md', text: '\ufeff| Service | Port |\n|---|---|\n| api | 3000 |\n' });
    expect(entries(result)).toEqual(['api 3000 @3:9']);
  });

  it('does not register a port written with a character reference: no digits to point a fix at', () => {
    const result = extractMarkdownRegistry({ path: 'PORTS.md', text: '| Service | Port |\n|---|---|\n| api | 3&#48;00 |\n' });
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics[0]).toEqual({
      file: 'PORTS.md',
      line: 3,
      column: 9,
      severity: 'error',
      message: 'port registry: port 3000 is written with character references or escapes, not as plain digits',
    });
  });

  it('reads a service cell with no letter or digit (`-`) as a reservation, not as a service named ""', () => {
    const result = extractMarkdownRegistry({ path: 'PORTS.md', text: '| Service | Port |\n|---|---|\n| - | 3000 |\n' });
    expect(result.bindings).toEqual([]);
    expect(result.registry?.reserved).toEqual([{ file: 'PORTS.md', line: 3, column: 7, start: 3000, end: 3000, reason: '-' }]);
  });
});

describe('port-registry.json: fuzz regressions', () => {
  it('registers no service whose name has no letter or digit, and says so', () => {
    const result = extractPortRegistryJson({ path: 'port-registry.json', text: '{ "services": { "_": { "port": 80 } } }\n' });
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        file: 'port-registry.json',
        line: 1,
        column: 22,
        severity: 'error',
        message: 'port registry: services._: service "_" has no letter or digit, so it names no service: its ports are not checked',
      },
    ]);
  });
});

describe('Markdown registry: parse cost (found by the worst-case test, issue 5)', () => {
  const notRead = 'port registry: too many emphasis or HTML markers in one paragraph or table cell for the Markdown parser (a fixed limit that no hand-kept registry reaches); not read';

  it.each([
    ['emphasis markers in one cell', `| Port | Service |\n|---|---|\n| ${'*a'.repeat(50_000)} | x |\n`],
    ['inline HTML openers in one list item', `- **3000** - ${'<?'.repeat(50_000)}\n`],
    ['rows with no delimiter row, which are one paragraph', `x\n${'| *a*a*a*a*a*a*a*a |\n'.repeat(10_000)}`],
  ])('refuses %s, whose parse time grows with their square, at once', (_case, text) => {
    const started = performance.now();
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text })).toEqual({ bindings: [], diagnostics: [{ file: 'PORTS.md', severity: 'error', message: notRead }] });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('still reads a registry of two thousand bold ports in one table', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `| **${3000 + i}** | *service ${i}* |`).join('\n');
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text: `| Port | Service |\n|---|---|\n${rows}\n` }).bindings).toHaveLength(2000);
  });
});
