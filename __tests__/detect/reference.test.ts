import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addressesOverlap, isWildcardAddress } from '../../src/detect/address.js';
import { detectConflicts } from '../../src/detect/detect.js';
import { sameService, serviceKey } from '../../src/model/service.js';
import type { Binding, Protocol } from '../../src/model/types.js';
import { binding, entry, NO_REGISTRY, registry } from './fixtures.js';

// The detector's sweep and its constant-space partner index checked against the
// definition, pair by pair and port by port, on small random inputs.

type Outcome = [rule: string, scope: string, protocol: Protocol, port: number, endPort: number, services: string[], severity: string];

function collides(a: Binding, b: Binding): boolean {
  return addressesOverlap(a.hostIp, b.hostIp) && !sameService(a, b);
}

/** DESIGN "Where things run": host-level claims meet every stack; stack claims meet in a shared stack, in a shared profile or where either runs with every profile. */
function meet(a: Binding, b: Binding): boolean {
  if (a.stacks === undefined || b.stacks === undefined) return true;
  const sharedStack = a.stacks.some((stack) => b.stacks?.includes(stack));
  const profilesA = a.profiles ?? [];
  const profilesB = b.profiles ?? [];
  return sharedStack && (profilesA.length === 0 || profilesB.length === 0 || profilesA.some((profile) => profilesB.includes(profile)));
}

/** A claim that only may run (soft range, uncertain placement) never makes a collision certain. */
function firm(a: Binding): boolean {
  return !a.soft && a.uncertain === undefined;
}

function certain(a: Binding, b: Binding): boolean {
  return collides(a, b) && meet(a, b) && firm(a) && firm(b) && !(a.isDefault && b.isDefault);
}

/** Components of "addresses overlap" among the claims that collide with some other. */
function components(active: readonly Binding[]): Binding[][] {
  const colliding = active.filter((a) => active.some((b) => collides(a, b)));
  const groups: Binding[][] = [];
  for (const claim of colliding) {
    const joined = groups.filter((group) => group.some((other) => addressesOverlap(claim.hostIp, other.hostIp)));
    const merged = [claim, ...joined.flat()];
    groups.splice(0, groups.length, ...groups.filter((group) => !joined.includes(group)), merged);
  }
  return groups;
}

/** The rule and severity of one collision, by DESIGN.md "Rules" and "Severity". */
function judge(members: readonly Binding[]): [string, string] {
  const owners = new Set(members.filter((b) => b.kind === 'registry').map((b) => b.service));
  if (owners.size >= 2) return ['registry-duplicate', 'error'];
  const [owner] = owners;
  if (owner !== undefined) {
    return ['registry-conflict', members.every((b) => b.service === owner || !firm(b)) ? 'warning' : 'error'];
  }
  return ['duplicate-port', members.some((a) => members.some((b) => certain(a, b))) ? 'error' : 'warning'];
}

function reference(bindings: readonly Binding[], entries: readonly Binding[]): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const scope of new Set(['host', ...bindings.map((b) => b.scope)])) {
    // The registry speaks for `host` and for every named machine.
    const all = [...bindings, ...entries.map((e) => ({ ...e, scope }))];
    for (const protocol of ['tcp', 'udp'] as const) {
      const claims = all.filter((b) => b.scope === scope && b.protocol === protocol);
      let open = new Map<string, { port: number; members: Binding[] }>();
      for (let port = 1; port <= 17; port++) {
        const current = new Map<string, Binding[]>();
        for (const group of components(claims.filter((b) => b.port <= port && port <= b.endPort))) {
          current.set(group.map((b) => claims.indexOf(b)).sort((x, y) => x - y).join(','), group);
        }
        for (const [key, run] of open) {
          if (current.has(key)) continue;
          if (scope !== 'host' && run.members.every((b) => b.kind === 'registry')) continue;
          const services = [...new Set(run.members.map(serviceKey))].sort();
          outcomes.push([judge(run.members)[0], scope, protocol, run.port, port - 1, services, judge(run.members)[1]]);
        }
        open = new Map([...current].map(([key, members]) => [key, open.get(key) ?? { port, members }]));
      }
    }
  }
  return outcomes.sort(byJson);
}

function byJson(a: unknown, b: unknown): number {
  return JSON.stringify(a).localeCompare(JSON.stringify(b));
}

const COLLISION_RULES = ['duplicate-port', 'registry-conflict', 'registry-duplicate'];

const arbitraryBinding = fc
  .record({
    service: fc.constantFrom('a', 'b', 'c'),
    project: fc.constantFrom(undefined, 'p', 'q'),
    port: fc.integer({ min: 1, max: 12 }),
    width: fc.constantFrom(0, 0, 0, 1, 3),
    hostIp: fc.constantFrom(null, '0.0.0.0', '[::]', '127.0.0.1', '127.0.0.2', '::1'),
    stacks: fc.constantFrom(undefined, ['s'], ['t'], ['s', 't']),
    profiles: fc.constantFrom(undefined, undefined, ['x'], ['y'], ['x', 'y']),
    uncertain: fc.constantFrom(undefined, undefined, undefined, 'only may run here'),
    isDefault: fc.boolean(),
    soft: fc.boolean(),
    protocol: fc.constantFrom<Protocol>('tcp', 'tcp', 'udp'),
    scope: fc.constantFrom('host', 'host', 'alpha'),
    line: fc.integer({ min: 1, max: 50 }),
  })
  .map(({ project, stacks, profiles, uncertain, width, ...fields }) =>
    binding({
      ...fields,
      endPort: fields.port + width,
      ...(project === undefined ? {} : { project }),
      ...(stacks === undefined ? {} : { stacks }),
      // Profiles belong to stack claims: a host-level claim runs outside any Compose project.
      ...(profiles === undefined || stacks === undefined ? {} : { profiles }),
      ...(uncertain === undefined ? {} : { uncertain }),
    }),
  );

const arbitraryEntry = fc
  .record({ service: fc.constantFrom('a', 'b', 'd'), port: fc.integer({ min: 1, max: 12 }), width: fc.constantFrom(0, 0, 2) })
  .map(({ width, ...fields }) => entry({ ...fields, endPort: fields.port + width }));

describe('detectConflicts against the definition', () => {
  it('finds exactly the collisions, overlaps, rules and severities that pairwise checks find', () => {
    fc.assert(
      fc.property(fc.array(arbitraryBinding, { maxLength: 14 }), fc.array(arbitraryEntry, { maxLength: 3 }), (bindings, entries) => {
        const found: Outcome[] = detectConflicts(bindings, registry(entries, { present: false }))
          .filter((c) => COLLISION_RULES.includes(c.rule))
          .map((c) => [c.rule, c.scope, c.protocol, c.port, c.endPort, [...new Set(c.bindings.map(serviceKey))].sort(), c.severity]);
        expect(found.sort(byJson)).toEqual(reference(bindings, entries));
      }),
      { numRuns: 500 },
    );
  });

  it('names a specific address in the id exactly when no wildcard joins the collision', () => {
    fc.assert(
      fc.property(fc.array(arbitraryBinding, { maxLength: 14 }), (bindings) => {
        for (const conflict of detectConflicts(bindings, NO_REGISTRY)) {
          const wildcard = conflict.bindings.some((b) => isWildcardAddress(b.hostIp));
          expect(conflict.id.includes('@')).toBe(!wildcard);
        }
      }),
      { numRuns: 200 },
    );
  });
});
