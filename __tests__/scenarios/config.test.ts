// DESIGN.md "Command line": what `.portcullis.yml` tells (ignore, aliases, include/exclude,
// registry paths), through the whole pipeline.
import { afterEach, describe, expect, it } from '@jest/globals';
import { check, disposeScenarios, ids, only } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const processes = (...entries: Array<[name: string, port: number]>): string =>
  lines('processes:', ...entries.flatMap(([name, port]) => [`  ${name}:`, `    command: ./${name} --port ${port}`]));

const FILES = {
  'ports.yml': lines('services:', '  web: 8500'),
  'dev/process-compose.yaml': processes(['web', 8500], ['api', 8500], ['docs', 8510], ['blog', 8510], ['wiki', 8520]),
};

describe('ignore', () => {
  it('leaves alone the conflicts of a rule', async () => {
    const { json } = await check(FILES, { config: lines('ignore:', '  - { rule: unregistered, reason: "the registry lists only shared services" }') });
    expect(ids(json)).toEqual(['registry-conflict:host:tcp:8500', 'duplicate-port:host:tcp:8510']);
  });

  it('leaves alone the conflicts on a port range', async () => {
    const { json } = await check(FILES, { config: lines('ignore:', '  - { port: "8505-8515", reason: "a test bench" }') });
    expect(ids(json)).toEqual(['registry-conflict:host:tcp:8500', 'unregistered:host:tcp:8520']);
  });

  it('leaves alone the conflicts of a service, by its normalized name', async () => {
    const { json } = await check(FILES, { config: lines('ignore:', '  - { service: Wiki, reason: "retired next month" }', '  - { rule: duplicate-port, service: docs, reason: "alternatives" }') });
    expect(ids(json)).toEqual(['registry-conflict:host:tcp:8500', 'unregistered:host:tcp:8510']);
  });

  it("names a service by any of its aliases, or one compose project's service as <project>/<name>", async () => {
    const web = lines('services:', '  web:', '    image: web', '    ports:', '      - "8560:80"');
    const files = {
      'a/compose.yml': web,
      'b/compose.yml': web,
      'dev/process-compose.yaml': processes(['postgresql', 8561], ['cache', 8561]),
    };
    const ignored = await check(files, {
      config: lines('aliases:', '  postgres: [postgresql]', 'ignore:', '  - { service: PostgreSQL, reason: "moves next sprint" }', '  - { service: b/web, reason: "a demo stack" }'),
    });
    expect(ignored.json.conflicts).toEqual([]);
    const other = await check(files, { config: lines('ignore:', '  - { service: c/web, reason: "no such project" }') });
    expect(ids(other.json)).toEqual(['duplicate-port:host:tcp:8560', 'duplicate-port:host:tcp:8561']);
  });

  it('an ignored conflict gets no proposal, and takes no port from the others', async () => {
    const { json } = await check(
      { 'dev/process-compose.yaml': processes(['web', 8530], ['api', 8530], ['docs', 8531], ['blog', 8531]) },
      { config: lines('ignore:', '  - { port: 8530, reason: "known" }') },
    );
    expect(only(json, 'duplicate-port').suggestions).toEqual([{ service: 'blog', file: 'dev/process-compose.yaml', line: 9, column: 28, from: 8531, to: 8532, toEnd: 8532 }]);
  });
});

describe('aliases', () => {
  it('names that mean the same service are one service: no collision with itself, no drift', async () => {
    const files = {
      'ports.yml': lines('services:', '  postgres: 5433'),
      'db/compose.yml': lines('services:', '  pg:', '    image: postgres:16', '    ports:', '      - "5433:5432"'),
      'dev/process-compose.yaml': lines('processes:', '  postgresql:', '    command: postgres -D /tmp/pg -p 5433'),
    };
    const without = await check(files);
    expect(only(without.json, 'registry-conflict')).toMatchObject({ services: ['pg', 'postgres', 'postgresql'] });

    const { json } = await check(files, { config: lines('aliases:', '  postgres: [pg, PostgreSQL]') });
    expect(json.conflicts).toEqual([]);
    expect(json.bindings.filter((binding) => binding.scope === 'host').map((binding) => binding.service)).toEqual(['postgres', 'postgres', 'postgres']);
  });
});

describe('include, exclude and registry', () => {
  it('exclude: files never to read', async () => {
    const { json } = await check({ 'a/process-compose.yaml': processes(['web', 8540]), 'legacy/process-compose.yaml': processes(['api', 8540]) }, { config: lines('exclude: ["legacy/**"]') });
    expect(json.conflicts).toEqual([]);
  });

  it('registry: paths of registry files, replacing auto-detection', async () => {
    const { json } = await check(
      { 'ports.yml': lines('services:', '  old: 8550'), 'ops/registry.yml': lines('services:', '  web: 8550'), 'dev/process-compose.yaml': processes(['web', 8550]) },
      { config: lines('registry: ops/registry.yml') },
    );
    expect(json.conflicts).toEqual([]);
  });
});
