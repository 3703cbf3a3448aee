// Issue 11, items 3 and 4, through the pipeline: what a fleet's NixOS configurations say that
// is no listener, and the registries in the shapes fleets keep them. Which machine each claim
// runs on is the topology's (see __tests__/topology); these read what the files say.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { Binding } from '../../src/model/types.js';
import { at, check, disposeScenarios, ids, only, placesOf } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const fleet = (path: string): string => readFileSync(new URL(`../extract/nix/fixtures/fleet/${path}`, import.meta.url), 'utf8');

/** `category/service port[-end]/protocol @ file:line:column` of each registry entry, sorted. */
function entriesOf(bindings: readonly Binding[]): string[] {
  return bindings
    .filter((binding) => binding.kind === 'registry')
    .map((binding) => `${binding.category === undefined ? '' : `${binding.category}/`}${binding.service} ${binding.port === binding.endPort ? binding.port : `${binding.port}-${binding.endPort}`}/${binding.protocol} @ ${at(binding)}`)
    .sort();
}

const PORTS_MD = lines('| Port | Service |', '|---|---|', '| 22 | ssh |', '| 80/443 | nginx |', '| 25 / 587 | postfix |', '| 3000 | grafana |', '| 9000-9010 | workers |');

describe('not listeners', () => {
  const HOST = [
    '{ config, ... }:', //                                                                                      1
    '{', //                                                                                                     2
    '  networking.firewall.allowedTCPPorts = [ 22 80 443 25 587 3100 ];', //                                    3
    '  networking.firewall.interfaces.wg0.allowedUDPPorts = [ 51820 ];', //                                     4
    '  services.nebula.networks.mesh.firewall.inbound = [ { port = 3000; proto = "tcp"; host = "any"; } ];', // 5
    '  services.fluent-bit.settings.outputs.loki.port = 3100;', //                                             6
    '  services.telegraf.extraConfig.outputs.influxdb.port = 8086;', //                                        7
    '  services.jellyfin.settings.ExternalPort = 443;', //                                                     8
    '  services.gitlab = { enable = true; port = 443; https = true; };', //                                    9
    '  services.nginx.defaultHTTPListenPort = 80;', //                                                        10
    '  services.grafana.settings.server.http_port = 3000;', //                                                11
  ];

  it('firewall openings and rules, a log shipper\'s and a metrics client\'s outputs and a public port are no claims: nothing collides with the registry', async () => {
    const { json } = await check({ 'PORTS.md': PORTS_MD, 'hosts/alpha/configuration.nix': lines(...HOST, '}') });
    expect(json.bindings.filter((binding) => binding.kind !== 'registry').map((binding) => `${binding.service} ${binding.port} @ ${at(binding)}`)).toEqual([
      'nginx 80 @ hosts/alpha/configuration.nix:10:42',
      'grafana 3000 @ hosts/alpha/configuration.nix:11:48',
    ]);
    expect(json.conflicts).toEqual([]);
    expect(json.diagnostics).toEqual([]);
  });

  it('a service that does listen on a port the registry gives another is still a registry-conflict, at its literal and at the cell\'s own digits', async () => {
    const { json } = await check({ 'PORTS.md': PORTS_MD, 'hosts/alpha/configuration.nix': lines(...HOST, '  services.app.port = 587;', '}') });
    // On the machine alpha, whose folder holds the configuration.
    expect(ids(json)).toEqual(['registry-conflict:alpha:tcp:587']);
    expect(placesOf(only(json, 'registry-conflict'))).toEqual(['app@hosts/alpha/configuration.nix:12:23', 'postfix@PORTS.md:5:8']);
  });
});

describe('registries in the shapes fleets keep them', () => {
  it('a PORTS.md cell with several ports or a range gives each, at its own digits', async () => {
    const { report } = await check({ 'PORTS.md': PORTS_MD });
    expect(entriesOf(report.bindings)).toEqual([
      'grafana 3000/tcp @ PORTS.md:6:3',
      'nginx 443/tcp @ PORTS.md:4:6',
      'nginx 80/tcp @ PORTS.md:4:3',
      'postfix 25/tcp @ PORTS.md:5:3',
      'postfix 587/tcp @ PORTS.md:5:8',
      'ssh 22/tcp @ PORTS.md:3:3',
      'workers 9000-9010/tcp @ PORTS.md:7:3',
    ]);
    expect(report.diagnostics).toEqual([]);
  });

  it("a PORTS.md section per machine, and a Nix registry keyed by machine, give each entry its machine's name as its category", async () => {
    const { report } = await check({
      'docs/PORTS.md': lines('| Port | Service |', '|---|---|', '| 22 | ssh |', '', '## alpha', '', '| Port | Service |', '|---|---|', '| 3000 | grafana |'),
      'lib/ports.nix': fleet('lib/ports.nix'),
    });
    expect(report.diagnostics).toEqual([]);
    expect(entriesOf(report.bindings)).toEqual([
      'alpha/grafana 3000/tcp @ docs/PORTS.md:9:3',
      'alpha/grafana 3000/tcp @ lib/ports.nix:9:15',
      'alpha/kdeconnect 1714-1764/udp @ lib/ports.nix:11:27',
      'alpha/loki 3100/tcp @ lib/ports.nix:10:12',
      'beta/grafana 3000/tcp @ lib/ports.nix:15:15',
      'beta/minio 9000/tcp @ lib/ports.nix:16:15',
      'beta/minio 9001/tcp @ lib/ports.nix:16:20',
      'shared/node-exporter 9100/tcp @ lib/ports.nix:5:20',
      'shared/ssh 22/tcp @ lib/ports.nix:4:11',
      'ssh 22/tcp @ docs/PORTS.md:3:3',
    ]);
  });

  it("entries under two machines' sections share a port without a duplicate; a machine's listener on its own registered port is none either", async () => {
    const hosts = { 'hosts/alpha/default.nix': lines('{', '  services.grafana.settings.server.http_port = 3000;', '}'), 'hosts/beta/default.nix': lines('{', '  services.loki.configuration.server.http_listen_port = 3000;', '}') };
    const nix = await check({ ...hosts, 'lib/ports.nix': lines('{', '  alpha = { grafana = 3000; };', '  beta = { loki = 3000; };', '}') });
    expect(ids(nix.json)).toEqual([]);
    const markdown = await check({ ...hosts, 'PORTS.md': lines('## alpha', '', '| Port | Service |', '|---|---|', '| 3000/3001 | grafana |', '', '## beta', '', '| Port | Service |', '|---|---|', '| 3000 | loki |') });
    expect(ids(markdown.json)).toEqual([]);
    // Without sections, one registry for both machines gives 3000 twice.
    const shared = await check({ ...hosts, 'PORTS.md': lines('| Port | Service |', '|---|---|', '| 3000/3001 | grafana |', '| 3000 | loki |') });
    expect(ids(shared.json)).toContain('registry-duplicate:host:tcp:3000');
  });

  it("a port allocator's parameters are no entries, and a file that is a function of its own parameters is no registry", async () => {
    const helpers = await check({ 'lib/ports.nix': lines('{ lib, ... }:', 'rec {', '  minPort = 20000;', '  maxPort = 29999;', '  portFor = name: minPort + 1;', '  grafana = 3000;', '}') });
    expect(entriesOf(helpers.report.bindings)).toEqual(['grafana 3000/tcp @ lib/ports.nix:6:13']);
    expect(helpers.json.diagnostics).toEqual([]);
    const allocator = await check({ 'lib/ports.nix': lines('{ basePort ? 20000 }:', '{', '  grafana = basePort;', '  loki = basePort + 1;', '}') });
    expect(allocator.json.bindings).toEqual([]);
    expect(allocator.json.diagnostics).toEqual([]);
  });

  it("a module that declares the registry as an option and the machines that assign to it claim no listener, what a machine assigns is that machine's registry entry; named with --registry, the defaults of the module are entries too", async () => {
    const files = {
      'modules/myorg/ports.nix': fleet('modules/myorg/ports.nix'),
      'hosts/alpha/default.nix': lines('{ ... }:', '{', '  imports = [ ../../modules/myorg/ports.nix ];', '  myorg.ports.grafana = 3000;', '  myorg.ports.loki = 3000;', '}'),
    };
    const unnamed = await check(files);
    expect(unnamed.json.bindings.filter((binding) => binding.kind !== 'registry')).toEqual([]);
    expect(unnamed.json.bindings.map((binding) => `${binding.service} ${binding.port} ${binding.scope} ${binding.file}:${binding.line}`)).toEqual([
      'grafana 3000 alpha hosts/alpha/default.nix:4',
      'loki 3000 alpha hosts/alpha/default.nix:5',
    ]);
    expect(unnamed.json.diagnostics).toEqual([]);
    const named = await check(files, { registry: ['modules/myorg/ports.nix'] });
    expect(entriesOf(named.report.bindings)).toEqual([
      'alertmanager 9093/tcp @ modules/myorg/ports.nix:12:22',
      'grafana 3000/tcp @ hosts/alpha/default.nix:4:25',
      'loki 3000/tcp @ hosts/alpha/default.nix:5:22',
      'prometheus 9090/tcp @ modules/myorg/ports.nix:11:20',
    ]);
    expect(named.json.diagnostics).toEqual([]);
  });
});
