// DESIGN.md "What counts as a binding": which claims are read, how services are named and
// told apart, and where a port that arrives through a variable is located.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { JsonBinding } from '../../src/report/json.js';
import { at, check, disposeScenarios, movesOf, only, placesOf } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** `service port/protocol scope kind @ file:line:column [via ...]`: one binding in a line. */
function describeBinding(binding: JsonBinding): string {
  const via = binding.via ? ` via ${at(binding.via)}` : '';
  const address = binding.hostIp === null ? '' : ` ${binding.hostIp}`;
  const ports = binding.port === binding.endPort ? `${binding.port}` : `${binding.port}-${binding.endPort}`;
  return `${binding.service} ${ports}/${binding.protocol}${address} ${binding.scope} ${binding.kind} @ ${at(binding)}${via}`;
}

function bindingsOf(json: { bindings: JsonBinding[] }): string[] {
  return json.bindings.map(describeBinding).sort();
}

describe('What counts as a binding', () => {
  it('a client address (DATABASE_URL, a scrape target, curl localhost:3456, a readiness probe) is not a binding', async () => {
    const { json } = await check({
      'dev/process-compose.yaml': lines(
        'processes:',
        '  api:',
        '    command: ./api --port 4100',
        '    environment:',
        '      DATABASE_URL: postgres://localhost:5432/app',
        '      METRICS_TARGET: localhost:9100',
        '    readiness_probe:',
        '      exec:',
        '        command: curl -f http://localhost:3456/health',
        '  worker:',
        '    command: pg_isready -h localhost -p 5432',
      ),
    });
    expect(bindingsOf(json)).toEqual(['api 4100/tcp host listen @ dev/process-compose.yaml:3:27']);
    expect(json.conflicts).toEqual([]);
  });

  it('a default address counts as a listener only when its option says so or it is a wildcard: cdn_endpoint defaulting to 127.0.0.1:8081 is a client', async () => {
    const { json } = await check({
      'edge/Cargo.toml': lines('[package]', 'name = "edge"', 'version = "0.1.0"'),
      'edge/src/main.rs': lines(
        '#[derive(Parser)]',
        'struct Args {',
        '    #[arg(long, default_value = "127.0.0.1:8081")]',
        '    cdn_endpoint: String,',
        '    #[arg(long, default_value = "127.0.0.1:8082")]',
        '    listen_addr: String,',
        '    #[arg(long, default_value = "0.0.0.0:8083")]',
        '    upstream: String,',
        '}',
      ),
    });
    expect(bindingsOf(json)).toEqual(['edge 8082/tcp 127.0.0.1 host listen @ edge/src/main.rs:5:44', 'edge 8083/tcp host listen @ edge/src/main.rs:7:42']);
  });

  it('listener idioms with a literal port in Rust, Go, TypeScript and Python source are bindings at the literal, named by the nearest manifest', async () => {
    const { json } = await check({
      'metrics/Cargo.toml': lines('[package]', 'name = "metrics"', 'version = "0.1.0"'),
      'metrics/src/main.rs': lines('fn serve() {', '    let host = [0, 0, 0, 0];', '    let port = 4000;', '    PrometheusBuilder::new().with_http_listener((host, port)).install();', '}'),
      'gw/go.mod': lines('module example.com/gw', '', 'go 1.22'),
      'gw/main.go': lines('package main', '', 'import "net/http"', '', 'func main() {', '\thttp.ListenAndServe(":4000", nil)', '}'),
      'web/package.json': '{ "name": "web", "version": "1.0.0" }\n',
      'web/server.ts': lines("import express from 'express';", 'const app = express();', 'app.listen(4000);'),
      'ml/pyproject.toml': lines('[project]', 'name = "ml"', 'version = "0.1.0"'),
      'ml/serve.py': lines('import uvicorn', 'from app import app', '', 'uvicorn.run(app, host="0.0.0.0", port=4000)'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:4000', severity: 'error', services: ['gw', 'metrics', 'ml', 'web'] });
    expect(placesOf(conflict)).toEqual([
      'gw@gw/main.go:6:24',
      'metrics@metrics/src/main.rs:3:16',
      'ml@ml/serve.py:4:39',
      'web@web/server.ts:3:12',
    ]);
  });

  it('a NixOS `port = N;`, zinit `ports = [N]` and a systemd `ListenStream=N` are host claims that collide', async () => {
    const { json } = await check({
      'nixos/search.nix': lines('{ ... }:', '{', '  services.meilisearch.port = 7700;', '}'),
      'zinit/services.toml': lines('[services.indexer]', 'exec = "./indexer"', 'ports = [7700]'),
      'systemd/ingest.socket': lines('[Socket]', 'ListenStream=7700', '', '[Install]', 'WantedBy=sockets.target'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:7700', severity: 'error', services: ['indexer', 'ingest', 'meilisearch'] });
    expect(placesOf(conflict)).toEqual(['indexer@zinit/services.toml:3:10', 'ingest@systemd/ingest.socket:2:14', 'meilisearch@nixos/search.nix:3:31']);
  });
});

describe('Service names', () => {
  it('a `.env` variable NLP_API_PORT names the service nlp-api', async () => {
    const { json } = await check({ 'nlp/.env': lines('# the NLP stack', 'NLP_API_PORT=3456') });
    expect(bindingsOf(json)).toEqual(['nlp-api 3456/tcp host listen @ nlp/.env:2:14']);
  });

  it('a config that references the variable (${NLP_API_PORT:-3456}) names its service: the variable is that config\'s binding, not a second one', async () => {
    const { json } = await check({
      'nlp/.env': lines('NLP_API_PORT=3456'),
      'nlp/compose.yml': lines('services:', '  embedder:', '    image: embedder', '    ports:', '      - "${NLP_API_PORT:-3456}:8000"'),
    });
    expect(bindingsOf(json)).toEqual([
      'embedder 3456/tcp host publish @ nlp/.env:1:14 via nlp/compose.yml:5:10',
      'embedder 8000/tcp container:nlp/embedder listen @ nlp/compose.yml:5:32',
    ]);
    expect(json.conflicts).toEqual([]);
  });

  it('a bare PORT in a `.env` is named after the folder that holds the file', async () => {
    const { json } = await check({ 'services/billing/.env': lines('PORT=4400'), 'ports.yml': lines('services:', '  billing: 4400') });
    expect(bindingsOf(json)).toEqual(['billing 4400/tcp host listen @ services/billing/.env:1:6', 'billing 4400/tcp host registry @ ports.yml:2:12']);
    expect(json.conflicts).toEqual([]);
  });

  it("in a process's own environment PORT and <PROCESS>_PORT are its bindings; DB_PORT, REDIS_PORT and a URL are client settings", async () => {
    const { json } = await check({
      'process-compose.yaml': lines(
        'processes:',
        '  api:',
        '    command: ./api',
        '    environment:',
        '      - PORT=4100',
        '      - API_PORT=4101',
        '      - DB_PORT=5433',
        '      - REDIS_PORT=6380',
        '      - UPSTREAM_URL=http://localhost:4200',
      ),
    });
    expect(bindingsOf(json)).toEqual(['api 4100/tcp host listen @ process-compose.yaml:5:14', 'api 4101/tcp host listen @ process-compose.yaml:6:18']);
  });

  it('the constellation of a NixOS module, of a Cargo package and of the registry is one service', async () => {
    const { json } = await check({
      'lib/ports.nix': lines('{', '  apps = {', '    constellation = 6789;', '  };', '}'),
      'modules/constellation.nix': lines('{ config, ... }:', '{', '  services.constellation.port = 6789;', '}'),
      'constellation/Cargo.toml': lines('[package]', 'name = "constellation"', 'version = "0.1.0"'),
      'constellation/src/main.rs': lines('fn main() {', '    let listener = std::net::TcpListener::bind("0.0.0.0:6789").unwrap();', '}'),
    });
    expect(bindingsOf(json)).toEqual([
      'constellation 6789/tcp host listen @ constellation/src/main.rs:2:57',
      'constellation 6789/tcp host listen @ modules/constellation.nix:3:33',
      'constellation 6789/tcp host registry @ lib/ports.nix:3:21',
    ]);
    expect(json.conflicts).toEqual([]);
  });

  it('web in apps/a/compose.yml and web in apps/b/compose.yml are two services that can collide, told apart as <project>/<name>', async () => {
    const compose = lines('services:', '  web:', '    image: web', '    ports:', '      - "8080:80"');
    const { json } = await check({ 'apps/a/compose.yml': compose, 'apps/b/compose.yml': compose });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:8080', severity: 'warning', services: ['a/web', 'b/web'] });
    expect(placesOf(conflict)).toEqual(['a/web@apps/a/compose.yml:5:10', 'b/web@apps/b/compose.yml:5:10']);
    expect(movesOf(conflict)).toEqual(['b/web@apps/b/compose.yml:5:10 8080->8081']);
    expect(json.bindings.filter((binding) => binding.scope === 'host').map((binding) => binding.service)).toEqual(['a/web', 'b/web']);
  });

  it('a compose service still matches the registry entry of its plain name, and reports show it by that plain name', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  web: 8080'),
      'apps/a/compose.yml': lines('services:', '  web:', '    image: web', '    ports:', '      - "8080:80"'),
    });
    expect(json.conflicts).toEqual([]);
    expect(bindingsOf(json)).toEqual([
      'web 80/tcp container:a/web listen @ apps/a/compose.yml:5:15',
      'web 8080/tcp host publish @ apps/a/compose.yml:5:10',
      'web 8080/tcp host registry @ ports.yml:2:8',
    ]);
  });
});

describe('Where a port that arrives through a variable is located', () => {
  it('at the `.env` line when the variable is set there (Compose uses it before any default), with via at the reference', async () => {
    const { json } = await check({
      'nlp/.env': lines('NLP_API_PORT=3456'),
      'nlp/compose.yml': lines('services:', '  nlp-api:', '    image: nlp', '    ports:', '      - "${NLP_API_PORT:-3000}:8000"'),
      'web/compose.yml': lines('services:', '  web:', '    image: web', '    ports:', '      - "3456:80"'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(placesOf(conflict)).toEqual(['nlp-api@nlp/.env:1:14', 'web@web/compose.yml:5:10']);
    expect(json.bindings.find((binding) => binding.service === 'nlp-api' && binding.scope === 'host')?.via).toEqual({ file: 'nlp/compose.yml', line: 5, column: 10 });
  });

  it('else at the default in ${VAR:-3456}', async () => {
    const { json } = await check({
      'nlp/compose.yml': lines('services:', '  nlp-api:', '    image: nlp', '    ports:', '      - "${NLP_API_PORT:-3456}:8000"'),
      'web/compose.yml': lines('services:', '  web:', '    image: web', '    ports:', '      - "3456:80"'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(placesOf(conflict)).toEqual(['nlp-api@nlp/compose.yml:5:26', 'web@web/compose.yml:5:10']);
    expect(movesOf(conflict)).toEqual(['web@web/compose.yml:5:10 3456->3457']);
  });

  it('a process-compose ${VAR} set in the `.env` beside it is located at the `.env` line', async () => {
    const { json } = await check({
      'dev/.env': lines('API_PORT=4300'),
      'dev/process-compose.yaml': lines('processes:', '  api:', '    command: ./api --port ${API_PORT:-4000}'),
      'zinit/services.toml': lines('[services.cache]', 'exec = "./cache"', 'ports = [4300]'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(placesOf(conflict)).toEqual(['api@dev/.env:1:10', 'cache@zinit/services.toml:3:10']);
  });

  it('when one variable feeds two services, the proposal points at the via place, not at the shared value', async () => {
    const { json } = await check({
      'shop/.env': lines('SHARED_PORT=9400'),
      'shop/compose.yml': lines(
        'services:',
        '  web:',
        '    image: web',
        '    ports:',
        '      - "${SHARED_PORT:-8080}:80"',
        '  api:',
        '    image: api',
        '    ports:',
        '      - "${SHARED_PORT:-8080}:81"',
      ),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:9400', severity: 'error', services: ['api', 'web'] });
    expect(placesOf(conflict)).toEqual(['api@shop/.env:1:13', 'web@shop/.env:1:13']);
    // web is declared first, so it keeps the port; api's fix is at its own reference.
    expect(movesOf(conflict)).toEqual(['api@shop/compose.yml:9:10 9400->9401']);
    // The sentence tells the two apart by where each references the value.
    expect(conflict.message).toBe('9400/tcp on host: web (shop/compose.yml:5) and api (shop/compose.yml:9) both bind 9400');
  });

  it('a variable that feeds one service only is fixed where its value is written', async () => {
    const { json } = await check({
      'shop/.env': lines('WEB_PORT=9400'),
      'shop/compose.yml': lines('services:', '  web:', '    image: web', '    ports:', '      - "${WEB_PORT:-8080}:80"'),
      'ports.yml': lines('services:', '  billing: 9400'),
    });
    const conflict = only(json, 'registry-conflict');
    expect(movesOf(conflict)).toEqual(['web@shop/.env:1:10 9400->9401']);
  });
});
