import { describe, expect, it } from '@jest/globals';
import { detectConflicts } from '../../src/detect/detect.js';
import type { Binding, Conflict } from '../../src/model/types.js';
import { binding, entry, NO_REGISTRY, registry } from './fixtures.js';

function summary(conflicts: readonly Conflict[]): Array<[string, string[]]> {
  return conflicts.map((conflict) => [conflict.id, conflict.services]);
}

function detect(bindings: Binding[]): Conflict[] {
  return detectConflicts(bindings, NO_REGISTRY);
}

describe('what collides', () => {
  it('needs the same protocol', () => {
    expect(detect([binding({ service: 'dns', port: 53, protocol: 'udp' }), binding({ service: 'web', port: 53 })])).toEqual([]);
    expect(
      summary(detect([binding({ service: 'dns', port: 53, protocol: 'udp' }), binding({ service: 'dhcp', port: 53, protocol: 'udp' })])),
    ).toEqual([['duplicate-port:host:udp:53', ['dhcp', 'dns']]]);
  });

  it('needs different services', () => {
    expect(detect([binding({ service: 'web', port: 80, file: 'a.yml' }), binding({ service: 'web', port: 80, file: 'b.yml' })])).toEqual([]);
  });

  it.each([
    [null, '127.0.0.1', true],
    ['0.0.0.0', '127.0.0.1', true],
    ['::', '127.0.0.1', true],
    ['[::]', '0.0.0.0', true],
    [null, '::1', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['::1', '127.0.0.1', false],
    ['0:0:0:0:0:0:0:1', '[::1]', true],
    ['::ffff:127.0.0.1', '127.0.0.1', true],
  ])('on addresses %p and %p: %p', (a, b, collide) => {
    const conflicts = detect([binding({ service: 'a', port: 8080, hostIp: a }), binding({ service: 'b', port: 8080, hostIp: b })]);
    expect(conflicts.map((conflict) => conflict.services)).toEqual(collide ? [['a', 'b']] : []);
  });

  it('tells two collisions on one port at two addresses apart, and names the address in the id', () => {
    const conflicts = detect([
      binding({ service: 'a', port: 5432, hostIp: '127.0.0.1' }),
      binding({ service: 'b', port: 5432, hostIp: '127.0.0.1' }),
      binding({ service: 'c', port: 5432, hostIp: '127.0.0.2' }),
      binding({ service: 'd', port: 5432, hostIp: '127.0.0.2' }),
    ]);
    expect(summary(conflicts)).toEqual([
      ['duplicate-port:host:tcp:5432@127.0.0.1', ['a', 'b']],
      ['duplicate-port:host:tcp:5432@127.0.0.2', ['c', 'd']],
    ]);
  });

  it('joins every address into one collision when a wildcard claim is among them', () => {
    const conflicts = detect([
      binding({ service: 'a', port: 5432, hostIp: '127.0.0.1' }),
      binding({ service: 'b', port: 5432, hostIp: '127.0.0.2' }),
      binding({ service: 'c', port: 5432, hostIp: '0.0.0.0' }),
    ]);
    expect(summary(conflicts)).toEqual([['duplicate-port:host:tcp:5432', ['a', 'b', 'c']]]);
  });

  it('leaves out a claim that collides with nobody, even beside a wildcard', () => {
    // `a` on 127.0.0.1 is the wildcard's own service, and 127.0.0.2 does not overlap it.
    const conflicts = detect([
      binding({ service: 'a', port: 80 }),
      binding({ service: 'a', port: 80, hostIp: '127.0.0.1', file: 'a2.yml' }),
      binding({ service: 'b', port: 80, hostIp: '127.0.0.2' }),
    ]);
    expect(conflicts.map((conflict) => conflict.locations.map((location) => location.file))).toEqual([['a.yml', 'b.yml']]);
  });
});

describe('ranges', () => {
  it('reports the overlap of two ranges', () => {
    const conflicts = detect([binding({ service: 'a', port: 8000, endPort: 8100 }), binding({ service: 'b', port: 8050, endPort: 8200 })]);
    expect(conflicts.map((c) => [c.id, c.port, c.endPort])).toEqual([['duplicate-port:host:tcp:8050-8100', 8050, 8100]]);
  });

  it('gives a range over two single ports two conflicts', () => {
    const conflicts = detect([
      binding({ service: 'range', port: 8000, endPort: 8100 }),
      binding({ service: 'x', port: 8050 }),
      binding({ service: 'y', port: 8090 }),
    ]);
    expect(conflicts.map((c) => [c.id, c.port, c.endPort, c.services])).toEqual([
      ['duplicate-port:host:tcp:8050', 8050, 8050, ['range', 'x']],
      ['duplicate-port:host:tcp:8090', 8090, 8090, ['range', 'y']],
    ]);
  });

  it('splits where the set of colliding claims changes', () => {
    const conflicts = detect([
      binding({ service: 'a', port: 8000, endPort: 8100 }),
      binding({ service: 'b', port: 8050 }),
      binding({ service: 'c', port: 8050, endPort: 8060 }),
    ]);
    expect(summary(conflicts)).toEqual([
      ['duplicate-port:host:tcp:8050', ['a', 'b', 'c']],
      ['duplicate-port:host:tcp:8051-8060', ['a', 'c']],
    ]);
  });

  it('keeps adjacent ranges apart', () => {
    expect(detect([binding({ service: 'a', port: 8000, endPort: 8049 }), binding({ service: 'b', port: 8050, endPort: 8100 })])).toEqual([]);
  });

  it('handles the ends of the port space', () => {
    const conflicts = detect([binding({ service: 'a', port: 1, endPort: 65535 }), binding({ service: 'b', port: 65535 })]);
    expect(summary(conflicts)).toEqual([['duplicate-port:host:tcp:65535', ['a', 'b']]]);
  });
});

describe('scopes', () => {
  it('never lets a container port collide with the host or another container', () => {
    const conflicts = detect([
      binding({ service: 'web', port: 80, scope: 'container:app/web', project: 'app' }),
      binding({ service: 'api', port: 80, scope: 'container:app/api', project: 'app' }),
      binding({ service: 'nginx', port: 80 }),
    ]);
    expect(conflicts).toEqual([]);
  });

  it('lets two containers of one pod collide', () => {
    const conflicts = detect([
      binding({ service: 'api/app', port: 8080, scope: 'pod:default/api' }),
      binding({ service: 'api/sidecar', port: 8080, scope: 'pod:default/api' }),
      binding({ service: 'other/app', port: 8080, scope: 'pod:default/other' }),
    ]);
    expect(summary(conflicts)).toEqual([['duplicate-port:pod:default/api:tcp:8080', ['api/app', 'api/sidecar']]]);
  });

  it('collides node ports in the cluster scope', () => {
    const conflicts = detect([
      binding({ service: 'a', port: 30080, scope: 'cluster' }),
      binding({ service: 'b', port: 30080, scope: 'cluster' }),
    ]);
    expect(summary(conflicts)).toEqual([['duplicate-port:cluster:tcp:30080', ['a', 'b']]]);
  });

  it('keeps machines of a multi-host repository apart', () => {
    const conflicts = detect([binding({ service: 'a', port: 80, scope: 'alpha' }), binding({ service: 'b', port: 80, scope: 'beta' })]);
    expect(conflicts).toEqual([]);
  });
});

describe('service identity', () => {
  it('makes the same name of two compose projects two services, shown by project', () => {
    const conflicts = detectConflicts(
      [
        binding({ service: 'web', project: 'a', port: 3001, file: 'apps/a/compose.yml', line: 4, column: 9 }),
        binding({ service: 'web', project: 'b', port: 3001, file: 'apps/b/compose.yml', line: 6, column: 11 }),
      ],
      // The registry's `web` is either project's `web`, so it collides with neither.
      registry([entry({ service: 'web', port: 3001, line: 2, column: 8 })]),
    );
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      id: 'duplicate-port:host:tcp:3001',
      rule: 'duplicate-port',
      services: ['a/web', 'b/web'],
      locations: [
        { service: 'a/web', file: 'apps/a/compose.yml', line: 4, column: 9 },
        { service: 'b/web', file: 'apps/b/compose.yml', line: 6, column: 11 },
      ],
    });
  });

  it('makes a compose service the same as the registry service of its plain name', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'web', project: 'a', port: 3001, file: 'apps/a/compose.yml' })],
      registry([entry({ service: 'web', port: 3001 })]),
    );
    expect(conflicts).toEqual([]);
  });

  it('makes one name across formats one service', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'constellation', port: 6789, format: 'nix', file: 'nix/constellation.nix' })],
      registry([entry({ service: 'constellation', port: 6789 })]),
    );
    expect(conflicts).toEqual([]);
  });
});
