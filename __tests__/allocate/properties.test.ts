import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { proposePorts } from '../../src/allocate/allocate.js';
import { WELL_KNOWN_PORTS } from '../../src/allocate/wellKnownPorts.js';
import type { Binding, Conflict, ConflictRule, PortRange, RegistryModel, Suggestion } from '../../src/model/types.js';
import { binding, conflict, entry, registry } from './fixtures.js';

// Small port bands and narrow categories, so that collisions, exhausted ranges, wraparound
// and the edges of the privileged, ephemeral and node-port ranges all come up often.
const SERVICES = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot'] as const;
const SCOPES = ['host', 'container:p/x', 'cluster'] as const;
const BANDS = { host: [1010, 4000, 5420, 32750, 65520], cluster: [30000, 32750] } as const;
const CATEGORY_STARTS = [1000, 4000, 4010, 5425, 32760, 65500];
const MOVING_RULES: ConflictRule[] = ['duplicate-port', 'registry-conflict', 'registry-duplicate'];

interface World {
  bindings: Binding[];
  registry: RegistryModel;
  conflicts: Conflict[];
  categoryOf: Map<string, PortRange>;
}

const arbBinding = fc
  .record({
    service: fc.constantFrom(...SERVICES),
    scope: fc.constantFrom(...SCOPES),
    band: fc.nat({ max: 4 }),
    offset: fc.nat({ max: 24 }),
    length: fc.oneof({ arbitrary: fc.constant(1), weight: 4 }, { arbitrary: fc.integer({ min: 2, max: 4 }), weight: 1 }),
    protocol: fc.constantFrom('tcp' as const, 'udp' as const),
    file: fc.constantFrom('a.yml', 'b/compose.yml', 'c/.env'),
  })
  .map((r) => {
    const bands = r.scope === 'cluster' ? BANDS.cluster : BANDS.host;
    const port = Math.min((bands[r.band % bands.length] as number) + r.offset, r.scope === 'cluster' ? 32767 - r.length + 1 : 65535 - r.length + 1);
    return binding({ service: r.service, scope: r.scope, port, endPort: port + r.length - 1, protocol: r.protocol, file: r.file, column: 3 });
  });

const arbWorld: fc.Arbitrary<World> = fc
  .record({
    bindings: fc.array(arbBinding, { minLength: 2, maxLength: 40 }),
    registered: fc.array(fc.record({ service: fc.constantFrom(...SERVICES), band: fc.nat({ max: 4 }), offset: fc.nat({ max: 24 }) }), { maxLength: 6 }),
    categories: fc.array(fc.record({ start: fc.constantFrom(...CATEGORY_STARTS), width: fc.nat({ max: 30 }) }), { minLength: 2, maxLength: 2 }),
    categoryOfService: fc.array(fc.nat({ max: 2 }), { minLength: SERVICES.length, maxLength: SERVICES.length }),
    reserved: fc.array(fc.record({ band: fc.nat({ max: 4 }), offset: fc.nat({ max: 24 }), width: fc.nat({ max: 6 }) }), { maxLength: 3 }),
    groups: fc.array(
      fc.record({ rule: fc.constantFrom<ConflictRule>(...MOVING_RULES, 'reserved-port', 'out-of-range'), picks: fc.uniqueArray(fc.nat({ max: 39 }), { minLength: 1, maxLength: 5 }), newMask: fc.nat({ max: 63 }) }),
      { minLength: 1, maxLength: 12 },
    ),
  })
  .map((r) => {
    const categoryNames = ['application', 'databases'];
    const categoryOf = new Map<string, PortRange>();
    const categoryNameOf = new Map<string, string>();
    SERVICES.forEach((service, index) => {
      const which = r.categoryOfService[index] as number;
      const spec = r.categories[which];
      if (spec === undefined) return;
      categoryOf.set(service, { start: spec.start, end: Math.min(65535, spec.start + spec.width) });
      categoryNameOf.set(service, categoryNames[which] as string);
    });
    const entries = r.registered.map((spec, index) => {
      const port = Math.min(65535, (BANDS.host[spec.band] as number) + spec.offset);
      const category = categoryNameOf.get(spec.service);
      return entry({ service: spec.service, port, line: index + 1, column: 7, ...(category === undefined ? {} : { category }) });
    });
    // A service's category comes from its registry entry: unregistered services have none.
    for (const service of SERVICES) if (!entries.some((e) => e.service === service)) categoryOf.delete(service);
    const model = registry({
      entries,
      categories: r.categories.map((spec, index) => [categoryNames[index] as string, spec.start, Math.min(65535, spec.start + spec.width)]),
      reserved: r.reserved.map((spec) => {
        const start = Math.min(65535, (BANDS.host[spec.band] as number) + spec.offset);
        return [start, Math.min(65535, start + spec.width)];
      }),
    });
    // One literal per location: two services sharing one only happens through a variable, tested on its own.
    const bindings = r.bindings.map((b, index) => ({ ...b, line: index + 1 }));
    const conflicts = r.groups.flatMap((group) => conflictOf(group, bindings, entries));
    return { bindings, registry: model, conflicts, categoryOf };
  });

function conflictOf(group: { rule: ConflictRule; picks: number[]; newMask: number }, bindings: Binding[], entries: Binding[]): Conflict[] {
  const picked = group.picks.map((index) => bindings[index % bindings.length] as Binding);
  const scope = (picked[0] as Binding).scope;
  const inScope = [...new Set(picked.filter((b) => b.scope === scope))];
  if (!MOVING_RULES.includes(group.rule)) return [conflict(group.rule, [inScope[0] as Binding], { severity: 'warning' })];
  const services = new Set(inScope.map((b) => b.service));
  const owners = scope === 'host' ? entries.filter((e) => services.has(e.service)) : [];
  const involved = [...inScope, ...(group.rule === 'duplicate-port' ? [] : owners)];
  if (new Set(involved.map((b) => b.service)).size < 2) return [];
  const newServices = SERVICES.filter((service, index) => services.has(service) && (group.newMask & (1 << index)) !== 0);
  return [conflict(group.rule, involved, { newServices })];
}

function overlaps(a: PortRange, b: PortRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

function allowedWindows(scope: string, category: PortRange | undefined): PortRange[] {
  if (scope === 'cluster') return [{ start: 30000, end: 32767 }];
  const base = [{ start: 1024, end: 32767 }, { start: 61000, end: 65535 }];
  if (category === undefined) return base;
  return base.map((w) => ({ start: Math.max(w.start, category.start), end: Math.min(w.end, category.end) })).filter((w) => w.start <= w.end);
}

/** Everything a proposal in `scope` must avoid, besides the other proposals. */
function obstacles(world: World, scope: string): PortRange[] {
  return [
    ...world.bindings.filter((b) => b.scope === scope).map((b) => ({ start: b.port, end: b.endPort })),
    ...world.registry.entries.map((e) => ({ start: e.port, end: e.endPort })),
    ...world.registry.reserved,
    ...[...WELL_KNOWN_PORTS.keys()].map((port) => ({ start: port, end: port })),
  ];
}

/**
 * A service that must move may go back to its own registered port, when no other service
 * holds it (in the scope or the registry): the one registry port a proposal may be.
 */
function isOwnFreeHome(world: World, scope: string, suggestion: Suggestion): boolean {
  const home = { start: suggestion.to, end: suggestion.toEnd };
  const own = world.registry.entries.some((e) => e.service === suggestion.service && e.port === home.start && e.endPort === home.end);
  if (!own || scope.includes(':') || scope === 'cluster') return false;
  const others = [...world.bindings.filter((b) => b.scope === scope || b.scope === 'host'), ...world.registry.entries].filter((b) => b.service !== suggestion.service);
  return !others.some((b) => overlaps({ start: b.port, end: b.endPort }, home));
}

function claimKey(conflict: Conflict, suggestion: Suggestion): string {
  return `${suggestion.service}|${conflict.scope}|${suggestion.from}|${suggestion.toEnd - suggestion.to}`;
}

/** The service that keeps the port, by DESIGN.md's rule (services here are plain names). */
function expectedIncumbent(conflict: Conflict): string {
  const byLocation = [...conflict.bindings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const owner = byLocation.find((b) => b.kind === 'registry');
  if (owner) return owner.service;
  const held = byLocation.find((b) => !conflict.newServices.includes(b.service));
  return (held ?? (byLocation[0] as Binding)).service;
}

/** Brute force: can a free range of `length` ports still be found for this claim, given every proposal made? */
function someRangeFits(world: World, scope: string, length: number, category: PortRange | undefined, proposals: PortRange[]): boolean {
  const blocked = new Uint8Array(65536);
  for (const range of [...obstacles(world, scope), ...proposals]) blocked.fill(1, range.start, range.end + 1);
  return allowedWindows(scope, category).some((window) => {
    let run = 0;
    for (let port = window.start; port <= window.end; port++) {
      run = blocked[port] ? 0 : run + 1;
      if (run >= length) return true;
    }
    return false;
  });
}

function propose(world: World): Conflict[] {
  return proposePorts(world.conflicts, { bindings: world.bindings, registry: world.registry });
}

describe('proposePorts, over random repositories', () => {
  it('proposes only free, allowed ports: no claim of the scope in any protocol, no registry port, nothing reserved, privileged, ephemeral or well known, inside the category', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        for (const result of propose(world)) {
          const blocked = obstacles(world, result.scope);
          for (const suggestion of result.suggestions) {
            const proposed = { start: suggestion.to, end: suggestion.toEnd };
            const moved = result.bindings.find((b) => b.service === suggestion.service && b.file === suggestion.file && b.line === suggestion.line && b.port === suggestion.from);
            expect(moved).toBeDefined();
            expect(proposed.end - proposed.start).toBe((moved as Binding).endPort - (moved as Binding).port);
            if (isOwnFreeHome(world, result.scope, suggestion)) continue;
            expect(blocked.filter((range) => overlaps(range, proposed))).toEqual([]);
            const windows = allowedWindows(result.scope, world.categoryOf.get(suggestion.service));
            expect(windows.some((w) => w.start <= proposed.start && proposed.end <= w.end)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never proposes one port for two claims, and the same port each time for one claim', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const byClaim = new Map<string, PortRange>();
        for (const result of propose(world)) {
          for (const suggestion of result.suggestions) {
            const key = claimKey(result, suggestion);
            const proposed = { start: suggestion.to, end: suggestion.toEnd };
            const earlier = byClaim.get(key);
            if (earlier) expect(proposed).toEqual(earlier);
            else {
              expect([...byClaim.values()].filter((other) => overlaps(other, proposed))).toEqual([]);
              byClaim.set(key, proposed);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('moves every literal of every service but the incumbent, whenever a free port exists', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const results = propose(world);
        const proposals = results.flatMap((r) => r.suggestions.map((s) => ({ start: s.to, end: s.toEnd })));
        for (const result of results) {
          const stays = MOVING_RULES.includes(result.rule) ? expectedIncumbent(result) : undefined;
          const literals = new Map<string, Binding>();
          for (const b of result.bindings) if (b.service !== stays) literals.set(`${b.file}:${b.line}:${b.column}`, literals.get(`${b.file}:${b.line}:${b.column}`) ?? b);
          const suggested = new Set(result.suggestions.map((s) => `${s.file}:${s.line}:${s.column}`));
          expect(result.suggestions.filter((s) => s.service === stays)).toEqual([]);
          for (const [location, literal] of literals) {
            if (suggested.has(location)) continue;
            const category = result.scope === 'cluster' ? undefined : world.categoryOf.get(literal.service);
            expect(someRangeFits(world, result.scope, literal.endPort - literal.port + 1, category, proposals)).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input, in any order, gives the same proposals', () => {
    fc.assert(
      fc.property(arbWorld, (world) => {
        const first = propose(world);
        expect(propose(world)).toEqual(first);
        const reordered: World = {
          ...world,
          bindings: [...world.bindings].reverse(),
          registry: { ...world.registry, entries: [...world.registry.entries].reverse() },
          conflicts: world.conflicts.map((c) => ({ ...c, bindings: [...c.bindings].reverse() })),
        };
        expect(propose(reordered).map((c) => c.suggestions)).toEqual(first.map((c) => c.suggestions));
      }),
      { numRuns: 200 },
    );
  });
});
