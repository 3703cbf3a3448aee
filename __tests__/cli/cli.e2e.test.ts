// The bundled CLI, started as a user starts it, on scratch git repositories.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

const cli = resolve('dist/cli.js');
// The Action runs on node24; CI runs these tests again with PORTCULLIS_TEST_NODE set to one.
const node = process.env['PORTCULLIS_TEST_NODE'] ?? process.execPath;

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(node, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

interface JsonConflict {
  rule: string;
  severity: string;
  status: string;
  port: number;
  services: string[];
  newServices: string[];
  locations: unknown[];
  suggestions: unknown[];
}

interface JsonReport {
  schemaVersion: number;
  base: string | null;
  conflicts: JsonConflict[];
  diagnostics: unknown[];
}

function json(args: string[], cwd: string): { status: number | null; report: JsonReport } {
  const result = run([...args, '--format', 'json'], cwd);
  return { status: result.status, report: JSON.parse(result.stdout) };
}

let repo: ScratchRepo;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build');
});
afterEach(() => repo?.dispose());

const REGISTRY = 'services:\n  web: 8080\n  db: 5433\n';
const WEB = 'services:\n  web:\n    image: web\n    ports:\n      - "8080:80"\n';

describe('portcullis check on a pull request (base and head commits)', () => {
  it('marks the collision the head introduces as new, names the newcomer, and proposes a port for it', () => {
    repo = scratchRepo();
    repo.write({ 'ports.yml': REGISTRY, 'web/compose.yml': WEB });
    repo.commit('base');
    repo.write({ 'api/process-compose.yaml': 'processes:\n  api:\n    command: ./api --port 8080\n' });
    repo.commit('head');

    const { status, report } = json(['check', '--base', 'HEAD~1'], repo.root);
    expect(status).toBe(1);
    expect(report.schemaVersion).toBe(1);
    expect(report.base).toMatch(/^[0-9a-f]{40}$/);
    expect(report.conflicts).toHaveLength(1);
    const [conflict] = report.conflicts;
    expect(conflict).toMatchObject({
      rule: 'registry-conflict',
      severity: 'error',
      status: 'new',
      scope: 'host',
      protocol: 'tcp',
      port: 8080,
      endPort: 8080,
      services: ['api', 'web'],
      newServices: ['api'],
    });
    expect(conflict?.suggestions).toEqual([{ service: 'api', file: 'api/process-compose.yaml', line: 3, column: 27, from: 8080, to: 8081, toEnd: 8081 }]);
    expect(conflict?.locations).toEqual(
      expect.arrayContaining([
        { service: 'api', file: 'api/process-compose.yaml', line: 3, column: 27 },
        { service: 'web', file: 'web/compose.yml', line: 5, column: 10 },
      ]),
    );
  });

  it('calls a collision that the base already had existing, and passes under --fail-on new', () => {
    repo = scratchRepo();
    repo.write({ 'a/compose.yml': WEB, 'b/compose.yml': 'services:\n  other:\n    image: o\n    ports: ["8080:80"]\n' });
    repo.commit('base');
    repo.write({ 'README.md': 'docs only\n' });
    repo.commit('head');

    const plain = json(['check'], repo.root);
    expect(plain.status).toBe(0);
    expect(plain.report.conflicts.map((c) => [c.rule, c.severity, c.status])).toEqual([['duplicate-port', 'warning', 'new']]);

    const based = json(['check', '--base', 'HEAD~1', '--fail-on', 'any'], repo.root);
    expect(based.report.conflicts.find((c) => c.port === 8080)).toMatchObject({ status: 'existing', newServices: [] });
  });

  it('fails per --fail-on: new errors, any error, never', () => {
    repo = scratchRepo();
    repo.write({ 'ports.yml': REGISTRY, 'x/.env': 'WEB2_PORT=8080\n' });
    repo.commit('base');
    repo.write({ 'y/.env': 'OTHER_PORT=5433\n' });
    repo.commit('head');
    expect(run(['check', '--base', 'HEAD~1'], repo.root).status).toBe(1);
    expect(run(['check', '--base', 'HEAD~1', '--fail-on', 'none'], repo.root).status).toBe(0);
    repo.write({ 'y/.env': 'OTHER_PORT=6000\n' });
    repo.commit('fix');
    expect(run(['check', '--base', 'HEAD~1'], repo.root).status).toBe(0);
    expect(run(['check', '--base', 'HEAD~1', '--fail-on', 'any'], repo.root).status).toBe(1);
  });
});

describe('bad input', () => {
  it('reports a malformed file with its line and still checks every other file', () => {
    repo = scratchRepo();
    repo.write({ 'broken/compose.yml': 'services:\n  web:\n    ports: [\n', 'a/.env': 'API_PORT=3000\n', 'b/.env': 'WORKER_PORT=3000\n' });
    repo.commit('base');
    const { status, report } = json(['check'], repo.root);
    expect(status).toBe(1);
    expect(report.conflicts.map((c) => c.services)).toEqual([['api', 'worker']]);
    expect(report.diagnostics).toEqual([expect.objectContaining({ file: 'broken/compose.yml', line: expect.any(Number), severity: 'error' })]);
  });

  it('runs no program the repository configures for git: fsmonitor, hooks, clean and smudge filters, text conversion', () => {
    repo = scratchRepo();
    repo.write({ '.gitattributes': '*.env filter=evil diff=evil\n', 'a/.env': 'API_PORT=3000\n' });
    repo.commit('base');
    repo.write({ 'b/.env': 'WORKER_PORT=3000\n' });
    repo.commit('head');
    repo.write({ 'c/.env': 'QUEUE_PORT=3001\n' });
    // Configured only now, so that the test's own commits run none of it.
    const marker = join(repo.root, '..', `${repo.root.split('/').pop() ?? 'repo'}-ran`);
    const evil = `touch '${marker}'; cat`;
    for (const [key, value] of [['core.fsmonitor', evil], ['core.hooksPath', repo.root], ['filter.evil.clean', evil], ['filter.evil.smudge', evil], ['diff.evil.textconv', evil], ['core.pager', evil]]) {
      repo.git('config', key as string, value as string);
    }
    // The same content written again: its stat changes, so git must read it (through the clean filter, if one ran).
    repo.write({ 'a/.env': 'API_PORT=3000\n' });
    const { status, report } = json(['check', '--base', 'HEAD~1'], repo.root);
    expect(status).toBe(1);
    expect(report.conflicts.map((c) => c.services)).toEqual([['api', 'worker']]);
    expect(existsSync(marker)).toBe(false);
  });

  it('gives up on a syntax tree past limits.maxParseMillis and still checks every other file', () => {
    repo = scratchRepo();
    // tree-sitter-nix needs about 16 s for this file, unbounded.
    repo.write({ '.portcullis.yml': 'limits:\n  maxParseMillis: 200\n', 'hosts/a.nix': `{ port = ${'-'.repeat(40_000)}1; }`, 'a/.env': 'API_PORT=3000\n', 'b/.env': 'WORKER_PORT=3000\n' });
    repo.commit('base');
    const { status, report } = json(['check'], repo.root);
    expect(status).toBe(1);
    expect(report.conflicts.map((c) => c.services)).toEqual([['api', 'worker']]);
    expect(report.diagnostics).toEqual([{ file: 'hosts/a.nix', severity: 'warning', message: 'not read: parsing took longer than 200 ms (raise limits.maxParseMillis in .portcullis.yml)' }]);
  });

  it.each([
    [['check', '--frob'], /^portcullis: unknown option '--frob'/],
    [['check', 'no-such-folder'], /^portcullis: ROOT is not a folder: no-such-folder/],
    [['check', '--base', 'no-such-ref'], /^portcullis: base revision not found: no-such-ref/],
  ])('exits 2 with one line for %j', (args, message) => {
    repo = scratchRepo();
    repo.commit('empty');
    const result = run(args, repo.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 for an invalid .portcullis.yml, naming its line', () => {
    repo = scratchRepo();
    repo.write({ '.portcullis.yml': 'ignore:\n  - rule: unregistered\n' });
    const result = run(['check'], repo.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^portcullis: \.portcullis\.yml:2:\d+: /);
  });
});

describe('two threads', () => {
  it('give the same report as one: the worker extracts its half exactly as the main thread would', () => {
    repo = scratchRepo();
    const files: Record<string, string> = { 'ports.yml': REGISTRY };
    for (let n = 0; n < 12; n++) {
      files[`svc${n}/compose.yml`] = `services:\n  svc${n}:\n    image: x\n    ports: ["${8000 + (n % 5)}:80"]\n`;
      files[`svc${n}/.env`] = `SVC${n}_PORT=${9000 + (n % 4)}\n`;
      files[`svc${n}/src/main.rs`] = `fn main() {\n    let port = ${7000 + (n % 3)};\n    serve(TcpListener::bind(("0.0.0.0", port)));\n}\n`;
    }
    repo.write(files);
    const withoutDuration = (text: string) => text.replace(/"durationMs": \d+/, '');
    const one = run(['check', '--format', 'json', '--fail-on', 'none'], repo.root, { PORTCULLIS_THREADS: '1' });
    const two = run(['check', '--format', 'json', '--fail-on', 'none'], repo.root, { PORTCULLIS_THREADS: '2' });
    expect(two.status).toBe(0);
    expect(JSON.parse(one.stdout).conflicts.length).toBeGreaterThan(5);
    expect(withoutDuration(two.stdout)).toBe(withoutDuration(one.stdout));
  });
});

describe('ports, suggest, help and --output', () => {
  it('lists the inventory and proposes free ports', () => {
    repo = scratchRepo();
    repo.write({ 'ports.yml': 'categories:\n  app: { range: "3000-3003" }\nservices:\n  web: { port: 3000, category: app }\n', 'x/.env': 'API_PORT=3001\n' });
    const inventory = JSON.parse(run(['ports', '--format', 'json'], repo.root).stdout);
    expect(JSON.stringify(inventory)).toContain('"port":3001');
    const suggested = run(['suggest', '--service', 'new', '--category', 'app', '--count', '2'], repo.root);
    expect(suggested.status).toBe(0);
    expect(suggested.stdout).toBe('3002\n3003\n');
  });

  it('writes the report to --output and prints help', () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n' });
    expect(run(['check', '--format', 'json', '--output', 'out.json'], repo.root).stdout).toBe('');
    expect(JSON.parse(readFileSync(join(repo.root, 'out.json'), 'utf8')).stats.files).toBe(1);
    const help = run(['check', '--help'], repo.root);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: portcullis check/);
  });
});
