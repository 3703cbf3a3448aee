// DESIGN.md "What is read" and "What counts as a binding", through the whole pipeline: a file
// is read for what it says (its shape as well as its name), client settings claim nothing,
// and code nobody here wrote is skipped without a word.
import { afterEach, describe, expect, it } from '@jest/globals';
import type { JsonReport } from '../../src/report/json.js';
import { check, disposeScenarios } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/** Each binding as `service port[-end] kind file:line:column`. */
function claims(json: JsonReport): string[] {
  return json.bindings.map((b) => `${b.service} ${b.port === b.endPort ? b.port : `${b.port}-${b.endPort}`} ${b.kind} ${b.file}:${b.line}:${b.column}`);
}

function diagnosedFiles(json: JsonReport): string[] {
  return json.diagnostics.map((diagnostic) => diagnostic.file);
}

describe('.env files only when their lines are dotenv', () => {
  it('reads .env and .env.<name> files; a .env.patch (a diff) is no dotenv file and gets no diagnostic', async () => {
    const { json } = await check({
      'web/.env': 'PORT=3000\n',
      'web/.env.local': 'export API_PORT=3001\n',
      'web/.env.patch': lines('diff --git a/.env b/.env', '--- a/.env', '+++ b/.env', '@@ -1 +1 @@', '-PORT=3000', '+PORT=3100'),
      'api/.env.orig': lines('--- a/.env', '+++ b/.env', '@@ -1 +1 @@', '-PORT=3000', '+PORT=3100'),
    });
    expect(claims(json)).toEqual(['web 3000 listen web/.env:1:6', 'api 3001 listen web/.env.local:1:17']);
    expect(json.diagnostics).toEqual([]);
  });

  it('still reports the mistakes of a real .env, whose first line may be the broken one', async () => {
    const { json } = await check({ 'web/.env': 'MY PORT=1\nWEB_PORT=3000\n' });
    expect(claims(json)).toEqual(['web 3000 listen web/.env:2:10']);
    expect(json.diagnostics).toEqual([{ file: 'web/.env', line: 1, column: 1, severity: 'error', message: 'key cannot contain a space (Docker Compose refuses such a .env file)' }]);
  });
});

describe('client settings are no claims', () => {
  it('NEXT_PUBLIC_, VITE_, EXPO_PUBLIC_ and REACT_APP_ variables claim nothing, in a .env or a process environment', async () => {
    const { json } = await check({
      'web/.env': lines('NEXT_PUBLIC_API_PORT=4000', 'VITE_PORT=5173', 'EXPO_PUBLIC_SERVER_PORT=8081', 'REACT_APP_PORT=3001', 'PORT=3000'),
      'dev/process-compose.yaml': lines('processes:', '  vite:', '    command: npm run dev', '    environment:', '      - VITE_PORT=5174', '      - PORT=5175'),
      'deploy/app.service': lines('[Service]', 'ExecStart=/usr/bin/app', 'Environment=REACT_APP_PORT=3002 PORT=3003'),
    });
    expect(claims(json)).toEqual(['web 3000 listen web/.env:5:6', 'app 3003 listen deploy/app.service:3:38', 'vite 5175 listen dev/process-compose.yaml:6:14']);
  });

  it('a compose file that publishes through such a variable still publishes', async () => {
    const { json } = await check({
      'web/.env': 'NEXT_PUBLIC_PORT=3000\n',
      'web/compose.yaml': lines('services:', '  web:', '    image: web', '    ports:', '      - "${NEXT_PUBLIC_PORT}:3000"'),
    });
    expect(claims(json).filter((claim) => claim.includes('publish'))).toEqual(['web 3000 publish web/.env:1:18']);
    expect(claims(json).some((claim) => claim.includes('listen web/.env'))).toBe(false);
  });
});

describe('a MIN/MAX pair is one range', () => {
  it('reads X_MIN_PORT/X_MAX_PORT, X_PORT_MIN/X_PORT_MAX and X_START_PORT/X_END_PORT as one range each, at the first literal', async () => {
    const { json } = await check({
      'ftp/.env': lines('PASV_MIN_PORT=30000', 'PASV_MAX_PORT=30009', 'WEBRTC_PORT_MIN=40000', 'WEBRTC_PORT_MAX=40100', 'TUNNEL_START_PORT=8010', 'TUNNEL_END_PORT=8020', 'MIN_PORT=9000', 'MAX_PORT=9010'),
    });
    expect(claims(json)).toEqual(['tunnel 8010-8020 listen ftp/.env:5:19', 'ftp 9000-9010 listen ftp/.env:7:10', 'pasv 30000-30009 listen ftp/.env:1:15', 'webrtc 40000-40100 listen ftp/.env:3:17']);
    expect(json.diagnostics).toEqual([]);
  });

  it('one end alone is no claim; ends of different spellings do not pair; a reversed pair is reported', async () => {
    const { json } = await check({ 'ftp/.env': lines('RTC_MIN_PORT=40000', 'RTC_PORT_MAX=40100', 'SIP_MIN_PORT=5070', 'SIP_MAX_PORT=5060') });
    expect(claims(json)).toEqual([]);
    expect(json.diagnostics).toEqual([{ file: 'ftp/.env', line: 3, column: 14, severity: 'warning', message: 'SIP_MIN_PORT=5070 is above SIP_MAX_PORT=5060: not a port range; skipped' }]);
  });

  it('a range collides as a range', async () => {
    const { json } = await check({ 'ftp/.env': lines('PASV_MIN_PORT=30000', 'PASV_MAX_PORT=30009'), 'web/.env': 'PORT=30005\n' });
    expect(json.conflicts.map((conflict) => `${conflict.rule} ${conflict.port}-${conflict.endPort} ${conflict.services.join(',')}`)).toEqual(['duplicate-port 30005-30005 pasv,web']);
  });
});

describe('registries of a known shape wherever they lie', () => {
  const nixRegistry = lines('{', '  web = 3000;', '  databases = { redis = 6379; };', '}');

  it('reads lib/config/ports.nix, config/ports.yml and a PORTS.md in a subfolder as registries', async () => {
    const { json } = await check({
      'lib/config/ports.nix': nixRegistry,
      'config/ports.yml': lines('services:', '  api: 3001'),
      'docs/infra/PORTS.md': lines('| Port | Service |', '| --- | --- |', '| 3002 | grafana |'),
    });
    expect(claims(json)).toEqual(['web 3000 registry lib/config/ports.nix:2:9', 'api 3001 registry config/ports.yml:2:8', 'grafana 3002 registry docs/infra/PORTS.md:3:3', 'redis 6379 registry lib/config/ports.nix:3:25']);
    expect(json.diagnostics).toEqual([]);
  });

  it('a file named like a registry but shaped otherwise gets no diagnostic and is read by the reader that fits it', async () => {
    const { json } = await check({
      'hosts/alpha/ports.nix': lines('{ config, ... }:', '{', '  services.web.enable = true;', '  services.web.port = 8080;', '  networking.firewall.allowedTCPPorts = [ 8080 ];', '}'),
      'charts/web/ports.yaml': lines('http: 80', 'https: 443'),
      'docs/PORTS.md': lines('# Ports', '', 'We pick ports with care; see the wiki.'),
      'tools/port-registry.json': '{ "ports": [1, 2, 3] }\n',
    });
    expect(claims(json)).toEqual(['web 8080 listen hosts/alpha/ports.nix:4:23']);
    expect(json.bindings[0]?.format).toBe('nix');
    expect(json.diagnostics).toEqual([]);
  });

  it('with registries named explicitly, a registry-shaped ports.nix elsewhere is left unread and a module named ports.nix is still read', async () => {
    const { json } = await check(
      {
        'lib/config/ports.nix': nixRegistry,
        'lib/ports.nix': lines('{', '  other = 3100;', '}'),
        'hosts/alpha/ports.nix': lines('{ config, ... }:', '{', '  services.web.port = 8080;', '}'),
      },
      { registry: ['lib/config/ports.nix'] },
    );
    expect(claims(json)).toEqual(['web 3000 registry lib/config/ports.nix:2:9', 'redis 6379 registry lib/config/ports.nix:3:25', 'web 8080 listen hosts/alpha/ports.nix:3:23']);
  });

  it('a registry named explicitly is read as one whatever its place, and what is wrong with it is said', async () => {
    const { json } = await check({ 'docs/PORTS.md': lines('# Ports', '', 'prose') }, { registry: ['docs/PORTS.md'] });
    expect(json.diagnostics).toEqual([{ file: 'docs/PORTS.md', severity: 'warning', message: 'port registry: no table with a port and a service column, and no `- **port** - service` list' }]);
  });
});

describe('code nobody here wrote is skipped quietly', () => {
  const listener = (port: number) => `app.listen(${port});\n`;

  it.each(['vendor', 'third_party', 'node_modules', 'bower_components'])('%s/ is neither read nor reported', async (folder) => {
    const { json } = await check({ 'web/package.json': '{ "name": "web" }', 'web/server.js': listener(3000), [`web/${folder}/lib/server.js`]: `${listener(3000)}let x = ;\n` });
    expect(claims(json)).toEqual(['web 3000 listen web/server.js:1:12']);
    expect(json.diagnostics).toEqual([]);
  });

  it('bundles and minified code (by name, or by lines of thousands of characters) are neither read nor reported', async () => {
    const bundle = `${'var a=1;'.repeat(2000)}${listener(3001)}`;
    const { json } = await check({
      'web/package.json': '{ "name": "web" }',
      'web/server.js': listener(3000),
      'web/public/app.js': bundle,
      'web/public/huge.js': `${'x'.repeat(150_000)}\n${listener(3002)}`,
      'web/public/app.bundle.js': listener(3003),
      'web/public/vendor.min.js': listener(3004),
      'web/public/12.chunk.js': listener(3005),
      'api/gen.go': lines('// Code generated by protoc-gen-go. DO NOT EDIT.', '', 'package api', '', 'func serve() { http.ListenAndServe(":3006", nil) }'),
    });
    expect(claims(json)).toEqual(['web 3000 listen web/server.js:1:12']);
    expect(diagnosedFiles(json)).toEqual([]);
  });

  it('outside git, vendored folders are not even listed', async () => {
    const { json } = await check({ 'web/package.json': '{ "name": "web" }', 'web/server.js': listener(3000), 'web/third_party/x/server.js': listener(3000), 'py/site-packages/flask/app.py': 'app.run(port=5000)\n' }, { git: false });
    expect(claims(json)).toEqual(['web 3000 listen web/server.js:1:12']);
  });
});

describe('TypeScript read with the grammar of its extension', () => {
  it('gives no false syntax warning for variance annotations or generic optional calls, in .ts and .tsx', async () => {
    const source = lines('interface Box<in out T> { value: T }', 'type Getter<out T> = () => T;', 'class Sink<in T> { put(value: T) {} }', 'const x = obj?.method<string>?.();', 'server.listen(3005);');
    const { json } = await check({ 'web/package.json': '{ "name": "web" }', 'web/a.ts': source, 'web/b.tsx': `${source}const App = () => <div>{x}</div>;\n` });
    expect(claims(json)).toEqual(['web 3005 listen web/a.ts:5:15', 'web 3005 listen web/b.tsx:5:15']);
    expect(json.diagnostics).toEqual([]);
  });

  it('still reports a real syntax error', async () => {
    const { json } = await check({ 'web/package.json': '{ "name": "web" }', 'web/a.ts': 'interface Box<in out T> { value: T }\nconst = ;\nserver.listen(3005);\n' });
    expect(json.diagnostics.map((diagnostic) => `${diagnostic.file}:${diagnostic.line}`)).toEqual(['web/a.ts:2']);
  });
});
