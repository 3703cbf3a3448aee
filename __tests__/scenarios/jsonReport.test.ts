// DESIGN.md "JSON report, schema version 1", from a real run.
import { afterEach, describe, expect, it } from '@jest/globals';
import { renderJson } from '../../src/report/json.js';
import { check, disposeScenarios, only } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const FILES = {
  'ports.yml': lines('services:', '  zeta: 8700'),
  'apps/shop/.env': lines('ALPHA_PORT=8700'),
  'apps/shop/compose.yml': lines('services:', '  alpha:', '    image: alpha', '    ports:', '      - "${ALPHA_PORT:-8000}:80"'),
};

describe('JSON report, schema version 1', () => {
  it('has the documented keys in the documented order, and nothing internal', async () => {
    const { report } = await check(FILES);
    const json = JSON.parse(renderJson(report)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['schemaVersion', 'base', 'stats', 'bindings', 'conflicts', 'diagnostics', 'incomplete']);
    expect(json['incomplete']).toEqual([]);
    expect(json['schemaVersion']).toBe(1);
    expect(json['base']).toBeNull();
    expect(json['stats']).toEqual({ files: 3, bindings: 3, durationMs: 0 });
    const bindings = json['bindings'] as Array<Record<string, unknown>>;
    expect(bindings.map((binding) => Object.keys(binding))).toEqual([
      ['service', 'port', 'endPort', 'protocol', 'hostIp', 'scope', 'kind', 'format', 'file', 'line', 'column'],
      ['service', 'port', 'endPort', 'protocol', 'hostIp', 'scope', 'kind', 'format', 'file', 'line', 'column', 'via'],
      ['service', 'port', 'endPort', 'protocol', 'hostIp', 'scope', 'kind', 'format', 'file', 'line', 'column'],
    ]);
  });

  it('services are sorted; paths are relative to ROOT with / separators; endPort and toEnd equal port and to for a single port', async () => {
    const { json } = await check(FILES);
    const conflict = only(json, 'registry-conflict');
    expect(conflict).toEqual({
      id: 'registry-conflict:host:tcp:8700',
      rule: 'registry-conflict',
      severity: 'error',
      status: 'new',
      scope: 'host',
      protocol: 'tcp',
      port: 8700,
      endPort: 8700,
      services: ['alpha', 'zeta'],
      newServices: ['alpha', 'zeta'],
      locations: [
        { service: 'alpha', file: 'apps/shop/.env', line: 1, column: 12 },
        { service: 'zeta', file: 'ports.yml', line: 2, column: 9 },
      ],
      suggestions: [{ service: 'alpha', file: 'apps/shop/.env', line: 1, column: 12, from: 8700, to: 8701, toEnd: 8701 }],
      message: '8700/tcp on host: alpha (apps/shop/.env:1) collides with zeta, which the registry gives 8700',
    });
  });

  it('a binding that came through a variable also has via: { file, line, column }', async () => {
    const { json } = await check(FILES);
    expect(json.bindings.find((binding) => binding.scope === 'host' && binding.kind === 'publish')).toEqual({
      service: 'alpha',
      port: 8700,
      endPort: 8700,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'publish',
      format: 'compose',
      file: 'apps/shop/.env',
      line: 1,
      column: 12,
      via: { file: 'apps/shop/compose.yml', line: 5, column: 10 },
    });
  });
});
