// Acceptance cases of "Where things run" (DESIGN.md), one per repository shape, through the
// CLI as a user runs it (in this process: acceptance/cli.ts): what is an error, what is only
// a warning, and who moves.
import { describe, expect, it } from '@jest/globals';
import { type CliReport, lines, runCliText, scratchChecks } from './cli.js';

const { check, lastRoot } = scratchChecks();

/** Each conflict as `rule port severity services`, and who moves where. */
function verdicts(report: CliReport): string[] {
  return report.json.conflicts.map((conflict) => `${conflict.rule} ${conflict.port} ${conflict.severity} ${conflict.services.join(',')}`);
}

function moves(report: CliReport): string[] {
  return report.json.conflicts.flatMap((conflict) => conflict.suggestions.map((s) => `${s.service}@${s.file}:${s.line} ${s.from}->${s.to}`));
}

const UVICORN = (port: number) => lines('import uvicorn', 'from app import app', '', 'uvicorn.run(app, host="0.0.0.0", port=' + String(port) + ')');
const GO_MAIN = (port: number) => lines('package main', '', 'import "net/http"', '', 'func main() {', `\thttp.ListenAndServe(":${port}", nil)`, '}');

describe('containers: code in a build context runs in that container', () => {
  it('a collection of sample stacks, one folder each: the backends share 8000 inside their containers and collide nowhere; their publishes only across stacks', async () => {
    const sample = (name: string) => ({
      [`samples/${name}/compose.yml`]: lines('services:', '  backend:', '    build: ./backend', '    ports:', '      - "8000:8000"'),
      [`samples/${name}/backend/Dockerfile`]: 'FROM python:3.12\n',
      [`samples/${name}/backend/main.py`]: UVICORN(8000),
    });
    const report = await check({ ...sample('fastapi'), ...sample('flask') });
    expect(verdicts(report)).toEqual(['duplicate-port 8000 warning fastapi/backend,flask/backend']);
    // The proposal moves a published port, never the container's own port or its source.
    expect(moves(report)).toEqual(['flask/backend@samples/flask/compose.yml:5 8000->8001']);
    const listener = report.json.bindings.find((binding) => binding.file === 'samples/fastapi/backend/main.py');
    expect(listener).toMatchObject({ service: 'fastapi/backend', scope: 'container:fastapi/backend', port: 8000 });
    expect(report.status).toBe(0);
  });

  it('where several services build one context with their own Dockerfiles, a file is the service whose Dockerfile is nearest above it', async () => {
    const report = await check({
      'compose.yml': lines(
        'services:',
        '  api:',
        '    build: { context: ., dockerfile: services/api/Dockerfile }',
        '  worker:',
        '    build: { context: ., dockerfile: services/worker/Dockerfile }',
      ),
      'services/api/Dockerfile': 'FROM golang\n',
      'services/api/main.go': GO_MAIN(8080),
      'services/worker/Dockerfile': 'FROM golang\n',
      'services/worker/main.go': GO_MAIN(8080),
    });
    expect(verdicts(report)).toEqual([]);
    expect(report.json.bindings.map((binding) => `${binding.service} ${binding.scope} ${binding.file}`)).toEqual([
      expect.stringMatching(/^api container:repo\/api services\/api\/main.go$/),
      expect.stringMatching(/^worker container:repo\/worker services\/worker\/main.go$/),
    ]);
  });

  it('code beside a Dockerfile that nothing here runs may run in a container: its collisions are warnings, and say why', async () => {
    const report = await check({
      'billing/Dockerfile': 'FROM golang\n',
      'billing/go.mod': 'module example.com/billing\n',
      'billing/main.go': GO_MAIN(8080),
      'ledger/Dockerfile': 'FROM golang\n',
      'ledger/go.mod': 'module example.com/ledger\n',
      'ledger/main.go': GO_MAIN(8080),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 warning billing,ledger']);
    expect(report.json.conflicts[0]?.message).toContain('billing/main.go may run in a container built by billing/Dockerfile, which nothing here runs');
    // Without the Dockerfiles both programs run on the host: a certain collision.
    const bare = await check({ 'billing/go.mod': 'module example.com/billing\n', 'billing/main.go': GO_MAIN(8080), 'ledger/go.mod': 'module example.com/ledger\n', 'ledger/main.go': GO_MAIN(8080) });
    expect(verdicts(bare)).toEqual(['duplicate-port 8080 error billing,ledger']);
  });

  it('a module of this repository that a compose service runs with `python -m` (its image installs the package) may also run on the host: a warning, and says why', async () => {
    const serve = lines('import argparse', 'parser = argparse.ArgumentParser()', 'parser.add_argument("--port", type=int, default=21001)');
    const compose = lines('services:', '  controller:', '    build: .', '    ports: ["21001:21001"]', '    entrypoint: ["python3.9", "-m", "acme.serve.controller", "--port", "21001"]');
    const report = await check({ 'docker/docker-compose.yml': compose, 'docker/Dockerfile': 'FROM python\nRUN pip install acme\n', 'acme/serve/controller.py': serve, 'pyproject.toml': lines('[project]', 'name = "acme"') });
    expect(verdicts(report)).toEqual(['duplicate-port 21001 warning acme,controller']);
    expect(report.json.conflicts[0]?.message).toContain('acme/serve/controller.py is also what compose service controller runs (python -m acme.serve.controller) in its container');
    // A compose service that runs a module of somebody else's package says nothing about this code.
    const other = await check({ 'docker/docker-compose.yml': compose.replace('acme.serve.controller', 'vendor.controller'), 'docker/Dockerfile': 'FROM python\n', 'acme/serve/controller.py': serve, 'pyproject.toml': lines('[project]', 'name = "acme"') });
    expect(verdicts(other)).toEqual(['duplicate-port 21001 error acme,controller']);
  });

  it('a skaffold artifact whose image a Deployment runs puts its code in that pod', async () => {
    const report = await check({
      'skaffold.yaml': lines('apiVersion: skaffold/v4beta6', 'kind: Config', 'build:', '  artifacts:', '    - image: cartservice', '      context: src/cartservice', '    - image: emailservice', '      context: src/emailservice'),
      'k8s/cart.yaml': lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: cartservice }', 'spec:', '  template:', '    spec:', '      containers:', '        - name: server', '          image: cartservice', '          ports: [{ containerPort: 8080 }]'),
      'k8s/email.yaml': lines('apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: emailservice }', 'spec:', '  template:', '    spec:', '      containers:', '        - name: server', '          image: emailservice:v1'),
      'src/cartservice/Dockerfile': 'FROM golang\n',
      'src/cartservice/main.go': GO_MAIN(8080),
      'src/emailservice/Dockerfile': 'FROM python\n',
      'src/emailservice/server.py': UVICORN(8080),
    });
    expect(verdicts(report)).toEqual([]);
    expect(report.json.bindings.filter((binding) => binding.file.startsWith('src/')).map((binding) => `${binding.service} ${binding.scope}`)).toEqual([
      'cartservice/server pod:default/cartservice',
      'emailservice/server pod:default/emailservice',
    ]);
  });

  it('a service on the host network brings its code onto the host', async () => {
    const report = await check({
      'compose.yml': lines('services:', '  agent:', '    build: ./agent', '    network_mode: host', '  web:', '    image: nginx', '    ports: ["9100:80"]'),
      'agent/Dockerfile': 'FROM golang\n',
      'agent/main.go': GO_MAIN(9100),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 9100 error agent,web']);
  });
});

describe('Compose projects as docker compose forms them', () => {
  const WEB = lines('services:', '  web:', '    image: nginx', '    ports:', '      - "8080:80"');
  const PROXY = lines('services:', '  proxy:', '    image: traefik', '    ports:', '      - "8080:80"');

  it('an alternative compose file beside the default one is a stack of its own: a warning', async () => {
    const report = await check({ 'deploy/docker-compose.yml': WEB, 'deploy/docker-compose.prod.yml': PROXY });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 warning proxy,web']);
    expect(report.json.conflicts[0]?.message).toContain('only across the Compose stacks deploy/docker-compose.prod.yml and deploy/docker-compose.yml, which may not run together');
  });

  it('the default file and its override are one stack: an error', async () => {
    const report = await check({ 'deploy/compose.yaml': WEB, 'deploy/compose.override.yaml': PROXY });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 error proxy,web']);
  });

  it('files a Makefile starts together with -f are one stack: an error', async () => {
    const report = await check({
      'deploy/docker-compose.yml': WEB,
      'deploy/docker-compose.proxy.yml': PROXY,
      'deploy/Makefile': lines('up:', '\tdocker compose -f docker-compose.yml -f docker-compose.proxy.yml up -d'),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 error proxy,web']);
  });

  it('a set a Makefile variable holds, a package.json script and a workflow step are sets too', async () => {
    const files = (launcher: Record<string, string>) => check({ 'docker-compose.yml': WEB, 'docker-compose.proxy.yml': PROXY, ...launcher });
    expect(verdicts(await files({ Makefile: lines('COMPOSE = docker compose -f docker-compose.yml -f docker-compose.proxy.yml', 'up:', '\t$(COMPOSE) up') }))).toEqual(['duplicate-port 8080 error proxy,web']);
    expect(verdicts(await files({ 'package.json': JSON.stringify({ scripts: { up: 'docker-compose -f docker-compose.yml --file=docker-compose.proxy.yml up' } }) }))).toEqual(['duplicate-port 8080 error proxy,web']);
    expect(verdicts(await files({ '.github/workflows/e2e.yml': lines('on: push', 'jobs:', '  e2e:', '    runs-on: ubuntu-latest', '    steps:', '      - run: docker compose -f docker-compose.yml -f docker-compose.proxy.yml up -d') }))).toEqual(['duplicate-port 8080 error proxy,web']);
    expect(verdicts(await files({ 'scripts/up.sh': lines('#!/bin/sh', 'docker compose -f docker-compose.yml -f docker-compose.proxy.yml up') }))).toEqual(['duplicate-port 8080 error proxy,web']);
  });

  it('COMPOSE_FILE in the .env beside the files names the set Compose reads there', async () => {
    const report = await check({ 'docker-compose.yml': WEB, 'docker-compose.proxy.yml': PROXY, '.env': lines('COMPOSE_FILE=docker-compose.yml:docker-compose.proxy.yml') });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 error proxy,web']);
  });

  it('include: pulls a file into the including project; extends: inherits ports at their own lines', async () => {
    const included = await check({ 'compose.yml': lines('include:', '  - infra/proxy.yml', WEB), 'infra/proxy.yml': PROXY });
    expect(verdicts(included)).toEqual(['duplicate-port 8080 error proxy,web']);
    const extended = await check({
      'compose.yml': lines('services:', '  web:', '    extends: { file: common.yml, service: base }', '  admin:', '    image: admin', '    ports: ["8080:80"]'),
      'common.yml': lines('services:', '  base:', '    image: nginx', '    ports: ["8080:80"]'),
    });
    expect(verdicts(extended)).toEqual(['duplicate-port 8080 error admin,web']);
    expect(extended.json.conflicts[0]?.locations.map((location) => `${location.service} ${location.file}:${location.line}`)).toEqual(['web common.yml:4', 'admin compose.yml:6']);
  });

  it('a proposal never edits a YAML anchor that a service which stays also reads: the fix is said in words', async () => {
    const report = await check({ 'compose.yml': lines('x-api: &api', '  image: api', '  ports:', '    - "8080:80"', 'services:', '  api:', '    <<: *api', '  web:', '    <<: *api') });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 error api,web']);
    expect(report.json.conflicts[0]?.suggestions).toEqual([{ service: 'web', file: 'compose.yml', line: 4, column: 8, from: 8080, to: 8081, toEnd: 8081, sharedWith: ['api'] }]);
    const text = await runCliText(['check', lastRoot(), '--fail-on', 'none']);
    expect(text).toContain("move web to 8081: its port at compose.yml:4:8 is also api's, so give web a port of its own instead of editing it");
  });

  it('a service defined again in an override is one service', async () => {
    const report = await check({ 'compose.yml': WEB, 'compose.override.yml': lines('services:', '  web:', '    ports:', '      - "8080:80"') });
    expect(verdicts(report)).toEqual([]);
  });

  it('a compose file named any way people name them is read', async () => {
    for (const name of ['docker-compose-dev.yml', 'docker-stack.yml', 'app.compose.yaml', 'kafka/zk-single-kafka-single.yml']) {
      const report = await check({ [name]: lines('services:', '  a:', '    image: a', '    ports: ["9000:9000"]', '  b:', '    image: b', '    ports: ["9000:9001"]') });
      expect(verdicts(report)).toEqual(['duplicate-port 9000 error a,b']);
    }
  });

  it("Compose's version-1 layout, services at the top level, is read like the current one", async () => {
    const report = await check({ 'docker-compose.yml': lines('web:', '  image: nginx', '  ports: ["8080:80"]', 'api:', '  build: .', '  ports: ["8080:8000"]') });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 error api,web']);
  });
});

describe('profiles', () => {
  it('services whose profile sets are disjoint never run together; one without profiles runs with every profile', async () => {
    const report = await check({
      'compose.yml': lines(
        'services:',
        '  ollama-cpu:',
        '    image: ollama',
        '    profiles: [cpu]',
        '    ports: ["11434:11434"]',
        '  ollama-gpu:',
        '    image: ollama',
        '    profiles: [gpu]',
        '    ports: ["11434:11434"]',
        '  webui:',
        '    image: webui',
        '    ports: ["3000:8080"]',
        '  grafana:',
        '    image: grafana',
        '    profiles: [monitoring]',
        '    ports: ["3000:3000"]',
      ),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 3000 error grafana,webui', 'duplicate-port 11434 warning ollama-cpu,ollama-gpu']);
    expect(report.json.conflicts[1]?.message).toContain('in profiles cpu / gpu, which never run together');
  });
});

describe('processes: programs of one module', () => {
  it('Go binaries in cmd/<name>/ and <name>/main.go are services of their own: one literal port is an error', async () => {
    const report = await check({
      'go.mod': 'module github.com/acme/tools\n',
      'cmd/api/main.go': GO_MAIN(9090),
      'worker/main.go': GO_MAIN(9090),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 9090 error api,worker']);
  });

  it('flags declared below a program (<name>/cmd/root.go) are that program\'s: two flag defaults are a warning', async () => {
    const flags = (name: string) => ({
      [`${name}/main.go`]: lines('package main', '', `import "example.com/tools/${name}/cmd"`, '', 'func main() { cmd.Execute() }'),
      [`${name}/cmd/root.go`]: lines('package cmd', '', 'import "flag"', '', 'var metricsPort = flag.Int("metrics-port", 9100, "metrics listener")'),
    });
    const report = await check({ 'go.mod': 'module example.com/tools\n', ...flags('ingest'), ...flags('query'), ...flags('compact') });
    expect(verdicts(report)).toEqual(['duplicate-port 9100 warning compact,ingest,query']);
    expect(report.json.conflicts[0]?.message).toContain('only between defaults that users override');
  });

  it('a repository of samples (ten programs or more on one literal port) runs each alone: what they share is a warning', async () => {
    const samples = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, n) => [`sample-${n}/main.go`, GO_MAIN(8080)]));
    const collection = await check({ 'go.mod': 'module github.com/acme/examples\n', ...samples(10), 'tls/main.go': GO_MAIN(8443), 'tls-reload/main.go': GO_MAIN(8443) });
    expect(verdicts(collection).map((verdict) => verdict.split(' ').slice(0, 3).join(' '))).toEqual(['duplicate-port 8080 warning', 'duplicate-port 8443 warning']);
    expect(collection.json.conflicts[1]?.message).toContain('(only across the sample programs tls and tls-reload, which may not run together)');
    // Below that, programs of one module that share a literal port certainly collide.
    const module = await check({ 'go.mod': 'module github.com/acme/tools\n', ...samples(9) });
    expect(verdicts(module).map((verdict) => verdict.split(' ').slice(0, 3).join(' '))).toEqual(['duplicate-port 8080 error']);
  });

  it('Cargo binaries in src/bin/ are services of their own; src/main.rs keeps the package name', async () => {
    const bind = (port: number) => lines('use std::net::TcpListener;', 'fn main() {', `    let _l = TcpListener::bind("0.0.0.0:${port}").unwrap();`, '}');
    const report = await check({
      'Cargo.toml': lines('[package]', 'name = "relay"', 'version = "0.1.0"'),
      'src/main.rs': bind(7000),
      'src/bin/probe.rs': bind(7000),
      'src/bin/replay/main.rs': bind(7000),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 7000 error probe,relay,replay']);
  });
});

describe('.env beside a compose file configures that project', () => {
  it('only what the compose file publishes of it is a host claim', async () => {
    const report = await check({
      'app/.env': lines('WEB_PORT=8080', 'DB_PORT=5432', 'WORKER_PORT=9000'),
      'app/compose.yml': lines('services:', '  web:', '    image: web', '    ports: ["${WEB_PORT}:80"]'),
      'other/compose.yml': lines('services:', '  worker:', '    image: w', '    ports: ["9000:9000"]'),
    });
    expect(verdicts(report)).toEqual([]);
    expect(report.json.bindings.filter((binding) => binding.file === 'app/.env').map((binding) => `${binding.service} ${binding.port} ${binding.format}`)).toEqual(['web 8080 compose']);
  });
});

describe('a .env.example template gives the values no .env sets', () => {
  const COMPOSE = lines('services:', '  api:', '    image: api', '    ports: ["${API_PORT}:80"]', '  admin:', '    image: admin', '    ports: ["${ADMIN_PORT:-9000}:80"]', '  web:', '    image: web', '    ports: ["8080:80"]');

  it('what collides through a template value is a warning, located at the template line; a default is not replaced by it', async () => {
    const report = await check({ 'compose.yml': COMPOSE, '.env.example': lines('API_PORT=8080', 'ADMIN_PORT=8080') });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 warning api,web']);
    expect(report.json.conflicts[0]?.message).toContain('API_PORT takes its value from .env.example, a template: your own .env may set another');
    expect(report.json.conflicts[0]?.locations.map((location) => `${location.service} ${location.file}:${location.line}`)).toEqual(['api .env.example:1', 'web compose.yml:10']);
  });

  it('a value the .env sets is certain', async () => {
    const report = await check({ 'compose.yml': COMPOSE, '.env.example': lines('API_PORT=7000'), '.env': lines('API_PORT=8080') });
    expect(verdicts(report)).toEqual(['duplicate-port 8080 error api,web']);
  });
});

describe('bad input: a diagnostic with its file and line, and the file still read', () => {
  it('a missing build folder, a missing COMPOSE_FILE entry, an -f built from variables, an extends cycle, an include loop', async () => {
    const report = await check({
      'a/compose.yml': lines('services:', '  web:', '    build: ./nowhere', '    ports: ["8001:80"]'),
      'b/.env': lines('COMPOSE_FILE=compose.yml:missing.yml'),
      'b/compose.yml': lines('services:', '  web:', '    image: web', '    ports: ["8002:80"]'),
      'c/Makefile': lines('up:', '\tdocker compose -f $(ENV_FILE) up'),
      'c/compose.yml': lines('services:', '  loop:', '    extends: again', '    ports: ["8003:80"]', '  again:', '    extends: loop', '    image: x'),
      'd/compose.yml': lines('include:', '  - more.yml', 'services:', '  web:', '    image: web', '    ports: ["8004:80"]'),
      'd/more.yml': lines('include:', '  - compose.yml', 'services:', '  more:', '    image: more'),
    });
    expect(report.json.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.severity}: ${diagnostic.message}`)).toEqual([
      'a/compose.yml:3 warning: service web: the build context a/nowhere is not a folder of this repository',
      'b/.env:1 warning: COMPOSE_FILE names b/missing.yml, which is not in the repository',
      'c/Makefile:2 warning: docker compose runs a file set built from variables ($(ENV_FILE)): the files it names are not known',
      'c/compose.yml:6 error: extends loop through service loop of c/compose.yml (Compose refuses it)',
      'd/more.yml:2 error: include loop: d/compose.yml -> d/more.yml -> d/compose.yml (Compose refuses it)',
    ]);
    // Every file is still read as a stack: each port is claimed.
    expect(report.json.bindings.filter((binding) => binding.kind === 'publish').map((binding) => binding.port).sort()).toEqual([8001, 8002, 8003, 8003, 8004]);
  });
});
