// The bundled CLI on one repository that holds every reader rule of DESIGN "What is read" and
// "What counts as a binding" both ways: each claim it must read, beside the non-claim of the
// same idiom, and no diagnostic for a file that nobody in the repository wrote.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

const cli = resolve('dist/cli.js');
const node = process.env['PORTCULLIS_TEST_NODE'] ?? process.execPath;

interface JsonBinding {
  service: string;
  port: number;
  endPort: number;
  kind: string;
  file: string;
  line: number;
  column: number;
}

interface JsonReport {
  bindings: JsonBinding[];
  diagnostics: Array<{ file: string; line?: number; message: string }>;
}

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const argparse = (port: number, use: string) => lines('import argparse', 'p = argparse.ArgumentParser()', `p.add_argument("--port", type=int, default=${port})`, 'args = p.parse_args()', use);

const FILES: Record<string, string> = {
  // Client-bundle variables beside a server's own PORT.
  'web/package.json': '{ "name": "web" }',
  'web/.env': lines('NEXT_PUBLIC_API_PORT=4000', 'VITE_PORT=5173', 'EXPO_PUBLIC_SERVER_PORT=8081', 'REACT_APP_PORT=3001', 'PORT=3000'),
  'web/.env.patch': lines('--- a/.env', '+++ b/.env', '@@ -1 +1 @@', '-PORT=3000', '+PORT=3100'),
  // A script that connects with its --port, a server that listens on it.
  'tools/pyproject.toml': lines('[project]', 'name = "probe"'),
  'tools/probe.py': argparse(8765, 'requests.get(f"http://localhost:{args.port}/health")'),
  'api/pyproject.toml': lines('[project]', 'name = "api"'),
  'api/main.py': argparse(8766, 'uvicorn.run(app, host="0.0.0.0", port=args.port)'),
  'cmd/probe/main.go': lines('package main', '', 'func main() {', '\tport := flag.Int("port", 8767, "")', '\thttp.Get(fmt.Sprintf("http://localhost:%d/", *port))', '}'),
  'cmd/server/main.go': lines('package main', '', 'func main() {', '\tport := flag.Int("port", 8768, "")', '\thttp.ListenAndServe(fmt.Sprintf(":%d", *port), nil)', '}'),
  'go.mod': 'module example.com/fleet\n',
  'edge/Cargo.toml': lines('[package]', 'name = "edge"', 'version = "0.1.0"'),
  'edge/src/main.rs': lines('struct Args {', '    #[arg(long, default_value = "127.0.0.1:8081")]', '    cdn_endpoint: String,', '    #[arg(long, default_value = "0.0.0.0:8769")]', '    listen: String,', '}'),
  'web/src/client.ts': lines('const port = 3002;', "http.request({ host: 'localhost', port });", 'await fetch(`http://localhost:${port}/api`);'),
  // Registries wherever they lie, and files named like one that are not.
  'lib/config/ports.nix': lines('{', '  grafana = 3003;', '}'),
  'hosts/alpha/ports.nix': lines('{ config, ... }:', '{', '  services.metrics.port = 9100;', '  networking.firewall.allowedTCPPorts = [ 9100 ];', '}'),
  'charts/web/ports.yaml': lines('http: 80', 'https: 443'),
  'docs/PORTS.md': lines('# Ports', '', 'Ask before you take one.'),
  // A range in two variables.
  'ftp/.env': lines('PASV_MIN_PORT=30000', 'PASV_MAX_PORT=30009'),
  // Code nobody here wrote.
  'web/third_party/lib/server.js': 'app.listen(3000);\nlet broken = ;\n',
  'web/public/app.js': `${'var a=1;'.repeat(2000)}app.listen(3004);\n`,
  'web/public/app.bundle.js': 'app.listen(3005);\n',
  // TypeScript the grammar does not know yet.
  'web/src/box.tsx': lines('interface Box<in out T> { value: T }', 'const x = obj?.method<string>?.();', 'const App = () => <div>{x}</div>;', 'server.listen(3006);'),
};

let repo: ScratchRepo;
let report: JsonReport;

beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build');
  repo = scratchRepo();
  repo.write(FILES);
  repo.commit('head');
  const child = spawnSync(node, [cli, 'check', '--format', 'json', '--fail-on', 'none'], { cwd: repo.root, encoding: 'utf8' });
  expect(child.status).toBe(0);
  report = JSON.parse(child.stdout) as JsonReport;
});
afterAll(() => repo?.dispose());

function claimsIn(file: string): string[] {
  return report.bindings.filter((b) => b.file === file).map((b) => `${b.service} ${b.port === b.endPort ? b.port : `${b.port}-${b.endPort}`} ${b.kind} ${b.line}:${b.column}`);
}

describe('portcullis check reads each file for what it says', () => {
  it('claims the server port of a .env, not its client-bundle variables, and reads no diff named .env.patch', () => {
    expect(claimsIn('web/.env')).toEqual(['web 3000 listen 5:6']);
    expect(claimsIn('web/.env.patch')).toEqual([]);
  });

  it('claims the --port a server listens on, not the one a script connects with, in Python and Go', () => {
    expect(claimsIn('api/main.py')).toEqual(['api 8766 listen 3:44']);
    expect(claimsIn('tools/probe.py')).toEqual([]);
    expect(claimsIn('cmd/server/main.go')).toEqual(['server 8768 listen 4:27']);
    expect(claimsIn('cmd/probe/main.go')).toEqual([]);
  });

  it('claims a default address whose option says listen or that is a wildcard, not a client endpoint', () => {
    expect(claimsIn('edge/src/main.rs')).toEqual(['edge 8769 listen 4:42']);
    expect(claimsIn('web/src/client.ts')).toEqual([]);
  });

  it('reads registries wherever they lie, and a module named ports.nix as a module', () => {
    expect(claimsIn('lib/config/ports.nix')).toEqual(['grafana 3003 registry 2:13']);
    expect(claimsIn('hosts/alpha/ports.nix')).toEqual(['metrics 9100 listen 3:27']);
    expect(claimsIn('charts/web/ports.yaml')).toEqual([]);
  });

  it('reads a MIN/MAX pair as one range at the first literal', () => {
    expect(claimsIn('ftp/.env')).toEqual(['pasv 30000-30009 listen 1:15']);
  });

  it('skips vendored and generated code, and reads TSX the grammar does not know yet', () => {
    expect(report.bindings.filter((b) => b.file.startsWith('web/third_party/') || b.file.startsWith('web/public/'))).toEqual([]);
    expect(claimsIn('web/src/box.tsx')).toEqual(['web 3006 listen 4:15']);
  });

  it('says nothing about files nobody here wrote or that are not of the format their name suggests', () => {
    expect(report.diagnostics).toEqual([]);
  });

  it('reads the same with half of the files in the worker thread', () => {
    const child = spawnSync(node, [cli, 'check', '--format', 'json', '--fail-on', 'none'], { cwd: repo.root, encoding: 'utf8', env: { ...process.env, PORTCULLIS_THREADS: '2' } });
    const threaded = JSON.parse(child.stdout) as JsonReport;
    expect(threaded.bindings).toEqual(report.bindings);
    expect(threaded.diagnostics).toEqual([]);
  });
});
