import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { addToYamlRegistry, newcomersAfterFix, registryEntryLines, registryTarget } from '../../src/fix/registryLines.js';
import type { PlannedEdit } from '../../src/fix/plan.js';
import type { Binding, Conflict } from '../../src/model/types.js';
import { extractNativeRegistryForTest } from './registryReader.js';

const binding = (service: string, port: number, file: string, line: number, column: number, extra: Partial<Binding> = {}): Binding => ({
  service, port, endPort: port, protocol: 'tcp', hostIp: null, scope: 'host', kind: 'listen', format: 'dotenv', file, line, column, ...extra,
});

function conflict(rule: Conflict['rule'], bindings: Binding[], status: Conflict['status'] = 'new'): Conflict {
  return {
    id: rule, rule, severity: 'warning', status, scope: 'host', protocol: 'tcp', port: bindings[0]?.port ?? 1, endPort: bindings[0]?.port ?? 1,
    services: [], newServices: [], locations: [], suggestions: [], message: '', bindings,
  };
}

const moved = (file: string, line: number, column: number, from: number, to: number): PlannedEdit => ({ file, line, column, service: 'x', from, fromEnd: from, to, toEnd: to });

describe('newcomersAfterFix', () => {
  it('gives the unregistered services and the unregistered ones the fix moves, at the ports they hold afterwards', () => {
    const worker = binding('worker', 9100, 'w/.env', 1, 13);
    const api = binding('api', 8080, 'api/.env', 1, 10);
    const web = binding('web', 8080, 'ports.yml', 2, 8, { kind: 'registry' });
    const conflicts = [conflict('unregistered', [worker]), conflict('registry-conflict', [api, web]), conflict('unregistered', [binding('old', 7000, 'o/.env', 1, 9)], 'existing')];
    expect(newcomersAfterFix(conflicts, [moved('api/.env', 1, 10, 8080, 8081)], [], new Set(['web']))).toEqual([
      { service: 'api', ports: [{ start: 8081, end: 8081, protocol: 'tcp' }] },
      { service: 'worker', ports: [{ start: 9100, end: 9100, protocol: 'tcp' }] },
    ]);
  });

  it('leaves out a registered service the fix moves, and a newcomer whose literal could not be moved', () => {
    const api = binding('api', 8080, 'api/.env', 1, 10);
    const db = binding('db', 5433, 'db/.env', 1, 9);
    const conflicts = [conflict('duplicate-port', [api, db]), conflict('unregistered', [db])];
    expect(newcomersAfterFix(conflicts, [moved('api/.env', 1, 10, 8080, 8081)], [moved('db/.env', 1, 9, 5433, 5434)], new Set(['api']))).toEqual([]);
  });

  it('follows a proposal made at the place that references the variable', () => {
    const web = binding('web', 8080, 'b/.env', 1, 10, { via: { file: 'b/compose.yml', line: 6, column: 12 } });
    expect(newcomersAfterFix([conflict('duplicate-port', [web])], [moved('b/compose.yml', 6, 12, 8080, 8090)], [], new Set())).toEqual([
      { service: 'web', ports: [{ start: 8090, end: 8090, protocol: 'tcp' }] },
    ]);
  });
});

describe('registryEntryLines', () => {
  const newcomers = [
    { service: 'api', ports: [{ start: 8081, end: 8081, protocol: 'tcp' as const }] },
    { service: 'dns', ports: [{ start: 53, end: 53, protocol: 'udp' as const }] },
    { service: 'pool', ports: [{ start: 9000, end: 9010, protocol: 'tcp' as const }, { start: 9100, end: 9100, protocol: 'tcp' as const }] },
  ];

  it('writes native registry entries that the registry reader accepts as written', () => {
    const lines = registryEntryLines('ports.yml', newcomers);
    expect(lines).toEqual(['api: 8081', 'dns: { port: 53, protocol: udp }', 'pool: { ports: { tcp-9000-9010: "9000-9010", tcp-9100: 9100 } }']);
    const text = `services:\n${lines.map((line) => `  ${line}`).join('\n')}\n`;
    const read = extractNativeRegistryForTest(text);
    expect(read.diagnostics).toEqual([]);
    expect(read.bindings.map((b) => [b.service, b.port, b.endPort, b.protocol])).toEqual([
      ['api', 8081, 8081, 'tcp'], ['dns', 53, 53, 'udp'], ['pool', 9000, 9010, 'tcp'], ['pool', 9100, 9100, 'tcp'],
    ]);
  });

  it('writes lines for the other registry kinds to print', () => {
    expect(registryEntryLines('lib/ports.nix', newcomers.slice(0, 1))).toEqual(['api = 8081;']);
    expect(registryEntryLines('PORTS.md', newcomers.slice(0, 2))).toEqual(['| 8081 | api |', '| 53/udp | dns |']);
    expect(registryEntryLines('port-registry.json', newcomers.slice(0, 1))).toEqual(['"api": 8081']);
  });

  it('gives a Markdown table a row per port, each its own line to print', () => {
    expect(registryEntryLines('PORTS.md', newcomers.slice(2))).toEqual(['| 9000-9010 | pool |', '| 9100 | pool |']);
  });
});

describe('registryTarget', () => {
  it('is the first native YAML registry (the one fix writes), else the file holding the entry in question, else the first', () => {
    expect(registryTarget(['PORTS.md', 'infra/ports.yml', 'ports.yaml'], 'PORTS.md')).toBe('infra/ports.yml');
    expect(registryTarget(['PORTS.md', 'lib/ports.nix'], 'lib/ports.nix')).toBe('lib/ports.nix');
    expect(registryTarget(['PORTS.md', 'lib/ports.nix'])).toBe('PORTS.md');
    expect(registryTarget([])).toBeUndefined();
  });
});

describe('addToYamlRegistry', () => {
  it('adds the lines after the last service, at its indentation, keeping comments and what follows', () => {
    const text = '# who owns what\nservices:\n    web: 8080   # the site\n    db: { port: 5433 }\nreserved:\n  - 3000\n';
    const after = addToYamlRegistry(text, ['api: 8081']);
    expect(after).toBe('# who owns what\nservices:\n    web: 8080   # the site\n    db: { port: 5433 }\n    api: 8081\nreserved:\n  - 3000\n');
    expect(parse(after ?? '').services).toEqual({ web: 8080, db: { port: 5433 }, api: 8081 });
  });

  it('adds after a multi-line last entry, under an empty services key, and at the end of a file without a final newline', () => {
    expect(addToYamlRegistry('services:\n  web:\n    port: 8080\n    category: app\n', ['api: 8081'])).toBe('services:\n  web:\n    port: 8080\n    category: app\n  api: 8081\n');
    expect(addToYamlRegistry('categories: {}\nservices:\n', ['api: 8081'])).toBe('categories: {}\nservices:\n  api: 8081\n');
    expect(addToYamlRegistry('services:\n  web: 8080', ['api: 8081'])).toBe('services:\n  web: 8080\n  api: 8081\n');
    expect(addToYamlRegistry('services:\r\n  web: 8080\r\n', ['api: 8081'])).toBe('services:\r\n  web: 8080\r\n  api: 8081\r\n');
  });

  it.each([
    ['a flow mapping', 'services: { web: 8080 }\n'],
    ['no services section', 'reserved: [3000]\n'],
    ['a file that does not parse', 'services:\n  web: [8080\n'],
    ['two documents', 'services:\n  web: 8080\n---\nservices: {}\n'],
    ['a JSON registry', '{ "services": { "web": 8080 } }\n'],
  ])('declines %s (the lines are printed instead)', (_name, text) => {
    expect(addToYamlRegistry(text, ['api: 8081'])).toBeUndefined();
  });
});
