import { describe, expect, it } from '@jest/globals';
import { compareWithBase } from '../../src/compare/compare.js';
import { detectConflicts } from '../../src/detect/detect.js';
import type { Binding, Conflict, RegistryModel } from '../../src/model/types.js';
import { binding, entry, registry } from '../detect/fixtures.js';

/** Runs detect on both revisions, then compare, as the pipeline does. */
function check(head: Binding[], base: Binding[], headRegistry: RegistryModel, baseRegistry = headRegistry): Conflict[] {
  const baseConflicts = detectConflicts(base, baseRegistry);
  return compareWithBase(detectConflicts(head, headRegistry), { conflicts: baseConflicts, bindings: base, registry: baseRegistry });
}

function statuses(conflicts: readonly Conflict[]): Array<[string, string, string[]]> {
  return conflicts.map((conflict) => [conflict.id, conflict.status, conflict.newServices]);
}

const embed = entry({ service: 'embed', port: 3002 });
const grafana = binding({ service: 'grafana', port: 3002, file: 'observability/compose.yml', line: 12 });
const spacedust = binding({ service: 'spacedust', port: 8765, file: 'spacedust/src/main.rs', line: 12, column: 16 });
const ufos = binding({ service: 'ufos', port: 8765, file: 'ufos/src/main.rs', line: 40, column: 16 });
const slingshot = binding({ service: 'slingshot', port: 8765, file: 'slingshot/src/main.rs', line: 9, column: 16 });
const noRegistry = registry([], { present: false });

describe('compareWithBase', () => {
  it('makes everything new without a base, every service a newcomer', () => {
    const head = detectConflicts([spacedust, ufos], noRegistry).map((conflict) => ({ ...conflict, newServices: [] }));
    expect(statuses(compareWithBase(head, null))).toEqual([['duplicate-port:host:tcp:8765', 'new', ['spacedust', 'ufos']]]);
  });

  it('marks only the newcomer of a new conflict', () => {
    expect(statuses(check([grafana], [], registry([embed])))).toEqual([['registry-conflict:host:tcp:3002', 'new', ['grafana']]]);
  });

  it('keeps a conflict that has not changed as existing, with no newcomers', () => {
    expect(statuses(check([spacedust, ufos], [spacedust, ufos], noRegistry))).toEqual([['duplicate-port:host:tcp:8765', 'existing', []]]);
  });

  it('makes a conflict new again when it gains a service', () => {
    expect(statuses(check([spacedust, ufos, slingshot], [spacedust, ufos], noRegistry))).toEqual([
      ['duplicate-port:host:tcp:8765', 'new', ['slingshot']],
    ]);
  });

  it('keeps a conflict existing when it loses a service', () => {
    expect(statuses(check([spacedust, ufos], [spacedust, ufos, slingshot], noRegistry))).toEqual([
      ['duplicate-port:host:tcp:8765', 'existing', []],
    ]);
  });

  it('counts a claim that moved within the file as held, and one in another scope or protocol as new', () => {
    const moved = { ...ufos, line: 80 };
    expect(statuses(check([spacedust, moved], [spacedust, ufos], noRegistry))).toEqual([['duplicate-port:host:tcp:8765', 'existing', []]]);
    expect(statuses(check([spacedust, ufos], [spacedust, { ...ufos, protocol: 'udp' }], noRegistry))).toEqual([
      ['duplicate-port:host:tcp:8765', 'new', ['ufos']],
    ]);
    expect(statuses(check([spacedust, ufos], [spacedust, { ...ufos, scope: 'container:u/ufos' }], noRegistry))).toEqual([
      ['duplicate-port:host:tcp:8765', 'new', ['ufos']],
    ]);
  });

  it('counts a base range over the conflict\'s port as a held claim', () => {
    const wide = binding({ service: 'wide', port: 8000, endPort: 9000 });
    expect(statuses(check([wide, spacedust], [{ ...wide, endPort: 8800 }], noRegistry))).toEqual([
      ['duplicate-port:host:tcp:8765', 'new', ['spacedust']],
    ]);
  });

  it('counts the registry\'s entry as its owner\'s claim, in named host-like scopes too', () => {
    const alphaGrafana = { ...grafana, scope: 'alpha' };
    expect(statuses(check([alphaGrafana], [], registry([embed])))).toEqual([['registry-conflict:alpha:tcp:3002', 'new', ['grafana']]]);
    // A registry entry added since the base is a new claim of its owner.
    expect(statuses(check([alphaGrafana], [alphaGrafana], registry([embed]), noRegistry))).toEqual([
      ['registry-conflict:alpha:tcp:3002', 'new', ['embed']],
    ]);
  });

  it('tells compose projects apart: a second project\'s web is a newcomer though the registry lists web', () => {
    const webA = binding({ service: 'web', project: 'a', port: 3001, file: 'apps/a/compose.yml' });
    const webB = binding({ service: 'web', project: 'b', port: 3001, file: 'apps/b/compose.yml' });
    const reg = registry([entry({ service: 'web', port: 3001 })]);
    expect(statuses(check([webA, webB], [webA], reg))).toEqual([['duplicate-port:host:tcp:3001', 'new', ['b/web']]]);
  });

  it('does not change its input', () => {
    const head = detectConflicts([spacedust, ufos], noRegistry);
    const snapshot = structuredClone(head);
    compareWithBase(head, { conflicts: head, bindings: [spacedust, ufos], registry: noRegistry });
    expect(head).toEqual(snapshot);
  });
});

describe('compareWithBase at scale', () => {
  it('sorts out newcomers among 100,000 services on one port', () => {
    const all = Array.from({ length: 100_000 }, (_, i) => binding({ service: `svc-${String(i).padStart(6, '0')}`, port: 8765 }));
    const base = all.filter((_, i) => i % 2 === 0);
    const [conflict] = check(all, base, noRegistry);
    expect(conflict?.status).toBe('new');
    expect(conflict?.newServices).toHaveLength(50_000);
    expect(conflict?.newServices.slice(0, 2)).toEqual(['svc-000001', 'svc-000003']);
  });
});
