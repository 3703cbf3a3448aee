import { describe, expect, it } from '@jest/globals';
import { extractMarkdownRegistry, isMarkdownRegistryPath, markdownRegistryExtractor } from '../../../src/extract/registry/markdown.js';
import type { ExtractResult } from '../../../src/model/types.js';
import { cpuMillis } from '../../helpers/cpuTime.js';

function extract(lines: string[], path = 'PORTS.md'): ExtractResult {
  return extractMarkdownRegistry({ path, text: lines.join('\n') + '\n' });
}

/** service, port, endPort, protocol, line, column, category */
function entries(result: ExtractResult): Array<[string, number, number, string, number, number, string | undefined]> {
  return result.bindings.map((b) => [b.service, b.port, b.endPort, b.protocol, b.line, b.column, b.category]);
}

function reserved(result: ExtractResult): Array<[number, number, number, number, string | undefined]> {
  return (result.registry?.reserved ?? []).map((r) => [r.start, r.end, r.line, r.column, r.reason]);
}

describe('which files are registries', () => {
  it.each([
    ['PORTS.md', true],
    ['docs/ports.md', true],
    ['SERVICE_PORTS_REGISTRY.md', true],
    ['infra/port-registry.md', true],
    ['PORT_ALLOCATIONS.markdown', true],
    ['README.md', false],
    ['docs/PORTING.md', false],
    ['EXPORTS.md', false],
    ['SUPPORTS.md', false],
    ['docs/ports-migration-notes.md', false],
    ['ports.txt', false],
    ['ports.md.bak', false],
    ['ports.yml', false],
  ])('%s -> %s', (path, expected) => {
    expect(markdownRegistryExtractor.matches(path)).toBe(expected);
    expect(isMarkdownRegistryPath(path)).toBe(expected);
  });
});

describe('registry tables', () => {
  it('reads Service | Port and Port | Service alike', () => {
    expect(entries(extract(['| Service | Port |', '|---|---|', '| api | 3000 |']))).toEqual([['api', 3000, 3000, 'tcp', 3, 9, undefined]]);
    expect(entries(extract(['| Port | Service |', '|---|---|', '| 3000 | api |']))).toEqual([['api', 3000, 3000, 'tcp', 3, 3, undefined]]);
  });

  it('matches headers case-insensitively through markup and parentheses, and ignores extra columns', () => {
    const result = extract(['| **Component** | Notes | PORT(S) |', '|---|---|---|', '| web | public site | 8080 |']);
    expect(entries(result)).toEqual([['web', 8080, 8080, 'tcp', 3, 23, undefined]]);
  });

  it('prefers the host port to the container port', () => {
    const result = extract(['| Name | Container Port | Host Port |', '|---|---|---|', '| db | 5432 | 5433 |']);
    expect(entries(result)).toEqual([['db', 5433, 5433, 'tcp', 3, 15, undefined]]);
  });

  it('locates the port inside bold and code cells, with its protocol, lists, notes and ranges', () => {
    const result = extract([
      '| Port | Service | Protocol |',
      '|------|---------|----------|',
      '| **3000** | api | TCP |',
      '| `53/udp` | dns | |',
      '| ` 8125 ` | statsd | UDP |',
      '| 5353 | mdns | TCP/UDP |',
      '| 8080, 8443 | proxy | HTTP |',
      '| 9000 (dev) | minio | |',
      '| *6006-6010* | storybook | |',
      '| &nbsp;7000 | spaced | |',
    ]);
    expect(entries(result)).toEqual([
      ['api', 3000, 3000, 'tcp', 3, 5, undefined],
      ['dns', 53, 53, 'udp', 4, 4, undefined],
      ['statsd', 8125, 8125, 'udp', 5, 5, undefined],
      ['mdns', 5353, 5353, 'tcp', 6, 3, undefined],
      ['mdns', 5353, 5353, 'udp', 6, 3, undefined],
      ['proxy', 8080, 8080, 'tcp', 7, 3, undefined],
      ['proxy', 8443, 8443, 'tcp', 7, 9, undefined],
      ['minio', 9000, 9000, 'tcp', 8, 3, undefined],
      ['storybook', 6006, 6010, 'tcp', 9, 4, undefined],
      // An entity before the literal: located by occurrence in the written cell.
      ['spaced', 7000, 7000, 'tcp', 10, 9, undefined],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reserves ranges held by nobody, by future services or marked reserved; skips free and struck-out rows', () => {
    const result = extract([
      '| Port | Service |',
      '|---|---|',
      '| 4000-4009 | Future services |',
      '| 4010 | (reserved) |',
      '| 4011-4019 | |',
      '| 4020 | Available |',
      '| ~~4021~~ | retired |',
      '| 4022 | api |',
    ]);
    expect(reserved(result)).toEqual([
      [4000, 4009, 3, 3, 'Future services'],
      [4010, 4010, 4, 3, '(reserved)'],
      [4011, 4019, 5, 3, undefined],
    ]);
    expect(entries(result)).toEqual([['api', 4022, 4022, 'tcp', 8, 3, undefined]]);
    expect(result.diagnostics).toEqual([]);
  });

  it('takes categories from section rows and headings, and reserves what a "Reserved" section lists', () => {
    const result = extract([
      '## Reserved',
      '',
      '| Service | Port |',
      '|---|---|',
      '| Local PostgreSQL | 5432 |',
      '',
      '## Services',
      '',
      '| Service | Port |',
      '|---|---|',
      '| gateway | 3000 |',
      '| **Databases (5000-5999)** | |',
      '| pg | 5433 |',
      '| **Reserved** | |',
      '| legacy | 5500 |',
    ]);
    expect(entries(result)).toEqual([
      ['gateway', 3000, 3000, 'tcp', 11, 13, 'services'],
      ['pg', 5433, 5433, 'tcp', 13, 8, 'databases'],
    ]);
    expect(reserved(result)).toEqual([
      [5432, 5432, 5, 22, 'Local PostgreSQL'],
      [5500, 5500, 15, 12, 'legacy'],
    ]);
    expect(result.registry?.categories).toEqual([
      { file: 'PORTS.md', line: 7, column: 4, name: 'services' },
      { file: 'PORTS.md', line: 12, column: 5, name: 'databases', range: { start: 5000, end: 5999 } },
    ]);
  });

  it('reads a table in CRLF text at the right line', () => {
    const result = extractMarkdownRegistry({ path: 'PORTS.md', text: '| Port | Service |\r\n|---|---|\r\n\r\n| 1 | x |\r\n| Port | Service |\r\n|---|---|\r\n| 3000 | api |\r\n' });
    expect(entries(result)).toEqual([['api', 3000, 3000, 'tcp', 7, 3, undefined]]);
  });
});

describe('what is not an entry', () => {
  it('ignores prose, URLs, code blocks and lists that do not open with a port and a dash', () => {
    const result = extract([
      '# Ports',
      '',
      'Grafana listens on port 3000, and the API on **3001**.',
      '',
      '| Service | Port | Access |',
      '|---|---|---|',
      '| http://localhost:3002 | 3002 | |',
      '| grafana | 3003 | http://localhost:3003 |',
      '',
      '```',
      '| Port | Service |',
      '|---|---|',
      '| 9999 | ghost |',
      '```',
      '',
      '- Port **3004** - named in prose',
      '- **3005**: gateway (the numbering scheme)',
      '- **User/Pass** - admin/admin',
      '- **301x** - core supporting services',
    ]);
    expect(entries(result)).toEqual([['grafana', 3003, 3003, 'tcp', 8, 13, 'ports']]);
    expect(result.registry?.reserved).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });

  it('reports bad ports in a port column at the cell, and keeps the other rows', () => {
    const result = extract([
      '| Port | Service |',
      '|---|---|',
      '| 70000 | big |',
      '| 3009-3006 | backwards |',
      '| 3000 or 3001 | either |',
      '| TBD | later |',
      '| 0 | zero |',
      '| 3000/sctp | stream |',
      '| 3010 | ok |',
    ]);
    expect(entries(result)).toEqual([['ok', 3010, 3010, 'tcp', 9, 3, undefined]]);
    expect(result.diagnostics).toEqual([
      { file: 'PORTS.md', line: 3, column: 3, severity: 'error', message: 'port registry: 70000 is not a port (1-65535)' },
      { file: 'PORTS.md', line: 4, column: 3, severity: 'error', message: 'port registry: 3009-3006: the range ends before it starts' },
      { file: 'PORTS.md', line: 5, column: 3, severity: 'error', message: 'port registry: `3000 or 3001` is not a port or a port range' },
      { file: 'PORTS.md', line: 7, column: 3, severity: 'error', message: 'port registry: 0 is not a port (1-65535)' },
      { file: 'PORTS.md', line: 8, column: 3, severity: 'error', message: 'port registry: 3000/sctp: unknown protocol `sctp`' },
    ]);
  });

  it('says so when a registry file holds no registry (a table without its delimiter row is a paragraph)', () => {
    const result = extract(['# Ports', '', '| Port | Service |', '| 3000 | api |']);
    expect(result.bindings).toEqual([]);
    expect(result.registry).toBeUndefined();
    expect(result.diagnostics).toEqual([
      { file: 'PORTS.md', severity: 'warning', message: 'port registry: no table with a port and a service column, and no `- **port** - service` list' },
    ]);
  });

  it('does not take a README for a registry, nor its variables table for entries', () => {
    const readme = [
      '# my-app',
      '',
      'Run `npm start`; the server listens on http://localhost:3000.',
      '',
      '| Variable | Default | Description |',
      '|---|---|---|',
      '| `PORT` | 3000 | HTTP port |',
      '',
      '- **Node** - 20 or later',
    ];
    expect(markdownRegistryExtractor.matches('README.md')).toBe(false);
    const result = extract(readme, 'README.md');
    expect(result.bindings).toEqual([]);
    expect(result.registry).toBeUndefined();
  });
});

describe('category tables', () => {
  it('reads a Range | Category convention (seed 001) as categories with ranges, not entries', () => {
    const result = extract([
      '## Port Ranges Convention',
      '',
      '| Range | Category | Examples |',
      '|-------|----------|----------|',
      '| 0-1023 | System/Well-known | ssh (22), http (80) |',
      '| 3000-3999 | Application servers | api, web, vite |',
      '| 9xxx | Infrastructure | MinIO (9000) |',
      '| 70000-80000 | Broken | |',
    ]);
    expect(result.bindings).toEqual([]);
    expect(result.registry?.categories).toEqual([
      { file: 'PORTS.md', line: 5, column: 12, name: 'system-well-known', range: { start: 0, end: 1023 } },
      { file: 'PORTS.md', line: 6, column: 15, name: 'application-servers', range: { start: 3000, end: 3999 } },
      { file: 'PORTS.md', line: 7, column: 10, name: 'infrastructure', range: { start: 9000, end: 9999 } },
    ]);
    expect(result.diagnostics).toEqual([
      { file: 'PORTS.md', line: 8, column: 3, severity: 'error', message: 'port registry: `70000-80000` is not a port range' },
    ]);
  });
});

describe('bullet lists', () => {
  it('reads `- **port** - service` items under their heading, in either list kind, bold or code', () => {
    const result = extract([
      '### Databases (5xxx)',
      '',
      '- **5432** - postgres (main database)',
      '- `6379/udp` — redis',
      '  - **User/Pass**: admin/admin',
      '- **5433**: replica',
      '- **70000** - too-big',
      '',
      '1. **5434** - analytics',
    ]);
    expect(entries(result)).toEqual([
      ['postgres', 5432, 5432, 'tcp', 3, 5, 'databases'],
      ['redis', 6379, 6379, 'udp', 4, 4, 'databases'],
      ['analytics', 5434, 5434, 'tcp', 9, 6, 'databases'],
    ]);
    expect(result.registry?.categories).toEqual([{ file: 'PORTS.md', line: 1, column: 5, name: 'databases', range: { start: 5000, end: 5999 } }]);
    expect(result.diagnostics).toEqual([{ file: 'PORTS.md', line: 7, column: 5, severity: 'error', message: 'port registry: 70000 is not a port (1-65535)' }]);
  });

  it('reads only reservations from bullets when a table holds the entries', () => {
    const result = extract([
      '- **8100** - Embedding service (alternative/legacy)',
      '- **3004-3009** - Reserved for future services',
      '',
      '| Service | Port |',
      '|---|---|',
      '| Embedding (alt/legacy) | 8100 |',
    ]);
    expect(entries(result)).toEqual([['embedding', 8100, 8100, 'tcp', 6, 28, undefined]]);
    expect(reserved(result)).toEqual([[3004, 3009, 2, 5, 'Reserved for future services']]);
  });
});

describe('hostile input', () => {
  it('returns promptly on deep nesting and long runs of markup', () => {
    const started = cpuMillis();
    const result = extract(['> '.repeat(2000) + '- **3000** - deep', '|'.repeat(20000), '**'.repeat(20000), '('.repeat(20000)]);
    expect(cpuMillis() - started).toBeLessThan(5000);
    expect(result.bindings.every((b) => b.port === 3000)).toBe(true);
  });
});
