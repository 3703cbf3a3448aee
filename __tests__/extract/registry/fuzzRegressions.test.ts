// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { extractMarkdownRegistry } from '../../../src/extract/registry/markdown.js';
import { MAX_MARKDOWN_INLINE_COST, markdownInlineCost } from '../../../src/extract/registry/markdownCost.js';
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
  const notRead = 'port registry: too many emphasis, link, HTML or heading-underline markers in one paragraph or table cell for the Markdown parser (a fixed limit that no hand-kept registry reaches); not read';

  it.each([
    ['emphasis markers in one cell', `| Port | Service |\n|---|---|\n| ${'*a'.repeat(50_000)} | x |\n`],
    ['inline HTML openers in one list item', `- **3000** - ${'<?'.repeat(50_000)}\n`],
    ['rows with no delimiter row, which are one paragraph', `x\n${'| *a*a*a*a*a*a*a*a |\n'.repeat(10_000)}`],
    // Found by the scaling scan of this session: 64 KB of each took 1.4-4.8 s, 512 KB of `[a](` 46 s.
    ['link openers with unclosed titles in one cell', `| Port | Service |\n|---|---|\n| ${'[a](b ('.repeat(20_000)} | x |\n`],
    ['images in one paragraph', `${'![a]('.repeat(20_000)}\n`],
    ['link definitions run together', `${'[a]: '.repeat(20_000)}\n`],
    ['heading underlines under one paragraph (16 KB: 2.4 s)', 'a\n-\n'.repeat(20_000)],
  ])('refuses %s, whose parse time grows with their square, before parsing', (_case, text) => {
    expect(markdownInlineCost(text)).toBeGreaterThan(MAX_MARKDOWN_INLINE_COST);
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text })).toEqual({ bindings: [], diagnostics: [{ file: 'PORTS.md', severity: 'error', message: notRead }] });
  });

  const refused = (reason: string, line?: number) => ({
    bindings: [],
    diagnostics: [{ file: 'PORTS.md', ...(line === undefined ? {} : { line }), severity: 'error', message: `port registry: ${reason} for the Markdown parser (a fixed limit that no hand-kept registry reaches); not read` }],
  });

  // Found by the scaling scan of this session; the times are micromark's on 64 KB, unguarded.
  it.each([
    ['quotes nested on one line (4 s)', `- **3000** - web\n${'> '.repeat(20_000)}\n`, 2],
    ['ordered lists nested on one line (55 s)', `- **3000** - web\n${'1. '.repeat(20_000)}\n`, 2],
    ['quotes and lists alternating on one line (64 s)', `${'> - '.repeat(10_000)}\n`, 1],
  ])('refuses %s at the line', (_case, text, line) => {
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text })).toEqual(refused(`line ${line} opens more than 32 quotes or list items`, line));
  });

  it('refuses lists nested in lists by the thousand (8,000: 16 s) and lists of more than 20,000 items (262,000: 26 s)', () => {
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text: '- a\n  - b\n'.repeat(8_000) })).toEqual(refused('too many lists nested in lists'));
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text: '- a\n'.repeat(20_001) })).toEqual(refused('more than 20000 list items'));
  });

  it('still reads registries kept as nested lists, with setext headings, quotes and a thematic break', () => {
    const categories = Array.from({ length: 50 }, (_, c) => `- Category ${c}\n${Array.from({ length: 20 }, (_, i) => `  - **${10_000 + c * 20 + i}** - svc-${c}-${i}\n`).join('')}`).join('');
    const text = `Ports\n=====\n\n> Kept by hand.\n\n- - -\n\n${categories}`;
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text }).bindings).toHaveLength(1_000);
  });

  it('still reads a registry whose every row links to its service, and prose with a few links', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `| ${3000 + i} | [service-${i}](https://example.com/s/${i}) (see [docs](./docs/${i}.md)) |`).join('\n');
    const prose = `The ports below are [assigned](./ADR-7.md) by the platform team (ask in [#infra](https://chat.example.com)).\n\n`;
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text: `${prose}| Port | Service |\n|---|---|\n${rows}\n` }).bindings).toHaveLength(2000);
  });

  it('still reads a registry of two thousand bold ports in one table', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `| **${3000 + i}** | *service ${i}* |`).join('\n');
    expect(extractMarkdownRegistry({ path: 'PORTS.md', text: `| Port | Service |\n|---|---|\n${rows}\n` }).bindings).toHaveLength(2000);
  });
});
