import { describe, expect, it } from '@jest/globals';
import { detectConflicts } from '../../src/detect/detect.js';
import type { Conflict } from '../../src/model/types.js';
import { DEFAULT_LEVELS, ruleLevels, settle } from '../../src/rules/levels.js';
import { binding, entry, NO_REGISTRY, registry } from './cases.js';

const certain = { message: 'm', uncertainty: undefined };
const possible = { message: 'm', uncertainty: ' (only across stacks)' };

function brief(conflicts: readonly Conflict[]): Array<[string, string, string]> {
  return conflicts.map((conflict) => [conflict.id, conflict.severity, conflict.message]);
}

describe('ruleLevels', () => {
  it('gives every rule its default unless the config sets one', () => {
    expect(DEFAULT_LEVELS).toEqual({
      'duplicate-port': 'error', 'registry-conflict': 'error', 'registry-duplicate': 'error',
      'registry-drift': 'warning', 'reserved-port': 'warning', 'out-of-range': 'warning', unregistered: 'warning',
    });
    expect(ruleLevels({ unregistered: 'off', 'duplicate-port': 'warning' })).toEqual({ ...DEFAULT_LEVELS, unregistered: 'off', 'duplicate-port': 'warning' });
  });
});

describe('settle: an error is a certain conflict', () => {
  it.each([
    ['a certain conflict of an error rule', 'error', 'error', certain, 'error', 'm'],
    ['a certain conflict of a rule lowered to warning', 'error', 'warning', certain, 'warning', 'm'],
    ['a certain conflict of a rule raised to error', 'warning', 'error', certain, 'error', 'm'],
    ['a possible conflict of an error rule, with why', 'error', 'error', possible, 'warning', 'm (only across stacks)'],
    ['a possible conflict of a rule raised to error, with why', 'warning', 'error', possible, 'warning', 'm (only across stacks)'],
    ['a possible conflict of an error rule lowered to warning, still with why', 'error', 'warning', possible, 'warning', 'm (only across stacks)'],
    ['a possible conflict of a warning rule, which needs no why', 'warning', 'warning', possible, 'warning', 'm'],
  ] as const)('%s', (_, defaultSeverity, level, judgement, severity, message) => {
    expect(settle({ defaultSeverity }, level, judgement)).toEqual({ severity, message });
  });
});

describe('detectConflicts under configured levels', () => {
  const web = entry({ service: 'web', port: 8080, category: 'application' });
  const categories = [{ file: 'ports.yml', line: 2, column: 3, name: 'application', range: { start: 3000, end: 3999 } }];
  const ports = registry([web], { categories });

  it('leaves out the conflicts of a rule that is off', () => {
    const bindings = [binding({ service: 'api', port: 9000 }), binding({ service: 'web', port: 8080 })];
    expect(detectConflicts(bindings, ports).map((conflict) => conflict.rule)).toEqual(['out-of-range', 'unregistered']);
    expect(detectConflicts(bindings, ports, ruleLevels({ unregistered: 'off' })).map((conflict) => conflict.rule)).toEqual(['out-of-range']);
    expect(detectConflicts(bindings, ports, ruleLevels({ unregistered: 'off', 'out-of-range': 'off' }))).toEqual([]);
  });

  it('makes a certain conflict of a raised rule an error, and leaves its message as it was', () => {
    const bindings = [binding({ service: 'web', port: 8080, file: 'compose.yml' })];
    expect(brief(detectConflicts(bindings, ports, ruleLevels({ 'out-of-range': 'error' })))).toEqual([
      ['out-of-range:host:tcp:8080', 'error', '8080/tcp on host: web (compose.yml:1) is outside the application range 3000-3999'],
    ]);
  });

  it('keeps a possible conflict of a raised rule a warning, and says why', () => {
    const maybe = binding({ service: 'web', port: 8080, file: 'web/main.go', uncertain: 'web/main.go may run in a container built by web/Dockerfile, which nothing here runs' });
    // The registry entry itself is outside the range too, for certain: one conflict, certain.
    expect(brief(detectConflicts([maybe], ports, ruleLevels({ 'out-of-range': 'error' })))).toEqual([
      ['out-of-range:host:tcp:8080', 'error', '8080/tcp on host: web (ports.yml:1) is outside the application range 3000-3999'],
    ]);
    const drifting = binding({ ...maybe, port: 8081, endPort: 8081 });
    expect(brief(detectConflicts([drifting], registry([entry({ service: 'web', port: 8080 })]), ruleLevels({ 'registry-drift': 'error' })))).toEqual([
      [
        'registry-drift:host:tcp:8081',
        'warning',
        '8081/tcp on host: web (web/main.go:1) binds 8081, but the registry gives web 8080; web/main.go may run in a container built by web/Dockerfile, which nothing here runs',
      ],
    ]);
    expect(brief(detectConflicts([drifting], registry([entry({ service: 'web', port: 8080 })])))[0]?.[2]).toBe('8081/tcp on host: web (web/main.go:1) binds 8081, but the registry gives web 8080');
  });

  it('keeps a collision across stacks a warning under error, and makes a certain one a warning under warning', () => {
    const acrossStacks = [binding({ service: 'a', port: 3000, stacks: ['a.yml'] }), binding({ service: 'b', port: 3000, stacks: ['b.yml'] })];
    const inOneStack = [binding({ service: 'a', port: 4000, stacks: ['s'] }), binding({ service: 'b', port: 4000, stacks: ['s'] })];
    const raised = detectConflicts([...acrossStacks, ...inOneStack], NO_REGISTRY, ruleLevels({ 'duplicate-port': 'error' }));
    expect(raised.map((conflict) => conflict.severity)).toEqual(['warning', 'error']);
    expect(raised[0]?.message).toMatch(/\(only across the stacks a\.yml and b\.yml, which may not run together\)$/);
    const lowered = detectConflicts([...acrossStacks, ...inOneStack], NO_REGISTRY, ruleLevels({ 'duplicate-port': 'warning' }));
    expect(lowered.map((conflict) => conflict.severity)).toEqual(['warning', 'warning']);
    expect(lowered.map((conflict) => conflict.message)).toEqual(raised.map((conflict) => conflict.message));
  });

  it('calls a colliding claim drifted when its collision is off: nothing else moves it then', () => {
    const constellation = entry({ service: 'constellation', port: 6789 });
    const spacedust = entry({ service: 'spacedust', port: 7000, line: 9 });
    const onSpacedust = binding({ service: 'constellation', port: 7000, file: 'c.nix' });
    expect(detectConflicts([onSpacedust], registry([constellation, spacedust])).map((conflict) => conflict.rule)).toEqual(['registry-conflict']);
    expect(detectConflicts([onSpacedust], registry([constellation, spacedust]), ruleLevels({ 'registry-conflict': 'off' })).map((conflict) => conflict.rule)).toEqual([
      'registry-drift',
    ]);
  });
});
