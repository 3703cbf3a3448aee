// DESIGN.md "Rules" (status, newServices, diagnostics, --fail-on) and "Command line"
// (without --base every conflict is new), on base and head commits.
import { afterEach, describe, expect, it } from '@jest/globals';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import { check, checkPullRequest, disposeScenarios, ids, movesOf, only } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const processes = (...entries: Array<[name: string, port: number]>): string =>
  lines('processes:', ...entries.flatMap(([name, port]) => [`  ${name}:`, `    command: ./${name} --port ${port}`]));

describe('new and existing', () => {
  it('a conflict that did not exist at the base revision is new, and newServices names the newcomer', async () => {
    const { json } = await checkPullRequest(
      { 'z/process-compose.yaml': processes(['web', 8300]) },
      { 'a/process-compose.yaml': processes(['api', 8300]) },
    );
    expect(json.base).toMatch(/^[0-9a-f]{40}$/);
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ status: 'new', services: ['api', 'web'], newServices: ['api'] });
    // The incumbent is the service that held the port at the base, though a/ sorts before z/.
    expect(movesOf(conflict)).toEqual(['api@a/process-compose.yaml:3:27 8300->8301']);
  });

  it('a conflict that existed at the base and gained no service is existing, with no newServices', async () => {
    const { json, failing } = await checkPullRequest(
      { 'dev/process-compose.yaml': processes(['web', 8310], ['api', 8310]) },
      { 'README.md': '# unrelated change\n' },
    );
    expect(only(json, 'duplicate-port')).toMatchObject({ severity: 'error', status: 'existing', newServices: [] });
    expect(failing('new')).toEqual([]);
    expect(failing('any')).toEqual(['duplicate-port:host:tcp:8310']);
  });

  it('a conflict that gained a service since the base is new, and newServices names only the service that joined', async () => {
    const { json } = await checkPullRequest(
      { 'dev/process-compose.yaml': processes(['web', 8320], ['api', 8320]) },
      { 'tools/process-compose.yaml': processes(['docs', 8320]) },
    );
    expect(only(json, 'duplicate-port')).toMatchObject({ status: 'new', services: ['api', 'docs', 'web'], newServices: ['docs'] });
  });

  it('a conflict that lost a service since the base is still existing', async () => {
    const { json } = await checkPullRequest(
      { 'dev/process-compose.yaml': processes(['web', 8330], ['api', 8330], ['docs', 8330]) },
      { 'dev/process-compose.yaml': processes(['web', 8330], ['api', 8330], ['docs', 8331]) },
    );
    expect(only(json, 'duplicate-port')).toMatchObject({ status: 'existing', services: ['api', 'web'], newServices: [] });
  });

  it('a service that moved onto a registered port in the pull request is the newcomer, and the registry owner is not', async () => {
    const { json, report } = await checkPullRequest(
      { 'ports.yml': lines('services:', '  embed: 3002'), 'observability/compose.yml': lines('services:', '  grafana:', '    image: grafana', '    ports:', '      - "3010:3000"') },
      { 'observability/compose.yml': lines('services:', '  grafana:', '    image: grafana', '    ports:', '      - "3002:3000"') },
    );
    expect(only(json, 'registry-conflict')).toMatchObject({ status: 'new', services: ['embed', 'grafana'], newServices: ['grafana'] });
    expect(renderText(report)).toContain('  services: embed, grafana (new)\n');
    expect(renderMarkdown(report)).toContain('| `embed`<br>`ports.yml:2`<br>**`grafana`** (new)<br>`observability/compose.yml:5` |');
  });

  it('a pull request that only changes the `.env` beside a compose file is read at both revisions: the service it moves is the newcomer', async () => {
    const { json } = await checkPullRequest(
      {
        'shop/.env': lines('WEB_PORT=8080'),
        'shop/compose.yml': lines('services:', '  web:', '    image: web', '    ports:', '      - "${WEB_PORT:-80}:80"'),
        'dev/process-compose.yaml': processes(['api', 8393]),
      },
      { 'shop/.env': lines('WEB_PORT=8393') },
    );
    const conflict = only(json, 'duplicate-port');
    expect(conflict).toMatchObject({ status: 'new', severity: 'warning', services: ['api', 'web'], newServices: ['web'] });
    expect(movesOf(conflict)).toEqual(['web@shop/.env:1:10 8393->8394']);
  });

  it('a pull request that only adds a registry naming the owner of a port two services already shared adds no collision: existing', async () => {
    const { json, failing } = await checkPullRequest({ 'dev/process-compose.yaml': processes(['web', 8390], ['api', 8390]) }, { 'ports.yml': lines('services:', '  web: 8390') });
    expect(only(json, 'registry-conflict')).toMatchObject({ status: 'existing', services: ['api', 'web'], newServices: [] });
    expect(failing('new')).toEqual([]);
  });

  it('a registry entry added for a compose service already on the port is no new service: existing', async () => {
    const { json } = await checkPullRequest(
      { 'shop/compose.yml': lines('services:', '  web:', '    image: web', '    ports:', '      - "8392:80"'), 'dev/process-compose.yaml': processes(['api', 8392]) },
      { 'ports.yml': lines('services:', '  web: 8392') },
    );
    expect(only(json, 'registry-conflict')).toMatchObject({ status: 'existing', services: ['api', 'web'], newServices: [] });
  });

  it('a registry that starts to give a shared port to a second service is a new registry-duplicate', async () => {
    const { json } = await checkPullRequest(
      { 'ports.yml': lines('services:', '  web: 8391'), 'dev/process-compose.yaml': processes(['web', 8391], ['api', 8391]) },
      { 'ports.yml': lines('services:', '  web: 8391', '  api: 8391') },
    );
    expect(only(json, 'registry-duplicate')).toMatchObject({ status: 'new', severity: 'error', services: ['api', 'web'] });
  });

  it('without --base every conflict is new, newServices names every service, and no service is marked new in the report', async () => {
    const { json, report } = await check({ 'ports.yml': lines('services:', '  embed: 3002'), 'observability/compose.yml': lines('services:', '  grafana:', '    image: grafana', '    ports:', '      - "3002:3000"') });
    expect(json.base).toBeNull();
    expect(only(json, 'registry-conflict')).toMatchObject({ status: 'new', services: ['embed', 'grafana'], newServices: ['embed', 'grafana'] });
    expect(renderText(report)).toContain('  services: embed, grafana\n');
    expect(renderMarkdown(report)).toContain('| `embed`<br>`ports.yml:2`<br>`grafana`<br>`observability/compose.yml:5` |');
    expect(renderMarkdown(report)).toContain('**1 new port collision must be fixed**: `grafana` takes 3002/tcp from `embed`; proposed 3003');
  });
});

describe('--fail-on and diagnostics', () => {
  it('--fail-on new fails only on new errors, any on every error, none never; warnings never fail', async () => {
    const { json, failing } = await checkPullRequest(
      { 'dev/process-compose.yaml': processes(['web', 8340], ['api', 8340]) },
      {
        'tools/process-compose.yaml': processes(['docs', 8350], ['blog', 8350]),
        'a/compose.yml': lines('services:', '  shop:', '    image: shop', '    ports:', '      - "8360:80"'),
        'b/compose.yml': lines('services:', '  cart:', '    image: cart', '    ports:', '      - "8360:80"'),
      },
    );
    expect(json.conflicts.map((conflict) => [conflict.id, conflict.severity, conflict.status])).toEqual([
      ['duplicate-port:host:tcp:8340', 'error', 'existing'],
      ['duplicate-port:host:tcp:8350', 'error', 'new'],
      ['duplicate-port:host:tcp:8360', 'warning', 'new'],
    ]);
    expect(failing('new')).toEqual(['duplicate-port:host:tcp:8350']);
    expect(failing('any')).toEqual(['duplicate-port:host:tcp:8340', 'duplicate-port:host:tcp:8350']);
    expect(failing('none')).toEqual([]);
  });

  it('a file that cannot be parsed is reported, the rest is still checked, and diagnostics alone fail nothing', async () => {
    const { json, failing } = await check({
      'broken/compose.yml': lines('services:', '  web:', '    ports: [ "8370:80"', '  api: {'),
      'dev/process-compose.yaml': processes(['web', 8380], ['api', 8380]),
    });
    expect(json.diagnostics).toContainEqual({
      file: 'broken/compose.yml',
      line: 4,
      column: 3,
      severity: 'error',
      message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    });
    expect(ids(json)).toEqual(['duplicate-port:host:tcp:8380']);
    expect(failing('new')).toEqual(['duplicate-port:host:tcp:8380']);

    const alone = await check({ 'broken/compose.yml': lines('services:', '  web:', '    ports: [ "8370:80"', '  api: {') });
    expect(alone.json.conflicts).toEqual([]);
    expect(alone.failing('any')).toEqual([]);
  });
});
