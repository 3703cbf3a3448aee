import { describe, expect, it } from '@jest/globals';
import { proposePorts } from '../../src/allocate/allocate.js';
import type { Binding, Conflict, RegistryModel } from '../../src/model/types.js';
import { binding, conflict, entry, NO_REGISTRY, registry } from './fixtures.js';

function propose(conflicts: Conflict[], context: { bindings?: Binding[]; registry?: RegistryModel } = {}): Conflict[] {
  const bindings = context.bindings ?? conflicts.flatMap((c) => c.bindings.filter((b) => b.kind !== 'registry'));
  return proposePorts(conflicts, { bindings, registry: context.registry ?? NO_REGISTRY });
}

function suggestionsOf(conflicts: Conflict[]): Conflict['suggestions'][] {
  return conflicts.map((c) => c.suggestions);
}

describe('who keeps the port', () => {
  const spacedust = binding({ service: 'spacedust', port: 8765, file: 'spacedust/src/main.rs', line: 12, column: 16 });
  const constellation = binding({ service: 'constellation', port: 8765, file: 'constellation/src/main.rs', line: 40, column: 20 });
  const ufos = binding({ service: 'ufos', port: 8765, file: 'ufos/src/main.rs', line: 7, column: 16 });

  it('without a base, the first service by file then line keeps it and every other one moves', () => {
    const [result] = propose([conflict('duplicate-port', [spacedust, ufos, constellation])]);
    expect(result?.suggestions).toEqual([
      { service: 'spacedust', file: 'spacedust/src/main.rs', line: 12, column: 16, from: 8765, to: 8766, toEnd: 8766 },
      { service: 'ufos', file: 'ufos/src/main.rs', line: 7, column: 16, from: 8765, to: 8767, toEnd: 8767 },
    ]);
  });

  it('a service that held the port at the base keeps it over earlier newcomers', () => {
    const [result] = propose([conflict('duplicate-port', [spacedust, ufos, constellation], { newServices: ['constellation', 'spacedust'] })]);
    expect(result?.suggestions.map((s) => [s.service, s.to])).toEqual([
      ['constellation', 8766],
      ['spacedust', 8767],
    ]);
  });

  it('among several that held it at the base, the first by file keeps it', () => {
    const [result] = propose([conflict('duplicate-port', [spacedust, ufos, constellation], { newServices: ['constellation'] })]);
    expect(result?.suggestions.map((s) => [s.service, s.to])).toEqual([
      ['constellation', 8766],
      ['ufos', 8767],
    ]);
  });

  it("the registry's owner keeps it, even when it is new and last", () => {
    const owner = entry({ service: 'embed', port: 3002, file: 'z/PORTS.md', line: 9, column: 5 });
    const grafana = binding({ service: 'grafana', port: 3002, file: 'compose.yml', line: 12, column: 9, kind: 'publish' });
    const embed = binding({ service: 'embed', port: 3002, file: 'embed/.env', line: 1, column: 6 });
    const [result] = propose([conflict('registry-conflict', [grafana, owner, embed], { newServices: ['embed'] })], {
      bindings: [grafana, embed],
      registry: registry({ entries: [owner] }),
    });
    expect(result?.suggestions).toEqual([
      { service: 'grafana', file: 'compose.yml', line: 12, column: 9, from: 3002, to: 3003, toEnd: 3003 },
    ]);
  });

  it('when the registry gives the port twice, the first owner by file then line keeps it; the other moves at its registry line too', () => {
    const embedEntry = entry({ service: 'embed', port: 3002, line: 8, column: 10 });
    const grafanaEntry = entry({ service: 'grafana', port: 3002, line: 4, column: 12 });
    const olderFileEntry = entry({ service: 'admin', port: 3002, file: 'PORTS.md', line: 30, column: 3 });
    const grafana = binding({ service: 'grafana', port: 3002, file: 'monitoring/compose.yml', line: 7, column: 9, kind: 'publish' });
    const [result] = propose([conflict('registry-duplicate', [embedEntry, grafanaEntry, olderFileEntry, grafana])], {
      bindings: [grafana],
      registry: registry({ entries: [embedEntry, grafanaEntry, olderFileEntry] }),
    });
    // admin (PORTS.md) comes before ports.yml; grafana's registry line and its compose mapping are one claim: one port.
    expect(result?.suggestions).toEqual([
      { service: 'grafana', file: 'monitoring/compose.yml', line: 7, column: 9, from: 3002, to: 3003, toEnd: 3003 },
      { service: 'grafana', file: 'ports.yml', line: 4, column: 12, from: 3002, to: 3003, toEnd: 3003 },
      { service: 'embed', file: 'ports.yml', line: 8, column: 10, from: 3002, to: 3004, toEnd: 3004 },
    ]);
  });

  it("compose services of two projects are two services; the registry's plain name stays with one of them", () => {
    const web = entry({ service: 'web', port: 4100, line: 3, column: 8 });
    const webA = binding({ service: 'web', project: 'a', port: 4100, file: 'apps/a/compose.yml', line: 5, column: 9, kind: 'publish' });
    const webB = binding({ service: 'web', project: 'b', port: 4100, file: 'apps/b/compose.yml', line: 5, column: 9, kind: 'publish' });
    const [result] = propose([conflict('registry-conflict', [webB, web, webA])], {
      bindings: [webA, webB],
      registry: registry({ entries: [web] }),
    });
    expect(result?.suggestions).toEqual([
      { service: 'b/web', file: 'apps/b/compose.yml', line: 5, column: 9, from: 4100, to: 4101, toEnd: 4101 },
    ]);
  });

  it('gives every literal of a moving service its own suggestion, once per location', () => {
    const tcp = binding({ service: 'dns', port: 5353, file: 'dns/compose.yml', line: 4, column: 11 });
    const udp = binding({ service: 'dns', port: 5353, protocol: 'udp', file: 'dns/compose.yml', line: 4, column: 11 });
    const flag = binding({ service: 'dns', port: 5353, file: 'dns/zinit.yaml', line: 2, column: 30 });
    const mdns = binding({ service: 'avahi', port: 5353, file: 'avahi/compose.yml', line: 4, column: 11 });
    const [result] = propose([conflict('duplicate-port', [flag, udp, tcp, mdns])]);
    expect(result?.suggestions).toEqual([
      { service: 'dns', file: 'dns/compose.yml', line: 4, column: 11, from: 5353, to: 5354, toEnd: 5354 },
      { service: 'dns', file: 'dns/zinit.yaml', line: 2, column: 30, from: 5353, to: 5354, toEnd: 5354 },
    ]);
  });
});

describe('what a proposal avoids', () => {
  it('every port of the scope in any protocol, registry ports, reserved ranges and well-known ports', () => {
    const a = binding({ service: 'a', port: 5427, file: 'a.yml' });
    const b = binding({ service: 'b', port: 5427, file: 'b.yml' });
    const udp = binding({ service: 'c', port: 5428, protocol: 'udp', hostIp: '127.0.0.1' });
    const registered = entry({ service: 'd', port: 5429 });
    const [result] = propose([conflict('duplicate-port', [a, b])], {
      bindings: [a, b, udp],
      registry: registry({ entries: [registered], reserved: [[5430, 5431]] }),
    });
    // 5432 is PostgreSQL's.
    expect(result?.suggestions.map((s) => s.to)).toEqual([5433]);
  });

  it('ports below 1024 and the ephemeral range 32768-60999', () => {
    const web = binding({ service: 'web', port: 80, scope: 'pod:default/web', file: 'k8s/web.yaml', line: 20, column: 30 });
    const sidecar = binding({ service: 'sidecar', port: 80, scope: 'pod:default/web', file: 'k8s/web.yaml', line: 30, column: 30 });
    const high = binding({ service: 'a', port: 32767, file: 'a.yml' });
    const high2 = binding({ service: 'b', port: 32767, file: 'b.yml' });
    const results = propose([conflict('duplicate-port', [web, sidecar]), conflict('duplicate-port', [high, high2])]);
    expect(suggestionsOf(results).map((s) => s.map((x) => x.to))).toEqual([[1024], [61000]]);
  });

  it('ports of other scopes do not matter', () => {
    const a = binding({ service: 'a', port: 7100, scope: 'container:p/a' });
    const b = binding({ service: 'b', port: 7100, scope: 'container:p/a', file: 'z.yml' });
    const onHost = binding({ service: 'c', port: 7101 });
    const [result] = propose([conflict('duplicate-port', [a, b])], { bindings: [a, b, onHost] });
    expect(result?.suggestions.map((s) => [s.service, s.to])).toEqual([['b', 7101]]);
  });

  it('every other proposal of the report', () => {
    const results = propose([
      conflict('duplicate-port', [binding({ service: 'a', port: 4000 }), binding({ service: 'b', port: 4000 })]),
      conflict('duplicate-port', [binding({ service: 'c', port: 4001 }), binding({ service: 'd', port: 4001 })]),
      conflict('duplicate-port', [binding({ service: 'e', port: 4002, scope: 'container:x/e' }), binding({ service: 'f', port: 4002, scope: 'container:x/e' })]),
    ]);
    expect(suggestionsOf(results).map((s) => s.map((x) => [x.service, x.to]))).toEqual([[['b', 4002]], [['d', 4003]], [['f', 4004]]]);
  });
});

describe('where a proposal lands', () => {
  it('inside the category range, wrapping to its bottom when nothing fits above', () => {
    const api = entry({ service: 'api', port: 4009, category: 'application', line: 5, column: 8 });
    const worker = binding({ service: 'worker', port: 4009, file: 'worker/.env', line: 2, column: 13 });
    // 4001, worker's registered port, is taken too: it cannot go home, so the search wraps.
    const taken = [4001, 4005, 4006, 4007, 4008].map((port) => binding({ service: `s${port}`, port }));
    const [result] = propose([conflict('registry-conflict', [api, worker])], {
      bindings: [worker, ...taken],
      registry: registry({
        entries: [api, entry({ service: 'worker', port: 4001, category: 'application', line: 6, column: 11 })],
        categories: [['application', 4000, 4009]],
      }),
    });
    expect(result?.suggestions).toEqual([
      { service: 'worker', file: 'worker/.env', line: 2, column: 13, from: 4009, to: 4000, toEnd: 4000 },
    ]);
  });

  it("back to the service's own registered port when nothing else holds it", () => {
    const api = entry({ service: 'api', port: 4009, line: 5, column: 8 });
    const worker = binding({ service: 'worker', port: 4009, file: 'worker/.env', line: 2, column: 13 });
    const home = entry({ service: 'worker', port: 4001, line: 6, column: 11 });
    const [result] = propose([conflict('registry-conflict', [api, worker])], { bindings: [worker], registry: registry({ entries: [api, home] }) });
    expect(result?.suggestions).toEqual([{ service: 'worker', file: 'worker/.env', line: 2, column: 13, from: 4009, to: 4001, toEnd: 4001 }]);
  });

  it('wraps from the top of the port space to 1024', () => {
    const [result] = propose([conflict('duplicate-port', [binding({ service: 'a', port: 65535 }), binding({ service: 'b', port: 65535 })])]);
    expect(result?.suggestions.map((s) => s.to)).toEqual([1024]);
  });

  it('a nodePort stays inside 30000-32767, wrapping to 30000', () => {
    const a = binding({ service: 'a', port: 32767, scope: 'cluster', file: 'k8s/a.yaml', line: 9, column: 15 });
    const b = binding({ service: 'b', port: 32767, scope: 'cluster', file: 'k8s/b.yaml', line: 9, column: 15 });
    const [result] = propose([conflict('duplicate-port', [a, b])], {
      registry: registry({ entries: [entry({ service: 'b', port: 8080, category: 'application' })], categories: [['application', 3000, 3999]] }),
    });
    expect(result?.suggestions).toEqual([
      { service: 'b', file: 'k8s/b.yaml', line: 9, column: 15, from: 32767, to: 30000, toEnd: 30000 },
    ]);
  });

  it('a range moves as a contiguous range of the same length', () => {
    const rtp = binding({ service: 'rtp', port: 10000, endPort: 10010, protocol: 'udp', file: 'compose.yml', line: 8, column: 9 });
    const sip = binding({ service: 'sip', port: 10005, protocol: 'udp', file: 'a/compose.yml', line: 3, column: 9 });
    const next = binding({ service: 'other', port: 10020, file: 'b/compose.yml' });
    const [result] = propose([conflict('duplicate-port', [rtp, sip])], { bindings: [rtp, sip, next] });
    expect(result?.suggestions).toEqual([
      { service: 'rtp', file: 'compose.yml', line: 8, column: 9, from: 10000, to: 10021, toEnd: 10031 },
    ]);
  });

  it('a range that meets two conflicts gets one proposal', () => {
    const range = binding({ service: 'range', port: 8100, endPort: 8110, file: 'z.yml' });
    const a = binding({ service: 'a', port: 8102, file: 'a.yml' });
    const b = binding({ service: 'b', port: 8108, file: 'b.yml' });
    const results = propose([conflict('duplicate-port', [a, range]), conflict('duplicate-port', [b, range])]);
    expect(suggestionsOf(results)).toEqual([
      [{ service: 'range', file: 'z.yml', line: 1, column: 1, from: 8100, to: 8111, toEnd: 8121 }],
      [{ service: 'range', file: 'z.yml', line: 1, column: 1, from: 8100, to: 8111, toEnd: 8121 }],
    ]);
  });

  it('nowhere when nothing fits: no suggestion, no error', () => {
    const a = binding({ service: 'a', port: 4000, file: 'a.yml' });
    const b = binding({ service: 'b', port: 4000, file: 'b.yml' });
    const c = binding({ service: 'c', port: 4001, file: 'c.yml' });
    const [result] = propose([conflict('duplicate-port', [a, b])], {
      bindings: [a, b, c],
      registry: registry({ entries: [entry({ service: 'b', port: 4000, category: 'tiny' })], categories: [['tiny', 4000, 4001]] }),
    });
    expect(result?.suggestions).toEqual([]);
  });
});

describe('one variable feeding two services', () => {
  const shared = { file: '.env', line: 3, column: 10 };
  const api = binding({ service: 'api', port: 3456, ...shared, variable: 'NLP_API_PORT', via: { file: 'compose.yml', line: 6, column: 11 } });
  const nlp = binding({ service: 'nlp', port: 3456, ...shared, variable: 'NLP_API_PORT', via: { file: 'compose.yml', line: 14, column: 11 } });

  it('moves the newcomer at its reference, not at the shared value', () => {
    const [result] = propose([conflict('duplicate-port', [api, nlp], { newServices: ['nlp'] })]);
    expect(result?.suggestions).toEqual([
      { service: 'nlp', file: 'compose.yml', line: 14, column: 11, from: 3456, to: 3457, toEnd: 3457 },
    ]);
  });

  it('a variable that feeds one service is fixed where its value is written', () => {
    const solo = binding({ service: 'solo', port: 3456, file: '.env', line: 4, column: 8, via: { file: 'compose.yml', line: 20, column: 11 } });
    const other = binding({ service: 'other', port: 3456, file: 'a.yml' });
    const [result] = propose([conflict('duplicate-port', [other, solo], { newServices: ['solo'] })]);
    expect(result?.suggestions).toEqual([{ service: 'solo', file: '.env', line: 4, column: 8, from: 3456, to: 3457, toEnd: 3457 }]);
  });
});

describe('one literal read by two services (a YAML anchor both merge)', () => {
  const anchor = { file: 'compose.yml', line: 4, column: 8 };
  const api = binding({ service: 'api', port: 8080, ...anchor });
  const web = binding({ service: 'web', port: 8080, ...anchor });

  it('never rewrites it: the mover gets a port of its own, and the services that stay and read it are named', () => {
    const [result] = propose([conflict('duplicate-port', [api, web])]);
    expect(result?.suggestions).toEqual([{ service: 'web', ...anchor, from: 8080, to: 8081, toEnd: 8081, sharedWith: ['api'] }]);
  });

  it('rewrites it where every service that reads it moves', () => {
    const admin = binding({ service: 'admin', port: 8080, file: 'admin.yml' });
    const [result] = propose([conflict('duplicate-port', [admin, api, web])]);
    expect(result?.suggestions).toEqual([
      { service: 'api', ...anchor, from: 8080, to: 8081, toEnd: 8081 },
    ]);
  });
});

describe('warnings', () => {
  it('reserved-port moves the binding out of the reserved range', () => {
    const dev = binding({ service: 'dev', port: 3005, file: 'dev/.env', line: 1, column: 10 });
    const [result] = propose([conflict('reserved-port', [dev], { severity: 'warning' })], {
      registry: registry({ reserved: [[3004, 3009]] }),
    });
    expect(result?.suggestions).toEqual([{ service: 'dev', file: 'dev/.env', line: 1, column: 10, from: 3005, to: 3010, toEnd: 3010 }]);
  });

  it('out-of-range moves the port into the category range, registry lines included', () => {
    const registered = entry({ service: 'cache', port: 7379, category: 'databases', line: 12, column: 13 });
    const published = binding({ service: 'cache', port: 7379, file: 'compose.yml', line: 30, column: 9, kind: 'publish' });
    const results = propose([conflict('out-of-range', [registered]), conflict('out-of-range', [published])], {
      bindings: [published],
      registry: registry({ entries: [registered], categories: [['databases', 5000, 5999]] }),
    });
    expect(suggestionsOf(results)).toEqual([
      [{ service: 'cache', file: 'ports.yml', line: 12, column: 13, from: 7379, to: 5001, toEnd: 5001 }],
      [{ service: 'cache', file: 'compose.yml', line: 30, column: 9, from: 7379, to: 5001, toEnd: 5001 }],
    ]);
  });

  it('registry-drift goes back to the registered port, the nearest of several', () => {
    const http = entry({ service: 'constellation', port: 6789, portName: 'http', line: 2 });
    const metrics = entry({ service: 'constellation', port: 8765, portName: 'metrics', line: 3 });
    const drifted = binding({ service: 'constellation', port: 8770, file: 'nix/constellation.nix', line: 18, column: 32 });
    const [result] = propose([conflict('registry-drift', [drifted], { severity: 'warning' })], {
      registry: registry({ entries: [http, metrics] }),
    });
    expect(result?.suggestions).toEqual([
      { service: 'constellation', file: 'nix/constellation.nix', line: 18, column: 32, from: 8770, to: 8765, toEnd: 8765 },
    ]);
  });

  it('unregistered gets no proposal', () => {
    const [result] = propose([conflict('unregistered', [binding({ service: 'x', port: 4567 })], { severity: 'warning' })], {
      registry: registry({ entries: [entry({ service: 'y', port: 4000 })] }),
    });
    expect(result?.suggestions).toEqual([]);
  });
});

describe('proposePorts as a function', () => {
  it('leaves its input alone', () => {
    const input = conflict('duplicate-port', [binding({ service: 'a', port: 4000 }), binding({ service: 'b', port: 4000 })]);
    const [result] = propose([input]);
    expect(input.suggestions).toEqual([]);
    expect(result?.suggestions).toHaveLength(1);
    expect({ ...result, suggestions: [] }).toEqual(input);
  });

  // Speed is measured by `npm run bench`; this checks the large case stays correct.
  it('serves 2,000 conflicts of five services each, and one of 2,000 services', () => {
    const conflicts: Conflict[] = [];
    for (let index = 0; index < 2000; index++) {
      const port = 10000 + index * 5;
      conflicts.push(conflict('duplicate-port', ['a', 'b', 'c', 'd', 'e'].map((name) => binding({ service: `${name}${index}`, port }))));
    }
    const crowd = Array.from({ length: 2000 }, (_, index) => binding({ service: `svc${index}`, port: 8765, file: `svc${index}/main.rs`, line: 12 }));
    const results = propose([...conflicts, conflict('duplicate-port', crowd)]);
    const proposed = results.flatMap((c) => c.suggestions.map((s) => s.to));
    expect(proposed).toHaveLength(2000 * 4 + 1999);
    expect(new Set(proposed).size).toBe(proposed.length);
  });
});
