import { describe, expect, it } from '@jest/globals';
import { extractSystemd, systemdExtractor } from '../../../src/extract/systemd/extractSystemd.js';
import type { Binding, ExtractResult } from '../../../src/model/types.js';

function extract(path: string, lines: string[]): ExtractResult {
  return extractSystemd({ path, text: lines.join('\n') });
}

function brief(binding: Binding): string {
  const host = binding.hostIp === null ? '' : `${binding.hostIp} `;
  return `${binding.service} ${host}${binding.port}/${binding.protocol} @${binding.line}:${binding.column}`;
}

function problems(result: ExtractResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.line ?? '-'}:${d.column ?? '-'} ${d.message}`);
}

describe('systemd sockets', () => {
  it('reads ListenStream (tcp) and ListenDatagram (udp) with their addresses, at the port literal', () => {
    const result = extract('etc/systemd/system/api.socket', [
      '[Unit]', //                                      1
      'Description=API socket', //                      2
      '', //                                            3
      '[Socket]', //                                    4
      'ListenStream=8080', //                           5
      'ListenStream=0.0.0.0:8081', //                   6
      'ListenStream = [::]:8082', //                    7
      'ListenDatagram=127.0.0.1:53', //                 8
      'ListenStream=/run/api.sock', //                  9
      'ListenStream=@api-abstract', //                 10
      'ListenStream=vsock:2:8083', //                  11
      'ListenSequentialPacket=/run/api.seq', //        12
      'ListenFIFO=/run/api.fifo', //                   13
      '', //                                           14
      '[Install]', //                                  15
      'WantedBy=sockets.target', //                    16
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual(['api 8080/tcp @5:14', 'api 0.0.0.0 8081/tcp @6:22', 'api :: 8082/tcp @7:21', 'api 127.0.0.1 53/udp @8:26']);
    expect(result.bindings[0]).toEqual({
      service: 'api',
      port: 8080,
      endPort: 8080,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'listen',
      format: 'systemd',
      file: 'etc/systemd/system/api.socket',
      line: 5,
      column: 14,
    });
  });

  it('names the ports after the service the socket activates, when Service= says which', () => {
    const result = extract('units/web-http.socket', ['[Socket]', 'ListenStream=80', 'Service=nginx.service']);
    expect(result.bindings.map(brief)).toEqual(['nginx 80/tcp @2:14']);
  });

  it('lets an empty Listen*= reset every earlier address, as systemd does', () => {
    const result = extract('app.socket.d/override.conf', ['[Socket]', 'ListenStream=', 'ListenDatagram=', 'ListenStream=9000']);
    expect(result.bindings.map(brief)).toEqual(['app 9000/tcp @4:14']);
    const reset = extract('app.socket', ['[Socket]', 'ListenStream=8000', 'ListenDatagram=8001', 'ListenFIFO=', 'ListenStream=9000']);
    expect(reset.bindings.map(brief)).toEqual(['app 9000/tcp @5:14']);
  });

  it('reports addresses systemd rejects, with their position, and keeps the rest', () => {
    const result = extract('api.socket', [
      '[Socket]',
      'ListenStream=localhost:80',
      'ListenStream=70000',
      'ListenSequentialPacket=9000',
      'ListenStream=8080',
      'this line is broken',
    ]);
    expect(result.bindings.map(brief)).toEqual(['api 8080/tcp @5:14']);
    expect(problems(result)).toEqual([
      'error 6:- not an assignment (Key=Value): this line is broken',
      'error 2:14 ListenStream=: invalid socket address "localhost:80": "localhost" is not a numeric IPv4 address (systemd resolves no host names)',
      'error 3:14 ListenStream=: invalid socket address "70000": "70000" is not a port (1-65535)',
      'warning 4:24 ListenSequentialPacket= takes AF_UNIX socket paths only: the port is ignored',
    ]);
  });

  it('ignores Listen keys outside [Socket]', () => {
    expect(extract('api.socket', ['[Unit]', 'ListenStream=80'])).toEqual({ bindings: [], diagnostics: [] });
  });
});

describe('systemd services', () => {
  it('reads ExecStart listener flags through prefixes and continuations, at the literal', () => {
    const result = extract('deploy/my-api.service', [
      '[Service]', //                                                    1
      'ExecStartPre=/usr/bin/app migrate --port 5999', //                2
      'ExecStart=-/usr/bin/app serve \\', //                             3
      '    --port 8080 \\', //                                           4
      '    --metrics-port=9100', //                                      5
      'ExecReload=/bin/kill -HUP $MAINPID', //                           6
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual(['my-api 8080/tcp @4:12', 'my-api 9100/tcp @5:20']);
  });

  it('skips argv[0] after the @ prefix', () => {
    const result = extract('redis.service', ['[Service]', 'ExecStart=@/usr/bin/redis-server redis-main --port 7777']);
    expect(result.bindings.map(brief)).toEqual(['redis 7777/tcp @2:52']);
  });

  it('reads PORT and <UNIT>_PORT from Environment=, not other services’ ports', () => {
    const result = extract('my-api.service', [
      '[Service]',
      'Environment=PORT=8080 "MY_API_PORT=8081" DB_PORT=5432',
      'Environment="REDIS_URL=redis://localhost:6379" HOST=0.0.0.0',
      'ExecStart=/usr/bin/my-api --port ${PORT}',
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual(['my-api 8080/tcp @2:18', 'my-api 8081/tcp @2:36']);
    expect(result.bindings.map((b) => b.setting)).toEqual(['PORT', 'MY_API_PORT']);
  });

  it('takes the last assignment of a variable, and an empty Environment= as a reset', () => {
    const result = extract('app.service', ['[Service]', 'Environment=PORT=3000', 'Environment=PORT=3001', 'Environment=APP_PORT=4000', 'Environment=', 'Environment=APP_PORT=4001']);
    expect(result.bindings.map(brief)).toEqual(['app 4001/tcp @6:22']);
  });

  it('keeps both literals of a port that ExecStart and Environment= both say: a move edits both', () => {
    const result = extract('app.service', ['[Service]', 'Environment=PORT=8080', 'ExecStart=/usr/bin/app --port 8080']);
    expect(result.bindings.map(brief)).toEqual(['app 8080/tcp @3:31', 'app 8080/tcp @2:18']);
    expect(result.bindings.map((b) => b.setting)).toEqual(['--port', 'PORT']);
  });

  it('reads role ports (HTTP_PORT, <UNIT>_METRICS_PORT) as the unit’s own', () => {
    const result = extract('my-api.service', ['[Service]', 'Environment=HTTP_PORT=8080 MY_API_METRICS_PORT=9100 UPSTREAM_PORT=9000']);
    expect(result.bindings.map(brief)).toEqual(['my-api 8080/tcp @2:23', 'my-api 9100/tcp @2:48']);
  });

  it('makes a docker run host range a soft claim', () => {
    const result = extract('web.service', ['[Service]', 'ExecStart=/usr/bin/docker run --rm -p 8000-8010:80 nginx']);
    expect(result.bindings).toEqual([
      {
        service: 'web',
        port: 8000,
        endPort: 8010,
        protocol: 'tcp',
        hostIp: null,
        scope: 'host',
        kind: 'listen',
        format: 'systemd',
        file: 'web.service',
        line: 2,
        column: 39,
        setting: '-p',
        soft: true,
      },
    ]);
  });

  it('reports an Environment= port that is no port, and a word that is no assignment', () => {
    const result = extract('app.service', ['[Service]', 'Environment=PORT=abc', 'Environment=oops APP_PORT=0']);
    expect(result.bindings).toEqual([]);
    expect(problems(result)).toEqual([
      'error 2:18 Environment=: PORT="abc" is not a port (1-65535)',
      'error 3:13 Environment=: "oops" is not a NAME=VALUE assignment',
      'error 3:27 Environment=: APP_PORT="0" is not a port (1-65535)',
    ]);
  });

  it('lets a drop-in clear ExecStart and set its own', () => {
    const result = extract('etc/systemd/system/redis.service.d/override.conf', ['[Service]', 'ExecStart=/usr/bin/redis-server --port 6379', 'ExecStart=', 'ExecStart=/usr/bin/redis-server --port 6380']);
    expect(result.bindings.map(brief)).toEqual(['redis 6380/tcp @4:40']);
  });

  it('claims nothing for clients, specifiers and variables', () => {
    const result = extract('worker@.service', [
      '[Service]',
      'ExecStart=/usr/bin/worker --port %i',
      'ExecStart=/usr/bin/redis-cli -p 6379 ping',
      'ExecStart=/usr/bin/curl http://localhost:3000/health',
      'ExecStart=/usr/bin/worker --port $WORKER_PORT',
      'Environment=DATABASE_URL=postgres://db:5432/app',
    ]);
    expect(result).toEqual({ bindings: [], diagnostics: [] });
  });

  it('ignores ExecStart outside [Service]', () => {
    expect(extract('app.service', ['[Unit]', 'ExecStart=/usr/bin/app --port 80']).bindings).toEqual([]);
  });
});

describe('systemdExtractor.matches', () => {
  it.each([
    ['etc/systemd/system/redis.service', true],
    ['units/api.socket', true],
    ['redis.service.d/override.conf', true],
    ['nginx/conf.d/default.conf', false],
    ['redis.timer', false],
    ['services.yaml', false],
  ])('%s -> %s', (path, expected) => {
    expect(systemdExtractor.matches(path)).toBe(expected);
  });
});
