import { describe, expect, it } from '@jest/globals';
import { readPortEntry, type LocatedText, type PortEntry } from '../../../src/extract/zinit/portDeclaration.js';
import type { ZinitServiceConfig } from '../../../src/extract/zinit/serviceBindings.js';
import { readZinitToml } from '../../../src/extract/zinit/tomlServices.js';
import { readZinitYaml } from '../../../src/extract/zinit/yamlService.js';
import { serviceNameFromFile, zinitFileKind } from '../../../src/extract/zinit/zinitFiles.js';
import type { SourceLocation } from '../../../src/model/types.js';

const at = (line: number, column: number): SourceLocation => ({ file: 'f', line, column });
const stringEntry = (text: string): PortEntry => ({ kind: 'string', text, locate: (index) => at(1, 10 + index) });

describe('readPortEntry: the declared-port syntax', () => {
  it.each<[string, PortEntry, unknown]>([
    ['a number', { kind: 'integer', literal: '8080', location: at(1, 5) }, { range: { start: 8080, end: 8080 }, protocol: 'tcp', location: at(1, 5) }],
    ['a range', stringEntry('8000-8100'), { range: { start: 8000, end: 8100 }, protocol: 'tcp', location: at(1, 10) }],
    ['udp', stringEntry('53/udp'), { range: { start: 53, end: 53 }, protocol: 'udp', location: at(1, 10) }],
    ['a udp range', stringEntry('6000-6010/UDP'), { range: { start: 6000, end: 6010 }, protocol: 'udp', location: at(1, 10) }],
    ['tcp spelled out', stringEntry('8080/tcp'), { range: { start: 8080, end: 8080 }, protocol: 'tcp', location: at(1, 10) }],
    ['leading blanks', stringEntry('  8080'), { range: { start: 8080, end: 8080 }, protocol: 'tcp', location: at(1, 12) }],
    [
      'a table',
      { kind: 'table', port: { kind: 'integer', literal: '53', location: at(2, 10) }, protocol: 'udp', location: at(2, 3) },
      { range: { start: 53, end: 53 }, protocol: 'udp', location: at(2, 10) },
    ],
    [
      'a table with a range and no protocol',
      { kind: 'table', port: stringEntry('9000-9009'), protocol: undefined, location: at(2, 3) },
      { range: { start: 9000, end: 9009 }, protocol: 'tcp', location: at(1, 10) },
    ],
  ])('%s', (_name, entry, expected) => {
    expect(readPortEntry(entry)).toEqual(expected);
  });

  it.each<[string, PortEntry, unknown]>([
    ['0', { kind: 'integer', literal: '0', location: at(1, 5) }, { error: 'ports: 0 is not a port (1-65535)', location: at(1, 5) }],
    ['70000', { kind: 'integer', literal: '70000', location: at(1, 5) }, { error: 'ports: 70000 is not a port (1-65535)', location: at(1, 5) }],
    ['a reversed range', stringEntry('8100-8000'), { error: 'ports: "8100-8000" is not a port or a port range (1-65535)', location: at(1, 10) }],
    ['words', stringEntry('http'), { error: 'ports: "http" is not a port or a port range (1-65535)', location: at(1, 10) }],
    ['sctp', stringEntry('80/sctp'), { error: 'ports: "80/sctp": the protocol must be tcp or udp', location: at(1, 13) }],
    [
      'a table without port',
      { kind: 'table', port: undefined, protocol: 'udp', location: at(2, 3) },
      { error: 'ports: a table entry needs `port`, a number or a "N-M" range', location: at(2, 3) },
    ],
    [
      'a table with a bad protocol',
      { kind: 'table', port: { kind: 'integer', literal: '53', location: at(2, 10) }, protocol: 'icmp', location: at(2, 3) },
      { error: 'ports: protocol "icmp" must be tcp or udp', location: at(2, 3) },
    ],
    [
      'a table with a suffixed port',
      { kind: 'table', port: stringEntry('53/udp'), protocol: undefined, location: at(2, 3) },
      { error: 'ports: give the protocol in `protocol`, not as a suffix of `port`', location: at(1, 10) },
    ],
    ['a boolean', { kind: 'other', location: at(3, 4) }, { error: 'ports: an entry must be a port number, a "N-M[/udp]" string or { port, protocol }', location: at(3, 4) }],
  ])('rejects %s', (_name, entry, expected) => {
    expect(readPortEntry(entry)).toEqual(expected);
  });
});

/** A service read by a reader, with each located text resolved at its first character. */
function summary(service: ZinitServiceConfig): unknown {
  const located = (value: LocatedText) => ({ text: value.text, at: value.locate(0, value.text.slice(0, 1)) });
  return {
    service: service.service,
    ports: service.ports.map((entry) => {
      const declared = readPortEntry(entry);
      return 'error' in declared ? declared.error : `${declared.range.start}-${declared.range.end}/${declared.protocol}@${declared.location.line}:${declared.location.column}`;
    }),
    exec: service.exec ? located(service.exec) : undefined,
    env: service.env.map(({ name, value }) => ({ name, ...located(value) })),
  };
}

describe('readZinitToml', () => {
  it('reads the multi-service form of the seed, with positions', () => {
    const text = [
      '[services.web_server]', //                                     1
      'exec = "python3 -m http.server 8080"', //                      2
      'ports = [8080]', //                                            3
      '', //                                                          4
      '[services.multi_port]', //                                     5
      'exec = "/usr/bin/myapp"', //                                   6
      'ports = [8080, 8443, "9000-9009", "53/udp", { port = 5353, protocol = "udp" }]', // 7
      'env = { PORT = "3000", LOG = "debug" }', //                    8
    ].join('\n');
    const { services, diagnostics } = readZinitToml('zinit.toml', text, 'zinit');
    expect(diagnostics).toEqual([]);
    expect(services.map(summary)).toEqual([
      { service: 'web-server', ports: ['8080-8080/tcp@3:10'], exec: { text: 'python3 -m http.server 8080', at: { file: 'zinit.toml', line: 2, column: 9 } }, env: [] },
      {
        service: 'multi-port',
        ports: ['8080-8080/tcp@7:10', '8443-8443/tcp@7:16', '9000-9009/tcp@7:23', '53-53/udp@7:36', '5353-5353/udp@7:54'],
        exec: { text: '/usr/bin/myapp', at: { file: 'zinit.toml', line: 6, column: 9 } },
        env: [
          { name: 'PORT', text: '3000', at: { file: 'zinit.toml', line: 8, column: 17 } },
          { name: 'LOG', text: 'debug', at: { file: 'zinit.toml', line: 8, column: 31 } },
        ],
      },
    ]);
  });

  it('reads the one-service form, named by `name` or else by the file', () => {
    const text = ['[service]', 'name = "web-app"', 'exec = "/usr/bin/my-app"', 'ports = [8080, 8081]', '', '[service.env]', 'WEB_APP_PORT = 8082', '', '[lifecycle]', 'restart = "on-failure"'].join('\n');
    const named = readZinitToml('services/app.toml', text, 'app');
    expect(named.services.map(summary)).toEqual([
      {
        service: 'web-app',
        ports: ['8080-8080/tcp@4:10', '8081-8081/tcp@4:16'],
        exec: { text: '/usr/bin/my-app', at: { file: 'services/app.toml', line: 3, column: 9 } },
        env: [{ name: 'WEB_APP_PORT', text: '8082', at: { file: 'services/app.toml', line: 7, column: 16 } }],
      },
    ]);
    const unnamed = readZinitToml('services/sshd.toml', '[service]\nexec = "/usr/sbin/sshd -D -e"\n', 'sshd');
    expect(unnamed.services.map((service) => service.service)).toEqual(['sshd']);
  });

  it('reads dotted keys and inline tables the same as tables', () => {
    const dotted = readZinitToml('a.toml', 'services.api.exec = "api --port 3000"\nservices.api.ports = [3000]\n', 'a');
    const inline = readZinitToml('b.toml', '[services]\ndb = { exec = "postgres", ports = [5432] }\n', 'b');
    expect([...dotted.services, ...inline.services].map(summary)).toEqual([
      { service: 'api', ports: ['3000-3000/tcp@2:23'], exec: { text: 'api --port 3000', at: { file: 'a.toml', line: 1, column: 22 } }, env: [] },
      { service: 'db', ports: ['5432-5432/tcp@2:36'], exec: { text: 'postgres', at: { file: 'b.toml', line: 2, column: 16 } }, env: [] },
    ]);
  });

  it('locates inside multi-line strings and strings with escapes', () => {
    const text = ['[services.a]', 'exec = """', 'redis-server --port 7777"""', '[services.b]', 'exec = "say \\"hi\\" --port 1"'].join('\n');
    const { services } = readZinitToml('zinit.toml', text, 'zinit');
    const [a, b] = services;
    expect(a?.exec?.locate(a.exec.text.indexOf('7777'), '7777')).toEqual({ file: 'zinit.toml', line: 3, column: 21 });
    expect(b?.exec?.locate(b.exec.text.indexOf('1'), '1')).toEqual({ file: 'zinit.toml', line: 5, column: 27 });
    expect(b?.exec?.locate(0, 'absent')).toEqual({ file: 'zinit.toml', line: 5, column: 9 });
  });

  it('reports invalid TOML with its line and column', () => {
    expect(readZinitToml('zinit.toml', '[services.a]\nports = [8080\nexec = "x"\n', 'zinit').diagnostics).toEqual([
      { file: 'zinit.toml', line: 3, column: 1, severity: 'error', message: 'invalid TOML: Unexpected character' },
    ]);
  });

  it('reports a `ports` that is not a list, and keeps the other services', () => {
    const { services, diagnostics } = readZinitToml('zinit.toml', '[services.a]\nexec = "a"\nports = 8080\n[services.b]\nexec = "b"\nports = [9000]\n', 'zinit');
    expect(diagnostics).toEqual([{ file: 'zinit.toml', line: 3, column: 9, severity: 'error', message: 'ports: expected a list of ports' }]);
    expect(services.map(summary)).toEqual([
      { service: 'a', ports: [], exec: { text: 'a', at: { file: 'zinit.toml', line: 2, column: 9 } }, env: [] },
      { service: 'b', ports: ['9000-9000/tcp@6:10'], exec: { text: 'b', at: { file: 'zinit.toml', line: 5, column: 9 } }, env: [] },
    ]);
  });

  it('ignores tables that are no services', () => {
    expect(readZinitToml('x.toml', '[server]\nport = 8080\nservices = ["a"]\n', 'x')).toEqual({ services: [], diagnostics: [] });
  });
});

describe('readZinitYaml', () => {
  it("reads zinit's YAML service file, named by the file", () => {
    const text = [
      'exec: redis-server --port 7777', //    1
      'test: redis-cli -p 7777 ping', //      2
      'oneshot: false', //                    3
      'after:', //                            4
      '  - network', //                       5
      'env:', //                              6
      '  REDIS_PORT: "7777"', //              7
      '  DB_PORT: 5432', //                   8
      'ports: [7777, "7000-7010/udp"]', //    9
    ].join('\n');
    const { services, diagnostics } = readZinitYaml('etc/zinit/redis.yaml', text, 'redis');
    expect(diagnostics).toEqual([]);
    expect(services.map(summary)).toEqual([
      {
        service: 'redis',
        ports: ['7777-7777/tcp@9:9', '7000-7010/udp@9:16'],
        exec: { text: 'redis-server --port 7777', at: { file: 'etc/zinit/redis.yaml', line: 1, column: 7 } },
        env: [
          { name: 'REDIS_PORT', text: '7777', at: { file: 'etc/zinit/redis.yaml', line: 7, column: 16 } },
          { name: 'DB_PORT', text: '5432', at: { file: 'etc/zinit/redis.yaml', line: 8, column: 12 } },
        ],
      },
    ]);
  });

  it('locates inside a block scalar', () => {
    const { services } = readZinitYaml('zinit/app.yaml', 'exec: |\n  app \\\n    --port 9501\n', 'app');
    const exec = services[0]?.exec;
    expect(exec?.locate(exec.text.indexOf('9501'), '9501')).toEqual({ file: 'zinit/app.yaml', line: 3, column: 12 });
  });

  it('reports malformed YAML and a document that is not a mapping', () => {
    expect(readZinitYaml('zinit/a.yaml', 'exec: "unterminated\n', 'a').services).toEqual([]);
    // yaml reports the unterminated string where the input ends.
    expect(readZinitYaml('zinit/a.yaml', 'exec: "unterminated\n', 'a').diagnostics[0]).toMatchObject({ file: 'zinit/a.yaml', line: 2, severity: 'error' });
    expect(readZinitYaml('zinit/b.yaml', '- exec: x\n', 'b')).toEqual({
      services: [],
      diagnostics: [{ file: 'zinit/b.yaml', line: 1, column: 1, severity: 'error', message: 'a zinit service file is a mapping (exec: ..., test: ...)' }],
    });
    expect(readZinitYaml('zinit/c.yaml', 'exec: x\nports: 80\n', 'c').diagnostics).toEqual([
      { file: 'zinit/c.yaml', line: 2, column: 8, severity: 'error', message: 'ports: expected a list of ports' },
    ]);
  });
});

describe('zinit files', () => {
  it.each([
    ['zinit.toml', 'toml'],
    ['deploy/services.toml', 'toml'],
    ['Cargo.toml', undefined],
    ['crates/a/Cargo.toml', undefined],
    ['pyproject.toml', undefined],
    ['etc/zinit/redis.yaml', 'yaml'],
    ['zinit/web.yml', 'yaml'],
    ['config/redis.zinit.yaml', 'yaml'],
    ['config/redis.yaml', undefined],
    ['zinit.yaml', undefined],
    ['zinit/readme.md', undefined],
  ])('%s -> %s', (path, kind) => {
    expect(zinitFileKind(path)).toBe(kind);
  });

  it('names a YAML service after its file', () => {
    expect(serviceNameFromFile('etc/zinit/redis.yaml')).toBe('redis');
    expect(serviceNameFromFile('config/my_api.zinit.yml')).toBe('my_api');
  });
});
