import { beforeAll, describe, expect, it } from '@jest/globals';
import { isNixModulePath, mayClaimPorts, nixModuleExtractor } from '../../../src/extract/nix/extractNixModule.js';
import { brief, extractLines, problems } from './helpers.js';

beforeAll(async () => {
  await nixModuleExtractor.prepare?.();
});

describe('which files', () => {
  it('reads every .nix file (those that the registry reader declines), and parses only those that mention a port, listener, address or command', () => {
    // The registry's reader comes first in the catalogue: a `ports.nix` it declines is a module.
    expect(['hosts/a/configuration.nix', 'modules/x.nix', 'hosts/a/ports.nix', 'lib/ports.nix'].map(isNixModulePath)).toEqual([true, true, true, true]);
    expect(['x.nix.orig', 'default.nixx'].map(isNixModulePath)).toEqual([false, false]);
    expect(mayClaimPorts('{ pkgs }: pkgs.callPackage ./x.nix { inherit (pkgs) support; } // import ./export.nix')).toBe(false);
    expect(['services.x.port = 1;', 'http_port = 1;', 'listenAddress = "";', 'environment.PORT = "1";', 'ExecStart = "";'].map(mayClaimPorts)).toEqual([true, true, true, true, true]);
    expect(extractLines('pkgs/x.nix', ['{ stdenv }: stdenv.mkDerivation { version = "8080"; }'])).toEqual({ bindings: [], diagnostics: [] });
  });
});

describe('settings of NixOS services', () => {
  it('reads `services.<name>.port`, nested sets, mkForce/mkDefault/mkIf/mkMerge and `let` names, at each literal', () => {
    const result = extractLines('hosts/alpha/configuration.nix', [
      '{ config, lib, ... }:', //                                                          1
      'let', //                                                                            2
      '  apiPort = 8080;', //                                                              3
      'in', //                                                                             4
      '{', //                                                                              5
      '  services.signoz.port = 8080;', //                                                 6
      '  services.web = {', //                                                             7
      '    enable = true;', //                                                             8
      '    port = lib.mkForce 3001;', //                                                   9
      '    metricsPort = lib.mkDefault 9464;', //                                         10
      '  };', //                                                                          11
      '  services.grafana = lib.mkIf true {', //                                          12
      '    settings.server.http_port = 3000;', //                                         13
      '    settings.server.http_addr = "0.0.0.0";', //                                    14
      '  };', //                                                                          15
      '  services.home = lib.mkMerge [ { port = apiPort; } { bind = "[::]:8443"; } ];', // 16
      '  services.dnsmasq.settings.udpPort = 5353;', //                                   17
      '}', //                                                                             18
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'home *:8080/tcp @3:13 home.port',
      'signoz *:8080/tcp @6:26 signoz.port',
      'web *:3001/tcp @9:24 web.port',
      'web *:9464/tcp @10:33 web.metricsPort (default)',
      'grafana *:3000/tcp @13:33 grafana.settings.server.http_port',
      'home :::8443/tcp @16:68 home.bind',
      'dnsmasq *:5353/udp @17:39 dnsmasq.settings.udpPort',
    ]);
  });

  it('names Prometheus exporters as NixOS names their units, and a namespaced service by the set that has `enable`', () => {
    const result = extractLines('hosts/alpha/monitoring.nix', [
      '{', //                                                       1
      '  services.prometheus = {', //                              2
      '    enable = true;', //                                      3
      '    port = 9090;', //                                        4
      '    exporters.node = {', //                                  5
      '      enable = true;', //                                    6
      '      listenAddress = "127.0.0.1";', //                      7
      '      port = 9100;', //                                      8
      '    };', //                                                  9
      '  };', //                                                   10
      '  services.blacksky.pds = { enable = true; port = 3000; };', // 11
      '}', //                                                      12
    ]);
    expect(result.bindings.map(brief)).toEqual([
      'prometheus *:9090/tcp @4:12 prometheus.port',
      'prometheus-node-exporter *:9100/tcp @8:14 prometheus-node-exporter.port',
      'blacksky-pds *:3000/tcp @11:51 blacksky.pds.port',
    ]);
  });

  it('reads `mkOption { type = types.port; default = N; }` under `options.services.<name>` (through `cfg`) and in a module\'s own namespace', () => {
    const pds = extractLines('modules/pds.nix', [
      '{ config, lib, ... }:', //                                                                1
      'let cfg = config.services.blacksky.pds; in', //                                           2
      '{', //                                                                                    3
      '  options.services.blacksky.pds = {', //                                                  4
      '    enable = lib.mkEnableOption "pds";', //                                               5
      '    port = lib.mkOption { type = lib.types.port; default = 3000; };', //                  6
      '    metrics.enable = lib.mkEnableOption "metrics";', //                                   7
      '    metrics.port = lib.mkOption { type = lib.types.nullOr lib.types.port; default = 9464; };', // 8
      '    cacheSize = lib.mkOption { type = lib.types.int; default = 100; };', //               9
      '  };', //                                                                                10
      '}', //                                                                                   11
    ]);
    expect(pds.bindings.map(brief)).toEqual([
      'blacksky-pds *:3000/tcp @6:60 blacksky.pds.port (default)',
      'blacksky-pds *:9464/tcp @8:85 blacksky.pds.metrics.port (default)',
    ]);
    const firehose = extractLines('modules/firehose.nix', [
      '{ config, lib, pkgs, ... }:', //                                                    1
      'with lib;', //                                                                      2
      '{', //                                                                              3
      '  options.blacksky.firehose = {', //                                                4
      '    enable = mkEnableOption "firehose";', //                                        5
      '    port = mkOption { type = types.port; default = 8003; };', //                    6
      '    endpoint = mkOption { type = types.str; default = "127.0.0.1:7000"; };', //     7
      '    relay = mkOption { type = types.str; default = "127.0.0.1:7001"; };', //        8
      '  };', //                                                                           9
      '  config = mkIf config.blacksky.firehose.enable {', //                             10
      '    systemd.services.blacksky-firehose.serviceConfig.ExecStart = "${pkgs.firehose}/bin/rsky-firehose --port ${toString config.blacksky.firehose.port} --listen ${config.blacksky.firehose.endpoint} --relay ${config.blacksky.firehose.relay}";', // 11
      '  };', //                                                                          12
      '}', //                                                                             13
    ]);
    expect(firehose.bindings.map(brief)).toEqual([
      'blacksky-firehose *:8003/tcp @6:52 blacksky.firehose.port (default)',
      // Named neither bind nor listen, but passed to `--listen`: the option's default is a listener.
      'blacksky-firehose 127.0.0.1:7000/tcp @7:66 blacksky.firehose.endpoint (default)',
    ]);
  });

  it('reads string binds by the setting\'s name, or wherever the address is a wildcard', () => {
    const result = extractLines('modules/app.nix', [
      '{ lib, ... }:', //                                                                          1
      '{', //                                                                                      2
      '  options.services.app = {', //                                                             3
      '    listenAddress = lib.mkOption { type = lib.types.str; default = "127.0.0.1:9100"; };', //  4
      '    api = lib.mkOption { type = lib.types.str; default = "0.0.0.0:6789"; };', //               5
      '    cdn_endpoint = lib.mkOption { type = lib.types.str; default = "127.0.0.1:8081"; };', //    6
      '    proxyAddr = lib.mkOption { type = lib.types.str; default = "http://127.0.0.1:8200"; };', // 7
      '  };', //                                                                                    8
      '}', //                                                                                       9
    ]);
    expect(result.bindings.map(brief)).toEqual([
      'app 127.0.0.1:9100/tcp @4:79 app.listenAddress (default)',
      'app 0.0.0.0:6789/tcp @5:67 app.api (default)',
    ]);
  });

  it('reads systemd socket units, environment port variables and ExecStart/script listener flags', () => {
    const result = extractLines('hosts/alpha/api.nix', [
      '{ pkgs, ... }:', //                                                                 1
      '{', //                                                                              2
      '  systemd.sockets.echo.listenStreams = [ "0.0.0.0:7777" ];', //                     3
      '  systemd.sockets.dns.listenDatagrams = [ "53" ];', //                              4
      '  systemd.services.api = {', //                                                     5
      '    environment.PORT = "3000";', //                                                 6
      '    environment.DB_PORT = "5432";', //                                              7
      '    environment.API_METRICS_PORT = toString 9465;', //                              8
      '    serviceConfig.Environment = [ "HTTP_PORT=4000" "REDIS_PORT=6379" ];', //        9
      "    script = ''", //                                                               10
      '      export URL="\'\'${BASE}:9000"', //                                            11
      "      exec ${pkgs.api}/bin/api --port 7000 --metrics-port ''${METRICS_PORT}", //    12
      "    '';", //                                                                       13
      '  };', //                                                                          14
      '}', //                                                                             15
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([
      'echo 0.0.0.0:7777/tcp @3:51 echo.listenStreams',
      'dns *:53/udp @4:44 dns.listenDatagrams',
      'api *:3000/tcp @6:25 PORT',
      'api *:9465/tcp @8:45 API_METRICS_PORT',
      'api *:4000/tcp @9:46 HTTP_PORT',
      'api *:7000/tcp @12:39 --port',
    ]);
    expect(result.bindings[2]).toMatchObject({ variable: 'PORT', setting: 'PORT' });
  });

  it('counts an option once, however often the module passes it on (`--port ${toString cfg.port}`, `environment.PORT`)', () => {
    const result = extractLines('modules/api.nix', [
      '{ config, lib, pkgs, ... }:', //                                                            1
      'let cfg = config.services.api; in', //                                                      2
      '{', //                                                                                      3
      '  options.services.api.port = lib.mkOption { type = lib.types.port; default = 8080; };', // 4
      '  config.systemd.services.api = {', //                                                      5
      '    environment.PORT = toString cfg.port;', //                                              6
      '    serviceConfig.ExecStart = "${pkgs.api}/bin/api --port ${toString cfg.port}";', //       7
      '  };', //                                                                                   8
      '}', //                                                                                      9
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual(['api *:8080/tcp @4:79 api.port (default)']);
  });

  it('gives a command whose unit name is computed, or that a helper places, to the module\'s one service', () => {
    const result = extractLines('modules/relay.nix', [
      '{ config, lib, pkgs, ... }:', //                                                           1
      'let', //                                                                                   2
      '  cfg = config.services.relay;', //                                                        3
      '  helpers = import ../lib/helpers.nix { inherit lib; };', //                               4
      'in', //                                                                                    5
      '{', //                                                                                     6
      '  options.services.relay.enable = lib.mkEnableOption "relay";', //                         7
      '  config = lib.mkIf cfg.enable (lib.mkMerge [', //                                         8
      '    { systemd.services."relay-${cfg.instance}".serviceConfig.ExecStart = "relay --port 2470"; }', // 9
      '    (helpers.mkSystemdService cfg { serviceConfig.ExecStart = "relay-admin --listen :2471"; })', // 10
      '  ]);', //                                                                                11
      '}', //                                                                                    12
    ]);
    expect(result.bindings.map(brief)).toEqual(['relay *:2470/tcp @9:88 --port', 'relay *:2471/tcp @10:86 --listen']);
  });

  it('reads process-compose-flake processes as one stack per environment, with their literal ports', () => {
    const result = extractLines('flake/process-compose.nix', [
      '{ inputs, ... }:', //                                                                   1
      '{', //                                                                                  2
      '  perSystem = { pkgs, ... }: {', //                                                     3
      '    process-compose.dev.settings.processes = {', //                                     4
      '      redis = {', //                                                                    5
      '        command = "${pkgs.redis}/bin/redis-server --port 6379";', //                    6
      '        readiness_probe.exec.command = "${pkgs.redis}/bin/redis-cli -p 6379 ping";', //  7
      '      };', //                                                                           8
      '      api = {', //                                                                      9
      '        command = "bun run dev";', //                                                  10
      '        environment.PORT = "3000";', //                                                11
      '        environment.DATABASE_URL = "postgres://localhost:5432/db";', //                12
      '      };', //                                                                          13
      '    };', //                                                                            14
      '  };', //                                                                              15
      '}', //                                                                                 16
    ]);
    expect(result.bindings.map(brief)).toEqual([
      'redis *:6379/tcp @6:58 --port (stack=process-compose:flake/process-compose.nix#dev)',
      'api *:3000/tcp @11:29 PORT (stack=process-compose:flake/process-compose.nix#dev)',
    ]);
  });
});

describe('not bindings', () => {
  it('registry references in every spelling claim nothing', () => {
    const result = extractLines('hosts/alpha/configuration.nix', [
      '{ config, lib, ... }:',
      'let',
      '  ports = import ../lib/ports.nix;',
      'in',
      '{',
      '  services.postgresql.port = ports.databases.postgresql;',
      '  services.redis.servers.cache.port = (import ./ports.nix).databases.redis;',
      '  services.api.port = lib.my.ports.api;',
      '  services.minio.listenAddress = ":${toString config.ports.storage.minio}";',
      '  systemd.services.api.environment.PORT = toString ports.development.api;',
      '}',
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings).toEqual([]);
  });

  it('firewall ports, scrape targets, client settings, commented-out code and non-port option defaults claim nothing', () => {
    const result = extractLines('hosts/alpha/configuration.nix', [
      '{ lib, ... }:',
      '{',
      '  networking.firewall.allowedTCPPorts = [ 22 80 443 ];',
      '  networking.firewall.allowedUDPPorts = [ 41641 ];',
      '  services.prometheus.scrapeConfigs = [',
      '    { job_name = "node"; static_configs = [ { targets = [ "localhost:9100" "0.0.0.0:9101" ]; } ]; }',
      '  ];',
      '  services.grafana.settings.database.port = 5432;',
      '  services.grafana.settings.analytics.redisPort = 6379;',
      '  services.grafana.settings.smtp.host = "0.0.0.0:25";',
      '  # services.old.port = 1234;',
      '  /* services.older.port = 1235; */',
      '  options.services.cache.size = lib.mkOption { type = lib.types.int; default = 100; };',
      '  options.services.cache.timeout = lib.mkOption { default = 8080; example = 9090; };',
      '}',
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings).toEqual([]);
  });

  it('a number out of range is a warning, not a claim', () => {
    const result = extractLines('hosts/alpha/configuration.nix', ['{', '  services.broken.port = 70000;', '}']);
    expect(result.bindings).toEqual([]);
    expect(problems(result)).toEqual(['warning 2:26 broken.port = 70000 is not a port (1-65535)']);
  });

  it('port = 0 asks for any free port: no claim, and nothing wrong with it', () => {
    const result = extractLines('hosts/alpha/configuration.nix', ['{', '  services.redis.servers.cache.port = 0;', '}']);
    expect(result.bindings).toEqual([]);
    expect(problems(result)).toEqual([]);
  });
});

describe('a malformed file', () => {
  it('gives a diagnostic at each syntax error and still reads the bindings tree-sitter recovered', () => {
    const result = extractLines('hosts/alpha/configuration.nix', [
      '{ config, ... }:', //                        1
      '{', //                                       2
      '  services.a.port = 1111;', //               3
      '  services.b = { port = 2222 };', //         4
      '  services.c.port = 3333;', //               5
      '  services.d = { port = ; x = 1; };', //     6
      '  services.e.port = 5555;', //               7
      '}', //                                       8
    ]);
    expect(problems(result)).toEqual(['error 4:30 Nix syntax error near `}`', 'error 6:24 Nix syntax error: expected a name']);
    expect(result.bindings.map(brief)).toEqual(['a *:1111/tcp @3:21 a.port', 'c *:3333/tcp @5:21 c.port', 'e *:5555/tcp @7:21 e.port']);
  });
});

describe('fuzz regressions: names with no letter or digit', () => {
  const nameless = (what: string) => `${what} has no letter or digit, so it names no service: its ports are not checked`;

  it('claims nothing under `services._` and says so once, at the name, for all its settings', () => {
    expect(problems(extractLines('modules/a.nix', ['{ config, ... }: { services._.port = 8080; }']))).toEqual([`warning 1:29 ${nameless('service "_"')}`]);
    const nested = extractLines('modules/a.nix', [
      '{ config, ... }: {', //               1
      '  services._ = {', //                 2
      '    enable = true;', //               3
      '    port = 8080;', //                 4
      '    settings.http_port = 3000;', //   5
      '  };', //                             6
      '  services.web.port = 80;', //        7
      '}', //                                8
    ]);
    expect(nested.bindings.map(brief)).toEqual(['web *:80/tcp @7:23 web.port']);
    expect(problems(nested)).toEqual([`warning 2:12 ${nameless('service "_"')}`]);
  });

  it('does the same for systemd units and sockets, process-compose processes and option declarations', () => {
    const result = extractLines('modules/a.nix', [
      '{ lib, ... }: {', //                                                                          1
      '  systemd.services."-".serviceConfig.ExecStart = "app --port 8080";', //                      2
      '  systemd.sockets._.listenStreams = [ "0.0.0.0:8081" ];', //                                  3
      '  settings.processes._.command = "app --port 8082";', //                                      4
      '  options.services.__.port = lib.mkOption { type = lib.types.port; default = 8083; };', //   5
      '}', //                                                                                        6
    ]);
    expect(result.bindings).toEqual([]);
    expect(problems(result)).toEqual([
      `warning 5:20 ${nameless('service "__"')}`,
      `warning 2:20 ${nameless('systemd service "-"')}`,
      `warning 3:19 ${nameless('systemd socket "_"')}`,
      `warning 4:22 ${nameless('process "_"')}`,
    ]);
  });

  it('a computed name (`options.${name}`) could be any service: no claim, and nothing to say', () => {
    const result = extractLines('modules/a.nix', [
      '{ lib, name, ... }: {',
      '  options.${name}.enable = lib.mkEnableOption "x";',
      '  options.${name}.port = lib.mkOption { type = lib.types.port; default = 8084; };',
      '}',
    ]);
    expect(result).toEqual({ bindings: [], diagnostics: [] });
  });
});
