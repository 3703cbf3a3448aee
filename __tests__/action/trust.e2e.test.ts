// The bundled Action (dist/index.js) against pull requests written as an attacker would write
// them, and against a GitHub that hangs, rate-limits and cuts lists short: the fake GitHub of
// action.e2e.test.ts, with a bare repository as the checkout's origin.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeScratchDir, SCRATCH_GIT_ENV, type ScratchRepo } from '../helpers/scratchRepo.js';
import { startOrigin, stopOrigin } from './fakeGitHub/origin.js';
import { BOT, FakeGitHub } from './fakeGitHub/server.js';
import { OWNER, pullRequestPayload, REPO } from './payloads.js';
import { type ActionRun, runAction, workflowCommands } from './runner.js';

const TOKEN = 'ghs_fakeTokenThatMustNeverBeLogged0123456789';
const STICKY = '<!-- portcullis:sticky -->';

const REGISTRY = 'services:\n  web: 8080\n  db: 5433\n';
const WEB = 'services:\n  web:\n    image: web\n    ports:\n      - "8080:80"\n';
const API = 'processes:\n  api:\n    command: ./api --port 8080\n';
const WORKER = 'processes:\n  worker:\n    command: ./worker --port 9000\n';

let origin: ScratchRepo;
let fake: FakeGitHub;
let main: string;
const heads: Record<string, string> = {};
const clones = mkdtempSync(join(tmpdir(), 'portcullis-trust-clones-'));
const git = (cwd: string, ...args: string[]): string => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...SCRATCH_GIT_ENV }, maxBuffer: 64 * 1024 * 1024 });

/** A branch from `from` (default main) with these changes, committed; returns its head. */
function branch(name: string, files: Record<string, string>, links: Record<string, string> = {}, from = main): string {
  origin.git('checkout', '-q', '-B', name, from);
  origin.write(files);
  for (const [path, target] of Object.entries(links)) symlinkSync(target, join(origin.root, path));
  heads[name] = origin.commit(name);
  origin.git('checkout', '-q', 'main');
  return heads[name] as string;
}

interface Checkout {
  /** What is checked out: the head commit, or the merge commit actions/checkout makes. */
  sha: string;
  /** A ref of the origin that holds it. */
  ref: string;
  shallow?: boolean;
  /** Tells two clones of one commit apart. */
  tag?: string;
}

/** A clone as actions/checkout makes it: `origin` a file URL, the one commit fetched by depth 1 when shallow. */
function checkout({ sha, ref, shallow = false, tag = '' }: Checkout): string {
  const dir = join(clones, `${ref.replace(/\W/g, '_')}-${shallow ? 'shallow' : 'full'}-${sha.slice(0, 8)}${tag}`);
  if (existsSync(dir)) return dir;
  git(clones, 'init', '-q', '--template=', dir);
  git(dir, 'remote', 'add', 'origin', `file://${origin.root}`);
  git(dir, 'fetch', '-q', ...(shallow ? ['--depth=1'] : []), 'origin', `+${ref}:refs/remotes/origin/checkout`, ...(shallow ? [] : ['+refs/heads/*:refs/remotes/origin/*']));
  git(dir, 'checkout', '-q', '--detach', sha);
  return dir;
}

interface PullRequestRun {
  shallow?: boolean;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** The merge commit to check out instead of the head (as actions/checkout does on pull_request). */
  merge?: string;
  base?: string;
  changedFiles?: number;
  timeoutMs?: number;
  tag?: string;
}

function pullRequest(number: number, branchName: string, options: PullRequestRun = {}): Promise<ActionRun> {
  const head = heads[branchName] as string;
  const base = options.base ?? main;
  fake.pulls.set(number, { number, base, head });
  const checkedOut = options.merge ?? head;
  const ref = options.merge === undefined ? `refs/heads/${branchName}` : `refs/pull/${number}/merge`;
  return runAction(
    {
      workspace: checkout({ sha: checkedOut, ref, ...(options.shallow ? { shallow: true } : {}), ...(options.tag === undefined ? {} : { tag: options.tag }) }),
      apiUrl: fake.url,
      repository: `${OWNER}/${REPO}`,
      eventName: 'pull_request',
      payload: pullRequestPayload(number, base, head, branchName, options.changedFiles),
      sha: checkedOut,
      ...(options.inputs ? { inputs: options.inputs } : {}),
      ...(options.env ? { env: options.env } : {}),
      timeoutMs: options.timeoutMs ?? 120_000,
    },
    TOKEN,
  );
}

const stickyOf = (number: number) => fake.issueComments.filter((comment) => comment.issue_number === number && comment.body.startsWith(STICKY) && comment.user.login === BOT.login);
const reviewCommentsOf = (number: number) => fake.reviewComments.filter((comment) => comment.pull_number === number);
const annotationsIn = (run: ActionRun) => workflowCommands(run.stdout).filter((command) => ['error', 'warning', 'notice'].includes(command.command) && command.properties['file'] !== undefined);
const warningsIn = (run: ActionRun) => workflowCommands(run.stdout).filter((command) => command.command === 'warning' && command.properties['file'] === undefined);
const errorsIn = (run: ActionRun) => workflowCommands(run.stdout).filter((command) => command.command === 'error' && command.properties['file'] === undefined);
const reportOf = (run: ActionRun) => JSON.parse(readFileSync(run.outputs['report-file'] as string, 'utf8')) as { base: string | null; conflicts: Array<{ status: string; services: string[] }>; incomplete: Array<{ reason: string; message: string }> };

function expectNoToken(run: ActionRun): void {
  expect(run.stdout + run.stderr + run.summary).not.toContain(TOKEN);
  for (const comment of fake.issueComments) expect(comment.body).not.toContain(TOKEN);
}

beforeAll(async () => {
  ({ repo: origin, main, fake } = await startOrigin(TOKEN, { 'ports.yml': REGISTRY, 'web/compose.yml': WEB, 'svc/process-compose.yaml': WORKER }));
});

afterEach(() => {
  expect(fake.checkRunRequests()).toEqual([]);
});

afterAll(() => stopOrigin({ repo: origin, fake }, clones));

describe('1. reads only regular files of the checkout, writes through no link', () => {
  it('a config linked to /proc/self/environ leaks nothing, and sarif-file through a committed link leaves its target alone', async () => {
    const outside = makeScratchDir();
    const victim = join(outside, 'victim');
    writeFileSync(victim, 'keep me\n');
    branch('links', { 'api/process-compose.yaml': API }, { '.portcullis.yml': '/proc/self/environ', 'results.sarif': victim });
    const run = await pullRequest(101, 'links', { inputs: { 'sarif-file': 'results.sarif' } });

    expectNoToken(run);
    expect(readFileSync(victim, 'utf8')).toBe('keep me\n');
    expect(run.status).toBe(1);
    expect(errorsIn(run).map((error) => error.message)).toContain('portcullis: sarif-file: results.sarif: it is a symbolic link: not written through it');
    // The check itself ran, with the base's config: the collision is reported.
    expect(run.summary).toContain('**1 new port collision must be fixed**');
    expect(stickyOf(101)[0]?.body).toContain('`.portcullis.yml`: a symbolic link: not followed');
  });
});

describe('2. the config belongs to the base', () => {
  const IGNORE_ALL = 'ignore:\n  - port: 8080\n    reason: "not ours"\nexclude:\n  - "**"\n';

  it.each([false, true])('a pull request cannot switch off its own gate with ignore or exclude (shallow clone: %s)', async (shallow) => {
    const number = shallow ? 202 : 201;
    branch(`blind-${number}`, { 'api/process-compose.yaml': API, '.portcullis.yml': IGNORE_ALL });
    const run = await pullRequest(number, `blind-${number}`, { shallow });

    expect(run.status).toBe(1);
    expect(reportOf(run).conflicts.filter((conflict) => conflict.status === 'new').map((conflict) => conflict.services)).toEqual([['api', 'web']]);
    const body = stickyOf(number)[0]?.body ?? '';
    expect(body).toContain('**1 new port collision must be fixed**');
    expect(body).toContain("**This pull request changes Portcullis's config**");
    expect(body).toContain('adds `ignore`: port 8080 (not ours)');
    expect(body).toContain('adds `exclude`: `**`');
    expect(run.summary).toContain('adds `exclude`: `**`');
  });
});

describe('3. a limit makes the check incomplete, and an incomplete check fails the gate', () => {
  it('a file past the size limit: failing, and passing under incomplete: warn, saying so both times', async () => {
    branch('big', { 'big/.env': `${'# padding\n'.repeat(110_000)}BIG_PORT=8080\n` });
    const failing = await pullRequest(301, 'big');
    expect(failing.status).toBe(1);
    expect(reportOf(failing).incomplete).toEqual([{ reason: 'file-size', message: '1 file larger than limits.maxFileBytes not read: big/.env' }]);
    expect(errorsIn(failing).map((error) => error.message)).toContain('portcullis: the check is incomplete (file-size): set incomplete: warn to let an incomplete check pass');
    expect(failing.summary).toContain('**The check is incomplete**');
    expect(stickyOf(301)[0]?.body).toContain('**The check is incomplete**');

    const warned = await pullRequest(301, 'big', { inputs: { incomplete: 'warn' } });
    expect(warned.status).toBe(0);
    expect(warned.summary).toContain('**The check is incomplete**');
  });

  /** 3,001 files changed, the collision in the one GitHub leaves off its list. */
  const wide = (): void => {
    if (heads['wide'] !== undefined) return;
    const filler = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`filler/f${String(i).padStart(4, '0')}.txt`, `${i}\n`]));
    branch('wide', { ...filler, 'zz/.env': 'ZZ_PORT=8080\n' });
  };

  it('more files than GitHub lists, on a shallow clone: the base is fetched with git and the collision past the list is new', async () => {
    wide();
    const run = await pullRequest(302, 'wide', { shallow: true, changedFiles: 3001 });

    expect(fake.rejected()).toEqual([]);
    expect(run.status).toBe(1);
    const report = reportOf(run);
    expect(report.base).toBe(main);
    expect(report.incomplete).toEqual([]);
    expect(report.conflicts.filter((conflict) => conflict.status === 'new').map((conflict) => conflict.services)).toEqual([['web', 'zz']]);
  }, 240_000);

  it('more files than GitHub lists, and the base cannot be fetched: incomplete, not passing', async () => {
    wide();
    const workspace = checkout({ sha: heads['wide'] as string, ref: 'refs/heads/wide', shallow: true, tag: '-cut-off' });
    git(workspace, 'remote', 'set-url', 'origin', `file://${join(clones, 'no-such-origin')}`);
    const run = await pullRequest(302, 'wide', { shallow: true, changedFiles: 3001, tag: '-cut-off' });

    expect(run.status).toBe(1);
    expect(reportOf(run).incomplete).toEqual([{ reason: 'rest-file-list', message: expect.stringMatching(/^GitHub lists 3000 of the 3001 files this pull request changes, and the base commit [0-9a-f]{12} could not be fetched/) }]);
  }, 240_000);

  it('a base that can be read neither through the API nor with git: incomplete, not everything new and passing', async () => {
    branch('quiet', { 'quiet/.env': 'QUIET_PORT=4444\n' });
    const workspace = checkout({ sha: heads['quiet'] as string, ref: 'refs/heads/quiet', shallow: true });
    git(workspace, 'remote', 'set-url', 'origin', `file://${join(clones, 'no-such-origin')}`);
    fake.injections.push({ method: 'GET', pathIncludes: '/pulls/303/files', status: 500, message: 'Server Error', times: 4 });
    const run = await pullRequest(303, 'quiet', { shallow: true });

    expect(run.status).toBe(1);
    expect(reportOf(run).incomplete).toEqual([{ reason: 'base-unreadable', message: expect.stringContaining('could not be read') }]);
  }, 120_000);
});

describe('4. every line named on the pull request is a line of its head commit', () => {
  it.each([false, true])('a merge commit whose base moved the lines: review comment, suggestion, annotation and links on head lines (shallow: %s)', async (shallow) => {
    const number = shallow ? 402 : 401;
    // The pull request adds `api` at lines 4-5 of the file; the base then puts four lines above them.
    const head = branch(`moved-${number}`, { 'svc/process-compose.yaml': `${WORKER}  api:\n    command: ./api --port 8080\n` });
    const base = branch(`main-${number}`, { 'svc/process-compose.yaml': `# one\n# two\n# three\n# four\n${WORKER}` });
    origin.git('checkout', '-q', '--detach', base);
    origin.git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'merge', '-q', '--no-ff', '-m', 'merge', head);
    const merge = origin.git('rev-parse', 'HEAD').trim();
    origin.git('update-ref', `refs/pull/${number}/merge`, merge);
    origin.git('checkout', '-q', 'main');
    const mergedLine = readFileSync(join(checkout({ sha: merge, ref: `refs/pull/${number}/merge`, shallow }), 'svc/process-compose.yaml'), 'utf8').split('\n').indexOf('    command: ./api --port 8080') + 1;
    expect(mergedLine).toBe(9);

    // `all`: the worker's older collision is annotated too, so both lines' placement shows.
    const run = await pullRequest(number, `moved-${number}`, { merge, base, shallow, inputs: { annotations: 'all' } });

    expect(fake.rejected()).toEqual([]);
    expect(run.status).toBe(1);
    const [comment, ...more] = reviewCommentsOf(number);
    expect(more).toEqual([]);
    expect(comment).toMatchObject({ path: 'svc/process-compose.yaml', line: 5, side: 'RIGHT', commit_id: head });
    expect(comment?.body).toContain('```suggestion\n    command: ./api --port 8081\n```');
    // The collision on the head's line 5; the worker, which the base moved to line 7, on the head's line 3.
    expect(annotationsIn(run).filter((annotation) => annotation.properties['file'] === 'svc/process-compose.yaml').map((annotation) => [annotation.command, annotation.properties['line']])).toEqual([
      ['error', '5'],
      ['notice', '3'],
    ]);
    // Their messages name the claims' lines, which are the head's too.
    expect(annotationsIn(run).map((annotation) => annotation.message).join('\n')).toContain('worker (svc/process-compose.yaml:3)');
    expect(annotationsIn(run).map((annotation) => annotation.message).join('\n')).not.toMatch(/process-compose\.yaml:[79]\)/);
    const link = `https://github.com/${OWNER}/${REPO}/blob/${head}/svc/process-compose.yaml#L5`;
    expect(run.summary).toContain(link);
    expect(stickyOf(number)[0]?.body).toContain(link);
    expect(run.summary).not.toContain('process-compose.yaml#L9');
  }, 120_000);
});

describe('5. the sticky comment is the token account’s own', () => {
  it('a comment someone else starts with the marker is neither taken over nor edited, and does not stop the review', async () => {
    branch('sticky', { 'api/process-compose.yaml': API });
    const forged = { id: 1, issue_number: 501, body: `${STICKY}\nforged by mallory`, created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-01T00:00:00Z', user: { login: 'mallory', type: 'User' } };
    fake.issueComments.push(forged);
    const run = await pullRequest(501, 'sticky');

    expect(fake.rejected()).toEqual([]);
    expect(run.status).toBe(1);
    expect(forged.body).toBe(`${STICKY}\nforged by mallory`);
    expect(stickyOf(501)).toHaveLength(1);
    expect(reviewCommentsOf(501)).toHaveLength(1);
    expect(warningsIn(run)).toEqual([]);
  });
});

describe('7. the REST client: a timeout on every call', () => {
  it('a call that never answers is abandoned and retried', async () => {
    branch('hang', { 'api/process-compose.yaml': API });
    fake.injections.push({ method: 'GET', pathIncludes: '/pulls/701/files', status: 0, message: '', times: 1, hang: true });
    const started = Date.now();
    const run = await pullRequest(701, 'hang', { env: { PORTCULLIS_API_TIMEOUT_MS: '2000' }, timeoutMs: 90_000 });

    expect(run.status).toBe(1);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(stickyOf(701)).toHaveLength(1);
    expect(reviewCommentsOf(701)).toHaveLength(1);
  }, 120_000);
});

describe('9. a checkout git refuses', () => {
  it('is said in the summary, not silently read as a plain folder', async () => {
    branch('owner', { 'api/process-compose.yaml': API });
    const run = await pullRequest(901, 'owner', { env: { GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' } });
    expect(run.summary).toContain('git refused this repository (detected dubious ownership');
  });
});
