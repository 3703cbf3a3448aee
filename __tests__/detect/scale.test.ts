import { describe, expect, it } from '@jest/globals';
import { detectConflicts, detectConflictsWithin, MAX_CONFLICT_CLAIMS } from '../../src/detect/detect.js';
import type { Binding } from '../../src/model/types.js';
import { binding, entry, NO_REGISTRY, registry, seededRandom, shuffle } from './fixtures.js';

describe('determinism', () => {
  it('gives identical output for shuffled input', () => {
    const bindings = [
      binding({ service: 'grafana', port: 3002, file: 'observability/compose.yml', line: 12, stacks: ['observability'] }),
      binding({ service: 'grafana', port: 3002, file: 'embed/compose.yml', line: 30, project: 'embed', stacks: ['embed'] }),
      binding({ service: 'web', port: 3001, file: 'apps/a/compose.yml', project: 'a', stacks: ['a'] }),
      binding({ service: 'web', port: 3001, file: 'apps/b/compose.yml', project: 'b', stacks: ['b'] }),
      binding({ service: 'spacedust', port: 8765, file: 'spacedust/src/main.rs', line: 12, column: 16 }),
      binding({ service: 'ufos', port: 8765, file: 'ufos/src/main.rs', line: 40, column: 16 }),
      binding({ service: 'slingshot', port: 8700, endPort: 8800, file: 'slingshot/compose.yml', soft: true }),
      binding({ service: 'api', port: 3000, file: 'dev/process-compose.yaml', line: 5, stacks: ['dev'] }),
      binding({ service: 'scratch', port: 4000, file: 'dev/.env' }),
      binding({ service: 'dns', port: 53, protocol: 'udp', file: 'dns.nix' }),
      binding({ service: 'web', port: 80, scope: 'container:a/web', project: 'a' }),
    ];
    const reg = registry(
      [
        entry({ service: 'embed', port: 3002, line: 4 }),
        entry({ service: 'gateway', port: 3000, line: 2 }),
        entry({ service: 'web', port: 3001, line: 3 }),
        entry({ service: 'constellation', port: 8765, line: 5 }),
        entry({ service: 'dns', port: 53, protocol: 'udp', line: 6 }),
      ],
      { reserved: [{ file: 'ports.yml', line: 9, column: 5, start: 3004, end: 3009 }] },
    );
    const expected = detectConflicts(bindings, reg);
    expect(expected.map((conflict) => conflict.id)).toEqual([
      'registry-conflict:host:tcp:3000',
      'duplicate-port:host:tcp:3001',
      'registry-conflict:host:tcp:3002',
      'unregistered:host:tcp:4000',
      // The soft range holds 8765 too, so the registry lists one of its ports: no `unregistered`.
      'registry-conflict:host:tcp:8765',
    ]);
    const random = seededRandom(7);
    for (let round = 0; round < 20; round++) {
      const entries = shuffle(reg.entries, random);
      expect(detectConflicts(shuffle(bindings, random), { ...reg, entries })).toEqual(expected);
    }
  });
});

describe('scale', () => {
  it('finds every collision among 100,000 bindings', () => {
    const random = seededRandom(42);
    const bindings: Binding[] = [];
    const perPort = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const port = 20_000 + Math.floor(random() * 40_000);
      perPort.set(port, (perPort.get(port) ?? 0) + 1);
      bindings.push(binding({ service: `svc-${i}`, port, file: `services/${i}/compose.yml`, stacks: [`s${i % 50}`] }));
    }
    const conflicts = detectConflicts(bindings, NO_REGISTRY);
    const crowded = [...perPort].filter(([, count]) => count >= 2);
    expect(conflicts).toHaveLength(crowded.length);
    expect(conflicts.map((conflict) => conflict.port)).toEqual(crowded.map(([port]) => port).sort((a, b) => a - b));
    expect(conflicts.every((conflict) => conflict.services.length === perPort.get(conflict.port))).toBe(true);
  });

  it('makes 100,000 services on one port one conflict with a readable message', () => {
    const bindings = Array.from({ length: 100_000 }, (_, i) =>
      binding({ service: `svc-${String(i).padStart(6, '0')}`, port: 8765, file: `s/${String(i).padStart(6, '0')}.rs`, isDefault: true }),
    );
    bindings.push(binding({ service: 'wide', port: 8000, endPort: 9000, file: 'wide/compose.yml', soft: true }));
    const conflicts = detectConflicts(bindings, NO_REGISTRY);
    expect(conflicts.map((c) => [c.id, c.severity, c.services.length, c.locations.length])).toEqual([
      ['duplicate-port:host:tcp:8765', 'warning', 100_001, 100_001],
    ]);
    expect(conflicts[0]?.message).toBe(
      '8765/tcp on host: svc-000000 (s/000000.rs:1), svc-000001 (s/000001.rs:1), svc-000002 (s/000002.rs:1), svc-000003 (s/000003.rs:1), svc-000004 (s/000004.rs:1) and 99996 more all bind 8765 (only between defaults that users override); a published range lets the runtime pick another port',
    );
  });
});

describe('a bound on what is reported', () => {
  it('keeps the collisions of the lowest ports while the claims they name fit, and counts the rest', () => {
    const pairOn = (port: number) => [binding({ service: `a${port}`, port, file: `a${port}.yml` }), binding({ service: `b${port}`, port, file: `b${port}.yml` })];
    const bindings = [...pairOn(9000), ...pairOn(8000), ...pairOn(7000)];
    expect(detectConflictsWithin(bindings, NO_REGISTRY, 4)).toEqual({ conflicts: detectConflicts(pairOn(7000).concat(pairOn(8000)), NO_REGISTRY), omitted: 1 });
    expect(detectConflictsWithin(bindings, NO_REGISTRY, Number.POSITIVE_INFINITY)).toEqual({ conflicts: detectConflicts(bindings, NO_REGISTRY), omitted: 0 });
  });

  it('stops sliding ranges, which make a conflict for every stretch between two range ends, at MAX_CONFLICT_CLAIMS', () => {
    // 1,000 ranges `10001-20001`, `10002-20002`, ...: 1,997 collisions naming about a million claims in all.
    const ranges = Array.from({ length: 1_000 }, (_, i) => binding({ service: `s${i}`, port: 10_001 + i, endPort: 20_001 + i, file: `s${i}/compose.yml` }));
    const { conflicts, omitted } = detectConflictsWithin(ranges, NO_REGISTRY, MAX_CONFLICT_CLAIMS);
    const claims = conflicts.reduce((sum, conflict) => sum + conflict.locations.length, 0);
    expect(claims).toBeLessThanOrEqual(MAX_CONFLICT_CLAIMS);
    expect(conflicts.length + omitted).toBe(1_997);
    expect(omitted).toBeGreaterThan(0);
    expect(conflicts[0]).toMatchObject({ port: 10_002, endPort: 10_002 });
  });
});
