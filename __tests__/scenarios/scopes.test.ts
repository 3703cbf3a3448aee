// DESIGN.md "Scopes: what can collide with what".
import { afterEach, describe, expect, it } from '@jest/globals';
import { check, disposeScenarios, ids, movesOf, only, placesOf } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const pod = (name: string, containers: string[]): string =>
  lines('apiVersion: v1', 'kind: Pod', `metadata: { name: ${name}, namespace: shop }`, 'spec:', '  containers:', ...containers);

describe('Everything that runs on the host shares the scope host', () => {
  it('published compose ports, process-compose, NixOS, zinit, systemd, `.env` ports, source listeners and the registry meet on the host', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  gateway: 4500'),
      'a/compose.yml': lines('services:', '  shop:', '    image: shop', '    ports:', '      - "4500:80"'),
      'b/process-compose.yaml': lines('processes:', '  worker:', '    command: ./worker --port 4500'),
      'c/.env': lines('CRM_PORT=4500'),
      'd/module.nix': lines('{ ... }:', '{', '  services.wiki.port = 4500;', '}'),
      'e/zinit/mailer.yaml': lines('exec: ./mailer --port 4500'),
      'f/search.socket': lines('[Socket]', 'ListenStream=4500'),
      'g/server.js': lines("require('http').createServer(handler).listen(4500);"),
      'g/package.json': '{ "name": "chat" }\n',
    });
    const conflict = only(json, 'registry-conflict');
    expect(conflict).toMatchObject({ scope: 'host', severity: 'error', services: ['chat', 'crm', 'gateway', 'mailer', 'search', 'shop', 'wiki', 'worker'] });
    expect(placesOf(conflict)).toEqual([
      'chat@g/server.js:1:46',
      'crm@c/.env:1:10',
      'gateway@ports.yml:2:12',
      'mailer@e/zinit/mailer.yaml:1:23',
      'search@f/search.socket:2:14',
      'shop@a/compose.yml:5:10',
      'wiki@d/module.nix:3:24',
      'worker@b/process-compose.yaml:3:30',
    ]);
    // Everyone but the registry's owner moves, each to a port of its own.
    expect(movesOf(conflict)).toEqual([
      'shop@a/compose.yml:5:10 4500->4501',
      'worker@b/process-compose.yaml:3:30 4500->4502',
      'crm@c/.env:1:10 4500->4503',
      'wiki@d/module.nix:3:24 4500->4504',
      'mailer@e/zinit/mailer.yaml:1:23 4500->4505',
      'search@f/search.socket:2:14 4500->4506',
      'chat@g/server.js:1:46 4500->4507',
    ]);
  });
});

describe("A container's own ports live in that container's or pod's scope", () => {
  it('two containers may both listen on 80', async () => {
    const { json } = await check({
      'shop/compose.yml': lines('services:', '  web:', '    image: web', '    expose: ["80"]', '  api:', '    image: api', '    ports:', '      - "8081:80"'),
    });
    expect(json.conflicts).toEqual([]);
    expect(json.bindings.filter((binding) => binding.port === 80).map((binding) => binding.scope)).toEqual(['container:shop/api', 'container:shop/web']);
  });

  it('two containers of one pod may not, and they are named <workload>/<container>', async () => {
    const { json } = await check({
      'deploy/duo.yaml': pod('duo', ['    - { name: app, ports: [{ containerPort: 8080 }] }', '    - { name: sidecar, ports: [{ containerPort: 8080 }] }']),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:pod:shop/duo:tcp:8080', severity: 'error', services: ['duo/app', 'duo/sidecar'] });
    expect(placesOf(conflict)).toEqual(['duo/app@deploy/duo.yaml:6:45', 'duo/sidecar@deploy/duo.yaml:7:49']);
    expect(movesOf(conflict)).toEqual(['duo/sidecar@deploy/duo.yaml:7:49 8080->8081']);
  });

  it('two pods may both listen on one port', async () => {
    const { json } = await check({
      'deploy/one.yaml': pod('one', ['    - { name: app, ports: [{ containerPort: 8080 }] }']),
      'deploy/two.yaml': pod('two', ['    - { name: app, ports: [{ containerPort: 8080 }] }']),
    });
    expect(json.conflicts).toEqual([]);
  });

  it('a compose service with network_mode: host listens on the host: its container ports are in host', async () => {
    const { json } = await check({
      'mon/compose.yml': lines('services:', '  node-exporter:', '    image: prom/node-exporter', '    network_mode: host', '    expose: ["9101"]'),
      'dev/process-compose.yaml': lines('processes:', '  agent:', '    command: ./agent --port 9101'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:9101', services: ['agent', 'node-exporter'] });
    expect(placesOf(conflict)).toEqual(['agent@dev/process-compose.yaml:3:29', 'node-exporter@mon/compose.yml:5:15']);
  });

  it('a pod with hostNetwork: true listens on the host', async () => {
    const { json } = await check({
      'deploy/exporter.yaml': lines(
        'apiVersion: apps/v1',
        'kind: DaemonSet',
        'metadata: { name: exporter, namespace: mon }',
        'spec:',
        '  template:',
        '    spec:',
        '      hostNetwork: true',
        '      containers:',
        '        - { name: node, ports: [{ containerPort: 9102 }] }',
      ),
      'hosts/box.socket': lines('[Socket]', 'ListenStream=9102'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:9102', severity: 'error', services: ['box', 'exporter/node'] });
  });
});

describe('Kubernetes scopes', () => {
  const service = (name: string, port: string): string =>
    lines('apiVersion: v1', 'kind: Service', `metadata: { name: ${name}, namespace: shop }`, 'spec:', '  type: NodePort', '  ports:', `    - ${port}`);

  it('nodePort lives in the scope cluster, and its proposals stay inside 30000-32767', async () => {
    const { json } = await check({
      'deploy/a.yaml': service('a', '{ port: 80, targetPort: 8080, nodePort: 32767 }'),
      'deploy/b.yaml': service('b', '{ port: 80, targetPort: 8080, nodePort: 32767 }'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:cluster:tcp:32767', severity: 'error', services: ['a', 'b'] });
    expect(placesOf(conflict)).toEqual(['a@deploy/a.yaml:7:47', 'b@deploy/b.yaml:7:47']);
    // Nothing is free above 32767 inside the node-port range: the search wraps to its bottom.
    expect(movesOf(conflict)).toEqual(['b@deploy/b.yaml:7:47 32767->30000']);
  });

  it("a Service's port lives in that Service's own scope: two Services may both use 80", async () => {
    const { json } = await check({
      'deploy/a.yaml': service('a', '{ port: 80, targetPort: 8080, nodePort: 30001 }'),
      'deploy/b.yaml': service('b', '{ port: 80, targetPort: 8080, nodePort: 30002 }'),
    });
    expect(json.conflicts).toEqual([]);
    expect(json.bindings.filter((binding) => binding.port === 80).map((binding) => binding.scope)).toEqual(['service:shop/a', 'service:shop/b']);
  });

  it('hostPort lives in host', async () => {
    const { json } = await check({
      'deploy/web.yaml': pod('web', ['    - { name: app, ports: [{ containerPort: 8080, hostPort: 18080 }] }']),
      'dev/process-compose.yaml': lines('processes:', '  api:', '    command: ./api --port 18080'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:18080', services: ['api', 'web/app'] });
  });
});

describe('Named scopes from the config', () => {
  const CONFIG = lines('scopes:', '  "hosts/alpha/**": alpha', '  "hosts/beta/**": beta');

  it('maps globs to named scopes: two machines may each run a service on one port', async () => {
    const { json } = await check(
      {
        'hosts/alpha/web.nix': lines('{ ... }:', '{', '  services.nginx.port = 8090;', '}'),
        'hosts/beta/wiki.nix': lines('{ ... }:', '{', '  services.wiki.port = 8090;', '}'),
      },
      { config: CONFIG },
    );
    expect(json.conflicts).toEqual([]);
    expect(json.bindings.map((binding) => `${binding.service}:${binding.scope}`)).toEqual(['nginx:alpha', 'wiki:beta']);
  });

  it('inside one named scope services still collide, and the registry speaks for every machine', async () => {
    const { json } = await check(
      {
        'ports.yml': lines('services:', '  grafana: 8091'),
        'hosts/alpha/web.nix': lines('{ ... }:', '{', '  services.nginx.port = 8091;', '}'),
        'hosts/beta/wiki.nix': lines('{ ... }:', '{', '  services.wiki.port = 8091;', '}'),
      },
      { config: CONFIG },
    );
    expect(ids(json)).toEqual(['registry-conflict:alpha:tcp:8091', 'registry-conflict:beta:tcp:8091']);
  });
});

describe('Two bindings collide when they share scope, protocol, ports and addresses, and belong to different services', () => {
  const publish = (project: string, service: string, spec: string): Record<string, string> => ({
    [`${project}/compose.yml`]: lines('services:', `  ${service}:`, `    image: ${service}`, '    ports:', `      - "${spec}"`),
  });
  const STACKS = 'scopes:\n  - { paths: ["**"], name: host, together: true }\n';

  it('tcp and udp on one port do not collide', async () => {
    const { json } = await check({ ...publish('a', 'dns', '5353:53/udp'), ...publish('b', 'web', '5353:80') }, { config: STACKS });
    expect(json.conflicts).toEqual([]);
  });

  it('127.0.0.1 and 127.0.0.2 do not collide', async () => {
    const { json } = await check({ ...publish('a', 'one', '127.0.0.1:7001:80'), ...publish('b', 'two', '127.0.0.2:7001:80') }, { config: STACKS });
    expect(json.conflicts).toEqual([]);
  });

  it('an address and no address (every address) collide', async () => {
    const { json } = await check({ ...publish('a', 'one', '127.0.0.1:7002:80'), ...publish('b', 'two', '7002:80') }, { config: STACKS });
    expect(only(json, 'duplicate-port')).toMatchObject({ id: 'duplicate-port:host:tcp:7002', severity: 'error' });
  });

  it('[::] overlaps 0.0.0.0 on a dual-stack host', async () => {
    const { json } = await check({ ...publish('a', 'one', '0.0.0.0:7003:80'), ...publish('b', 'two', '[::]:7003:80') }, { config: STACKS });
    expect(only(json, 'duplicate-port')).toMatchObject({ id: 'duplicate-port:host:tcp:7003', severity: 'error', services: ['one', 'two'] });
  });

  it("ranges that overlap collide, and the conflict's port/endPort is the overlap", async () => {
    const { json } = await check({ ...publish('a', 'media', '7010-7020:7010-7020'), ...publish('b', 'rtc', '7015-7030:7015-7030') }, { config: STACKS });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:7015-7020', port: 7015, endPort: 7020 });
    // A range gets a range: rtc's sixteen ports move together.
    expect(movesOf(conflict)).toEqual(['rtc@b/compose.yml:5:10 7015->7031-7046']);
  });

  it('one service that claims a port twice does not collide with itself', async () => {
    const { json } = await check({
      'dev/process-compose.yaml': lines('processes:', '  api:', '    command: ./api --port 7040', '    environment:', '      PORT: "7040"'),
    });
    expect(json.conflicts).toEqual([]);
  });
});

describe('A setting that names a registered service', () => {
  it('signoz.port = 8080 beside a registry signoz = 8080 is signoz\'s claim, not a new one', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  signoz: 8080'),
      'hosts/box/collector.nix': lines('{ ... }:', '{', '  services.otel-collector.settings.signoz.port = 8080;', '}'),
    });
    expect(json.conflicts).toEqual([]);
    expect(json.bindings.map((binding) => `${binding.service} ${binding.kind} ${binding.file}:${binding.line}:${binding.column}`)).toEqual([
      'signoz listen hosts/box/collector.nix:3:50',
      'signoz registry ports.yml:2:11',
    ]);
  });

  it('dns-blocker.statsPort = 9090 beside dns-blocker-stats = 9090 is that service\'s claim', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  dns-blocker-stats: 9090'),
      'hosts/box/dns.nix': lines('{ ... }:', '{', '  services.dns-blocker.statsPort = 9090;', '}'),
    });
    expect(json.conflicts).toEqual([]);
    expect(json.bindings.map((binding) => `${binding.service} ${binding.kind} ${binding.file}:${binding.line}:${binding.column}`)).toEqual([
      'dns-blocker-stats listen hosts/box/dns.nix:3:36',
      'dns-blocker-stats registry ports.yml:2:22',
    ]);
  });
});
