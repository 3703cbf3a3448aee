import { describe, expect, it } from '@jest/globals';
import { renderJson, toJsonReport } from '../../src/report/json.js';
import { fixtureReport, HOSTILE, incompleteReport } from './fixture.js';
import { expectGolden } from './golden.js';

const BINDING_KEYS = ['service', 'port', 'endPort', 'protocol', 'hostIp', 'scope', 'kind', 'format', 'file', 'line', 'column'];
const INTERNAL_KEYS = ['project', 'stack', 'isDefault', 'soft', 'variable', 'variableFile', 'setting', 'category', 'portName'];

type Json = Record<string, unknown>;

function parsed(): Json {
  return JSON.parse(renderJson(fixtureReport())) as Json;
}

function list(value: unknown): Json[] {
  return value as Json[];
}

describe('renderJson', () => {
  it('renders schema version 1 exactly', () => {
    expectGolden('report.json', renderJson(fixtureReport()));
  });

  it('keeps the documented key order at every level', () => {
    const json = parsed();
    expect(Object.keys(json)).toEqual(['schemaVersion', 'base', 'stats', 'bindings', 'conflicts', 'diagnostics', 'incomplete']);
    expect(Object.keys(json['stats'] as Json)).toEqual(['files', 'bindings', 'durationMs']);
    const [conflict] = list(json['conflicts']);
    expect(Object.keys(conflict ?? {})).toEqual([
      'id', 'rule', 'severity', 'status', 'scope', 'protocol', 'port', 'endPort',
      'services', 'newServices', 'locations', 'suggestions', 'message',
    ]);
    expect(Object.keys(list(conflict?.['locations'])[0] ?? {})).toEqual(['service', 'file', 'line', 'column']);
    expect(Object.keys(list(conflict?.['suggestions'])[0] ?? {})).toEqual([
      'service', 'file', 'line', 'column', 'from', 'to', 'toEnd',
    ]);
    expect(list(json['diagnostics']).map((diagnostic) => Object.keys(diagnostic))).toEqual([
      ['file', 'line', 'column', 'severity', 'message'],
      ['file', 'severity', 'message'],
      ['file', 'line', 'severity', 'message'],
    ]);
  });

  it('gives bindings their public fields only, with via last when the port came through a variable', () => {
    for (const binding of list(parsed()['bindings'])) {
      const expected = binding['file'] === 'apps/b/.env' ? [...BINDING_KEYS, 'via'] : BINDING_KEYS;
      expect(Object.keys(binding)).toEqual(expected);
    }
    const viaBinding = list(parsed()['bindings']).find((binding) => binding['file'] === 'apps/b/.env');
    expect(viaBinding?.['via']).toEqual({ file: 'apps/b/compose.yml', line: 6, column: 12 });
    for (const key of INTERNAL_KEYS) expect(renderJson(fixtureReport())).not.toContain(`"${key}":`);
  });

  it('never serializes a conflict’s bindings', () => {
    for (const conflict of list(parsed()['conflicts'])) expect(conflict).not.toHaveProperty('bindings');
  });

  it('names compose services by project only where two projects share the name', () => {
    const services = list(parsed()['bindings']).map((binding) => binding['service']);
    expect(services).toEqual([
      'embed', 'grafana-embed', 'a/web', 'b/web', 'dns', 'resolver', 'metrics', 'spacedust', HOSTILE, 'api', 'api',
    ]);
  });

  it('carries toEnd for a range and equals to for a single port', () => {
    const suggestions = list(parsed()['conflicts']).flatMap((conflict) => list(conflict['suggestions']));
    expect(suggestions.map((suggestion) => [suggestion['to'], suggestion['toEnd']])).toEqual([
      [1024, 1024], [8081, 8081], [3003, 3003], [3011, 3012], [8766, 8766],
    ]);
  });

  it('is the serialization of toJsonReport, which copies rather than shares the model', () => {
    const report = fixtureReport();
    const json = toJsonReport(report);
    expect(JSON.parse(renderJson(report))).toEqual(json);
    json.conflicts[0]?.services.push('changed');
    expect(report.conflicts[0]?.services).toEqual(['dns', 'resolver']);
  });

  it('keeps a null base', () => {
    expect(toJsonReport({ ...fixtureReport(), base: null }).base).toBeNull();
  });
});

describe('renderJson on an incomplete check', () => {
  it('lists each reason with its message, an empty list when everything was read, and never the internal limit tag of a diagnostic', () => {
    const json = JSON.parse(renderJson(incompleteReport())) as Json;
    expect(json['incomplete']).toEqual([
      { reason: 'file-size', message: '1 file larger than limits.maxFileBytes not read: ::error file=a::forged' },
      { reason: 'rest-file-list', message: expect.stringContaining('GitHub lists 3,000') },
    ]);
    expect(list(json['diagnostics'])[0]).toEqual({ file: '::error file=a::forged', severity: 'warning', message: 'file is larger than the 1 MiB limit (2 MiB): not read' });
    expect(parsed()['incomplete']).toEqual([]);
  });
});
