import { describe, expect, it } from '@jest/globals';
import { extractPortRegistryJson, isPortRegistryJsonPath, portRegistryJsonExtractor } from '../../../src/extract/registry/portRegistryJson.js';
import type { ExtractResult } from '../../../src/model/types.js';
import { cpuMillis } from '../../helpers/cpuTime.js';

const PATH = 'tools/port-registry.json';

function extract(lines: string[]): ExtractResult {
  return extractPortRegistryJson({ path: PATH, text: lines.join('\n') + '\n' });
}

/** service, port, endPort, protocol, line, column, category, portName */
function entries(result: ExtractResult): Array<[string, number, number, string, number, number, string | undefined, string | undefined]> {
  return result.bindings.map((b) => [b.service, b.port, b.endPort, b.protocol, b.line, b.column, b.category, b.portName]);
}

function reserved(result: ExtractResult): Array<[number, number, number, number, string | undefined]> {
  return (result.registry?.reserved ?? []).map((r) => [r.start, r.end, r.line, r.column, r.reason]);
}

function messages(result: ExtractResult): Array<[number | undefined, number | undefined, string]> {
  return result.diagnostics.map((d) => [d.line, d.column, d.message]);
}

describe('which files', () => {
  it.each([
    ['port-registry.json', true],
    ['00-sacred-foundation/tools/port-registry.json', true],
    ['ports-registry.json', true],
    ['Port_Registry.json', true],
    ['ports.json', false],
    ['port-registry.yaml', false],
    ['package.json', false],
  ])('%s -> %s', (path, expected) => {
    expect(portRegistryJsonExtractor.matches(path)).toBe(expected);
    expect(isPortRegistryJsonPath(path)).toBe(expected);
  });
});

// The shape seed 002's code reads: `Object.values(portRegistry.services)` are categories, their
// values services with `.port`; `Object.values(portRegistry.reserved)` are ports. Fields as its
// `register --name --port --description --path` writes them, and its `_ALT` fallback ports.
const SEED_SHAPED = [
  '{',
  '  "version": "1.0.0",',
  '  "services": {',
  '    "core": {',
  '      "the-weave": { "port": 3001, "description": "Agent coordination", "path": "01-resonant-coherence" },',
  '      "Sacred Core": { "port": 3333, "description": "Core sacred API" }',
  '    },',
  '    "meta-consciousness": {',
  '      "nix-for-humanity": {',
  '        "port": 3456,',
  '        "altPort": 13456,',
  '        "description": "Natural language interface for NixOS",',
  '        "path": "11-meta-consciousness/nix-for-humanity"',
  '      }',
  '    }',
  '  },',
  '  "reserved": {',
  '    "postgresql": 5432,',
  '    "node-apps": "3000-3010"',
  '  }',
  '}',
];

describe('the seed 002 shape', () => {
  const result = extract(SEED_SHAPED);

  it('reads every service of every category at its port literal', () => {
    expect(entries(result)).toEqual([
      ['the-weave', 3001, 3001, 'tcp', 5, 30, 'core', undefined],
      ['sacred-core', 3333, 3333, 'tcp', 6, 32, 'core', undefined],
      ['nix-for-humanity', 3456, 3456, 'tcp', 10, 17, 'meta-consciousness', undefined],
      ['nix-for-humanity', 13456, 13456, 'tcp', 11, 20, 'meta-consciousness', 'alt'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('gives each entry the registry binding shape', () => {
    expect(result.bindings[0]).toEqual({
      service: 'the-weave',
      port: 3001,
      endPort: 3001,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'registry',
      format: 'registry-json',
      file: PATH,
      line: 5,
      column: 30,
      category: 'core',
    });
  });

  it('reads the categories at their keys and the reserved object with its keys as reasons', () => {
    expect(result.registry?.categories).toEqual([
      { file: PATH, line: 4, column: 5, name: 'core' },
      { file: PATH, line: 8, column: 5, name: 'meta-consciousness' },
    ]);
    expect(reserved(result)).toEqual([
      [5432, 5432, 18, 19, 'postgresql'],
      [3000, 3010, 19, 19, 'node-apps'],
    ]);
  });
});

describe('other service and reservation forms', () => {
  it('reads shorthand, strings, ranges, protocols, port lists and named ports', () => {
    const result = extract([
      '{',
      '  "services": {',
      '    "api": 3000,',
      '    "infra": {',
      '      "dns": { "port": 53, "protocol": "udp" },',
      '      "syslog": { "port": "514/udp" },',
      '      "coturn": { "port": "3478", "protocol": "TCP/UDP" },',
      '      "workers": { "port": "8000-8010" },',
      '      "proxy": { "ports": [8080, 8443] },',
      '      "constellation": { "ports": { "http": 6789, "metrics": 8765 } }',
      '    }',
      '  },',
      '  "reserved": [5000, "6000-6010", { "port": 7000, "reason": "legacy" }, { "range": "7100-7199", "description": "lab" }]',
      '}',
    ]);
    expect(entries(result)).toEqual([
      ['api', 3000, 3000, 'tcp', 3, 12, undefined, undefined],
      ['dns', 53, 53, 'udp', 5, 24, 'infra', undefined],
      ['syslog', 514, 514, 'udp', 6, 28, 'infra', undefined],
      ['coturn', 3478, 3478, 'tcp', 7, 28, 'infra', undefined],
      ['coturn', 3478, 3478, 'udp', 7, 28, 'infra', undefined],
      ['workers', 8000, 8010, 'tcp', 8, 29, 'infra', undefined],
      ['proxy', 8080, 8080, 'tcp', 9, 28, 'infra', undefined],
      ['proxy', 8443, 8443, 'tcp', 9, 34, 'infra', undefined],
      ['constellation', 6789, 6789, 'tcp', 10, 45, 'infra', 'http'],
      ['constellation', 8765, 8765, 'tcp', 10, 62, 'infra', 'metrics'],
    ]);
    expect(reserved(result)).toEqual([
      [5000, 5000, 13, 16, undefined],
      [6000, 6010, 13, 23, undefined],
      [7000, 7000, 13, 45, 'legacy'],
      [7100, 7199, 13, 85, 'lab'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('bad input', () => {
  it('reports each bad port at its literal and keeps every other entry', () => {
    const result = extract([
      '{',
      '  "services": {',
      '    "apps": {',
      '      "zero": { "port": 0 },',
      '      "big": { "port": 70000 },',
      '      "word": { "port": "abc" },',
      '      "fraction": { "port": 3000.5 },',
      '      "nothing": { "port": null },',
      '      "backwards": { "port": "3009-3006" },',
      '      "good": { "port": 3100 }',
      '    }',
      '  }',
      '}',
    ]);
    expect(entries(result)).toEqual([['good', 3100, 3100, 'tcp', 10, 25, 'apps', undefined]]);
    expect(messages(result)).toEqual([
      [4, 25, 'port registry: services.apps.zero.port: 0 is not a port (1-65535)'],
      [5, 24, 'port registry: services.apps.big.port: 70000 is not a port (1-65535)'],
      [6, 25, 'port registry: services.apps.word.port: `abc` is not a port or a port range'],
      [7, 29, 'port registry: services.apps.fraction.port: `3000.5` is not a port or a port range'],
      [8, 28, 'port registry: services.apps.nothing.port: expected a port'],
      [9, 30, 'port registry: services.apps.backwards.port: 3009-3006: the range ends before it starts'],
    ]);
    expect(result.diagnostics.every((d) => d.file === PATH && d.severity === 'error')).toBe(true);
  });

  it('reports shapes it does not know, with their lines', () => {
    const result = extract([
      '{',
      '  "services": {',
      '    "notes": "see the wiki",',
      '    "apps": {',
      '      "web": { "description": "no port yet" },',
      '      "list": [3000]',
      '    }',
      '  },',
      '  "reserved": 5432',
      '}',
    ]);
    expect(result.bindings).toEqual([]);
    expect(messages(result)).toEqual([
      [3, 14, 'port registry: services.notes: `see the wiki` is not a port or a port range'],
      [5, 14, 'port registry: services.apps.web: no `port`'],
      [6, 15, 'port registry: services.apps.list: expected a port or an object with `port`'],
      [9, 15, 'port registry: reserved: expected a list or an object of ports and ranges'],
    ]);
  });

  it('refuses documents of another shape, which are then no registry', () => {
    const list = extract(['[3000, 3001]']);
    expect(messages(list)).toEqual([[1, 1, 'port registry: expected a JSON object with `services` and `reserved`']]);
    expect(list.registry).toBeUndefined();
    const flat = extract(['{ "api": 3000 }']);
    expect(messages(flat)).toEqual([[1, 1, 'port registry: no `services` or `reserved`: not shaped like port-registry.json']]);
    expect(flat.registry).toBeUndefined();
    expect(extract(['{ "services": {} }']).registry).toEqual({ categories: [], reserved: [] });
    expect(messages(extract(['{ "services": [1, 2] }']))).toEqual([[1, 15, 'port registry: services: expected an object of categories']]);
    expect(messages(extractPortRegistryJson({ path: PATH, text: '' }))).toEqual([[1, 1, 'port registry: expected a JSON object with `services` and `reserved`']]);
  });

  it('reports invalid JSON at its line and reads nothing of the broken file', () => {
    const result = extract(['{', '  "services": { "api": 3000, "web": 3001 ', '  "reserved": [5432]', '}']);
    expect(result.bindings).toEqual([]);
    expect(result.registry).toBeUndefined();
    expect(result.diagnostics[0]).toEqual({ file: PATH, line: 2, column: 37, severity: 'error', message: 'invalid JSON: Implicit keys need to be on a single line' });
    expect(result.diagnostics.every((d) => d.message.startsWith('invalid JSON: '))).toBe(true);
  });

  it('follows an alias bomb written into the file only as far as a port is looked for', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) {
      const previous = String.fromCharCode(97 + i);
      const name = String.fromCharCode(98 + i);
      bomb.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    bomb.push('services: { apps: { api: { ports: *m } } }');
    const started = cpuMillis();
    const result = extract(bomb);
    expect(cpuMillis() - started).toBeLessThan(1000);
    expect(result.bindings).toEqual([]);
    // Each item is the list `l` (line 12) that `*m` repeats: not a port, and never expanded further.
    expect(messages(result)).toEqual(Array.from({ length: 9 }, (_, i) => [12, 7, `port registry: services.apps.api.ports[${i}]: expected a port`]));
  });

  it('reads tab-indented CRLF JSON at the right columns', () => {
    const result = extractPortRegistryJson({ path: PATH, text: '{\r\n\t"services": {\r\n\t\t"db": {\r\n\t\t\t"pg": { "port": 5433 }\r\n\t\t}\r\n\t}\r\n}\r\n' });
    expect(entries(result)).toEqual([['pg', 5433, 5433, 'tcp', 4, 20, 'db', undefined]]);
  });
});
