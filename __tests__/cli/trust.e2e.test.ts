// The bundled CLI against repositories written as an attacker would write a pull request:
// links to the runner's secrets and devices, files past the limits, names that look like
// workflow commands, a checkout that git refuses.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { makeScratchDir, type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

const cli = resolve('dist/cli.js');
const node = process.env['PORTCULLIS_TEST_NODE'] ?? process.execPath;
const SECRET = 'ghs_secretThatMustNeverBePrinted0123456789';

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync(node, [cli, ...args], { cwd, encoding: 'utf8', timeout: 30_000, env: { ...process.env, PORTCULLIS_TEST_SECRET: SECRET, ...env } });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

let repo: ScratchRepo;
beforeAll(() => {
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: npm run build');
});
afterEach(() => repo?.dispose());

describe('a config or registry that is a link', () => {
  it.each([
    ['/proc/self/environ', 'the environment, token included'],
    ['/dev/zero', 'a device that never ends'],
    ['/etc/passwd', 'a file outside the checkout'],
  ])('.portcullis.yml -> %s (%s): refused in one line that prints nothing of the target', (target) => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n' });
    symlinkSync(target, join(repo.root, '.portcullis.yml'));
    repo.commit('link');
    const result = run(['check'], repo.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('portcullis: .portcullis.yml: a symbolic link: not followed (the config must be a regular file in the repository)\n');
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });

  it('a FIFO named .portcullis.yml does not hold the run', () => {
    repo = scratchRepo();
    execFileSync('mkfifo', [join(repo.root, '.portcullis.yml')]);
    const result = run(['check'], repo.root);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe('portcullis: .portcullis.yml: not a regular file\n');
  });

  it('a registry linked to /proc/self/environ is reported as a link and never read', () => {
    repo = scratchRepo();
    symlinkSync('/proc/self/environ', join(repo.root, 'ports.yml'));
    repo.write({ 'a/.env': 'API_PORT=3000\n' });
    repo.commit('link');
    const result = run(['check', '--registry', 'ports.yml', '--format', 'json'], repo.root);
    expect(result.stdout).not.toContain(SECRET);
    expect(JSON.parse(result.stdout).diagnostics).toContainEqual({ file: 'ports.yml', severity: 'warning', message: 'symbolic link: not followed (Portcullis reads only regular files)' });
  });
});

describe('--output', () => {
  it('never writes through a link the repository holds, nor through a linked folder', () => {
    repo = scratchRepo();
    const outside = makeScratchDir();
    writeFileSync(join(outside, 'victim'), 'keep me\n');
    repo.write({ 'a/.env': 'API_PORT=3000\n' });
    symlinkSync(join(outside, 'victim'), join(repo.root, 'report.json'));
    symlinkSync(outside, join(repo.root, 'reports'));
    repo.commit('links');

    const direct = run(['check', '--format', 'json', '--output', 'report.json'], repo.root);
    expect(direct.status).toBe(2);
    expect(direct.stderr).toBe('portcullis: --output report.json: cannot write: it is a symbolic link: not written through it\n');
    const below = run(['check', '--format', 'json', '--output', 'reports/victim'], repo.root);
    expect(below.status).toBe(2);
    expect(below.stderr).toBe('portcullis: --output reports/victim: cannot write: reports is a symbolic link: not written through it\n');
    expect(readFileSync(join(outside, 'victim'), 'utf8')).toBe('keep me\n');
  });

  it('writes a new file in a folder inside the root, and a path the user names outside it', () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n', 'out/.keep': '' });
    expect(run(['check', '--format', 'json', '--output', 'out/report.json'], repo.root).status).toBe(0);
    expect(JSON.parse(readFileSync(join(repo.root, 'out/report.json'), 'utf8')).stats.files).toBe(1);
    const elsewhere = join(makeScratchDir(), 'report.json');
    expect(run(['check', '--format', 'json', '--output', elsewhere], repo.root).status).toBe(0);
    expect(existsSync(elsewhere)).toBe(true);
  });
});

describe('an incomplete check', () => {
  function overLimit(): ScratchRepo {
    const made = scratchRepo();
    // The duplicate is in the file past the size limit: a check that passed would hide it.
    made.write({ '.portcullis.yml': 'limits:\n  maxFileBytes: 100\n', 'a/.env': 'API_PORT=3000\n', 'b/.env': `${'# padding\n'.repeat(20)}WORKER_PORT=3000\n` });
    made.commit('base');
    return made;
  }

  it('fails with exit 1 and says which limit and which file, in JSON and in text', () => {
    repo = overLimit();
    const asJson = run(['check', '--format', 'json'], repo.root);
    expect(asJson.status).toBe(1);
    const report = JSON.parse(asJson.stdout);
    expect(report.conflicts).toEqual([]);
    expect(report.incomplete).toEqual([{ reason: 'file-size', message: '1 file larger than limits.maxFileBytes not read: b/.env' }]);
    const asText = run(['check'], repo.root);
    expect(asText.status).toBe(1);
    expect(asText.stdout.split('\n')[0]).toBe('No port collisions; 1 diagnostic; INCOMPLETE: 1 limit hit');
  });

  it('passes under --incomplete warn, still saying it is incomplete', () => {
    repo = overLimit();
    const result = run(['check', '--incomplete', 'warn'], repo.root);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('incomplete (file-size): 1 file larger than limits.maxFileBytes not read: b/.env');
    expect(run(['check', '--incomplete', 'maybe'], repo.root)).toMatchObject({ status: 2, stderr: "portcullis: --incomplete must be one of fail, warn (got 'maybe')\n" });
  });

  it('an .env expansion that doubles on every line is cut with a diagnostic, and the other services of the file are kept', () => {
    repo = scratchRepo();
    const doubling = Array.from({ length: 40 }, (_, i) => `V${i + 1}=\${V${i}}\${V${i}}`).join('\n');
    repo.write({ 'a/.env': `API_PORT=3000\nV0=xxxxxxxxxxxxxxxx\n${doubling}\nWORKER_PORT=3000\n` });
    const result = run(['check', '--format', 'json'], repo.root);
    const report = JSON.parse(result.stdout);
    expect(report.conflicts.map((conflict: { services: string[] }) => conflict.services)).toEqual([['api', 'worker']]);
    expect(report.incomplete).toEqual([{ reason: 'env-expansion', message: expect.stringContaining('a/.env') }]);
    expect(JSON.stringify(report.diagnostics)).not.toContain('internal error');
  });
});

describe('text output and workflow commands', () => {
  it('prints no line that the runner would read as a command, whatever the file names are', () => {
    repo = scratchRepo();
    mkdirSync(join(repo.root, '::error file=a,line=1::forged'));
    repo.write({ '::error file=a,line=1::forged/.env': 'API_PORT=99999\n', '##[set-env name=X]y/.env': 'WORKER_PORT=99999\n' });
    repo.commit('names');
    const result = run(['check'], repo.root);
    expect(result.stdout).toContain('forged/.env');
    expect(result.stdout.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['))).toEqual([]);
  });
});

describe('a checkout git refuses', () => {
  it('says so in a diagnostic instead of silently reading every file', () => {
    repo = scratchRepo();
    repo.write({ '.gitignore': 'ignored/\n', 'a/.env': 'API_PORT=3000\n', 'ignored/.env': 'WORKER_PORT=3000\n' });
    repo.commit('base');
    const result = run(['check', '--format', 'json'], repo.root, { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' });
    const report = JSON.parse(result.stdout);
    expect(report.diagnostics).toContainEqual({
      file: '.',
      severity: 'error',
      message: expect.stringMatching(/^git refused this repository \(detected dubious ownership in repository at '.*'\): files were listed without git, so \.gitignore is not honoured; mark the folder safe \(git config --global --add safe\.directory <path>\)$/),
    });
  });
});
