// DESIGN.md "Rules": each rule with its severity, one collision as one conflict under the
// most specific rule, and what each conflict proposes.
import { afterEach, describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { check, disposeScenarios, ids, movesOf, only, placesOf } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const REGISTRY = lines(
  'categories:',
  '  application: { range: "3000-3999" }',
  'reserved:',
  '  - { port: "3900-3909", reason: "future services" }',
  'services:',
  '  gateway: { port: 3000, category: application }',
  '  embed: { port: 3002, category: application }',
  '  search: { port: 3003, category: application }',
);

describe('duplicate-port', () => {
  it('two or more services bind overlapping ports in one scope: an error, every service but the first moves', async () => {
    const { json } = await check({
      'dev/process-compose.yaml': lines('processes:', '  api:', '    command: ./api --port 8200', '  web:', '    command: ./web --port 8200', '  docs:', '    command: ./docs --port 8200'),
    });
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ id: 'duplicate-port:host:tcp:8200', severity: 'error', status: 'new', services: ['api', 'docs', 'web'], newServices: ['api', 'docs', 'web'] });
    expect(conflict.message).toBe('8200/tcp on host: api (dev/process-compose.yaml:3), web (dev/process-compose.yaml:5) and docs (dev/process-compose.yaml:7) all bind 8200');
    expect(movesOf(conflict)).toEqual(['web@dev/process-compose.yaml:5:27 8200->8201', 'docs@dev/process-compose.yaml:7:28 8200->8202']);
  });
});

describe('registry-conflict', () => {
  it('a service binds a port that the registry gives to another service: an error, and the newcomer moves', async () => {
    const { json } = await check({ 'ports.yml': REGISTRY, 'observability/compose.yml': lines('services:', '  grafana:', '    image: grafana', '    ports:', '      - "3002:3000"') });
    const conflict = only(json, 'registry-conflict');
    expect(conflict).toMatchObject({ id: 'registry-conflict:host:tcp:3002', severity: 'error', services: ['embed', 'grafana'] });
    expect(conflict.message).toBe('3002/tcp on host: grafana (observability/compose.yml:5) collides with embed, which the registry gives 3002');
    expect(placesOf(conflict)).toEqual(['embed@ports.yml:7:18', 'grafana@observability/compose.yml:5:10']);
    // 3003 is search's in the registry.
    expect(movesOf(conflict)).toEqual(['grafana@observability/compose.yml:5:10 3002->3004']);
  });

  it('when the registry owner also binds the port itself, it is listed once and never moved; it is not also a duplicate-port', async () => {
    const { json, report } = await check({
      'ports.yml': REGISTRY,
      'embed/compose.yml': lines('services:', '  embed:', '    image: embed', '    ports:', '      - "3002:8000"'),
      'dev/process-compose.yaml': lines('processes:', '  grafana:', '    command: grafana-server --http-port 3002'),
    });
    expect(ids(json)).toEqual(['registry-conflict:host:tcp:3002']);
    const conflict = only(json, 'registry-conflict');
    expect(conflict.services).toEqual(['embed', 'grafana']);
    expect(placesOf(conflict)).toEqual(['embed@embed/compose.yml:5:10', 'embed@ports.yml:7:18', 'grafana@dev/process-compose.yaml:3:41']);
    expect(conflict.message).toBe('3002/tcp on host: grafana (dev/process-compose.yaml:3) collides with embed, which the registry gives 3002');
    expect(movesOf(conflict)).toEqual(['grafana@dev/process-compose.yaml:3:41 3002->3004']);
    expect(renderText(report)).toContain('  services: embed, grafana\n');
    expect(renderMarkdown(report)).toContain('**1 new port collision must be fixed**: `grafana` takes 3002/tcp from `embed`; proposed 3004');
  });
});

describe('registry-duplicate', () => {
  it('the registry gives one port to two services: an error; with a third binder it is still one conflict', async () => {
    const { json } = await check({
      'ports.yml': lines('services:', '  gateway: 3000', '  frontend: 3000'),
      'dev/process-compose.yaml': lines('processes:', '  docs:', '    command: ./docs --port 3000'),
    });
    expect(ids(json)).toEqual(['registry-duplicate:host:tcp:3000']);
    const conflict = only(json, 'registry-duplicate');
    expect(conflict).toMatchObject({ severity: 'error', services: ['docs', 'frontend', 'gateway'] });
    expect(conflict.message).toBe('3000/tcp on host: the registry gives it to gateway (ports.yml:2) and frontend (ports.yml:3), and docs (dev/process-compose.yaml:3) binds it too');
    // gateway is the first owner; the second owner's registry line and the newcomer move.
    expect(movesOf(conflict)).toEqual(['docs@dev/process-compose.yaml:3:28 3000->3001', 'frontend@ports.yml:3:13 3000->3002']);
  });
});

describe('registry-drift', () => {
  it('a registered service binds a port other than its registered one: a warning whose proposal is the registered port', async () => {
    const { json } = await check({ 'ports.yml': REGISTRY, 'search/.env': lines('SEARCH_PORT=3013') });
    const conflict = only(json, 'registry-drift');
    expect(conflict).toMatchObject({ id: 'registry-drift:host:tcp:3013', severity: 'warning', services: ['search'] });
    expect(conflict.message).toBe('3013/tcp on host: search (search/.env:1) binds 3013, but the registry gives search 3003');
    expect(movesOf(conflict)).toEqual(['search@search/.env:1:13 3013->3003']);
  });
});

describe('reserved-port', () => {
  it('a binding in a range the registry reserves is a warning, with a proposal outside the range', async () => {
    const { json } = await check({ 'ports.yml': REGISTRY, 'gateway/.env': lines('ADMIN_PORT=3905') });
    expect(ids(json)).toEqual(['reserved-port:host:tcp:3905', 'unregistered:host:tcp:3905']);
    const conflict = only(json, 'reserved-port');
    expect(conflict).toMatchObject({ severity: 'warning', services: ['admin'] });
    expect(conflict.message).toBe('3905/tcp on host: admin (gateway/.env:1) binds 3905, which the registry reserves (3900-3909: future services)');
    expect(movesOf(conflict)).toEqual(['admin@gateway/.env:1:12 3905->3910']);
  });
});

describe('out-of-range', () => {
  it("a port outside its category's range is a warning, with a proposal inside the range", async () => {
    const { json } = await check({
      'ports.yml': lines('categories:', '  databases: { range: "5000-5999" }', 'services:', '  pg: { port: 6432, category: databases }'),
    });
    const conflict = only(json, 'out-of-range');
    expect(conflict).toMatchObject({ id: 'out-of-range:host:tcp:6432', severity: 'warning', services: ['pg'] });
    expect(conflict.message).toBe('6432/tcp on host: pg (ports.yml:4) is outside the databases range 5000-5999');
    // The search wraps to the bottom of the range; 5000 is Flask's well-known port.
    expect(movesOf(conflict)).toEqual(['pg@ports.yml:4:15 6432->5001']);
  });
});

describe('unregistered', () => {
  it('with a registry present, a service binding a port the registry does not list is a warning, with no proposal', async () => {
    const { json } = await check({ 'ports.yml': REGISTRY, 'tools/process-compose.yaml': lines('processes:', '  docs:', '    command: ./docs --port 8210') });
    const conflict = only(json, 'unregistered');
    expect(conflict).toMatchObject({ id: 'unregistered:host:tcp:8210', severity: 'warning', services: ['docs'], suggestions: [] });
    expect(placesOf(conflict)).toEqual(['docs@tools/process-compose.yaml:3:28']);
  });

  it('without a registry nothing is unregistered', async () => {
    const { json } = await check({ 'tools/process-compose.yaml': lines('processes:', '  docs:', '    command: ./docs --port 8210') });
    expect(json.conflicts).toEqual([]);
  });

  it("a container's own ports are not the registry's business", async () => {
    const { json } = await check({ 'ports.yml': REGISTRY, 'shop/compose.yml': lines('services:', '  gateway:', '    image: gw', '    ports:', '      - "3000:8080"') });
    expect(json.conflicts).toEqual([]);
  });
});
