import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { composeExtractor } from '../../../src/extract/compose/extractCompose.js';
import type { Binding, ExtractContext, ExtractResult } from '../../../src/model/types.js';
import { cpuMillis } from '../../helpers/cpuTime.js';

function extract(path: string, text: string, files: Record<string, string> = {}, rootName = 'repo'): ExtractResult {
  const context: ExtractContext = { rootName, readFile: (name) => files[name] };
  return composeExtractor.extract({ path, text }, context);
}

/** The facts a test compares, in one line per binding. */
function summary(binding: Binding) {
  const { kind, scope, port, endPort, protocol, hostIp, line, column } = binding;
  return [kind, scope, port, endPort, protocol, hostIp, line, column, binding.soft ?? false];
}

const lines = (...text: string[]) => `${text.join('\n')}\n`;

describe('composeExtractor.matches', () => {
  it.each([
    ['compose.yml', true],
    ['compose.yaml', true],
    ['docker-compose.yml', true],
    ['apps/a/docker-compose.yaml', true],
    ['docker-compose.override.yml', true],
    ['deploy/compose.prod.yaml', true],
    ['docker-compose-dev.yml', true],
    ['docker-compose-example.yml', true],
    ['docker-stack.yml', true],
    ['deploy/docker-stack.prod.yaml', true],
    ['app.compose.yaml', true],
    ['my-compose.yml', true],
    ['prod.docker-compose.yml', true],
    ['process-compose.yml', false],
    ['process-compose-dev.yml', false],
    ['composer.yml', false],
    ['docker-composer.yml', false],
    ['compose.json', false],
    ['docker-compose.yml.bak', false],
  ])('%s -> %s', (path, expected) => {
    expect(composeExtractor.matches(path)).toBe(expected);
  });

  it('depends on the .env beside the file, the templates copied into it, and on the files that may name the project', () => {
    expect(composeExtractor.dependencies?.('apps/a/compose.yml')).toEqual([
      'apps/a/.env',
      'apps/a/.env.example',
      'apps/a/.env.sample',
      'apps/a/.env.dist',
      'apps/a/compose.yaml',
      'apps/a/docker-compose.yml',
      'apps/a/docker-compose.yaml',
      'apps/a/compose.override.yml',
      'apps/a/compose.override.yaml',
      'apps/a/docker-compose.override.yml',
      'apps/a/docker-compose.override.yaml',
    ]);
  });
});

describe('composeExtractor: port syntaxes', () => {
  const text = lines(
    'name: shop',
    'services:',
    '  web:',
    '    image: nginx',
    '    ports:',
    '      - "8080:80"',
    '      - 127.0.0.1:8443:443',
    '      - "[::1]:6001:6001"',
    '      - "6060:6060/udp"',
    '      - 3000',
    '      - "9090-9091:8080-8081"',
    '      - "80-90:8081"',
    '      - target: 5432',
    '        published: "15432"',
    '        host_ip: 127.0.0.1',
    '        protocol: tcp',
    '        mode: host',
    '      - target: 443',
    '        published: 8083-9000',
    '    expose:',
    '      - "7000"',
    '      - 7001/udp',
  );
  const result = extract('compose.yml', text);
  const container = 'container:shop/web';

  it('claims each published port on the host and each target in the container, at the literal', () => {
    expect(result.diagnostics).toEqual([]);
    expect(result.bindings.map(summary)).toEqual([
      ['listen', container, 80, 80, 'tcp', null, 6, 15, false],
      ['publish', 'host', 8080, 8080, 'tcp', null, 6, 10, false],
      ['listen', container, 443, 443, 'tcp', null, 7, 24, false],
      ['publish', 'host', 8443, 8443, 'tcp', '127.0.0.1', 7, 19, false],
      ['listen', container, 6001, 6001, 'tcp', null, 8, 21, false],
      ['publish', 'host', 6001, 6001, 'tcp', '::1', 8, 16, false],
      ['listen', container, 6060, 6060, 'udp', null, 9, 15, false],
      ['publish', 'host', 6060, 6060, 'udp', null, 9, 10, false],
      ['listen', container, 3000, 3000, 'tcp', null, 10, 9, false],
      ['listen', container, 8080, 8081, 'tcp', null, 11, 20, false],
      ['publish', 'host', 9090, 9091, 'tcp', null, 11, 10, false],
      ['listen', container, 8081, 8081, 'tcp', null, 12, 16, false],
      ['publish', 'host', 80, 90, 'tcp', null, 12, 10, true],
      ['listen', container, 5432, 5432, 'tcp', null, 13, 17, false],
      ['publish', 'host', 15432, 15432, 'tcp', '127.0.0.1', 14, 21, false],
      ['listen', container, 443, 443, 'tcp', null, 18, 17, false],
      ['publish', 'host', 8083, 9000, 'tcp', null, 19, 20, true],
      ['listen', container, 7000, 7000, 'tcp', null, 21, 10, false],
      ['listen', container, 7001, 7001, 'udp', null, 22, 9, false],
    ]);
  });

  it('gives every binding the service and its project (stacks are the topology stage\'s)', () => {
    expect(result.bindings[1]).toEqual({
      service: 'web',
      port: 8080,
      endPort: 8080,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'publish',
      format: 'compose',
      file: 'compose.yml',
      line: 6,
      column: 10,
      project: 'shop',
    });
  });
});

describe('composeExtractor: long-syntax vectors', () => {
  const vectors = (
    JSON.parse(readFileSync(new URL('./compose-port-vectors.json', import.meta.url), 'utf8')) as {
      vectors: Array<{ spec: unknown; expect: Array<{ ip: string; pub: string; tgt: number; proto: string }> }>;
    }
  ).vectors.filter((vector) => typeof vector.spec === 'object');

  it.each(vectors.map((vector) => [JSON.stringify(vector.spec), vector] as const))('%s', (spec, vector) => {
    const result = extract('compose.yml', lines('services:', '  s:', '    ports:', `      - ${spec}`));
    expect(result.diagnostics).toEqual([]);
    const [expected] = vector.expect;
    const [pubStart, pubEnd = pubStart] = (expected?.pub ?? '').split('-').map(Number);
    expect(result.bindings.map(({ kind, port, endPort, protocol, hostIp, soft }) => ({ kind, port, endPort, protocol, hostIp, soft }))).toEqual([
      { kind: 'listen', port: expected?.tgt, endPort: expected?.tgt, protocol: expected?.proto, hostIp: null, soft: undefined },
      { kind: 'publish', port: pubStart, endPort: pubEnd, protocol: expected?.proto, hostIp: expected?.ip || null, soft: pubEnd !== pubStart ? true : undefined },
    ]);
  });
});

describe('composeExtractor: projects and stacks', () => {
  const web = lines('services:', '  web:', '    ports:', '      - "8080:80"');

  it('keeps web of apps/a and web of apps/b apart by project', () => {
    const a = extract('apps/a/compose.yml', web);
    const b = extract('apps/b/compose.yml', web);
    expect(a.bindings.map(({ service, project, scope }) => [service, project, scope])).toEqual([
      ['web', 'a', 'container:a/web'],
      ['web', 'a', 'host'],
    ]);
    expect(b.bindings.map(({ project, scope }) => [project, scope])).toEqual([
      ['b', 'container:b/web'],
      ['b', 'host'],
    ]);
  });

  it('normalizes folder names the way Compose names projects, and uses the root name at the root', () => {
    expect(extract('deploy/My.App_v2/compose.yml', web).bindings[0]?.project).toBe('myapp_v2');
    expect(extract('compose.yml', web, {}, 'My Repo!').bindings[0]).toMatchObject({ project: 'myrepo' });
  });

  it('gives an override file the project its folder runs under', () => {
    const files = { 'apps/a/compose.yml': lines('name: Shop', 'services:', '  web:', '    image: nginx') };
    const override = extract('apps/a/compose.override.yml', web, files);
    expect(override.bindings[0]).toMatchObject({ project: 'shop', scope: 'container:shop/web' });
    const main = extract('apps/a/compose.yml', files['apps/a/compose.yml'] ?? '', { 'apps/a/compose.override.yml': lines('name: ${STACK:-later}') });
    expect(main.bindings).toEqual([]);
    const mainWithPorts = extract('apps/a/compose.yml', lines('name: shop', web), { 'apps/a/compose.override.yml': lines('name: ${STACK:-later}') });
    expect(mainWithPorts.bindings[0]?.project).toBe('later');
  });

  it('lets COMPOSE_PROJECT_NAME in the .env name the project', () => {
    const result = extract('apps/a/compose.yml', lines('name: shop', web), { 'apps/a/.env': 'COMPOSE_PROJECT_NAME=Billing\n' });
    expect(result.bindings[0]?.project).toBe('billing');
  });
});

describe('composeExtractor: interpolation', () => {
  const env = { 'apps/api/.env': lines('# ports', 'API_PORT=3456', 'ADMIN_PORT="7000"') };
  const text = lines(
    'services:',
    '  api:',
    '    ports:',
    '      - "${API_PORT:-8000}:8000"',
    '      - "127.0.0.1:${METRICS_PORT:-9100}:9100"',
    '      - target: 80',
    '        published: ${ADMIN_PORT}',
    '      - "$${PORT}:80"',
  );
  const result = extract('apps/api/compose.yml', text, env);

  it('locates a port set in the .env at the .env line, via the reference', () => {
    expect(result.bindings[1]).toEqual({
      service: 'api',
      port: 3456,
      endPort: 3456,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'publish',
      format: 'compose',
      file: 'apps/api/.env',
      line: 2,
      column: 10,
      via: { file: 'apps/api/compose.yml', line: 4, column: 10 },
      project: 'api',
      variable: 'API_PORT',
      setting: 'API_PORT',
      variableFile: 'apps/api/.env',
    });
    expect(result.bindings[5]).toMatchObject({ kind: 'publish', port: 7000, file: 'apps/api/.env', line: 3, column: 13, via: { line: 7, column: 20 } });
  });

  it('locates a default at its place inside the reference', () => {
    expect(result.bindings[3]).toMatchObject({
      kind: 'publish',
      port: 9100,
      hostIp: '127.0.0.1',
      file: 'apps/api/compose.yml',
      line: 5,
      column: 36,
      via: { file: 'apps/api/compose.yml', line: 5, column: 20 },
      variable: 'METRICS_PORT',
    });
    expect(result.bindings[3]).not.toHaveProperty('variableFile');
    expect(result.bindings[2]).toMatchObject({ kind: 'listen', port: 9100, line: 5, column: 42 });
    expect(result.bindings[0]).toMatchObject({ kind: 'listen', port: 8000, line: 4, column: 28 });
  });

  it('reads $$ as a literal dollar, which leaves no port', () => {
    expect(result.diagnostics).toEqual([
      { file: 'apps/api/compose.yml', line: 8, column: 10, severity: 'error', message: 'service api: port "$${PORT}:80": Invalid hostPort: ${PORT}' },
    ]);
    expect(result.bindings).toHaveLength(6);
  });

  it('skips a port whose variable has no value and no default, with a warning at the reference', () => {
    const unresolved = extract(
      'compose.yml',
      lines('services:', '  web:', '    ports:', '      - "${WEB_PORT}:80"', '      - "${TLS_PORT:?set TLS_PORT}:443"', '      - "5000:5000"'),
    );
    expect(unresolved.diagnostics).toEqual([
      {
        file: 'compose.yml',
        line: 4,
        column: 10,
        severity: 'warning',
        message: 'service web: port "${WEB_PORT}:80": variable WEB_PORT is not set (no .env value, no default); skipped',
      },
      {
        file: 'compose.yml',
        line: 5,
        column: 10,
        severity: 'warning',
        message: 'service web: port "${TLS_PORT:?set TLS_PORT}:443": required variable TLS_PORT is missing a value: set TLS_PORT; skipped',
      },
    ]);
    expect(unresolved.bindings.map((binding) => binding.port)).toEqual([5000, 5000]);
  });
});

describe('composeExtractor: network modes and protocols', () => {
  it('puts the container ports of a host-network service on the host and ignores its published ports', () => {
    const result = extract(
      'compose.yml',
      lines('services:', '  dns:', '    network_mode: host', '    ports:', '      - "5353:53/udp"', '    expose:', '      - 9153'),
    );
    expect(result.bindings.map(summary)).toEqual([
      ['listen', 'host', 53, 53, 'udp', null, 5, 15, false],
      ['listen', 'host', 9153, 9153, 'tcp', null, 7, 9, false],
    ]);
    expect(result.diagnostics).toEqual([
      {
        file: 'compose.yml',
        line: 4,
        column: 5,
        severity: 'warning',
        message: 'service dns uses network_mode: host, so Compose ignores its published ports; its container ports listen on the host',
      },
    ]);
  });

  it('puts a service that shares another service network namespace into that scope', () => {
    const result = extract('compose.yml', lines('services:', '  vpn: {}', '  app:', '    network_mode: "service:vpn"', '    expose: ["8080"]'), {}, 'r');
    expect(result.bindings.map(({ service, scope }) => [service, scope])).toEqual([['app', 'container:r/vpn']]);
  });

  it('reports SCTP ports as unchecked instead of claiming them as TCP', () => {
    const result = extract('compose.yml', lines('services:', '  sig:', '    ports:', '      - "3868:3868/sctp"'));
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      { file: 'compose.yml', line: 4, column: 15, severity: 'warning', message: 'service sig: SCTP port 3868 is not checked (only TCP and UDP ports are compared)' },
    ]);
  });
});

describe('composeExtractor: bad input', () => {
  it('reports each bad port at its literal and keeps the others', () => {
    const result = extract(
      'compose.yml',
      lines(
        'services:',
        '  web:',
        '    ports:',
        '      - "70000:80"',
        '      - "80/xyz"',
        '      - "127.0.1:80:80"',
        '      - "0:80"',
        '      - abc',
        '      - target: abc',
        '      - target: 80',
        '        published: 70000',
        '      - published: 81',
        '      - [1, 2]',
        '      - "8080:80"',
        '  api:',
        '    expose: ["127.0.0.1:9000:9000"]',
        '    ports: "3000:3000"',
      ),
    );
    expect(result.diagnostics.map(({ line, column, severity, message }) => [line, column, severity, message])).toEqual([
      [4, 10, 'error', 'service web: port "70000:80": Invalid hostPort: 70000'],
      [5, 13, 'error', 'service web: port "80/xyz": Invalid proto: xyz'],
      [6, 10, 'error', 'service web: port "127.0.1:80:80": Invalid ip address: 127.0.1'],
      [7, 10, 'warning', 'service web: published port 0 is not a fixed port (Docker picks any free one); skipped'],
      [8, 9, 'error', 'service web: port "abc": Invalid containerPort: abc'],
      [9, 17, 'error', 'service web: port: Invalid containerPort: abc'],
      [11, 20, 'error', 'service web: port: Invalid hostPort: 70000'],
      [12, 9, 'error', 'service web: port mapping has no target'],
      [13, 9, 'error', 'service web: a port must be a string, a number or a mapping'],
      [17, 12, 'error', 'ports of service api must be a list'],
      [16, 14, 'error', 'service api: exposed port "127.0.0.1:9000:9000" names a host port; expose takes container ports only'],
    ]);
    expect(result.bindings.map(({ kind, port, line }) => [kind, port, line])).toEqual([
      ['listen', 80, 7],
      ['listen', 80, 14],
      ['publish', 8080, 14],
    ]);
  });

  it('reports malformed YAML with its line and still reads what parses', () => {
    const result = extract('compose.yml', lines('services:', '  web:', '    ports: ["8080:80"', '  api:', '    ports:', '      - "3000:3000"'));
    expect(result.diagnostics[0]).toMatchObject({ file: 'compose.yml', line: 4, severity: 'error' });
    expect(result.diagnostics[0]?.message).toMatch(/^invalid YAML: /);
  });

  it('reports a document that is not a mapping, and services that are not a mapping', () => {
    expect(extract('compose.yml', lines('- web', '- api')).diagnostics).toEqual([
      { file: 'compose.yml', line: 1, column: 1, severity: 'error', message: 'a compose file must be a mapping' },
    ]);
    expect(extract('compose.yml', lines('name: x', 'services: [web, api]')).diagnostics).toEqual([
      { file: 'compose.yml', line: 2, column: 11, severity: 'error', message: 'services must be a mapping of service names' },
    ]);
    expect(extract('compose.yml', lines('services:', '  web: nginx', '  api:', '    ports: [3000]')).diagnostics).toEqual([
      { file: 'compose.yml', line: 2, column: 8, severity: 'error', message: 'service web must be a mapping' },
    ]);
  });

  it('reads empty sections as empty, as Compose does', () => {
    expect(extract('compose.yml', lines('services:', '  web:', '    ports:', '    expose: ~')).diagnostics).toEqual([]);
    expect(extract('compose.yml', lines('name: x', 'services:')).diagnostics).toEqual([]);
    expect(extract('compose.yml', lines('# nothing yet')).diagnostics).toEqual([]);
  });

  it('reads every document of a multi-document file', () => {
    const result = extract('compose.yml', lines('services:', '  a: {ports: ["1000:1000"]}', '---', 'services:', '  b: {ports: ["2000:2000"]}'));
    expect(result.bindings.filter((binding) => binding.kind === 'publish').map(({ service, line }) => [service, line])).toEqual([
      ['a', 2],
      ['b', 5],
    ]);
  });

  it('stops at an alias bomb with one diagnostic, fast, keeping what it read before', () => {
    const levels = ['x-a: &a {p: 1}'];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`x-${name}: &${name} {<<: [${Array(10).fill(`*${previous}`).join(', ')}]}`);
    }
    const text = lines(...levels, 'services:', '  api:', '    ports: ["3000:3000"]', '  web:', '    <<: *i', '    ports: ["8080:80"]');
    const started = cpuMillis();
    const result = extract('compose.yml', text);
    expect(cpuMillis() - started).toBeLessThan(1000);
    expect(result.diagnostics).toEqual([
      {
        file: 'compose.yml',
        line: 13,
        column: 3,
        severity: 'error',
        message: 'YAML alias budget exceeded (more than 1000 YAML aliases followed); the rest of the file is not read',
      },
    ]);
    expect(result.bindings.map(({ service, port }) => [service, port])).toEqual([
      ['api', 3000],
      ['api', 3000],
    ]);
  });
});

describe('composeExtractor: recovery of what Compose accepts', () => {
  const text = lines(
    'services:',
    '  web:',
    '    command: \'sh -c "echo starting',
    'and serving"\'',
    '    ports:',
    '      - "8080:80"',
    '  api:',
    '    environment:',
    '      GREETING: "hello',
    '  world"',
    '    ports: ["3000:3000"]',
  );
  const result = extract('compose.yml', text);

  it('reads quoted values continued at a lower indentation, says so, and keeps every service', () => {
    expect(result.diagnostics).toEqual([
      {
        file: 'compose.yml',
        line: 3,
        severity: 'warning',
        message: "recovered: a quoted value continues at a lower indentation (lines 4, 10), which Compose's YAML parser accepts; read as if indented",
      },
    ]);
    expect(result.bindings.map(({ service, kind, port, line }) => [service, kind, port, line])).toEqual([
      ['web', 'listen', 80, 6],
      ['web', 'publish', 8080, 6],
      ['api', 'listen', 3000, 11],
      ['api', 'publish', 3000, 11],
    ]);
  });

  it('locates the ports after a recovered value at their literals', () => {
    expect(result.bindings.map(({ line, column }) => [line, column])).toEqual([
      [6, 15],
      [6, 10],
      [11, 19],
      [11, 14],
    ]);
  });
});

describe('the Python modules a service runs', () => {
  it('reads `python -m <module>` from an entrypoint list and a command string, any python interpreter; nothing from other programs', () => {
    const result = extract(
      'compose.yml',
      lines(
        'services:',
        '  api:',
        '    entrypoint: ["/usr/bin/python3.11", "-u", "-m", "acme.api"]',
        '    command: sh -c "python -m acme.migrate && python -m acme.api"',
        '  worker:',
        '    command: celery -A acme.tasks worker -m fast',
        '  plain:',
        '    image: nginx',
      ),
    );
    expect(result.facts?.compose?.services.map((service) => [service.name, service.pythonModules])).toEqual([
      ['api', ['acme.api', 'acme.migrate']],
      ['worker', undefined],
      ['plain', undefined],
    ]);
  });
});
