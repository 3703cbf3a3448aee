// DESIGN "The registry": a registry declared as a NixOS option (`options.<team>.ports`), whose
// entries are its default and the values assigned to it, reported by the module reader as
// facts of the file (the topology says whose entries they are).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { nixModuleExtractor } from '../../../src/extract/nix/extractNixModule.js';
import type { Binding, ExtractResult } from '../../../src/model/types.js';
import { brief, extractLines, fixture, problems } from './helpers.js';

beforeAll(async () => {
  await nixModuleExtractor.prepare?.();
});

/** `category/service port[-end] @line:column setting (default)`. */
function entry(binding: Binding): string {
  const category = binding.category === undefined ? '' : `${binding.category}/`;
  const ports = binding.port === binding.endPort ? `${binding.port}` : `${binding.port}-${binding.endPort}`;
  return `${category}${binding.service} ${ports}/${binding.protocol} @${binding.line}:${binding.column} ${binding.setting ?? '-'}${binding.isDefault ? ' (default)' : ''}`;
}

function entries(result: ExtractResult): string[] {
  return (result.facts?.registryAssignments ?? []).map(entry);
}

describe('a registry declared as an option', () => {
  it("reads the option's default and the module's own assignment to it as entries, and claims nothing for them", () => {
    const result = extractLines('modules/myorg/ports.nix', [
      '{ config, lib, ... }:', //                                                            1
      'let', //                                                                              2
      '  values = lib.attrValues config.myorg.ports;', //                                   3
      'in', //                                                                               4
      '{', //                                                                                5
      '  options.myorg.ports = lib.mkOption {', //                                           6
      '    type = with lib.types; attrsOf port;', //                                         7
      '    default = {', //                                                                  8
      '      grafana = 3000;', //                                                            9
      '      kdeconnect = { from = 1714; to = 1764; protocol = "udp"; };', //                10
      '    };', //                                                                          11
      '  };', //                                                                            12
      '  config = {', //                                                                    13
      '    assertions = [ { assertion = values == lib.unique values; message = "ports collide"; } ];', // 14
      '    myorg.ports = { loki = 3100; syncthing = [ 22000 21027 ]; };', //                 15
      '    services.grafana.settings.server.http_port = config.myorg.ports.grafana;', //     16
      '  };', //                                                                            17
      '}', //                                                                               18
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings).toEqual([]);
    expect(entries(result)).toEqual([
      'grafana 3000/tcp @9:17 myorg.ports.grafana (default)',
      'kdeconnect 1714-1764/udp @10:29 myorg.ports.kdeconnect (default)',
      'loki 3100/tcp @15:28 myorg.ports.loki',
      'syncthing 22000/tcp @15:48 myorg.ports.syncthing',
      'syncthing 21027/tcp @15:54 myorg.ports.syncthing',
    ]);
    expect(result.facts?.registryAssignments?.[0]).toMatchObject({ kind: 'registry', format: 'registry-nix', scope: 'host', hostIp: null, file: 'modules/myorg/ports.nix' });
  });

  it('reads `options.ports` at the top and `config.ports` assigned beside it', () => {
    const result = extractLines('nixos/modules/misc/ports.nix', [
      '{ config, lib, ... }:', //                                                  1
      '{', //                                                                      2
      '  options.ports = lib.mkOption { type = with lib.types; attrsOf port; default = { }; };', // 3
      '  config.ports = { http = 80; https = 443; dn42-peer-min = 20000; dn42-peer-max = 23999; };', // 4
      '}', //                                                                      5
    ]);
    expect(entries(result)).toEqual(['http 80/tcp @4:27 ports.http', 'https 443/tcp @4:39 ports.https', 'dn42-peer 20000-23999/tcp @4:60 ports.dn42-peer']);
  });
});

describe('assignments to a registry option in a machine', () => {
  it('reports each literal, through `let`, machine-keyed or as a default; a reference assigns nothing', () => {
    const result = extractLines('hosts/alpha/default.nix', [
      '{ config, lib, ... }:', //                                      1
      'let', //                                                        2
      '  lokiPort = 3200;', //                                         3
      'in', //                                                         4
      '{', //                                                          5
      '  imports = [ ../../modules/myorg/ports.nix ];', //             6
      '  myorg.ports.grafana = 3100;', //                              7
      '  myorg.ports.loki = lokiPort;', //                             8
      '  myorg.ports.alpha.node-exporter = 9100;', //                  9
      '  myorg.ports.tempo = lib.mkDefault 3300;', //                 10
      '  myorg.ports.mimir = config.services.mimir.port;', //         11
      '  services.grafana.enable = true;', //                         12
      '}', //                                                         13
    ]);
    expect(problems(result)).toEqual([]);
    expect(result.bindings.map(brief)).toEqual([]);
    expect(entries(result)).toEqual([
      'grafana 3100/tcp @7:25 myorg.ports.grafana',
      'loki 3200/tcp @3:14 myorg.ports.loki',
      'alpha/node-exporter 9100/tcp @9:37 myorg.ports.alpha.node-exporter',
      'tempo 3300/tcp @10:37 myorg.ports.tempo (default)',
    ]);
  });

  it('a port out of range is no entry but a mistake, said at its literal', () => {
    const result = extractLines('hosts/alpha/default.nix', ['{', '  myorg.ports.grafana = 70000;', '}']);
    expect(entries(result)).toEqual([]);
    expect(problems(result)).toEqual(['error 2:25 port registry: grafana = 70000 is not a port (1-65535)']);
  });
});

describe('not registries', () => {
  it("a service's own `ports`, NixOS's `networking.ports`, a list of ports and a `ports` deeper in a namespace are no registry", () => {
    const result = extractLines('modules/app.nix', [
      '{ lib, ... }:',
      '{',
      '  options.services.app.ports = lib.mkOption { type = lib.types.attrsOf lib.types.port; default = { http = 8080; }; };',
      '  options.myorg.ports = lib.mkOption { type = lib.types.listOf lib.types.port; default = [ 80 443 ]; };',
      '  services.web.ports = { http = 8081; };',
      '  networking.ports.grafana.port = 3000;',
      '  myorg.ci.ports.http = 8082;',
      '  myorg.ports = [ 80 443 ];',
      '}',
    ]);
    expect(result.facts?.registryAssignments).toBeUndefined();
  });
});

describe('the fleet fixture', () => {
  const read = (path: string) => nixModuleExtractor.extract({ path, text: fixture(`fleet/${path}`) }, { rootName: 'fleet', readFile: () => undefined });

  it("gives the registry option's default in the module that declares it, and each machine's assignments in its own file", () => {
    const module = read('modules/myorg/ports.nix');
    expect(problems(module)).toEqual([]);
    expect(module.bindings).toEqual([]);
    expect(entries(module)).toEqual(['prometheus 9090/tcp @11:20 myorg.ports.prometheus (default)', 'alertmanager 9093/tcp @12:22 myorg.ports.alertmanager (default)']);
    expect(entries(read('hosts/alpha/default.nix'))).toEqual(['grafana 3000/tcp @8:25 myorg.ports.grafana', 'loki 3100/tcp @3:14 myorg.ports.loki']);
    expect(entries(read('hosts/beta/default.nix'))).toEqual(['beta/grafana 3000/tcp @5:30 myorg.ports.beta.grafana', 'minio 9000/tcp @6:37 myorg.ports.minio (default)']);
  });

  it('claims only what listens: no firewall opening or rule, no collector, no public port', () => {
    expect(read('hosts/alpha/default.nix').bindings.map(brief)).toEqual([
      'nebula-networks-mesh *:4242/tcp @17:19 nebula.networks.mesh.listen.port',
      'fluent-bit *:2020/tcp @35:34 fluent-bit.settings.service.http_port',
    ]);
    expect(read('hosts/beta/default.nix').bindings.map(brief)).toEqual(['telegraf 127.0.0.1:9273/tcp @11:63 telegraf.extraConfig.outputs.prometheus_client.listen']);
  });
});
