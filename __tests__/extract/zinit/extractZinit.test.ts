import { describe, expect, it } from '@jest/globals';
import { extractZinit, zinitExtractor } from '../../../src/extract/zinit/extractZinit.js';
import type { Binding, ExtractResult } from '../../../src/model/types.js';

function extract(path: string, lines: string[]): ExtractResult {
  return extractZinit({ path, text: lines.join('\n') });
}

function brief(binding: Binding): string {
  const host = binding.hostIp === null ? '' : `${binding.hostIp} `;
  const ports = binding.endPort === binding.port ? `${binding.port}` : `${binding.port}-${binding.endPort}`;
  return `${binding.service} ${host}${ports}/${binding.protocol} @${binding.line}:${binding.column}`;
}

function problems(result: ExtractResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.line ?? '-'}:${d.column ?? '-'} ${d.message}`);
}

describe('zinit TOML (seed 004)', () => {
  it("reads the seed's services; a port both declared and in exec is two literals, both claimed", () => {
    const result = extract('zinit.toml', [
      '[services.web_server]', //                          1
      'exec = "python3 -m http.server 8080"', //           2
      'ports = [8080]', //                                 3
      '', //                                               4
      '[services.multi_port]', //                          5
      'exec = "/usr/bin/myapp"', //                        6
      'ports = [8080, 8443]', //                           7
    ]);
    expect(problems(result)).toEqual([]);
    // A move of web-server must edit line 2 and line 3 alike.
    expect(result.bindings.map(brief)).toEqual([
      'web-server 8080/tcp @3:10',
      'web-server 8080/tcp @2:32',
      'multi-port 8080/tcp @7:10',
      'multi-port 8443/tcp @7:16',
    ]);
    expect(result.bindings[0]).toEqual({
      service: 'web-server',
      port: 8080,
      endPort: 8080,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'listen',
      format: 'zinit',
      file: 'zinit.toml',
      line: 3,
      column: 10,
    });
    expect(result.bindings[1]).toEqual({ ...result.bindings[0], line: 2, column: 32, setting: 'http.server' });
    expect(result.bindings.some((binding) => binding.stacks !== undefined)).toBe(false);
  });

  it('claims the listener flags of exec at the flag value, beside the declared ports', () => {
    const result = extract('ops/services.toml', [
      '[services.prom]',
      'exec = "prometheus --web.listen-address=:9501 --storage.tsdb.path=/data"',
      '[services.code]',
      'exec = \'code-server --bind-addr "[::]:8080"\'',
      'ports = ["8000-8100"]',
    ]);
    expect(result.bindings.map(brief)).toEqual(['prom 9501/tcp @2:42', 'code 8000-8100/tcp @5:11', 'code :: 8080/tcp @4:39']);
  });

  it('reads UDP and ranges beyond zinit’s own limits', () => {
    const result = extract('zinit.toml', [
      '[services.dns]',
      'exec = "/usr/sbin/unbound -d"',
      'ports = ["53/udp", 53, { port = 5353, protocol = "udp" }, "6000-6010/udp"]',
    ]);
    expect(result.bindings.map(brief)).toEqual(['dns 53/udp @3:11', 'dns 53/tcp @3:20', 'dns 5353/udp @3:33', 'dns 6000-6010/udp @3:60']);
  });

  it('reads PORT, <SERVICE>_PORT and role ports from env; other services’ ports are client settings', () => {
    const result = extract('zinit.toml', [
      '[services.api]',
      'exec = "/usr/bin/api --port 3000"',
      'env = { PORT = "3000", API_PORT = "3001", METRICS_PORT = "9100", DB_PORT = "5432", DATABASE_URL = "postgres://db:5432/x" }',
    ]);
    expect(result.bindings.map(brief)).toEqual(['api 3000/tcp @2:29', 'api 3000/tcp @3:17', 'api 3001/tcp @3:36', 'api 9100/tcp @3:59']);
    expect(result.bindings.map((binding) => binding.setting)).toEqual(['--port', 'PORT', 'API_PORT', 'METRICS_PORT']);
  });

  it('reads the one-service file form', () => {
    const result = extract('services/web.toml', ['[service]', 'name = "web-app"', 'exec = "/usr/bin/my-app"', 'ports = [8080, 8081, 9000]', '', '[lifecycle]', 'restart = "on-failure"']);
    expect(result.bindings.map(brief)).toEqual(['web-app 8080/tcp @4:10', 'web-app 8081/tcp @4:16', 'web-app 9000/tcp @4:22']);
  });

  it('reports bad ports with their position and keeps the good ones', () => {
    const result = extract('zinit.toml', ['[services.a]', 'exec = "a"', 'ports = [0, 70000, "abc", true, "80/sctp", 8080]', 'env = { PORT = "x" }']);
    expect(result.bindings.map(brief)).toEqual(['a 8080/tcp @3:44']);
    expect(problems(result)).toEqual([
      'error 3:10 ports: 0 is not a port (1-65535)',
      'error 3:13 ports: 70000 is not a port (1-65535)',
      'error 3:21 ports: "abc" is not a port or a port range (1-65535)',
      'error 3:27 ports: an entry must be a port number, a "N-M[/udp]" string or { port, protocol }',
      'error 3:37 ports: "80/sctp": the protocol must be tcp or udp',
      'error 4:17 env: PORT="x" is not a port (1-65535)',
    ]);
  });

  it('reports invalid TOML with its line', () => {
    const result = extract('zinit.toml', ['[services.a]', 'exec = "a', 'ports = [1]']);
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ file: 'zinit.toml', line: 2, severity: 'error' });
    expect(result.diagnostics[0]?.message).toMatch(/^invalid TOML: /);
  });

  it('takes `ports` alone under a zinit/ folder', () => {
    const result = extract('zinit/ports.toml', ['[services.api]', 'ports = [8080]', '[services.database]', 'ports = [5432]']);
    expect(result.bindings.map(brief)).toEqual(['api 8080/tcp @2:10', 'database 5432/tcp @4:10']);
  });
});

describe('zinit YAML', () => {
  it('reads exec flags and the service’s own env port; test probes are clients', () => {
    const result = extract('etc/zinit/redis.yaml', [
      'exec: redis-server --port 7777', //          1
      'test: redis-cli -p 7777 ping', //            2
      'oneshot: false', //                          3
      'after: [network]', //                        4
      'env:', //                                    5
      '  REDIS_PORT: "7777"', //                    6
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual(['redis 7777/tcp @1:27', 'redis 7777/tcp @6:16']);
  });

  it('finds the literal inside quoted and block-scalar commands', () => {
    const quoted = extract('zinit/code.yaml', ['exec: "code-server --bind-addr \\"[::]:8080\\" /src"']);
    expect(quoted.bindings.map(brief)).toEqual(['code :: 8080/tcp @1:39']);
    const folded = extract('zinit/prom.yaml', ['exec: >-', '  prometheus', '  --web.listen-address=:9501']);
    expect(folded.bindings.map(brief)).toEqual(['prom 9501/tcp @3:25']);
  });

  it('reads `ports` with the TOML syntax, and env PORT', () => {
    const result = extract('deploy/api.zinit.yaml', ['exec: /usr/bin/api', 'env:', '  PORT: 3000', 'ports:', '  - 3000', '  - "9000-9009/udp"']);
    expect(result.bindings.map(brief)).toEqual(['api 3000/tcp @5:5', 'api 9000-9009/udp @6:6', 'api 3000/tcp @3:9']);
  });

  it('claims nothing for echo text, URLs and shell variables', () => {
    const result = extract('zinit/app.yaml', [
      'exec: sh -c "echo starting on 8080 && exec /usr/bin/app --port $PORT"',
      'test: curl -sf http://localhost:8080/health',
      'env:',
      '  UPSTREAM_URL: http://backend:9000',
    ]);
    expect(result).toEqual({ bindings: [], diagnostics: [] });
  });

  it('reports malformed YAML', () => {
    const result = extract('zinit/bad.yaml', ['exec: [unclosed', 'test: x']);
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.diagnostics.every((d) => d.file === 'zinit/bad.yaml' && d.severity === 'error' && d.message.startsWith('invalid YAML: '))).toBe(true);
  });
});

describe('which TOML is zinit’s', () => {
  it('leaves other tools’ `services` tables alone', () => {
    expect(extract('hakopod.toml', ['name = "shop"', '[services.web]', 'image = "nginx"', 'port = 80'])).toEqual({ bindings: [], diagnostics: [] });
    expect(extract('tool.toml', ['[tool]', 'exec = "x"', '[services.web]', 'ports = [80]'])).toEqual({ bindings: [], diagnostics: [] });
    expect(extract('config.toml', ['[server]', 'port = 8080'])).toEqual({ bindings: [], diagnostics: [] });
  });

  it.each([
    ['zinit.toml', true],
    ['deploy/services.toml', true],
    ['Cargo.toml', false],
    ['pyproject.toml', false],
    ['etc/zinit/redis.yaml', true],
    ['config/redis.zinit.yml', true],
    ['config/redis.yaml', false],
  ])('matches %s -> %s', (path, expected) => {
    expect(zinitExtractor.matches(path)).toBe(expected);
  });
});
