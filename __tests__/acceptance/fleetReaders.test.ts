// Acceptance cases of issue 11, items 3 and 4, through the CLI as a user runs it on a fleet
// (in this process: acceptance/cli.ts): what its hosts open, forward and show is no claim;
// its registries are read in the shapes fleets keep them; a real collision on one host is
// still an error.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { type CliReport, lines, scratchChecks } from './cli.js';

const { check } = scratchChecks();

/** The fleet fixture of the Nix reader's tests: a registry per machine, a registry option, two hosts. */
function fleet(): Record<string, string> {
  const root = new URL('../extract/nix/fixtures/fleet/', import.meta.url).pathname;
  const files: Record<string, string> = {};
  for (const path of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (path.endsWith('.nix')) files[path] = readFileSync(join(root, path), 'utf8');
  }
  return files;
}

function verdicts(report: CliReport): string[] {
  return report.json.conflicts.map((conflict) => `${conflict.rule} ${conflict.port} ${conflict.severity} ${conflict.services.join(',')}`);
}

describe('a fleet: firewall openings, nebula rules, collectors and public ports are no claims', () => {
  it('no error on the fleet: only the listeners its registry forgot are warnings', async () => {
    const report = await check(fleet());
    expect(verdicts(report)).toEqual(['unregistered 2020 warning fluent-bit', 'unregistered 4242 warning nebula-networks-mesh', 'unregistered 9273 warning telegraf']);
    expect(report.json.bindings.filter((binding) => binding.kind !== 'registry').map((binding) => `${binding.service} ${binding.port} ${binding.file}:${binding.line}:${binding.column}`)).toEqual([
      'fluent-bit 2020 hosts/alpha/default.nix:35:34',
      'nebula-networks-mesh 4242 hosts/alpha/default.nix:17:19',
      'telegraf 9273 hosts/beta/default.nix:11:63',
    ]);
    expect(report.json.diagnostics).toEqual([]);
    expect(report.status).toBe(0);
  });

  it('a service on one host that listens on a registered port is still an error', async () => {
    const files = fleet();
    const host = files['hosts/alpha/default.nix'] as string;
    files['hosts/alpha/default.nix'] = host.replace(/\}\s*$/, '  services.app.port = 3100;\n}\n');
    const report = await check(files);
    expect(verdicts(report)).toContain('registry-conflict 3100 error app,loki');
    expect(report.status).toBe(1);
  });
});

describe('registries in the shapes fleets keep them', () => {
  it('a PORTS.md cell with several ports (`80/443`, `25 / 587`) or a range registers each, and a service on one of them conflicts at its digits', async () => {
    const report = await check({
      'PORTS.md': lines('| Port | Service |', '|---|---|', '| 80/443 | nginx |', '| 25 / 587 | postfix |', '| 53/udp | dns |', '| 9000-9010 | workers |'),
      'hosts/alpha/configuration.nix': lines('{', '  services.app.port = 443;', '}'),
    });
    expect(report.json.bindings.filter((binding) => binding.kind === 'registry').map((binding) => `${binding.service} ${binding.port} ${binding.line}:${binding.column}`)).toEqual([
      'postfix 25 4:3',
      'dns 53 5:3',
      'nginx 80 3:3',
      'nginx 443 3:6',
      'postfix 587 4:8',
      'workers 9000 6:3',
    ]);
    expect(verdicts(report)).toEqual(['registry-conflict 443 error app,nginx']);
    expect(report.json.conflicts[0]?.locations.map((location) => `${location.service}@${location.file}:${location.line}:${location.column}`)).toEqual([
      'nginx@PORTS.md:3:6',
      'app@hosts/alpha/configuration.nix:2:23',
    ]);
  });

  it('a Nix registry under a team namespace with a `{ from; to; }` range, beside an allocator that registers nothing', async () => {
    const report = await check({
      'lib/ports.nix': lines('{', '  myorg.ports = {', '    alpha.kdeconnect = { from = 1714; to = 1764; };', '    alpha.grafana = 3000;', '  };', '}'),
      'nix/ports.nix': lines('{ minPort ? 20000 }:', '{ grafana = minPort; }'),
      'hosts/alpha/configuration.nix': lines('{', '  services.gsconnect.port = 1716;', '}'),
    });
    expect(report.json.bindings.filter((binding) => binding.kind === 'registry').map((binding) => `${binding.service} ${binding.port} ${binding.file}:${binding.line}:${binding.column}`)).toEqual([
      'kdeconnect 1714 lib/ports.nix:3:33',
      'grafana 3000 lib/ports.nix:4:21',
    ]);
    expect(verdicts(report)).toEqual(['registry-conflict 1716 error gsconnect,kdeconnect']);
    expect(report.json.diagnostics).toEqual([]);
  });
});
