// The bundled CLI as a developer uses it before pushing: fix, and terminal manners.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

const cli = resolve('dist/cli.js');
const node = process.env['PORTCULLIS_TEST_NODE'] ?? process.execPath;

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(node, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, ...env } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Runs the CLI on a pseudo-terminal (util-linux `script`), as in an interactive shell. */
function runOnTerminal(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const command = [node, cli, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: undefined, TERM: 'xterm', ...env } });
  return child.stdout;
}

let repo: ScratchRepo;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build');
});
afterEach(() => repo?.dispose());

const REGISTRY = '# who owns which port\nservices:\n  web: 8080\n  db: { port: 5433 }\n';

describe('portcullis fix', () => {
  it('prints a diff that git applies, writes the same change, and a second check comes out clean', () => {
    repo = scratchRepo();
    repo.write({
      'ports.yml': REGISTRY,
      'web/compose.yml': 'services:\n  web:\n    image: web\n    ports:\n      - "8080:80"\n',
      'api/process-compose.yaml': 'processes:\n  api:\n    command: ./api --port 8080\n  docs:\n    command: npx vite --port 5433\n',
      'worker/.env': 'WORKER_PORT=9100\n',
    });
    repo.commit('base');
    expect(run(['check'], repo.root).status).toBe(1);

    const dry = run(['fix', '--dry-run'], repo.root);
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain('--- a/api/process-compose.yaml\n+++ b/api/process-compose.yaml\n');
    expect(dry.stdout).toContain('-    command: ./api --port 8080\n+    command: ./api --port 8081\n');
    expect(repo.git('status', '--porcelain')).toBe('');
    repo.write({ 'change.patch': dry.stdout });
    repo.git('apply', 'change.patch');
    repo.remove('change.patch');
    const applied = repo.git('diff');
    repo.git('checkout', '--', '.');

    const fixed = run(['fix'], repo.root);
    expect(fixed.stderr).toBe('');
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toMatch(/^api\/process-compose\.yaml:3:27: api 8080 -> 8081\napi\/process-compose\.yaml:5:30: docs 5433 -> \d+\nports\.yml: registered api: 8081, docs: \d+, worker: 9100\n$/);
    expect(repo.git('diff')).toBe(applied);
    expect(readFileSync(join(repo.root, 'ports.yml'), 'utf8')).toMatch(/^# who owns which port\nservices:\n {2}web: 8080\n {2}db: \{ port: 5433 \}\n {2}api: 8081\n {2}docs: \d+\n {2}worker: 9100\n$/);

    const again = run(['check', '--format', 'json'], repo.root);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout).conflicts).toEqual([]);
  });

  it('with --base, fixes only what is new since the base and leaves existing collisions alone', () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n', 'b/.env': 'WORKER_PORT=3000\n' });
    repo.commit('base');
    repo.write({ 'c/.env': 'QUEUE_PORT=4000\n', 'd/.env': 'MAIL_PORT=4000\n' });
    repo.commit('head');
    const fixed = run(['fix', '--base', 'HEAD~1'], repo.root);
    expect(fixed.status).toBe(0);
    expect(readFileSync(join(repo.root, 'd/.env'), 'utf8')).toBe('MAIL_PORT=4001\n');
    expect(readFileSync(join(repo.root, 'b/.env'), 'utf8')).toBe('WORKER_PORT=3000\n');
    expect(run(['check', '--base', 'HEAD~1'], repo.root).status).toBe(0);
  });

  it('prints the registry lines to add by hand for a registry it does not edit', () => {
    repo = scratchRepo();
    repo.write({ 'PORTS.md': '| Port | Service |\n| --- | --- |\n| 8080 | web |\n', 'worker/.env': 'WORKER_PORT=9100\n' });
    const fixed = run(['fix'], repo.root);
    expect(fixed.status).toBe(0);
    expect(fixed.stdout).toBe('Register the new services in PORTS.md:\n  | 9100 | worker |\n');
  });
});

describe('check --base HEAD, as the pre-commit hook runs it', () => {
  it('counts every conflict as new before the first commit, instead of failing on the missing HEAD', () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n' });
    repo.git('add', '-A');
    const clean = run(['check', '--base', 'HEAD'], repo.root);
    expect(clean).toMatchObject({ status: 0, stderr: 'portcullis: HEAD has no commit yet: every conflict counts as new\n' });
    repo.write({ 'b/.env': 'WORKER_PORT=3000\n' });
    repo.git('add', '-A');
    const failing = run(['check', '--base', 'HEAD', '--quiet'], repo.root);
    expect(failing).toMatchObject({ status: 1, stderr: '' });
    expect(failing.stdout).toContain('error: duplicate-port on 3000/tcp in host (new)');
  });
});

describe('terminal manners', () => {
  const collision = { 'a/.env': 'API_PORT=3000\n', 'b/.env': 'WORKER_PORT=3000\n' };

  it('colors the report on a terminal only, and never with NO_COLOR', () => {
    repo = scratchRepo();
    repo.write(collision);
    // eslint-disable-next-line no-control-regex
    const ansi = /\u001b\[[\d;]*m/;
    expect(runOnTerminal(['check'], repo.root)).toMatch(ansi);
    expect(runOnTerminal(['check'], repo.root, { NO_COLOR: '1' })).not.toMatch(ansi);
    expect(runOnTerminal(['check', '--output', 'report.txt'], repo.root)).not.toMatch(ansi);
    expect(readFileSync(join(repo.root, 'report.txt'), 'utf8')).not.toMatch(ansi);
    expect(run(['check'], repo.root).stdout).not.toMatch(ansi);
  });

  it('--quiet prints only the failing conflicts, and nothing when none fails', () => {
    repo = scratchRepo();
    repo.write({ ...collision, 'c/compose.yml': 'services:\n  c:\n    image: c\n    ports: ["5000:80"]\n', 'd/compose.yml': 'services:\n  d:\n    image: d\n    ports: ["5000:80"]\n' });
    const normal = run(['check'], repo.root);
    expect(normal.stdout).toContain('warning: duplicate-port on 5000/tcp');
    const quiet = run(['check', '--quiet'], repo.root);
    expect(quiet.status).toBe(1);
    expect(quiet.stdout).toContain('error: duplicate-port on 3000/tcp');
    expect(quiet.stdout).not.toContain('5000');
    repo.remove('b');
    const passing = run(['check', '-q'], repo.root);
    expect(passing).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });

  it.each([
    [['chek'], "portcullis: unknown command 'chek'; did you mean 'check'? (the commands: check, ports, suggest, fix)"],
    [['check', '--fromat', 'json'], "portcullis: unknown option '--fromat'; did you mean '--format'? (see portcullis check --help)"],
    [['check', '--registry', 'missing.yml'], 'portcullis: --registry missing.yml: no such file (registry paths are relative to ROOT)'],
    [['check', '--output', 'no/such/folder/report.json'], 'portcullis: --output no/such/folder/report.json: cannot write: its folder does not exist'],
    [['check', '--output', 'existing-folder'], 'portcullis: --output existing-folder: cannot write: it is a folder'],
    [['check', '--config', 'bad.yml'], 'portcullis: bad.yml:2:5: ignore[0].reason: required'],
  ])('exits 2 with one line for %j', (args, message) => {
    repo = scratchRepo();
    repo.write({ ...collision, 'bad.yml': 'ignore:\n  - rule: unregistered\n' });
    mkdirSync(join(repo.root, 'existing-folder'));
    const result = run(args, repo.root);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    if (typeof message === 'string') expect(lines[0]).toBe(message);
    else expect(lines[0]).toMatch(message);
  });

  it('suggest --format json gives the service, the category and the ports', () => {
    repo = scratchRepo();
    repo.write({ 'ports.yml': 'categories:\n  app: { range: "3000-3003" }\nservices:\n  web: { port: 3000, category: app }\n' });
    const result = run(['suggest', '--service', 'new', '--category', 'app', '--count', '2', '--format', 'json'], repo.root);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ service: 'new', category: 'app', ports: [3001, 3002] });
  });
});
