import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { extractNixRegistry, isNixRegistryPath, isNixRegistryPlace, nixRegistryExtractor } from '../../../src/extract/registry/nixRegistry.js';
import type { Binding, ExtractResult } from '../../../src/model/types.js';

const fixture = (path: string): string => readFileSync(new URL(`fixtures/${path}`, import.meta.url), 'utf8');

function read(path: string, lines: string[]): ExtractResult {
  return extractNixRegistry({ path, text: lines.join('\n') });
}

function brief(entry: Binding): string {
  const category = entry.category === undefined ? '' : `${entry.category}/`;
  const portName = entry.portName === undefined ? '' : `#${entry.portName}`;
  return `${category}${entry.service}${portName} ${entry.port}/${entry.protocol} @${entry.line}:${entry.column}`;
}

function problems(result: ExtractResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.line ?? '-'}:${d.column ?? '-'} ${d.message}`);
}

beforeAll(async () => {
  await nixRegistryExtractor.prepare?.();
});

describe('which files are the Nix registry', () => {
  it('takes ports.nix in any folder; the root, lib/ and nix/ are its own place', () => {
    expect(['lib/ports.nix', 'ports.nix', 'nix/ports.nix', 'infra/lib/ports.nix', 'lib/config/ports.nix', 'hosts/alpha/ports.nix'].map(isNixRegistryPath)).toEqual([true, true, true, true, true, true]);
    expect(['lib/ports.nix.bak', 'lib/myports.nix', 'lib/default.nix'].map(isNixRegistryPath)).toEqual([false, false, false]);
    expect(['lib/ports.nix', 'ports.nix', 'nix/ports.nix', 'infra/lib/ports.nix'].map(isNixRegistryPlace)).toEqual([true, true, true, true]);
    expect(['lib/config/ports.nix', 'hosts/alpha/ports.nix'].map(isNixRegistryPlace)).toEqual([false, false]);
  });

  const registry = ['{', '  web = 3000;', '  databases = { redis = 6379; };', '  dns = { port = 53; protocol = "udp"; description = "resolver"; };', '}'];

  it('reads a registry of a known shape wherever it lies (lib/config/ports.nix)', () => {
    const result = read('lib/config/ports.nix', registry);
    expect(result.declined).toBeUndefined();
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual(['web 3000/tcp @2:9', 'databases/redis 6379/tcp @3:25', 'dns 53/udp @4:18']);
  });

  it('declines, quietly for the module reader, a ports.nix elsewhere that is a module, a function, or not all a registry', () => {
    const declined = (path: string, lines: string[]) => expect(read(path, lines).declined).toBe(true);
    declined('hosts/alpha/ports.nix', ['{ config, ... }:', '{ networking.firewall.allowedTCPPorts = [ 80 443 ]; }']);
    declined('hosts/alpha/ports.nix', ['{ networking.firewall.allowedTCPPorts = [ 80 443 ]; }']);
    declined('hosts/alpha/ports.nix', ['{ lib }:', '{ web = 3000; }']);
    declined('modules/web/ports.nix', ['{ services.web.enable = true; services.web.port = 3000; }']);
    declined('modules/web/ports.nix', ['{ base ? 3000 }: { web = base; api = base + 1; }']);
    declined('modules/web/ports.nix', ['[ 3000 3001 ]']);
    declined('modules/web/ports.nix', ['{ }']);
  });

  it('at its own place, reads the registry with every mistake reported, and declines only what is plainly no registry', () => {
    const withMistake = read('lib/ports.nix', ['{ lib, ... }:', '{', '  web = 3000;', '  api = web + 1;', '}']);
    expect(withMistake.declined).toBeUndefined();
    expect(withMistake.bindings.map(brief)).toEqual(['web 3000/tcp @3:9']);
    expect(problems(withMistake)).toEqual(['error 4:9 port registry: api is not a port number literal; entry skipped']);
    expect(read('lib/ports.nix', ['{ config, ... }:', '{ imports = [ ./a.nix ]; networking.firewall.allowedTCPPorts = [ 80 ]; }']).declined).toBe(true);
    expect(read('lib/ports.nix', ['[ 1 2 ]']).declined).toBe(true);
  });
});

describe('seed 001 lib/ports.nix', () => {
  it('reads category -> service -> port, camelCase keys as kebab-case services, each at its integer literal', () => {
    const result = extractNixRegistry({ path: 'lib/ports.nix', text: fixture('seed001/lib/ports.nix') });
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'infrastructure/ssh 22/tcp @4:11',
      'infrastructure/tailscale 41641/tcp @5:17',
      'infrastructure/node-exporter 9100/tcp @6:20',
      'infrastructure/promtail 9080/tcp @7:16',
      'databases/redis 6379/tcp @11:13',
      'databases/postgresql 5432/tcp @12:18',
      'databases/temporal 7233/tcp @13:16',
      'development/api 3000/tcp @17:11',
      'development/web 3001/tcp @18:11',
      'development/temporal-ui 8233/tcp @19:18',
      'development/storybook 6006/tcp @20:17',
      'otel/grpc 4317/tcp @24:12',
      'otel/http 4318/tcp @25:12',
      'otel/jaeger-ui 16686/tcp @26:16',
      'storage/minio 9000/tcp @30:13',
      'storage/minio-console 9001/tcp @31:20',
    ]);
    expect(result.bindings[0]).toEqual({
      service: 'ssh',
      port: 22,
      endPort: 22,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'registry',
      format: 'registry-nix',
      file: 'lib/ports.nix',
      line: 4,
      column: 11,
      category: 'infrastructure',
    });
    expect(result.registry).toEqual({
      categories: [
        { name: 'infrastructure', file: 'lib/ports.nix', line: 3, column: 3 },
        { name: 'databases', file: 'lib/ports.nix', line: 10, column: 3 },
        { name: 'development', file: 'lib/ports.nix', line: 16, column: 3 },
        { name: 'otel', file: 'lib/ports.nix', line: 23, column: 3 },
        { name: 'storage', file: 'lib/ports.nix', line: 29, column: 3 },
      ],
      reserved: [],
    });
  });

  it('reads the "add to registry" snippet, whose comment stands where entries were', () => {
    const result = extractNixRegistry({ path: 'lib/ports.nix', text: fixture('seed001/lib/new-category.nix') });
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual(['newCategory/new-service 8080/tcp @6:18']);
  });
});

describe('other registry shapes', () => {
  it('reads a flat registry with hyphenated and quoted keys, dotted paths, rec, comments and a function header', () => {
    const result = read('lib/ports.nix', [
      '{ lib, ... }:', //                                    1
      'rec {', //                                            2
      '  pocket-id = 8080; # the identity provider', //     3
      '  "who-am-i" = 9997;', //                            4
      '  /* block comment = 1; */', //                      5
      '  databases.redis = 6379;', //                       6
      '  "monitoring".grafana = 3002;', //                  7
      '  dns = { port = 53; protocol = "udp"; description = "resolver"; };', // 8
      '}', //                                                9
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'pocket-id 8080/tcp @3:15',
      'who-am-i 9997/tcp @4:16',
      'databases/redis 6379/tcp @6:21',
      'monitoring/grafana 3002/tcp @7:26',
      'dns 53/udp @8:18',
    ]);
  });

  it('reads category -> service -> named port, and a list as several ports of one service', () => {
    const result = read('lib/ports.nix', [
      'let', //                                                        1
      '  base = 6000;', //                                             2
      'in {', //                                                       3
      '  microcosm.constellation = { http = 6789; metrics = 8765; };', // 4
      '  web.vite = [ 5173 5174 ];', //                                5
      '}', //                                                          6
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'microcosm/constellation#http 6789/tcp @4:38',
      'microcosm/constellation#metrics 8765/tcp @4:54',
      'web/vite 5173/tcp @5:16',
      'web/vite 5174/tcp @5:21',
    ]);
  });

  it('gives a diagnostic at each value that is no port literal, and keeps the other entries', () => {
    const result = read('lib/ports.nix', [
      'rec {', //                                  1
      '  api = 70000;', //                         2
      '  web = "3001";', //                        3
      '  minio = 9000;', //                        4
      '  minioConsole = minio + 1;', //            5
      '  zero = 0;', //                            6
      '  neg = -1;', //                            7
      '  a.b.c.d = 1;', //                         8
      '  note = "free text is documentation";', // 9
      '}', //                                      10
    ]);
    expect(result.bindings.map(brief)).toEqual(['minio 9000/tcp @4:11']);
    expect(problems(result)).toEqual([
      'error 2:9 port registry: api = 70000 is not a port (1-65535)',
      'error 3:9 port registry: web is not a port number literal; entry skipped',
      'error 5:18 port registry: minioConsole is not a port number literal; entry skipped',
      'error 6:10 port registry: zero = 0 is not a port (1-65535)',
      'error 7:9 port registry: neg is not a port number literal; entry skipped',
      'error 8:13 port registry: a.b.c.d is nested deeper than category.service.port-name; entry skipped',
    ]);
  });

  it('says so when the file is not an attribute set, and reports syntax errors beside what it recovered', () => {
    expect(problems(read('lib/ports.nix', ['[ 1 2 ]']))).toEqual(['error 1:1 port registry: expected an attribute set of ports']);
    const broken = read('lib/ports.nix', ['{', '  api = 3000;', '  web = ;', '  db = 5432;', '}']);
    expect(broken.bindings.map(brief)).toEqual(['api 3000/tcp @2:9', 'db 5432/tcp @4:8']);
    // tree-sitter puts the name it had to invent right after the `=`.
    expect(problems(broken)).toEqual(['error 3:8 Nix syntax error: expected a name', 'error 3:8 port registry: web is not a port number literal; entry skipped']);
  });
});

describe('fuzz regressions', () => {
  const nameless = (name: string) => `port registry: service ${JSON.stringify(name)} has no letter or digit, so it names no service: its ports are not checked`;

  it('registers no entry whose service has no letter or digit (`_`, `""`, a missing name), and says so once at the name', () => {
    const result = read('lib/ports.nix', [
      '{', //                                                  1
      '  _ = 3000;', //                                        2
      '  "" = 3001;', //                                       3
      '  apps = { _ = { http = 3003; grpc = 3004; }; };', //   4
      '  web = 3005;', //                                      5
      '}', //                                                  6
    ]);
    expect(result.bindings.map(brief)).toEqual(['web 3005/tcp @5:9']);
    expect(problems(result)).toEqual([`error 2:3 ${nameless('_')}`, `error 3:3 ${nameless('')}`, `error 4:12 ${nameless('_')}`]);
    const missing = read('lib/ports.nix', ['{', '   = 3002;', '}']);
    expect(missing.bindings).toEqual([]);
    expect(problems(missing)).toEqual(['error 1:2 Nix syntax error: expected a name', `error 2:4 ${nameless('')}`]);
  });

  it('reads no port from a number a syntax error runs into (`[ 5173\\5174 ]`: tree-sitter reads 5173, an escape `\\5` and 174)', () => {
    const result = read('lib/ports.nix', ['{', '  web.vite = [ 5173\\5174 ];', '  web.api = [ 3000 3001 ];', '}']);
    expect(result.bindings.map(brief)).toEqual(['web/api 3000/tcp @3:15', 'web/api 3001/tcp @3:20']);
    expect(problems(result)).toEqual([
      'error 2:20 Nix syntax error near `\\5`',
      'error 2:16 port registry: web.vite: the number 5173 runs into a syntax error; entry skipped',
      'error 2:22 port registry: web.vite: the number 174 runs into a syntax error; entry skipped',
    ]);
  });

  it('places a category whose name is missing at its `=`, not past the end of the line before it', () => {
    const result = read('lib/ports.nix', ['{', '   = { web = 3000; };', '}']);
    expect(result.bindings.map(brief)).toEqual(['/web 3000/tcp @2:14']);
    expect(result.registry?.categories).toEqual([{ name: '', file: 'lib/ports.nix', line: 2, column: 4 }]);
  });
});
