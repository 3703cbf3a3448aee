// DESIGN "What counts as a binding": firewall openings, rules and settings that name where
// another program listens, or the public port of a URL, are no claims. Each case beside the
// nearest setting that is one, so that a rule too broad fails as surely as one too narrow.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { nixModuleExtractor } from '../../../src/extract/nix/extractNixModule.js';
import { brief, extractLines, problems } from './helpers.js';

beforeAll(async () => {
  await nixModuleExtractor.prepare?.();
});

function claims(path: string, lines: readonly string[]): string[] {
  const result = extractLines(path, lines);
  expect(problems(result)).toEqual([]);
  return result.bindings.map(brief);
}

describe('firewall openings and rules', () => {
  it('`networking.firewall` ports, ranges and per-interface ports open ports; the services that listen are the claims', () => {
    expect(
      claims('hosts/alpha/configuration.nix', [
        '{', //                                                                                    1
        '  networking.firewall.allowedTCPPorts = [ 22 80 443 ];', //                               2
        '  networking.firewall.allowedUDPPorts = [ 41641 ];', //                                   3
        '  networking.firewall.allowedTCPPortRanges = [ { from = 1714; to = 1764; } ];', //         4
        '  networking.firewall.allowedUDPPortRanges = [ { from = 60000; to = 61000; } ];', //       5
        '  networking.firewall.interfaces.wg0.allowedTCPPorts = [ 9100 ];', //                     6
        '  networking.firewall.interfaces."tailscale0".allowedUDPPorts = [ 5353 ];', //            7
        '  networking.firewall = { enable = true; allowedTCPPorts = [ 8080 ]; };', //              8
        '  services.nginx.defaultHTTPListenPort = 80;', //                                         9
        '}', //                                                                                   10
      ]),
    ).toEqual(['nginx *:80/tcp @9:42 nginx.defaultHTTPListenPort']);
  });

  it("nebula's `firewall.inbound`/`outbound` rules, ports as numbers, strings or ranges, say who may reach a port; `listen.port` is nebula's own", () => {
    expect(
      claims('hosts/alpha/nebula.nix', [
        '{', //                                                                           1
        '  services.nebula.networks.mesh = {', //                                          2
        '    enable = true;', //                                                           3
        '    listen.port = 4242;', //                                                      4
        '    firewall.inbound = [', //                                                     5
        '      { port = 22; proto = "tcp"; host = "any"; }', //                            6
        '      { port = "443"; proto = "tcp"; group = "server"; }', //                     7
        '      { port = "8000-8100"; proto = "any"; host = "any"; }', //                   8
        '    ];', //                                                                       9
        '    firewall.outbound = [ { port = "any"; proto = "any"; host = "any"; } ];', // 10
        '  };', //                                                                        11
        '  services.myorg.mesh.firewall.allowedPort = 7777;', //                          12
        '}', //                                                                           13
      ]),
    ).toEqual(['nebula-networks-mesh *:4242/tcp @4:19 nebula.networks.mesh.listen.port']);
  });
});

describe('where a service sends what it collects', () => {
  it("a log shipper's outputs and sinks name the collector's port; its own HTTP server, and an output that serves, are its claims", () => {
    expect(
      claims('hosts/alpha/logs.nix', [
        '{', //                                                                                       1
        '  services.fluent-bit.settings = {', //                                                      2
        '    service.http_port = 2020;', //                                                           3
        '    pipeline.outputs = [ { name = "loki"; host = "10.0.0.9"; port = 3100; } ];', //          4
        '    outputs.loki.port = 3101;', //                                                           5
        '  };', //                                                                                    6
        '  services.vector.settings.sinks = {', //                                                    7
        '    syslog = { type = "socket"; address = "10.0.0.9:5140"; };', //                           8
        '    metrics = { type = "prometheus_exporter"; address = "0.0.0.0:9598"; };', //              9
        '  };', //                                                                                   10
        '  services.telegraf.extraConfig.outputs = {', //                                            11
        '    influxdb = { urls = [ "http://10.0.0.9:8086" ]; };', //                                 12
        '    prometheus_client.listen = "127.0.0.1:9273";', //                                       13
        '  };', //                                                                                   14
        '  services.promtail.configuration = {', //                                                  15
        '    server.http_listen_port = 9080;', //                                                    16
        '    clients = [ { url = "http://10.0.0.9:3100/loki/api/v1/push"; port = 3100; } ];', //     17
        '  };', //                                                                                   18
        '}', //                                                                                      19
      ]),
    ).toEqual([
      'fluent-bit *:2020/tcp @3:25 fluent-bit.settings.service.http_port',
      'vector 0.0.0.0:9598/tcp @9:66 vector.settings.sinks.metrics.address',
      'telegraf 127.0.0.1:9273/tcp @13:43 telegraf.extraConfig.outputs.prometheus_client.listen',
      'promtail *:9080/tcp @16:31 promtail.configuration.server.http_listen_port',
    ]);
  });

  it("a module's option for its collector's port (`output.loki.port`, a typed port) is no default claim; its HTTP server's is", () => {
    expect(
      claims('modules/fluentbit.nix', [
        '{ config, lib, ... }:', //                                                                           1
        'let cfg = config.host.service.fluentbit; in', //                                                     2
        '{', //                                                                                               3
        '  options.host.service.fluentbit = {', //                                                            4
        '    enable = lib.mkEnableOption "fluent-bit";', //                                                   5
        '    httpserver.listenPort = lib.mkOption { type = lib.types.port; default = 2020; };', //            6
        '    output.loki.port = lib.mkOption { type = lib.types.port; default = 3100; };', //                 7
        '    output.forward.port = lib.mkOption { type = lib.types.port; default = 24224; };', //             8
        '    input.forward.port = lib.mkOption { type = lib.types.port; default = 24225; };', //              9
        '  };', //                                                                                           10
        '}', //                                                                                              11
      ]),
    ).toEqual([
      'host-service-fluentbit *:2020/tcp @6:77 host.service.fluentbit.httpserver.listenPort (default)',
      'host-service-fluentbit *:24225/tcp @9:74 host.service.fluentbit.input.forward.port (default)',
    ]);
  });

  it("a metrics client's `influxdb.port` and a DNS updater's `dns-servers` name other programs; a listener named after them is still one", () => {
    expect(
      claims('hosts/alpha/clients.nix', [
        '{', //                                                                                                 1
        '  services.scrutiny.settings.web.influxdb = { host = "10.0.0.9"; port = 8086; };', //                  2
        '  services.scrutiny.settings.web.listen.port = 8080;', //                                              3
        '  services.dyndns.settings.dns-servers = [ { address = "1.1.1.1"; port = 53; } ];', //                 4
        '  services.dyndns.settings.dnsServerPort = 5353;', //                                                  5
        '  services.adguardhome.settings.dns.port = 53;', //                                                    6
        '  services.telegraf.extraConfig.inputs.influxdb_listener.service_address = ":8186";', //              7
        '  services.agent.settings.nameservers = [ { port = 853; } ];', //                                      8
        '}', //                                                                                                 9
      ]),
    ).toEqual([
      'scrutiny *:8080/tcp @3:48 scrutiny.settings.web.listen.port',
      'adguardhome *:53/tcp @6:44 adguardhome.settings.dns.port',
      'telegraf *:8186/tcp @7:78 telegraf.extraConfig.inputs.influxdb_listener.service_address',
    ]);
  });

  it("an agent's `masterRpcPort` is where its master listens; the master's own ports are its claims", () => {
    const agent = claims('modules/panel/client.nix', [
      '{ lib, ... }:', //                                                                      1
      '{', //                                                                                  2
      '  options.services.panel.client = {', //                                                3
      '    enable = lib.mkEnableOption "panel client";', //                                    4
      '    masterRpcPort = lib.mkOption { type = lib.types.port; default = 15000; };', //       5
      '    statusPort = lib.mkOption { type = lib.types.port; default = 15100; };', //          6
      '  };', //                                                                               7
      '}', //                                                                                  8
    ]);
    expect(agent).toEqual(['panel-client *:15100/tcp @6:66 panel.client.statusPort (default)']);
    const master = claims('modules/panel/master.nix', [
      '{ lib, ... }:',
      '{',
      '  options.services.panel.master = {',
      '    enable = lib.mkEnableOption "panel master";',
      '    rpcPort = lib.mkOption { type = lib.types.port; default = 15000; };',
      '  };',
      '}',
    ]);
    expect(master).toEqual(['panel-master *:15000/tcp @5:63 panel.master.rpcPort (default)']);
  });

  it("a port written beside another machine's `server` is that machine's; beside a bind address it is the service's own", () => {
    expect(
      claims('hosts/alpha/publisher.nix', [
        '{', //                                                                                          1
        '  services.publisher.nodes = [', //                                                              2
        '    { name = "eu"; server = "nue0.example.org"; port = 8555; }', //                              3
        '    { name = "asia"; server = "tyo0.example.org:8555"; port = 8556; }', //                       4
        '  ];', //                                                                                        5
        '  services.publisher.settings = { server = "127.0.0.1"; port = 8557; };', //                     6
        '  services.relay = { host = "0.0.0.0"; port = 8558; };', //                                      7
        '  services.relay.upstream = { server = "10.0.0.9"; port = 8559; };', //                          8
        '  services.agent.listenAddress = "db.example.org:5432";', //                                     9
        '  services.agent.metricsAddress = "10.0.0.5:9464";', //                                         10
        '}', //                                                                                          11
      ]),
    ).toEqual([
      'publisher *:8557/tcp @6:64 publisher.settings.port',
      'relay *:8558/tcp @7:47 relay.port',
      'agent 10.0.0.5:9464/tcp @10:45 agent.metricsAddress',
    ]);
  });
});

describe('the public port of an app behind a proxy', () => {
  it('`ExternalPort`, `publicPort`, the port in a URL and GitLab\'s `port` go into links; the ports the apps bind are their claims', () => {
    expect(
      claims('hosts/alpha/apps.nix', [
        '{', //                                                                                            1
        '  services.gitlab = { enable = true; host = "git.example.org"; port = 443; https = true; };', //   2
        '  services.gitlab.extraConfig.gitlab.port = 443;', //                                             3
        '  services.forgejo.settings.server.ROOT_URL = "https://git.example.org:3443/";', //               4
        '  services.forgejo.settings.server.HTTP_PORT = 3000;', //                                         5
        '  services.grafana.settings.server = { root_url = "https://0.0.0.0:3443/"; http_port = 3001; };', // 6
        '  services.jellyfin.settings.ExternalPort = 8920;', //                                            7
        '  services.jellyfin.settings.InternalPort = 8096;', //                                            8
        '  services.app.publicPort = 80;', //                                                              9
        '  services.app.externalUrl = "http://0.0.0.0:8081";', //                                         10
        '  services.app.baseUrl.port = 8082;', //                                                         11
        '  services.app.port = 8083;', //                                                                 12
        '  services.peertube = { listenWeb = 443; listenHttp = 9000; };', //                              13
        '}', //                                                                                           14
      ]),
    ).toEqual([
      'forgejo *:3000/tcp @5:48 forgejo.settings.server.HTTP_PORT',
      'grafana *:3001/tcp @6:88 grafana.settings.server.http_port',
      'jellyfin *:8096/tcp @8:45 jellyfin.settings.InternalPort',
      'app *:8083/tcp @12:23 app.port',
      'peertube *:9000/tcp @13:55 peertube.listenHttp',
    ]);
  });
});

describe('where a service dials, in its own words', () => {
  it("zrepl's `connect` is where a job dials and Tor's onion map the virtual port of an onion service; zrepl's `serve` and Tor's own ports are claims", () => {
    expect(
      claims('hosts/alpha/backup.nix', [
        '{', //                                                                                                           1
        '  services.zrepl.settings.jobs = [ { connect = { host = "backup.example.net"; port = 22; }; } ];', //            2
        '  services.zrepl.settings.global.monitoring = [ { listen = ":9811"; } ];', //                                   3
        '  services.tor.relay.onionServices."ssh".map = [ { port = 22; } ];', //                                        4
        '  services.tor.settings.ControlPort = 9051;', //                                                                5
        '}', //                                                                                                          6
      ]),
    ).toEqual(['zrepl *:9811/tcp @3:62 zrepl.settings.global.monitoring.listen', 'tor *:9051/tcp @5:39 tor.settings.ControlPort']);
  });

  it('an option whose description puts its port on another machine declares no listener; one documented as listening, even for remote connections, does', () => {
    expect(
      claims('modules/backup.nix', [
        '{ lib, ... }:', //                                                                                                         1
        '{', //                                                                                                                     2
        '  options.services.backup = {', //                                                                                         3
        '    host = lib.mkOption { type = lib.types.str; };', //                                                                     4
        "    port = lib.mkOption { type = lib.types.port; default = 22; description = ''Port of the SSH remote host.''; };", //     5
        '    relayPort = lib.mkOption { type = lib.types.port; default = 2200; description = lib.mdDoc "The port to connect to."; };', // 6
        '    statusPort = lib.mkOption { type = lib.types.port; default = 9400; description = "Port to listen on for remote connections."; };', // 7
        '  };', //                                                                                                                   8
        '}', //                                                                                                                      9
      ]),
    ).toEqual(['backup *:9400/tcp @7:66 backup.statusPort (default)']);
  });
});
