import { describe, expect, it } from '@jest/globals';
import { detectConflicts } from '../../src/detect/detect.js';
import type { Binding } from '../../src/model/types.js';
import { binding, entry, NO_REGISTRY, registry, seededRandom, shuffle } from './fixtures.js';

describe('determinism', () => {
  it('gives identical output for shuffled input', () => {
    const bindings = [
      binding({ service: 'grafana', port: 3002, file: 'observability/compose.yml', line: 12, stack: 'observability' }),
      binding({ service: 'grafana', port: 3002, file: 'embed/compose.yml', line: 30, project: 'embed', stack: 'embed' }),
      binding({ service: 'web', port: 3001, file: 'apps/a/compose.yml', project: 'a', stack: 'a' }),
      binding({ service: 'web', port: 3001, file: 'apps/b/compose.yml', project: 'b', stack: 'b' }),
      binding({ service: 'spacedust', port: 8765, file: 'spacedust/src/main.rs', line: 12, column: 16 }),
      binding({ service: 'ufos', port: 8765, file: 'ufos/src/main.rs', line: 40, column: 16 }),
      binding({ service: 'slingshot', port: 8700, endPort: 8800, file: 'slingshot/compose.yml', soft: true }),
      binding({ service: 'api', port: 3000, file: 'dev/process-compose.yaml', line: 5, stack: 'dev' }),
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
      bindings.push(binding({ service: `svc-${i}`, port, file: `services/${i}/compose.yml`, stack: `s${i % 50}` }));
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
