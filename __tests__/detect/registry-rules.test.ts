import { describe, expect, it } from '@jest/globals';
import { detectConflicts } from '../../src/detect/detect.js';
import { coveredPortCounts } from '../../src/detect/registryIndex.js';
import type { Conflict } from '../../src/model/types.js';
import { binding, entry, registry } from './fixtures.js';

function brief(conflicts: readonly Conflict[]): Array<[string, string, string[]]> {
  return conflicts.map((conflict) => [conflict.id, conflict.severity, conflict.services]);
}

const embed = entry({ service: 'embed', port: 3002, line: 4, column: 10 });
const grafana = binding({ service: 'grafana', port: 3002, file: 'observability/compose.yml', line: 12, column: 9, kind: 'publish' });

describe('registry-conflict', () => {
  it('is one conflict naming the newcomer and the owner', () => {
    const [conflict, ...rest] = detectConflicts([grafana], registry([embed]));
    expect(rest).toEqual([]);
    expect(conflict).toEqual({
      id: 'registry-conflict:host:tcp:3002',
      rule: 'registry-conflict',
      severity: 'error',
      status: 'new',
      scope: 'host',
      protocol: 'tcp',
      port: 3002,
      endPort: 3002,
      services: ['embed', 'grafana'],
      newServices: ['embed', 'grafana'],
      locations: [
        { service: 'grafana', file: 'observability/compose.yml', line: 12, column: 9 },
        { service: 'embed', file: 'ports.yml', line: 4, column: 10 },
      ],
      suggestions: [],
      message: '3002/tcp on host: grafana (observability/compose.yml:12) collides with embed, which the registry gives 3002',
      bindings: [grafana, embed],
    });
  });

  it('is not also a duplicate-port, and the owner\'s own claims do not collide with it', () => {
    const embedCompose = binding({ service: 'embed', project: 'embed', port: 3002, file: 'embed/compose.yml' });
    const conflicts = detectConflicts([grafana, embedCompose], registry([embed]));
    expect(brief(conflicts)).toEqual([['registry-conflict:host:tcp:3002', 'error', ['embed', 'grafana']]]);
    expect(conflicts[0]?.locations.map((location) => location.file)).toEqual(['embed/compose.yml', 'observability/compose.yml', 'ports.yml']);
  });

  it('lists several newcomers', () => {
    const [conflict] = detectConflicts(
      [grafana, binding({ service: 'grafana-embed', port: 3002, file: 'embed/compose.yml', line: 30 })],
      registry([embed]),
    );
    expect(conflict?.message).toBe(
      '3002/tcp on host: grafana-embed (embed/compose.yml:30) and grafana (observability/compose.yml:12) collide with embed, which the registry gives 3002',
    );
  });

  it('applies the registry to each named host-like scope, and not to containers', () => {
    const conflicts = detectConflicts(
      [
        binding({ service: 'grafana', port: 3002, scope: 'alpha', file: 'hosts/alpha/compose.yml' }),
        binding({ service: 'grafana', port: 3002, scope: 'container:o/grafana', project: 'o' }),
        binding({ service: 'node', port: 3002, scope: 'pod:default/node' }),
      ],
      registry([embed]),
    );
    expect(brief(conflicts)).toEqual([['registry-conflict:alpha:tcp:3002', 'error', ['embed', 'grafana']]]);
  });

  it('respects the registered protocol', () => {
    const dns = entry({ service: 'dns', port: 53, protocol: 'udp' });
    expect(brief(detectConflicts([binding({ service: 'web', port: 53 })], registry([dns], { present: false })))).toEqual([]);
  });
});

describe('registry-duplicate', () => {
  it('reports the registry giving one port to two services, once for all scopes', () => {
    const postgres = entry({ service: 'postgres', port: 5432, line: 3 });
    const timescale = entry({ service: 'timescale', port: 5432, line: 7 });
    const conflicts = detectConflicts([binding({ service: 'other', port: 80, scope: 'alpha' })], registry([postgres, timescale]));
    const duplicates = conflicts.filter((conflict) => conflict.rule === 'registry-duplicate');
    expect(duplicates.map((c) => [c.id, c.severity, c.message])).toEqual([
      ['registry-duplicate:host:tcp:5432', 'error', '5432/tcp on host: the registry gives it to postgres (ports.yml:3) and timescale (ports.yml:7)'],
    ]);
  });

  it('takes precedence when a binding collides with two owners', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'db', port: 5432, file: 'compose.yml', line: 9 })],
      registry([entry({ service: 'postgres', port: 5432, line: 3 }), entry({ service: 'timescale', port: 5432, line: 7 })]),
    );
    expect(conflicts.map((c) => [c.id, c.services, c.message])).toEqual([
      [
        'registry-duplicate:host:tcp:5432',
        ['db', 'postgres', 'timescale'],
        '5432/tcp on host: the registry gives it to postgres (ports.yml:3) and timescale (ports.yml:7), and db (compose.yml:9) binds it too',
      ],
    ]);
  });
});

describe('registry-drift', () => {
  const constellation = [
    entry({ service: 'constellation', port: 6789, portName: 'http', line: 2 }),
    entry({ service: 'constellation', port: 8765, portName: 'metrics', line: 3 }),
  ];

  it('is a warning when a registered service binds none of its ports', () => {
    const drifting = binding({ service: 'constellation', port: 9999, file: 'nix/constellation.nix', line: 14, column: 12 });
    const conflicts = detectConflicts([drifting], registry(constellation));
    expect(conflicts.map((c) => [c.id, c.severity, c.message, c.locations])).toEqual([
      [
        'registry-drift:host:tcp:9999',
        'warning',
        '9999/tcp on host: constellation (nix/constellation.nix:14) binds 9999, but the registry gives constellation 6789 and 8765',
        [{ service: 'constellation', file: 'nix/constellation.nix', line: 14, column: 12 }],
      ],
    ]);
  });

  it('does not fire for any of several registered ports, nor inside a container', () => {
    const bindings = [
      binding({ service: 'constellation', port: 6789 }),
      binding({ service: 'constellation', port: 8765, file: 'src/main.rs' }),
      binding({ service: 'constellation', port: 80, scope: 'container:c/constellation', project: 'c' }),
    ];
    expect(detectConflicts(bindings, registry(constellation))).toEqual([]);
  });

  it('names each registered port once, however many registries list it', () => {
    const twice = [...constellation, entry({ service: 'constellation', port: 6789, file: 'lib/ports.nix' })];
    const [conflict] = detectConflicts([binding({ service: 'constellation', port: 9999 })], registry(twice));
    expect(conflict?.message).toMatch(/the registry gives constellation 6789 and 8765$/);
  });

  it('is left to the collision when the drifting claim collides: one fix per line', () => {
    const onSpacedust = binding({ service: 'constellation', port: 7000, file: 'nix/constellation.nix' });
    const spacedust = entry({ service: 'spacedust', port: 7000, line: 9 });
    expect(brief(detectConflicts([onSpacedust], registry([...constellation, spacedust])))).toEqual([
      ['registry-conflict:host:tcp:7000', 'error', ['constellation', 'spacedust']],
    ]);
  });
});

describe('reserved-port', () => {
  const reserved = [
    { file: 'ports.yml', line: 6, column: 5, start: 3004, end: 3009, reason: 'future services (website, demo)' },
    { file: 'ports.yml', line: 7, column: 5, start: 5432, end: 5432 },
  ];

  it('reports the reserved part of a binding, with the reason', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'web', port: 3000, endPort: 3005, file: 'compose.yml', line: 3 }), binding({ service: 'db', port: 5432, file: 'db.yml' })],
      registry([entry({ service: 'web', port: 3000, endPort: 3005 }), entry({ service: 'db', port: 5432 })], { reserved }),
    );
    expect(conflicts.map((c) => [c.id, c.severity, c.message])).toEqual([
      [
        'reserved-port:host:tcp:3004-3005',
        'warning',
        '3004-3005/tcp on host: web (compose.yml:3) binds 3004-3005, which the registry reserves (3004-3009: future services (website, demo))',
      ],
      ['reserved-port:host:tcp:5432', 'warning', '5432/tcp on host: db (db.yml:1) binds 5432, which the registry reserves (5432)'],
    ]);
  });

  it('leaves container ports and the registry\'s own entries alone', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'postgres', port: 5432, scope: 'container:db/postgres', project: 'db' })],
      registry([entry({ service: 'legacy', port: 3005 })], { reserved, present: false }),
    );
    expect(conflicts).toEqual([]);
  });
});

describe('out-of-range', () => {
  const categories = [{ file: 'ports.yml', line: 2, column: 3, name: 'application', range: { start: 3000, end: 3999 } }];

  it('flags a registry entry outside its category, and the bindings of that port with it', () => {
    const web = entry({ service: 'web', port: 8080, category: 'application', line: 9, column: 8 });
    const conflicts = detectConflicts(
      [binding({ service: 'web', port: 8080, file: 'compose.yml', line: 5, column: 7 })],
      registry([web], { categories }),
    );
    expect(conflicts.map((c) => [c.id, c.severity, c.message, c.locations])).toEqual([
      [
        'out-of-range:host:tcp:8080',
        'warning',
        '8080/tcp on host: web (compose.yml:5) is outside the application range 3000-3999',
        [
          { service: 'web', file: 'compose.yml', line: 5, column: 7 },
          { service: 'web', file: 'ports.yml', line: 9, column: 8 },
        ],
      ],
    ]);
  });

  it('says nothing inside the range or without a category range', () => {
    const entries = [
      entry({ service: 'web', port: 3001, category: 'application' }),
      entry({ service: 'misc', port: 9999, category: 'misc' }),
    ];
    expect(detectConflicts([binding({ service: 'web', port: 3001 })], registry(entries, { categories }))).toEqual([]);
  });
});

describe('unregistered', () => {
  it('flags a host claim of a service the registry does not know on a port it does not list', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'scratch', port: 4000, file: 'dev/.env', line: 2, column: 14 })],
      registry([entry({ service: 'web', port: 3001 })]),
    );
    expect(conflicts.map((c) => [c.id, c.severity, c.message])).toEqual([
      ['unregistered:host:tcp:4000', 'warning', '4000/tcp on host: scratch (dev/.env:2) binds 4000, which the registry does not list'],
    ]);
  });

  it('needs a registry, a host-like scope, and a port nobody holds', () => {
    const scratch = binding({ service: 'scratch', port: 4000 });
    expect(detectConflicts([scratch], registry([], { present: false }))).toEqual([]);
    expect(detectConflicts([{ ...scratch, scope: 'container:x/scratch' }], registry([]))).toEqual([]);
    expect(brief(detectConflicts([{ ...scratch, scope: 'alpha' }], registry([])))).toEqual([['unregistered:alpha:tcp:4000', 'warning', ['scratch']]]);
    // Holding a registered port is a registry-conflict, not also unregistered.
    expect(brief(detectConflicts([{ ...scratch, port: 3001, endPort: 3001 }], registry([entry({ service: 'web', port: 3001 })])))).toEqual([
      ['registry-conflict:host:tcp:3001', 'error', ['scratch', 'web']],
    ]);
  });

  it('gathers the services on one unlisted port into one conflict beside their collision', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'a', port: 4000 }), binding({ service: 'b', port: 4000 })],
      registry([entry({ service: 'web', port: 3001 })]),
    );
    expect(brief(conflicts)).toEqual([
      ['duplicate-port:host:tcp:4000', 'error', ['a', 'b']],
      ['unregistered:host:tcp:4000', 'warning', ['a', 'b']],
    ]);
    expect(conflicts[1]?.message).toBe('4000/tcp on host: a (a.yml:1) and b (b.yml:1) bind 4000, which the registry does not list');
  });
});

describe('coveredPortCounts', () => {
  it('counts the covered ports up to each port', () => {
    const counts = coveredPortCounts([
      { start: 10, end: 12 },
      { start: 11, end: 13 },
      { start: 65535, end: 65535 },
    ]);
    expect([9, 10, 11, 12, 13, 14, 65534, 65535].map((port) => counts[port])).toEqual([0, 1, 2, 3, 4, 4, 4, 5]);
  });
});
