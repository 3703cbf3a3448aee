// DESIGN.md "Severity: stacks and defaults": a collision is an error only where it is
// certain to bite.
import { afterEach, describe, expect, it } from '@jest/globals';
import { check, disposeScenarios, only, placesOf } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const compose = (...services: Array<[name: string, spec: string]>): string =>
  lines('services:', ...services.flatMap(([name, spec]) => [`  ${name}:`, `    image: ${name}`, '    ports:', `      - "${spec}"`]));

const processCompose = (...processes: Array<[name: string, port: number]>): string =>
  lines('processes:', ...processes.flatMap(([name, port]) => [`  ${name}:`, `    command: ./${name} --port ${port}`]));

const nixOption = (service: string, port: number): string =>
  lines(
    '{ lib, ... }:',
    '{',
    `  options.services.${service}.port = lib.mkOption {`,
    '    type = lib.types.port;',
    `    default = ${port};`,
    '  };',
    '}',
  );

describe('Stacks', () => {
  it('a collision inside one compose project is an error', async () => {
    const { json } = await check({ 'shop/compose.yml': compose(['web', '8100:80'], ['api', '8100:81']) });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', services: ['api', 'web'] });
  });

  it("a compose project's override files are the same stack: their collisions are errors", async () => {
    const { json } = await check({
      'shop/compose.yml': compose(['web', '8101:80']),
      'shop/compose.override.yml': compose(['admin', '8101:80']),
    });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', services: ['admin', 'web'] });
  });

  it('a collision inside one process-compose file is an error', async () => {
    const { json } = await check({ 'dev/process-compose.yaml': processCompose(['web', 8102], ['api', 8102]) });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', services: ['api', 'web'] });
  });

  it('a collision only between two compose projects is a warning (they are often alternatives)', async () => {
    const { json, failing } = await check({
      'deploy/staging/compose.yml': compose(['web', '8103:80']),
      'deploy/preview/compose.yml': compose(['api', '8103:80']),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ severity: 'warning', status: 'new', services: ['api', 'web'] });
    expect(conflict.message).toBe(
      '8103/tcp on host: api (deploy/preview/compose.yml:5) and web (deploy/staging/compose.yml:5) both bind 8103 (only across the Compose stacks deploy/preview/compose.yml and deploy/staging/compose.yml, which may not run together)',
    );
    expect(failing('any')).toEqual([]);
  });

  it('a collision between compose for CI and process-compose for laptops is a warning', async () => {
    const { json } = await check({
      'ci/compose.yml': compose(['web', '8104:80']),
      'process-compose.yaml': processCompose(['web-dev', 8104]),
    });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'warning', services: ['web', 'web-dev'] });
  });

  it('the `.env` beside a compose file configures its containers: only what the compose file publishes is a claim', async () => {
    const { json } = await check({
      'a/.env': lines('ADMIN_PORT=8105', 'WEB_PORT=8106'),
      'a/compose.yml': compose(['web', '${WEB_PORT}:80']),
      'b/compose.yml': compose(['api', '8105:80'], ['db', '8106:5432']),
    });
    expect(json.conflicts.map((conflict) => [conflict.port, conflict.severity, conflict.services])).toEqual([[8106, 'warning', ['db', 'web']]]);
    expect(json.bindings.filter((binding) => binding.file === 'a/.env').map((binding) => [binding.service, binding.port, binding.format])).toEqual([['web', 8106, 'compose']]);
  });

  it('a `.env` with no compose file beside it is host-level: its collisions with a stack are errors', async () => {
    const { json } = await check({
      'a/.env': lines('ADMIN_PORT=8107'),
      'b/compose.yml': compose(['api', '8107:80']),
    });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', services: ['admin', 'api'] });
  });

  it.each([
    ['a NixOS module', 'nixos/search.nix', lines('{ ... }:', '{', '  services.search.port = 8108;', '}')],
    ['a systemd socket', 'units/search.socket', lines('[Socket]', 'ListenStream=8108')],
    ['zinit', 'zinit/search.yaml', lines('exec: ./search --port 8108')],
    ['source code', 'search/server.js', lines('app.listen(8108);')],
  ])('host-level claims (%s) meet every stack: their collisions are errors', async (_what, path, text) => {
    const { json } = await check({ [path]: text, 'shop/compose.yml': compose(['web', '8108:80']) });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', services: ['search', 'web'] });
  });

  it('the registry meets every stack: a registry-conflict with a stack is an error', async () => {
    const { json } = await check({ 'ports.yml': lines('services:', '  search: 8109'), 'shop/compose.yml': compose(['web', '8109:80']) });
    expect(only(json, 'registry-conflict')).toMatchObject({ severity: 'error', services: ['search', 'web'] });
  });

  it("the config's scopes can say that stacks run together, which makes their collisions errors", async () => {
    const files = {
      'deploy/staging/compose.yml': compose(['web', '8110:80']),
      'deploy/preview/compose.yml': compose(['api', '8110:80']),
    };
    const apart = await check(files);
    expect(only(apart.json, 'duplicate-port')).toMatchObject({ id: 'duplicate-port:host:tcp:8110', severity: 'warning' });
    const together = await check(files, { config: lines('scopes:', '  - paths: ["deploy/**"]', '    name: host', '    together: true') });
    expect(only(together.json, 'duplicate-port')).toMatchObject({ id: 'duplicate-port:host:tcp:8110', severity: 'error', services: ['api', 'web'] });
    expect(together.failing('new')).toEqual(['duplicate-port:host:tcp:8110']);
  });

  it('stacks that run together on a named machine collide there as errors, and not with another machine', async () => {
    const { json } = await check(
      {
        'hosts/alpha/shop/compose.yml': compose(['web', '8111:80']),
        'hosts/alpha/blog/compose.yml': compose(['blog', '8111:80']),
        'hosts/beta/compose.yml': compose(['wiki', '8111:80']),
      },
      { config: lines('scopes:', '  - { paths: ["hosts/alpha/**"], name: alpha, together: true }', '  - { paths: ["hosts/beta/**"], name: beta }') },
    );
    expect(json.conflicts.map((conflict) => [conflict.id, conflict.severity, conflict.services])).toEqual([['duplicate-port:alpha:tcp:8111', 'error', ['blog', 'web']]]);
  });
});

describe('Defaults', () => {
  it("a NixOS option's default colliding with another default is a warning", async () => {
    const { json } = await check({ 'modules/a.nix': nixOption('alpha', 8120), 'modules/b.nix': nixOption('beta', 8120) });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ severity: 'warning', services: ['alpha', 'beta'] });
    expect(placesOf(conflict)).toEqual(['alpha@modules/a.nix:5:15', 'beta@modules/b.nix:5:15']);
  });

  it('a CLI flag default colliding with an option default is a warning', async () => {
    const { json } = await check({
      'modules/a.nix': nixOption('alpha', 8121),
      'beta/Cargo.toml': lines('[package]', 'name = "beta"', 'version = "0.1.0"'),
      'beta/src/main.rs': lines('#[derive(Parser)]', 'struct Args {', '    #[arg(long, default_value_t = 8121)]', '    port: u16,', '}'),
    });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'warning', services: ['alpha', 'beta'] });
  });

  it('a fixed claim (a host that sets the option) makes a collision with a default an error', async () => {
    const { json } = await check({
      'modules/a.nix': nixOption('alpha', 8122),
      'hosts/box/configuration.nix': lines('{ ... }:', '{', '  imports = [ ../../modules/a.nix ];', '  services.beta.port = 8122;', '}'),
    });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', services: ['alpha', 'beta'] });
  });

  it('a literal in code makes a collision with a default an error', async () => {
    const { json } = await check({ 'modules/a.nix': nixOption('alpha', 8123), 'beta/server.js': lines('app.listen(8123);') });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', services: ['alpha', 'beta'] });
  });

  it('a published range the runtime picks from ("80-90:8080") makes a collision a warning', async () => {
    const { json } = await check({ 'shop/compose.yml': compose(['web', '8130-8139:80'], ['api', '8131:80']) });
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'warning', port: 8131, endPort: 8131, services: ['api', 'web'] });
  });
});
