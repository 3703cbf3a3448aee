import { describe, expect, it } from '@jest/globals';
import { detectConflicts } from '../../src/detect/detect.js';
import type { Binding, Severity } from '../../src/model/types.js';
import { binding, entry, NO_REGISTRY, registry } from './fixtures.js';

function severities(bindings: Binding[]): Array<[string, Severity]> {
  return detectConflicts(bindings, NO_REGISTRY).map((conflict) => [conflict.rule, conflict.severity]);
}

describe('duplicate-port severity', () => {
  it.each<[string, Partial<Binding>, Partial<Binding>, Severity]>([
    ['inside one stack', { stacks: ['apps/a'] }, { stacks: ['apps/a'] }, 'error'],
    ['only between two stacks', { stacks: ['apps/a'] }, { stacks: ['apps/b'] }, 'warning'],
    ['a host-level claim against a stack', {}, { stacks: ['apps/b'] }, 'error'],
    ['two host-level claims', {}, {}, 'error'],
    ['two defaults', { isDefault: true }, { isDefault: true }, 'warning'],
    ['a default against a fixed claim', { isDefault: true }, {}, 'error'],
    ['a default against a fixed claim of the same stack', { isDefault: true, stacks: ['s'] }, { stacks: ['s'] }, 'error'],
    ['a default against a fixed claim of another stack', { isDefault: true, stacks: ['s'] }, { stacks: ['t'] }, 'warning'],
    ['a soft published range against a fixed claim', { soft: true }, {}, 'warning'],
    ['a soft range inside one stack', { soft: true, stacks: ['s'] }, { stacks: ['s'] }, 'warning'],
  ])('%s: %s', (_, a, b, severity) => {
    expect(severities([binding({ service: 'a', port: 3000, ...a }), binding({ service: 'b', port: 3000, ...b })])).toEqual([
      ['duplicate-port', severity],
    ]);
  });

  it('is an error when any one pair is certain, though others are not', () => {
    const bindings = [
      binding({ service: 'a', port: 3000, stacks: ['apps/a'] }),
      binding({ service: 'b', port: 3000, stacks: ['apps/b'] }),
      binding({ service: 'c', port: 3000, stacks: ['apps/b'], soft: true }),
      binding({ service: 'd', port: 3000, stacks: ['apps/c'], isDefault: true }),
    ];
    expect(severities(bindings)).toEqual([['duplicate-port', 'warning']]);
    expect(severities([...bindings, binding({ service: 'e', port: 3000, stacks: ['apps/b'] })])).toEqual([['duplicate-port', 'error']]);
  });

  it('counts only pairs whose addresses overlap', () => {
    // a and b meet in one stack but on two addresses; each meets c only across stacks.
    const bindings = [
      binding({ service: 'a', port: 3000, stacks: ['s'], hostIp: '127.0.0.1' }),
      binding({ service: 'b', port: 3000, stacks: ['s'], hostIp: '127.0.0.2' }),
      binding({ service: 'c', port: 3000, stacks: ['t'] }),
    ];
    expect(severities(bindings)).toEqual([['duplicate-port', 'warning']]);
  });

  it('counts only pairs of different services', () => {
    // Both of project a's claims are `web`; the registry-style plain `web` matches both.
    const bindings = [
      binding({ service: 'web', project: 'a', port: 3000, stacks: ['a'] }),
      binding({ service: 'web', port: 3000, file: 'web.nix' }),
      binding({ service: 'web', project: 'b', port: 3000, stacks: ['b'] }),
    ];
    expect(severities(bindings)).toEqual([['duplicate-port', 'warning']]);
  });

  it('says why a collision is only a warning', () => {
    const [acrossStacks] = detectConflicts(
      [
        binding({ service: 'a', port: 3000, stacks: ['apps/a'], file: 'apps/a/compose.yml', line: 3 }),
        binding({ service: 'b', port: 3000, stacks: ['apps/b'], file: 'apps/b/compose.yml', line: 5 }),
      ],
      NO_REGISTRY,
    );
    expect(acrossStacks?.message).toBe(
      '3000/tcp on host: a (apps/a/compose.yml:3) and b (apps/b/compose.yml:5) both bind 3000 (only across the stacks apps/a and apps/b, which may not run together)',
    );
    const [defaults] = detectConflicts(
      [
        binding({ service: 'a', port: 8765, isDefault: true, file: 'a.nix', line: 7 }),
        binding({ service: 'b', port: 8765, isDefault: true, file: 'b.nix', line: 9 }),
        binding({ service: 'c', port: 8765, soft: true, file: 'compose.yml', line: 2 }),
      ],
      NO_REGISTRY,
    );
    expect(defaults?.message).toBe(
      '8765/tcp on host: a (a.nix:7), b (b.nix:9) and c (compose.yml:2) all bind 8765 (only between defaults that users override); a published range lets the runtime pick another port',
    );
  });
});

describe('registry-conflict severity', () => {
  const embed = entry({ service: 'embed', port: 3002, line: 4, column: 10 });

  it('is an error for a fixed claim, a default or a claim in a stack', () => {
    for (const fields of [{}, { isDefault: true }, { stacks: ['observability'] }]) {
      const conflicts = detectConflicts([binding({ service: 'grafana', port: 3002, ...fields })], registry([embed]));
      expect(conflicts.map((c) => [c.rule, c.severity])).toEqual([['registry-conflict', 'error']]);
    }
  });

  it('is a warning when every other claim is a soft published range', () => {
    const conflicts = detectConflicts(
      [binding({ service: 'grafana', port: 3000, endPort: 3010, soft: true, file: 'compose.yml', line: 12, column: 9 })],
      registry([embed]),
    );
    expect(conflicts.map((c) => [c.rule, c.severity, c.message])).toEqual([
      [
        'registry-conflict',
        'warning',
        '3002/tcp on host: grafana (compose.yml:12) collides with embed, which the registry gives 3002; a published range lets the runtime pick another port',
      ],
    ]);
  });
});
