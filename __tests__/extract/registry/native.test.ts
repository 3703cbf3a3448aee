import { describe, expect, it } from '@jest/globals';
import {
  isNativeRegistryFileName,
  isRegistryPlace,
  nativeRegistryExtractor,
} from '../../../src/extract/registry/native.js';
import type { Binding, ExtractResult } from '../../../src/model/types.js';

const context = { readFile: () => undefined, rootName: 'repo' };

function extract(text: string, path = 'ports.yml'): ExtractResult {
  return nativeRegistryExtractor.extract({ path, text }, context);
}

/** The text at a 1-based line and column, so each expected position is checked against the source too. */
function textAt(text: string, line: number, column: number, length: number): string {
  return (text.split('\n')[line - 1] ?? '').slice(column - 1, column - 1 + length);
}

function ports(result: ExtractResult): Array<Pick<Binding, 'service' | 'port' | 'endPort' | 'protocol' | 'line' | 'column'> & Partial<Binding>> {
  return result.bindings.map(({ service, port, endPort, protocol, line, column, category, portName }) => ({
    service,
    port,
    endPort,
    protocol,
    line,
    column,
    ...(category === undefined ? {} : { category }),
    ...(portName === undefined ? {} : { portName }),
  }));
}

function messages(result: ExtractResult): string[] {
  return result.diagnostics.map((d) => `${d.line ?? '-'}:${d.column ?? '-'} ${d.severity} ${d.message}`);
}

const EVERY_SHAPE = `# ports.yml
categories:
  application: { range: "3000-3999" }
  databases: { range: "5000-5999" }
reserved:
  - "3000-3010"
  - { port: 5432, reason: "a local PostgreSQL" }
  - { range: "6000-6010", reason: "dev tools" }
  - 9999
services:
  api: 3000
  web: { port: 3001, category: application }
  dns: { port: 53, protocol: udp }
  constellation: { ports: { http: 6789, metrics: 8765 } }
  range-svc: { port: "8000-8010" }
  My_Service:
    port: '4000'
  stats:
    protocol: udp
    ports:
      ingest: { port: 8125 }
      admin: { port: 8126, protocol: tcp }
`;

describe('nativeRegistryExtractor: valid registries', () => {
  const result = extract(EVERY_SHAPE);

  it('reads every shape of service entry, pointing at each port literal', () => {
    expect(result.diagnostics).toEqual([]);
    expect(ports(result)).toEqual([
      { service: 'api', port: 3000, endPort: 3000, protocol: 'tcp', line: 11, column: 8 },
      { service: 'web', port: 3001, endPort: 3001, protocol: 'tcp', line: 12, column: 16, category: 'application' },
      { service: 'dns', port: 53, endPort: 53, protocol: 'udp', line: 13, column: 16 },
      { service: 'constellation', port: 6789, endPort: 6789, protocol: 'tcp', line: 14, column: 35, portName: 'http' },
      { service: 'constellation', port: 8765, endPort: 8765, protocol: 'tcp', line: 14, column: 50, portName: 'metrics' },
      { service: 'range-svc', port: 8000, endPort: 8010, protocol: 'tcp', line: 15, column: 23 },
      { service: 'my-service', port: 4000, endPort: 4000, protocol: 'tcp', line: 17, column: 12 },
      { service: 'stats', port: 8125, endPort: 8125, protocol: 'udp', line: 21, column: 23, portName: 'ingest' },
      { service: 'stats', port: 8126, endPort: 8126, protocol: 'tcp', line: 22, column: 22, portName: 'admin' },
    ]);
    for (const binding of result.bindings) {
      expect(textAt(EVERY_SHAPE, binding.line, binding.column, String(binding.port).length)).toBe(String(binding.port));
    }
  });

  it('gives every binding the registry facts of a host-level claim', () => {
    for (const binding of result.bindings) {
      expect(binding).toMatchObject({ kind: 'registry', scope: 'host', format: 'registry', hostIp: null, file: 'ports.yml' });
    }
  });

  it('reads categories at their key and reserved ranges at their literal', () => {
    expect(result.registry).toEqual({
      categories: [
        { file: 'ports.yml', line: 3, column: 3, name: 'application', range: { start: 3000, end: 3999 } },
        { file: 'ports.yml', line: 4, column: 3, name: 'databases', range: { start: 5000, end: 5999 } },
      ],
      reserved: [
        { file: 'ports.yml', line: 6, column: 6, start: 3000, end: 3010 },
        { file: 'ports.yml', line: 7, column: 13, start: 5432, end: 5432, reason: 'a local PostgreSQL' },
        { file: 'ports.yml', line: 8, column: 15, start: 6000, end: 6010, reason: 'dev tools' },
        { file: 'ports.yml', line: 9, column: 5, start: 9999, end: 9999 },
      ],
    });
  });

  it('accepts category shorthand, categories without a range, and empty sections', () => {
    const text = 'categories:\n  application: "3000-3999"\n  misc: { description: "anything" }\nreserved:\nservices:\n';
    expect(extract(text)).toEqual({
      bindings: [],
      diagnostics: [],
      registry: {
        categories: [
          { file: 'ports.yml', line: 2, column: 3, name: 'application', range: { start: 3000, end: 3999 } },
          { file: 'ports.yml', line: 3, column: 3, name: 'misc' },
        ],
        reserved: [],
      },
    });
  });

  it('locates a port reached through an alias at the anchored literal, and honours merge keys', () => {
    const text = 'x-base: &base { port: 7000, category: tools }\nservices:\n  a: { <<: *base, port: 7001 }\n  b: *base\n';
    const result = extract(text);
    // `x-base` is not a registry field: reported, while the services still count.
    expect(messages(result)).toEqual(['1:1 error unknown field "x-base"']);
    expect(ports(result)).toEqual([
      { service: 'a', port: 7001, endPort: 7001, protocol: 'tcp', line: 3, column: 25, category: 'tools' },
      { service: 'b', port: 7000, endPort: 7000, protocol: 'tcp', line: 1, column: 23, category: 'tools' },
    ]);
  });

  it('reads the JSON form with the same schema and exact positions', () => {
    const json = [
      '{',
      '\t"categories": { "application": { "range": "3000-3999" } },',
      '\t"reserved": ["3000-3010", { "port": 5432, "reason": "pg" }],',
      '\t"services": {',
      '\t\t"api": 3000,',
      '\t\t"web": { "port": "3001", "category": "application" },',
      '\t\t"constellation": { "ports": { "http": 6789, "metrics": 8765 } }',
      '\t}',
      '}',
    ].join('\n');
    const result = extract(json, 'ports.json');
    expect(result.diagnostics).toEqual([]);
    expect(ports(result)).toEqual([
      { service: 'api', port: 3000, endPort: 3000, protocol: 'tcp', line: 5, column: 10 },
      { service: 'web', port: 3001, endPort: 3001, protocol: 'tcp', line: 6, column: 21, category: 'application' },
      { service: 'constellation', port: 6789, endPort: 6789, protocol: 'tcp', line: 7, column: 41, portName: 'http' },
      { service: 'constellation', port: 8765, endPort: 8765, protocol: 'tcp', line: 7, column: 58, portName: 'metrics' },
    ]);
    for (const binding of result.bindings) {
      expect(textAt(json, binding.line, binding.column, 4)).toBe(String(binding.port));
    }
    expect(result.registry).toEqual({
      categories: [{ file: 'ports.json', line: 2, column: 18, name: 'application', range: { start: 3000, end: 3999 } }],
      reserved: [
        { file: 'ports.json', line: 3, column: 16, start: 3000, end: 3010 },
        { file: 'ports.json', line: 3, column: 38, start: 5432, end: 5432, reason: 'pg' },
      ],
    });
  });
});

describe('nativeRegistryExtractor: bad entries', () => {
  const BAD = `services:
  zero: 0
  big: { port: 70000 }
  word: "abc"
  good: 3000
  extra: { port: 3001, colour: blue }
  both: { port: 3002, ports: { a: 3003 } }
  neither: { category: application }
  proto: { port: 3004, protocol: sctp }
  backwards: "8010-8000"
  list: [1, 2]
  empty:
  hex: 0x1F90
  good: 3005
  named: { ports: { http: 99999, ok: 3006 } }
  none: { ports: {} }
  _: 3007
  last: 3008
`;

  it('reports each bad entry at its line and column and keeps every other entry', () => {
    const result = extract(BAD);
    expect(messages(result)).toEqual([
      '2:9 error services.zero: expected a port 1-65535, got 0',
      '3:16 error services.big.port: expected a port 1-65535, got 70000',
      '4:9 error services.word: expected a port 1-65535, got "abc"',
      '6:24 error services.extra: unknown field "colour"',
      '7:9 error services.both: expected either port or ports',
      '8:12 error services.neither: expected either port or ports',
      '9:34 error services.proto.protocol: expected "tcp" or "udp", got "sctp"',
      '10:14 error services.backwards: expected a port range N-M with 1 <= N <= M <= 65535, got "8010-8000"',
      '11:9 error services.list: expected a port or a mapping with port or ports, got a list',
      '12:3 error services.empty: expected a port or a mapping with port or ports, got an empty value',
      '13:8 error services.hex: expected a port 1-65535, got "0x1F90"',
      '14:3 error services.good: duplicate key (first at line 5)',
      '15:27 error services.named.ports.http: expected a port 1-65535, got 99999',
      '16:18 error services.none.ports: expected at least one named port',
      '17:3 error services._: expected a service name',
    ]);
    expect(ports(result)).toEqual([
      { service: 'good', port: 3000, endPort: 3000, protocol: 'tcp', line: 5, column: 9 },
      { service: 'last', port: 3008, endPort: 3008, protocol: 'tcp', line: 18, column: 9 },
    ]);
  });

  it('reports bad reserved and category entries and keeps the good ones', () => {
    const text = `categories:
  ok: { range: "3000-3999" }
  bad: { range: "x" }
  odd: { range: "4000-4999", owner: me }
reserved:
  - "abc"
  - { port: 1, range: "2-3" }
  - { reason: "nothing" }
  - 6000
`;
    const result = extract(text);
    expect(messages(result)).toEqual([
      '3:17 error categories.bad.range: expected a port 1-65535, got "x"',
      '4:30 error categories.odd: unknown field "owner"',
      '6:5 error reserved[0]: expected a port 1-65535, got "abc"',
      '7:5 error reserved[1]: expected either port or range',
      '8:5 error reserved[2]: expected either port or range',
    ]);
    expect(result.registry).toEqual({
      categories: [{ file: 'ports.yml', line: 2, column: 3, name: 'ok', range: { start: 3000, end: 3999 } }],
      reserved: [{ file: 'ports.yml', line: 9, column: 5, start: 6000, end: 6000 }],
    });
  });

  it('reports an unknown or misshapen section and reads the others', () => {
    const text = 'servics:\n  api: 3000\ncategories: [a]\nservices:\n  web: 3001\n';
    const result = extract(text);
    expect(messages(result)).toEqual([
      '1:1 error unknown field "servics"',
      '3:13 error categories: expected a mapping, got a list',
    ]);
    expect(ports(result)).toEqual([{ service: 'web', port: 3001, endPort: 3001, protocol: 'tcp', line: 5, column: 8 }]);
    expect(result.registry).toEqual({ categories: [], reserved: [] });
  });
  it('keeps keys that mean something to JavaScript as plain names, and quotes odd keys in messages', () => {
    const result = extract('services:\n  __proto__: 3000\n  constructor: 3001\n  "api.v2": 70000\n');
    expect(messages(result)).toEqual(['4:13 error services["api.v2"]: expected a port 1-65535, got 70000']);
    expect(result.bindings.map((b) => [b.service, b.port])).toEqual([
      ['proto', 3000],
      ['constructor', 3001],
    ]);
  });
});

describe('nativeRegistryExtractor: bad documents', () => {
  it.each([
    ['a list', '- 3000\n- 3001\n', '1:1 error expected a mapping with categories, reserved and services, got a list'],
    ['a scalar', 'api\n', '1:1 error expected a mapping with categories, reserved and services, got "api"'],
    ['an empty file', '# nothing yet\n', '1:1 error expected a mapping with categories, reserved and services, got an empty document'],
  ])('reports %s as not a mapping, with no registry facts', (_, text, message) => {
    const result = extract(text);
    expect(messages(result)).toEqual([message]);
    expect(result.bindings).toEqual([]);
    expect(result.registry).toBeUndefined();
  });

  it('reports malformed YAML at its line and claims nothing', () => {
    const result = extract('services:\n  api: 3000\n  web: [3001\n');
    expect(result).toEqual({
      bindings: [],
      diagnostics: [
        {
          file: 'ports.yml',
          line: 4,
          column: 1,
          severity: 'error',
          message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        },
      ],
    });
  });

  it('reports malformed JSON as JSON', () => {
    const result = extract('{ "services": { "api": 3000 } ', 'ports.json');
    expect(result).toEqual({
      bindings: [],
      diagnostics: [{ file: 'ports.json', line: 1, column: 31, severity: 'error', message: 'invalid JSON: Flow map must end with a }' }],
    });
  });

  it('reads the first document and warns about the rest', () => {
    const result = extract('services:\n  api: 3000\n---\nservices:\n  web: 3001\n');
    expect(messages(result)).toEqual(['3:1 warning a registry is one YAML document; later documents are ignored']);
    expect(result.bindings.map((b) => b.service)).toEqual(['api']);
  });

  it('abandons an alias bomb with a diagnostic instead of expanding it', () => {
    const lines = ['a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('services:\n  api: *a9');
    const result = extract(lines.join('\n'));
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      { file: 'ports.yml', severity: 'error', message: 'more than 1000 YAML aliases followed: registry skipped' },
    ]);
  });
});

describe('nativeRegistryExtractor: which files', () => {
  it.each([
    ['ports.yml', true, true],
    ['ports.yaml', true, true],
    ['ports.json', true, true],
    ['.portcullis/ports.yml', true, true],
    ['.portcullis/ports.json', true, true],
    ['charts/web/ports.yaml', true, false],
    ['config/ports.yml', true, false],
    ['tools/ports.json', true, false],
    ['myports.yml', false, false],
    ['infra/ports.toml', false, false],
    ['port-registry.json', false, false],
  ])('takes %s: %s, the registry\'s own place: %s', (path, taken, place) => {
    expect(nativeRegistryExtractor.matches(path)).toBe(taken);
    expect(isNativeRegistryFileName(path)).toBe(taken);
    if (taken) expect(isRegistryPlace(path)).toBe(place);
  });
});
