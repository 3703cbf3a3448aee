import { describe, expect, it } from '@jest/globals';
import { dotenvExtractor, isDotenvFile, serviceOfPortVariable } from '../../../src/extract/dotenv/extractDotenv.js';
import type { ExtractContext } from '../../../src/model/types.js';

function contextOf(files: Record<string, string> = {}, rootName = 'My_Repo'): ExtractContext {
  return { rootName, readFile: (path) => files[path] };
}

describe('isDotenvFile', () => {
  it.each([
    ['.env', true],
    ['apps/web/.env', true],
    ['.env.local', true],
    ['deploy/.env.production', true],
    ['config/prod.env', true],
    ['.env.example', false],
    ['apps/web/.env.sample', false],
    ['.env.template', false],
    ['.env.local.example', false],
    ['sample.env', false],
    ['.envrc', false],
    ['env', false],
    ['.env.js', false],
    ['src/.env.d.ts', false],
    ['.env.test', false],
    ['docker.env', true],
  ])('%s -> %s', (path, expected) => {
    expect(isDotenvFile(path)).toBe(expected);
  });
});

describe('serviceOfPortVariable', () => {
  it.each([
    ['NLP_API_PORT', 'nlp-api'],
    ['WEBSOCKET_PORT', 'websocket'],
    ['NLP_API_PORT_ALT', 'nlp-api'],
    ['web_port', 'web'],
    ['PORT', 'folder'],
    ['PORT_ALT', 'folder'],
    ['DATABASE_URL', undefined],
    ['PORTS', undefined],
    ['_PORT', undefined],
    ['PORT_RANGE', undefined],
  ])('%s -> %s', (variable, expected) => {
    expect(serviceOfPortVariable(variable, 'folder')).toBe(expected);
  });
});

describe('dotenvExtractor', () => {
  it('turns the seed .env into host-level listen claims at each value', () => {
    const text = [
      '# .env',
      'NLP_API_PORT=3456',
      'WEBSOCKET_PORT=3457',
      'DATABASE_URL=postgres://db:5432/app',
      '',
      '# Fallback for conflicts',
      'NLP_API_PORT_ALT=13456',
    ].join('\n');
    const result = dotenvExtractor.extract({ path: 'services/.env', text }, contextOf());
    expect(result.diagnostics).toEqual([]);
    expect(result.bindings).toEqual([
      {
        service: 'nlp-api',
        port: 3456,
        endPort: 3456,
        protocol: 'tcp',
        hostIp: null,
        scope: 'host',
        kind: 'listen',
        format: 'dotenv',
        file: 'services/.env',
        line: 2,
        column: 14,
        variable: 'NLP_API_PORT',
        variableFile: 'services/.env',
        setting: 'NLP_API_PORT',
      },
      expect.objectContaining({ service: 'websocket', port: 3457, line: 3, column: 16 }),
      expect.objectContaining({ service: 'nlp-api', port: 13456, line: 7, column: 18, setting: 'NLP_API_PORT_ALT' }),
    ]);
  });

  it('names a bare PORT after its folder, or after the root at the root', () => {
    const nested = dotenvExtractor.extract({ path: 'apps/Web_App/.env', text: 'PORT=3000\n' }, contextOf());
    expect(nested.bindings.map((binding) => binding.service)).toEqual(['web-app']);
    const root = dotenvExtractor.extract({ path: '.env', text: 'export PORT="3001"\n' }, contextOf());
    expect(root.bindings.map(({ service, port, line, column }) => ({ service, port, line, column }))).toEqual([
      { service: 'my-repo', port: 3001, line: 1, column: 14 },
    ]);
  });

  it('reads its own file only: where it runs is the topology stage\'s to say', () => {
    const result = dotenvExtractor.extract({ path: 'apps/a/.env', text: 'WEB_PORT=8080\n' }, contextOf({ 'apps/a/docker-compose.yml': 'services: {}\n' }));
    expect(result.bindings[0]).toMatchObject({ service: 'web', port: 8080, scope: 'host' });
    expect(result.bindings[0]).not.toHaveProperty('stacks');
    expect(dotenvExtractor.dependencies).toBeUndefined();
  });

  it('reports COMPOSE_FILE as the file set Compose reads in its folder, split on COMPOSE_PATH_SEPARATOR', () => {
    const colon = dotenvExtractor.extract({ path: 'deploy/.env', text: 'COMPOSE_FILE=compose.yml:compose.prod.yml\n' }, contextOf());
    expect(colon.facts?.composeFileSetting?.files.map((file) => file.path)).toEqual(['deploy/compose.yml', 'deploy/compose.prod.yml']);
    expect(colon.facts?.composeFileSetting?.at).toEqual({ file: 'deploy/.env', line: 1, column: 14 });
    const semicolon = dotenvExtractor.extract({ path: '.env', text: 'COMPOSE_PATH_SEPARATOR=;\nCOMPOSE_FILE=a.yml;../b.yml\n' }, contextOf());
    expect(semicolon.facts?.composeFileSetting?.files).toEqual([
      { path: 'a.yml', at: { file: '.env', line: 2, column: 14 } },
      { path: '../b.yml', at: { file: '.env', line: 2, column: 14 }, unresolved: '../b.yml leaves the repository' },
    ]);
    const unset = dotenvExtractor.extract({ path: '.env', text: 'COMPOSE_FILE=a.yml:${X}/c.yml\n' }, contextOf());
    expect(unset.facts?.composeFileSetting?.files).toEqual([{ path: 'a.yml:${X}/c.yml', at: { file: '.env', line: 1, column: 14 }, unresolved: 'a.yml:${X}/c.yml is built from variables' }]);
    expect(dotenvExtractor.extract({ path: '.env', text: 'PORT=3000\n' }, contextOf()).facts).toBeUndefined();
  });

  it('reports values that are not ports with their line, and skips empty ones', () => {
    const text = ['A_PORT=abc', 'B_PORT=70000', 'C_PORT=0', 'D_PORT=', 'E_PORT=8000-8010'].join('\n');
    const result = dotenvExtractor.extract({ path: '.env', text }, contextOf());
    expect(result.diagnostics).toEqual([
      { file: '.env', line: 1, column: 8, severity: 'warning', message: 'A_PORT=abc is not a port (1-65535)' },
      { file: '.env', line: 2, column: 8, severity: 'warning', message: 'B_PORT=70000 is not a port (1-65535)' },
      { file: '.env', line: 3, column: 8, severity: 'warning', message: 'C_PORT=0 is not a port (1-65535)' },
    ]);
    expect(result.bindings.map(({ service, port, endPort }) => [service, port, endPort])).toEqual([['e', 8000, 8010]]);
  });

  it('counts only the last assignment of a variable, as Compose does', () => {
    const result = dotenvExtractor.extract({ path: '.env', text: 'WEB_PORT=3000\nWEB_PORT=3001\n' }, contextOf());
    expect(result.bindings.map(({ port, line }) => [port, line])).toEqual([[3001, 2]]);
    expect(result.diagnostics).toEqual([
      { file: '.env', line: 1, column: 10, severity: 'warning', message: 'WEB_PORT is set again on line 2; the last value counts' },
    ]);
  });

  it('locates a value expanded from another entry at that entry, via its own line', () => {
    const result = dotenvExtractor.extract({ path: '.env', text: 'BASE=4000\nWEB_PORT=${BASE}\nAPI_PORT=${UNSET}\n' }, contextOf());
    expect(result.bindings).toEqual([
      expect.objectContaining({ service: 'web', port: 4000, line: 1, column: 6, via: { file: '.env', line: 2, column: 10 } }),
    ]);
    expect(result.diagnostics).toEqual([
      { file: '.env', line: 3, column: 10, severity: 'warning', message: 'API_PORT: variable UNSET is not set; skipped' },
    ]);
  });

  it('reports malformed lines as Compose errors and keeps the rest', () => {
    const result = dotenvExtractor.extract({ path: '.env', text: 'MY PORT=1\nWEB_PORT=3000\n' }, contextOf());
    expect(result.diagnostics).toEqual([
      { file: '.env', line: 1, column: 1, severity: 'error', message: 'key cannot contain a space (Docker Compose refuses such a .env file)' },
    ]);
    expect(result.bindings.map((binding) => binding.port)).toEqual([3000]);
  });
});
