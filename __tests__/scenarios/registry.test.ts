// DESIGN.md "The registry": the shapes teams keep, named ports, validation with exact lines,
// and several registry files as one registry.
import { afterEach, describe, expect, it } from '@jest/globals';
import { at, check, disposeScenarios, ids, movesOf, only, placesOf } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** `service port/protocol @ file:line:column` of every registry entry, sorted. */
function entriesOf(json: { bindings: { kind: string; service: string; port: number; endPort: number; protocol: string; file: string; line: number; column: number }[] }): string[] {
  return json.bindings
    .filter((binding) => binding.kind === 'registry')
    .map((binding) => `${binding.service} ${binding.port === binding.endPort ? binding.port : `${binding.port}-${binding.endPort}`}/${binding.protocol} @ ${at(binding)}`)
    .sort();
}

const PORTS_YML = lines(
  '# ports.yml',
  'categories:',
  '  application: { range: "3000-3999" }',
  'reserved:',
  '  - "3000-3010"',
  '  - { port: 5432, reason: "a local PostgreSQL" }',
  'services:',
  '  api: 3011',
  '  web: { port: 3012, category: application }',
  '  dns: { port: 53, protocol: udp }',
  '  constellation: { ports: { http: 6789, metrics: 8765 } }',
);

describe('The registry', () => {
  it('reads its own YAML form: shorthand, category, protocol and several named ports, each at its literal', async () => {
    const { json } = await check({ 'ports.yml': PORTS_YML });
    expect(entriesOf(json)).toEqual([
      'api 3011/tcp @ ports.yml:8:8',
      'constellation 6789/tcp @ ports.yml:11:35',
      'constellation 8765/tcp @ ports.yml:11:50',
      'dns 53/udp @ ports.yml:10:16',
      'web 3012/tcp @ ports.yml:9:16',
    ]);
    expect(json.conflicts).toEqual([]);
    expect(json.diagnostics).toEqual([]);
  });

  it("a service binding any of a registered service's named ports is that service; another service on one of them is a registry-conflict", async () => {
    const { json } = await check({
      'ports.yml': PORTS_YML,
      'constellation/Cargo.toml': lines('[package]', 'name = "constellation"', 'version = "0.1.0"'),
      'constellation/src/main.rs': lines('fn metrics() {', '    let host = [0, 0, 0, 0];', '    let port = 8765;', '    PrometheusBuilder::new().with_http_listener((host, port)).install();', '}'),
      'spacedust/Cargo.toml': lines('[package]', 'name = "spacedust"', 'version = "0.1.0"'),
      'spacedust/src/main.rs': lines('fn metrics() {', '    let host = [0, 0, 0, 0];', '    let port = 8765;', '    PrometheusBuilder::new().with_http_listener((host, port)).install();', '}'),
    });
    // One collision, one conflict: spacedust is not also `unregistered` on a port the registry lists.
    expect(ids(json)).toEqual(['registry-conflict:host:tcp:8765']);
    const conflict = only(json, 'registry-conflict');
    expect(conflict).toMatchObject({ severity: 'error', services: ['constellation', 'spacedust'] });
    expect(placesOf(conflict)).toEqual([
      'constellation@constellation/src/main.rs:3:16',
      'constellation@ports.yml:11:50',
      'spacedust@spacedust/src/main.rs:3:16',
    ]);
    expect(movesOf(conflict)).toEqual(['spacedust@spacedust/src/main.rs:3:16 8765->8766']);
  });

  it('a udp registration does not own the tcp port of the same number', async () => {
    const { json } = await check({
      'ports.yml': PORTS_YML,
      'resolver/compose.yml': lines('services:', '  resolver:', '    image: resolver', '    ports:', '      - "53:53/udp"', '      - "10053:53"'),
    });
    expect(ids(json)).toEqual(['registry-conflict:host:udp:53', 'unregistered:host:tcp:10053']);
  });

  it('reads a Nix attribute set (lib/ports.nix, category -> service -> port)', async () => {
    const { json } = await check({
      'lib/ports.nix': lines('{', '  databases = {', '    redis = 6379;', '    postgresql = 5432;', '  };', '  development = {', '    api = 3000;', '  };', '}'),
      'dev/process-compose.yaml': lines('processes:', '  cache:', '    command: redis-server --port 6379'),
    });
    expect(entriesOf(json)).toEqual(['api 3000/tcp @ lib/ports.nix:7:11', 'postgresql 5432/tcp @ lib/ports.nix:4:18', 'redis 6379/tcp @ lib/ports.nix:3:13']);
    const conflict = only(json, 'registry-conflict');
    expect(conflict).toMatchObject({ port: 6379, services: ['cache', 'redis'] });
    expect(movesOf(conflict)).toEqual(['cache@dev/process-compose.yaml:3:34 6379->6380']);
  });

  it('reads a Markdown table with a port and a service column (PORTS.md)', async () => {
    const { json } = await check({
      'PORTS.md': lines('# Ports', '', '| Port | Service | Notes |', '| --- | --- | --- |', '| 3000 | gateway | API gateway |', '| **3002** | embed | vectors |'),
      'observability/compose.yml': lines('services:', '  grafana:', '    image: grafana/grafana', '    ports:', '      - "3002:3000"'),
    });
    expect(entriesOf(json)).toEqual(['embed 3002/tcp @ PORTS.md:6:5', 'gateway 3000/tcp @ PORTS.md:5:3']);
    const conflict = only(json, 'registry-conflict');
    expect(conflict).toMatchObject({ port: 3002, services: ['embed', 'grafana'], severity: 'error' });
    expect(movesOf(conflict)).toEqual(['grafana@observability/compose.yml:5:10 3002->3003']);
  });

  it('reads a JSON file shaped like port-registry.json (services by category, reserved)', async () => {
    const { json } = await check({
      'port-registry.json': lines(
        '{',
        '  "services": {',
        '    "core": {',
        '      "the-weave": { "port": 3001, "description": "coordination" }',
        '    }',
        '  },',
        '  "reserved": { "node-apps": "3100-3110" }',
        '}',
      ),
      'weave/.env': lines('PORT=3105'),
    });
    expect(entriesOf(json)).toEqual(['the-weave 3001/tcp @ port-registry.json:4:30']);
    expect(ids(json)).toEqual(['reserved-port:host:tcp:3105', 'unregistered:host:tcp:3105']);
  });

  it('is validated, and reported with exact lines when wrong; the rest of it still counts', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  api: 3000', '  web: { port: 70000 }', '  worker: { prot: 3001 }', '  db: 5433'),
      'dev/.env': lines('DB_PORT_FOR_TESTS=1', 'WORKER_PORT=5433'),
    });
    expect(entriesOf(json)).toEqual(['api 3000/tcp @ ports.yml:2:8', 'db 5433/tcp @ ports.yml:5:7']);
    expect(json.diagnostics).toEqual([
      { file: 'ports.yml', line: 3, column: 16, severity: 'error', message: 'services.web.port: expected a port 1-65535, got 70000' },
      { file: 'ports.yml', line: 4, column: 11, severity: 'error', message: 'services.worker: expected either port or ports' },
      { file: 'ports.yml', line: 4, column: 13, severity: 'error', message: 'services.worker: unknown field "prot"' },
    ]);
    expect(ids(json)).toEqual(['registry-conflict:host:tcp:5433']);
  });
});

describe('Several registries are one registry', () => {
  it('ports.yml and PORTS.md that list one service on one port give one service: no registry-duplicate, no disagreement', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  gateway: 3000', '  embed: 3002'),
      'PORTS.md': lines('| Port | Service |', '| --- | --- |', '| 3000 | gateway |', '| 3002 | Embed |'),
      'gateway/process-compose.yaml': lines('processes:', '  gateway:', '    command: ./gateway --port 3000'),
    });
    expect(json.conflicts).toEqual([]);
    expect(json.diagnostics).toEqual([]);
  });

  it('two registries that give one service different ports are a diagnostic on the later file, and both ports stay its own', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  gateway: 3000'),
      'PORTS.md': lines('| Port | Service |', '| --- | --- |', '| 3001 | gateway |'),
      'gateway/process-compose.yaml': lines('processes:', '  gateway:', '    command: ./gateway --port 3001'),
    });
    expect(json.diagnostics).toEqual([
      { file: 'ports.yml', line: 2, column: 12, severity: 'warning', message: 'registries disagree: ports.yml gives gateway 3000, PORTS.md gives it 3001' },
    ]);
    expect(json.conflicts).toEqual([]);
  });

  it('two registries that give one port to two services are a registry-duplicate', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  gateway: 3000'),
      'PORTS.md': lines('| Port | Service |', '| --- | --- |', '| 3000 | frontend |'),
    });
    const conflict = only(json, 'registry-duplicate');
    expect(conflict).toMatchObject({ severity: 'error', services: ['frontend', 'gateway'] });
    expect(placesOf(conflict)).toEqual(['frontend@PORTS.md:3:3', 'gateway@ports.yml:2:12']);
    expect(movesOf(conflict)).toEqual(['gateway@ports.yml:2:12 3000->3001']);
  });

  it('--registry names the registry explicitly, replacing auto-detection', async () => {
    const { json } = await check(
      {
        'ports.yml': lines('services:', '  gateway: 3000'),
        'ops/allocations.yml': lines('services:', '  frontend: 3000'),
        'web/process-compose.yaml': lines('processes:', '  frontend:', '    command: ./web --port 3000'),
      },
      { registry: ['ops/allocations.yml'] },
    );
    expect(entriesOf(json)).toEqual(['frontend 3000/tcp @ ops/allocations.yml:2:13']);
    expect(json.conflicts).toEqual([]);
  });
});
