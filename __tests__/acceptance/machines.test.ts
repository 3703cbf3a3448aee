// Acceptance cases of "Machines" (DESIGN.md "Where things run"), one per way fleets are laid
// out, through the CLI (in this process: acceptance/cli.ts): claims of different machines
// never meet, a module runs where it is imported and enabled, and a machine's own values
// replace a module's defaults.
import { describe, expect, it } from '@jest/globals';
import { type CliReport, lines, scratchChecks } from './cli.js';

const { check } = scratchChecks();

function verdicts(report: CliReport): string[] {
  return report.json.conflicts.map((conflict) => `${conflict.rule} ${conflict.port} ${conflict.severity} ${conflict.scope} ${conflict.services.join(',')}`);
}

/** Where each claim of a service runs: `machine port file:line`. */
function claimsOf(report: CliReport, service: string): string[] {
  return report.json.bindings.filter((binding) => binding.service === service).map((binding) => `${binding.scope} ${binding.port} ${binding.file}:${binding.line}`);
}

/** A module in the NixOS idiom: an enable option, a port option with a default, a service run under `mkIf cfg.enable`. */
const MODULE = (namespace: string, port: number) =>
  lines(
    '{ config, lib, ... }:',
    `let cfg = config.${namespace}; in`,
    '{',
    `  options.${namespace} = {`,
    '    enable = lib.mkEnableOption "it";',
    `    port = lib.mkOption { type = lib.types.port; default = ${port}; };`,
    '  };',
    '  config = lib.mkIf cfg.enable {',
    `    systemd.services.x.serviceConfig.ExecStart = "x --port \${toString cfg.port}";`,
    '  };',
    '}',
  );

const HOST = (imports: string[], body: string[]) => lines('{ ... }:', '{', `  imports = [ ${imports.join(' ')} ];`, ...body.map((line) => `  ${line}`), '}');

describe('a flake with nixosConfigurations written out', () => {
  const FLAKE = lines(
    '{',
    '  outputs = { self, nixpkgs }: {',
    '    nixosConfigurations = {',
    '      alpha = nixpkgs.lib.nixosSystem { modules = [ ./hosts/alpha ]; };',
    '      beta = nixpkgs.lib.nixosSystem { modules = [ ./hosts/beta/configuration.nix ]; };',
    '    };',
    '  };',
    '}',
  );

  it('one module on two machines is two claims that never meet; a real collision on one machine is found and named by it', async () => {
    const report = await check({
      'flake.nix': FLAKE,
      'modules/search.nix': MODULE('services.search', 7700),
      'hosts/alpha/default.nix': HOST(['../../modules/search.nix'], ['services.search.enable = true;']),
      'hosts/beta/configuration.nix': HOST(['../../modules/search.nix'], ['services.search.enable = true;', 'services.wiki.enable = true;', 'services.wiki.port = 7700;']),
    });
    expect(claimsOf(report, 'search')).toEqual(['alpha 7700 modules/search.nix:6', 'beta 7700 modules/search.nix:6']);
    expect(verdicts(report)).toEqual(['duplicate-port 7700 error beta search,wiki']);
    expect(report.json.conflicts[0]?.message).toMatch(/^7700\/tcp on beta: /);
  });

  it("a machine's own value replaces the module's default there: a literal, a let binding, the team's own namespace", async () => {
    const report = await check({
      'flake.nix': FLAKE,
      'modules/ci.nix': MODULE('acme.ci', 4100),
      'hosts/alpha/default.nix': lines('{ ... }:', 'let ciPort = 4200; in', '{', '  imports = [ ../../modules/ci.nix ];', '  acme.ci.enable = true;', '  acme.ci.port = ciPort;', '}'),
      'hosts/beta/configuration.nix': HOST(['../../modules/ci.nix'], ['acme.ci.enable = true;', 'services.grafana.enable = true;', 'services.grafana.port = 4100;']),
    });
    // On alpha the default 4100 is gone: 4200 is the claim, at its literal in the let.
    expect(claimsOf(report, 'acme-ci')).toEqual(['beta 4100 modules/ci.nix:6', 'alpha 4200 hosts/alpha/default.nix:2']);
    expect(verdicts(report)).toEqual(['duplicate-port 4100 error beta acme-ci,grafana']);
  });

  it('a module a machine imports but does not enable claims nothing there', async () => {
    const report = await check({
      'flake.nix': FLAKE,
      'modules/search.nix': MODULE('services.search', 7700),
      'hosts/alpha/default.nix': HOST(['../../modules/search.nix'], ['services.search.enable = true;']),
      'hosts/beta/configuration.nix': HOST(['../../modules/search.nix'], ['services.wiki.enable = true;', 'services.wiki.port = 7700;']),
    });
    expect(claimsOf(report, 'search')).toEqual(['alpha 7700 modules/search.nix:6']);
    expect(verdicts(report)).toEqual([]);
  });

  it('a value set through the registry replaces the default with the registry entry', async () => {
    const report = await check({
      'flake.nix': FLAKE,
      'lib/ports.nix': lines('{ monitoring = { search = 7800; }; }'),
      'modules/search.nix': MODULE('services.search', 7700),
      'hosts/alpha/default.nix': HOST(['../../modules/search.nix'], ['services.search.enable = true;', 'services.search.port = (import ../../lib/ports.nix).monitoring.search;']),
      'hosts/beta/configuration.nix': HOST([], ['services.wiki.enable = true;', 'services.wiki.port = 7700;']),
    });
    expect(claimsOf(report, 'search')).toEqual(['host 7800 lib/ports.nix:1']);
    // wiki is not in the registry: a warning, not a collision with the default search no longer claims.
    expect(verdicts(report)).toEqual(['unregistered 7700 warning beta wiki']);
  });
});

describe('machines from helpers and conventions', () => {
  it('mapAttrs over readDir ./hosts: every folder of hosts/ is a machine', async () => {
    const report = await check({
      'flake.nix': lines('{', '  outputs = { nixpkgs, ... }: {', '    nixosConfigurations = builtins.mapAttrs (name: _: mkHost name) (builtins.readDir ./hosts);', '  };', '}'),
      'hosts/alpha/default.nix': HOST([], ['services.grafana.enable = true;', 'services.grafana.port = 3000;']),
      'hosts/beta/default.nix': HOST([], ['services.embed.enable = true;', 'services.embed.port = 3000;']),
    });
    expect(verdicts(report)).toEqual([]);
    expect(claimsOf(report, 'grafana')).toEqual(['alpha 3000 hosts/alpha/default.nix:5']);
  });

  it('a colmena hive: each node is a machine, `defaults` imported by all', async () => {
    const report = await check({
      'hive.nix': lines('{', '  meta = { nixpkgs = import <nixpkgs> { }; };', '  defaults = { imports = [ ./common/exporter.nix ]; };', '  alpha = { imports = [ ./nodes/alpha.nix ]; };', '  beta = { imports = [ ./nodes/beta.nix ]; };', '}'),
      'common/exporter.nix': lines('{ ... }:', '{', '  services.prometheus.exporters.node.enable = true;', '  services.prometheus.exporters.node.port = 9100;', '}'),
      'nodes/alpha.nix': HOST([], ['services.loki.enable = true;', 'services.loki.port = 9100;']),
      'nodes/beta.nix': HOST([], ['services.tempo.enable = true;', 'services.tempo.port = 3200;']),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 9100 error alpha loki,prometheus-node-exporter']);
  });

  it('hosts/<name>/ folders without a flake; a compose file in a machine folder runs on that machine', async () => {
    const report = await check({
      'hosts/alpha/configuration.nix': HOST(['./hardware.nix'], ['services.grafana.enable = true;', 'services.grafana.port = 3000;']),
      'hosts/alpha/hardware.nix': lines('{ ... }: { }'),
      'hosts/beta/configuration.nix': HOST([], ['services.embed.enable = true;', 'services.embed.port = 3001;']),
      'hosts/beta/docker-compose.yml': lines('services:', '  web:', '    image: web', '    ports: ["3001:80"]'),
      'hosts/common/default.nix': lines('{ ... }: { time.timeZone = "UTC"; }'),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 3001 error beta embed,web']);
  });

  it("Snowfall's systems/<arch>/<name>/, with every module under modules/nixos/ imported by every system", async () => {
    const report = await check({
      'systems/x86_64-linux/alpha/default.nix': HOST([], ['acme.exporter.enable = true;', 'services.loki.enable = true;', 'services.loki.port = 9200;']),
      'systems/x86_64-linux/beta/default.nix': HOST([], ['services.tempo.enable = true;', 'services.tempo.port = 9200;']),
      'modules/nixos/exporter/default.nix': MODULE('acme.exporter', 9200),
    });
    expect(verdicts(report)).toEqual(['duplicate-port 9200 error alpha acme-exporter,loki']);
  });

  it('with no machine in the repository (a module library), the defaults are the claims', async () => {
    const report = await check({ 'modules/a.nix': MODULE('services.alpha', 8121), 'modules/b.nix': MODULE('services.beta', 8121) });
    expect(verdicts(report)).toEqual(['duplicate-port 8121 warning host alpha,beta']);
  });
});

describe('registries per machine', () => {
  const FLEET = {
    'hosts/alpha/configuration.nix': HOST([], ['services.grafana.enable = true;', 'services.grafana.port = 3000;']),
    'hosts/beta/configuration.nix': HOST([], ['services.embed.enable = true;', 'services.embed.port = 3000;']),
  };

  it('a PORTS.md section whose heading names a machine holds its entries: a duplicate across machines is no duplicate', async () => {
    const report = await check({ ...FLEET, 'PORTS.md': lines('# Ports', '', '## alpha', '', '| Port | Service |', '| --- | --- |', '| 3000 | grafana |', '', '## beta', '', '| Port | Service |', '| --- | --- |', '| 3000 | embed |') });
    expect(verdicts(report)).toEqual([]);
  });

  it("a machine's own section is checked on that machine: a duplicate in it is found once; a heading may say `Host: <name>`", async () => {
    const report = await check({ ...FLEET, 'PORTS.md': lines('## Host: beta', '', '| Port | Service |', '| --- | --- |', '| 80/443 | nginx |', '| 443 | caddy |', '| 3000 | embed |', '', '## Shared', '', '| Port | Service |', '| --- | --- |', '| 9100 | node-exporter |', '| 9100 | exporter-alt |') });
    expect(verdicts(report)).toEqual(['registry-duplicate 443 error beta caddy,nginx', 'unregistered 3000 warning alpha grafana', 'registry-duplicate 9100 error host exporter-alt,node-exporter']);
  });

  it('a registry declared as a NixOS option: its default on every machine that assigns nothing to it, and what a machine assigns on that machine', async () => {
    const report = await check({
      'flake.nix': lines('{', '  outputs = { nixpkgs, ... }: {', '    nixosConfigurations.alpha = nixpkgs.lib.nixosSystem { modules = [ ./hosts/alpha ]; };', '    nixosConfigurations.beta = nixpkgs.lib.nixosSystem { modules = [ ./hosts/beta ]; };', '  };', '}'),
      'modules/ports.nix': lines('{ lib, ... }:', '{', '  options.acme.ports = lib.mkOption {', '    type = lib.types.attrsOf lib.types.port;', '    default = { grafana = 3000; loki = 3100; };', '  };', '}'),
      'hosts/alpha/default.nix': HOST(['../../modules/ports.nix'], ['acme.ports.grafana = 3300;', 'services.grafana.enable = true;', 'services.grafana.port = 3300;', 'services.loki.enable = true;', 'services.loki.port = 3100;']),
      'hosts/beta/default.nix': HOST(['../../modules/ports.nix'], ['services.embed.enable = true;', 'services.embed.port = 3000;']),
    });
    // alpha assigns the option: its default holds there no more, so loki's 3100 is unregistered on alpha;
    // beta assigns nothing: the default gives 3000 to grafana there, which embed takes.
    expect(verdicts(report)).toEqual(['registry-conflict 3000 error beta embed,grafana', 'unregistered 3100 warning alpha loki']);
  });

  it('a Nix registry keyed by machine', async () => {
    const report = await check({ ...FLEET, 'lib/ports.nix': lines('{', '  alpha = { grafana = 3000; };', '  beta = { embed = 3000; wiki = 3000; };', '}') });
    expect(verdicts(report)).toEqual(['registry-duplicate 3000 error beta embed,wiki']);
  });
});

describe('bad input: a diagnostic with its file and line, and the claims kept', () => {
  it('an import from outside the repository, and machines computed in a way the check cannot follow', async () => {
    const report = await check({
      'flake.nix': lines('{', '  outputs = { nixpkgs, ... }: {', '    nixosConfigurations = import ./lib/machines.nix { inherit nixpkgs; };', '  };', '}'),
      'lib/machines.nix': lines('{ nixpkgs }: { }'),
      'modules/a.nix': lines('{ ... }:', '{', '  imports = [ ../../outside.nix ];', '  services.a.enable = true;', '  services.a.port = 8300;', '}'),
      'modules/b.nix': lines('{ ... }:', '{', '  services.b.enable = true;', '  services.b.port = 8300;', '}'),
    });
    expect(report.json.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.message}`)).toEqual([
      'flake.nix:3 nixosConfigurations is computed in a way this check cannot follow: its machines are not known, and their claims are placed on the host',
    ]);
    expect(verdicts(report)).toEqual(['duplicate-port 8300 error host a,b']);
  });

  it("a machine's import that leaves the repository is said where it is written", async () => {
    const report = await check({ 'hosts/alpha/configuration.nix': HOST(['../../../elsewhere.nix'], ['services.a.enable = true;', 'services.a.port = 8301;']) });
    expect(report.json.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line} ${diagnostic.message}`)).toEqual([
      'hosts/alpha/configuration.nix:3 hosts/alpha/configuration.nix imports ../../../elsewhere.nix leaves the repository: what it brings in is not known to this check',
    ]);
    expect(claimsOf(report, 'a')).toEqual(['alpha 8301 hosts/alpha/configuration.nix:5']);
  });
});
