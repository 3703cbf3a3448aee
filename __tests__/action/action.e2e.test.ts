// The bundled Action (dist/index.js), started as the runner starts it, against a fake
// GitHub REST API that keeps its state between runs and refuses what GitHub refuses.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScratchRepo } from '../helpers/scratchRepo.js';
import { nodesOfType, parseGfm } from '../report/gfm.js';
import { startOrigin, stopOrigin } from './fakeGitHub/origin.js';
import { startTunnelProxy } from './fakeGitHub/proxy.js';
import { FakeGitHub } from './fakeGitHub/server.js';
import { OWNER, pullRequestPayload, pushPayload, REPO } from './payloads.js';
import { type ActionRun, runAction, workflowCommands } from './runner.js';

const TOKEN = 'ghs_fakeTokenThatMustNeverBeLogged0123456789';
const STICKY = '<!-- portcullis:sticky -->';
const ZWJ = '\u200D';

const REGISTRY = 'services:\n  web: 8080\n  db: 5433\n';
const WEB = 'services:\n  web:\n    image: web\n    ports:\n      - "8080:80"\n';
const API = 'processes:\n  api:\n    command: ./api --port 8080\n';

let origin: ScratchRepo;
let fake: FakeGitHub;
let main: string;
const heads: Record<string, string> = {};
const clones = mkdtempSync(join(tmpdir(), 'portcullis-clones-'));

/** A branch from main with these changes, committed; returns its head. */
function branch(name: string, files: Record<string, string>, remove: string[] = []): string {
  origin.git('checkout', '-q', '-B', name, main);
  origin.write(files);
  for (const path of remove) origin.remove(path);
  heads[name] = origin.commit(name);
  origin.git('checkout', '-q', 'main');
  return heads[name] as string;
}

/** A checkout of `sha`, full or with one commit as actions/checkout makes by default. */
function checkout(sha: string, branchName: string, shallow = false): string {
  const dir = join(clones, `${branchName}-${shallow ? 'shallow' : 'full'}-${sha.slice(0, 8)}`);
  if (!existsSync(dir)) {
    const source = shallow ? `file://${origin.root}` : origin.root;
    execFileSync('git', ['clone', '-q', ...(shallow ? ['--depth', '1', '--branch', branchName] : []), source, dir]);
    execFileSync('git', ['checkout', '-q', sha], { cwd: dir });
  }
  return dir;
}

function pullRequest(number: number, branchName: string, options: { shallow?: boolean; inputs?: Record<string, string> } = {}): Promise<ActionRun> {
  const head = heads[branchName] as string;
  fake.pulls.set(number, { number, base: main, head });
  return runAction(
    {
      workspace: checkout(head, branchName, options.shallow),
      apiUrl: fake.url,
      repository: `${OWNER}/${REPO}`,
      eventName: 'pull_request',
      payload: pullRequestPayload(number, main, head, branchName),
      sha: head,
      ...(options.inputs ? { inputs: options.inputs } : {}),
    },
    TOKEN,
  );
}

const stickyOf = (number: number) => fake.issueComments.filter((comment) => comment.issue_number === number && comment.body.startsWith(STICKY));
const reviewCommentsOf = (number: number) => fake.reviewComments.filter((comment) => comment.pull_number === number);
const annotationsIn = (run: ActionRun) => workflowCommands(run.stdout).filter((command) => ['error', 'warning', 'notice'].includes(command.command) && command.properties['file'] !== undefined);
/**
 * The comment's body holds the run's duration, so two runs can write the same body, and an
 * unchanged body is (rightly) not written again: tests that need an edit make the stored one stale.
 */
const makeStickyStale = (number: number) => {
  for (const comment of stickyOf(number)) comment.body += '\n<!-- stale -->';
};
const warningsIn = (run: ActionRun) => workflowCommands(run.stdout).filter((command) => command.command === 'warning' && command.properties['file'] === undefined);

function expectCleanLogs(run: ActionRun): void {
  expect(run.stdout + run.stderr).not.toContain(TOKEN);
  const stackFrames = `${run.stdout}\n${run.stderr}`.split('\n').filter((line) => line.trimStart().startsWith('at ') && line.includes('.js:'));
  expect(stackFrames).toEqual([]);
}

beforeAll(async () => {
  ({ repo: origin, main, fake } = await startOrigin(TOKEN, { 'ports.yml': REGISTRY, 'web/compose.yml': WEB, 'legacy/.env': 'LEGACY_PORT=5433\n' }));
});

afterEach(() => {
  // The job's own check is the gate: the Action makes no check run beside it.
  expect(fake.checkRunRequests()).toEqual([]);
});

afterAll(() => stopOrigin({ repo: origin, fake }, clones));

describe('the Action on a pull request', () => {
  let first: ActionRun;

  it('first run: one sticky comment, one review with a suggestion on the right line, annotations, summary, outputs, failing exit', async () => {
    const head = branch('pr-7', { 'api/process-compose.yaml': API });
    first = await pullRequest(7, 'pr-7');

    expect(first.status).toBe(1);
    expectCleanLogs(first);
    expect(fake.rejected()).toEqual([]);

    // Only what the pull request changed: the newcomer's line, not the registry's untouched line, not the older collision.
    expect(annotationsIn(first)).toEqual([
      {
        command: 'error',
        properties: { title: 'Portcullis registry-conflict: 8080/tcp', file: 'api/process-compose.yaml', line: '3', col: '27' },
        message: '8080/tcp on host: api (api/process-compose.yaml:3) collides with web, which the registry gives 8080; proposed: api → 8081',
      },
    ]);

    expect(first.outputs).toEqual({ 'new-conflicts': '1', conflicts: '2', 'report-file': join(first.runnerTemp, 'portcullis-portcullis.json') });
    // It writes its report into RUNNER_TEMP and its outputs into the runner's files: nothing else, and nothing in the checkout.
    expect(readdirSync(first.home).sort()).toEqual(['event.json', 'output', 'summary.md', 'temp']);
    expect(readdirSync(first.runnerTemp)).toEqual(['portcullis-portcullis.json']);
    expect(execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: first.workspace, encoding: 'utf8' })).toBe('');
    const report = JSON.parse(readFileSync(first.outputs['report-file'] as string, 'utf8')) as { base: string; conflicts: Array<{ status: string }> };
    expect(report.base).toBe(main);
    expect(report.conflicts.map((conflict) => conflict.status)).toEqual(['existing', 'new']);

    expect(first.summary).toContain('❌ **1 new port collision must be fixed**: `api` takes 8080/tcp from `web`; proposed 8081 · 1 existing');
    expect(first.summary).toContain(`[\`api/process-compose.yaml:3\`](https://github.com/${OWNER}/${REPO}/blob/${head}/api/process-compose.yaml#L3)`);

    const [sticky, ...more] = stickyOf(7);
    expect(more).toEqual([]);
    expect(sticky?.body).toContain('**1 new port collision must be fixed**');
    expect(sticky?.body).toContain(`/blob/${head}/api/process-compose.yaml#L3`);
    expect(sticky?.body).toMatch(/<details>\n<summary>1 existing port collision<\/summary>/);

    expect(fake.reviews).toHaveLength(1);
    expect(fake.reviews[0]).toMatchObject({ pull_number: 7, event: 'COMMENT', commit_id: head });
    const comments = reviewCommentsOf(7);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatchObject({ path: 'api/process-compose.yaml', line: 3, side: 'RIGHT' });
    expect(comments[0]?.body).toContain('```suggestion\n    command: ./api --port 8081\n```');
    const review = fake.requests.find((request) => request.path.endsWith('/pulls/7/reviews'));
    expect(JSON.stringify(review?.body)).not.toContain('"position"');
  });

  it('rerun: the sticky comment is edited, not duplicated, and no review comment is repeated', async () => {
    const from = fake.requests.length;
    makeStickyStale(7);
    const rerun = await pullRequest(7, 'pr-7');

    expect(rerun.status).toBe(1);
    expect(stickyOf(7)).toHaveLength(1);
    expect(fake.reviews).toHaveLength(1);
    expect(reviewCommentsOf(7)).toHaveLength(1);
    expect(fake.writesSince(from).map((request) => `${request.method} ${request.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${stickyOf(7)[0]?.id}`]);
    expect(rerun.outputs['new-conflicts']).toBe('1');
  });

  it('writes refused with 403: summary and annotations are still there, the verdict is the same, and one warning says why', async () => {
    makeStickyStale(7);
    fake.refuseWrites = true;
    const refused = await pullRequest(7, 'pr-7');
    fake.refuseWrites = false;

    expect(refused.status).toBe(1);
    expectCleanLogs(refused);
    expect(refused.summary).toContain('**1 new port collision must be fixed**');
    expect(annotationsIn(refused)).toEqual(annotationsIn(first));
    const warnings = warningsIn(refused);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('403 Resource not accessible by integration');
    expect(warnings[0]?.message).toContain('skipped the sticky comment');
    expect(refused.outputs).toMatchObject({ 'new-conflicts': '1', conflicts: '2' });
  });

  it('the conflict fixed: the sticky comment turns into an all-clear and the step passes', async () => {
    origin.git('checkout', '-q', 'pr-7');
    origin.write({ 'api/process-compose.yaml': API.replace('8080', '8090'), 'ports.yml': `${REGISTRY}  api: 8090\n` });
    heads['pr-7'] = origin.commit('fix');
    origin.git('checkout', '-q', 'main');
    const fixed = await pullRequest(7, 'pr-7');

    expect(fixed.status).toBe(0);
    expect(fixed.outputs['new-conflicts']).toBe('0');
    expect(stickyOf(7)).toHaveLength(1);
    expect(stickyOf(7)[0]?.body).toContain('✅ **No new port collisions** · 1 existing');
    expect(fake.reviews).toHaveLength(1);
    expect(fake.rejected()).toEqual([]);
  });

  it('a line outside the diff goes into the sticky comment, not into a review comment', async () => {
    const head = branch('pr-8', { 'ports.yml': REGISTRY.replace('web: 8080', 'cache: 8080') });
    const outside = await pullRequest(8, 'pr-8');

    expect(outside.status).toBe(1);
    expect(fake.rejected()).toEqual([]);
    expect(reviewCommentsOf(8)).toEqual([]);
    expect(fake.reviews.filter((review) => review.pull_number === 8)).toEqual([]);
    const body = stickyOf(8)[0]?.body ?? '';
    expect(body).toContain("<details>\n<summary>1 proposed line change outside this pull request's diff (GitHub takes review suggestions only on lines the diff shows)</summary>");
    expect(body).toContain(
      `- [\`web/compose.yml:5\`](https://github.com/${OWNER}/${REPO}/blob/${head}/web/compose.yml#L5): ❌ registry-conflict: \`web\` takes 8080/tcp from \`cache\`; proposed 8081; the line becomes \`- "8081:80"\``,
    );
  });

  it('150 conflicts: at most 30 review comments, the step\'s 10 error annotations, nothing lost in the summary', async () => {
    const count = 150;
    const registry = REGISTRY + Array.from({ length: count }, (_, i) => `  s${i}: ${20000 + i}\n`).join('');
    const env = Array.from({ length: count }, (_, i) => `T${i}_PORT=${20000 + i}\n`).join('');
    branch('pr-9', { 'ports.yml': registry, 'many/.env': env });
    const many = await pullRequest(9, 'pr-9');

    expect(many.status).toBe(1);
    expect(fake.rejected()).toEqual([]);
    expect(many.outputs['new-conflicts']).toBe(String(count));

    const comments = reviewCommentsOf(9);
    expect(comments).toHaveLength(30);
    expect(comments.map((comment) => comment.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const review = fake.reviews.find((candidate) => candidate.pull_number === 9);
    expect(review?.body).toContain('**Portcullis**: 150 proposed port changes on lines of this pull request.');
    expect(review?.body.match(/^- \[`many\/\.env:\d+`\]/gm)).toHaveLength(120);

    // 300 new claims in the diff: 9 annotations and the failing verdict make the runner's 10 errors; the summary counts the rest.
    const errors = workflowCommands(many.stdout).filter((command) => command.command === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.filter((error) => error.properties['file'] !== undefined)).toHaveLength(9);
    expect(many.summary).toContain('**291 errors not annotated**');
    expect(fake.checkRunRequests()).toEqual([]);

    const rows = many.summary.split('\n').filter((line) => /^\| (?:❌ )?\d+\/tcp<br><sub>registry-conflict<\/sub> \|/.test(line));
    expect(rows).toHaveLength(count + 1);
    expect(rows.filter((row) => row.includes('many/.env'))).toHaveLength(count);
    for (let i = 0; i < count; i++) expect(many.summary).toContain(`[\`many/.env:${i + 1}\`]`);
  }, 120_000);

  it('a service name with |, backticks, <script> and @someone is escaped everywhere and pings nobody', async () => {
    const evil = 'a|b`c<script>@someone';
    branch('pr-10', {
      'ports.yml': `${REGISTRY}  "${evil}": 7000\n`,
      'api2/process-compose.yaml': 'processes:\n  api2:\n    command: ./api --port 7000\n',
    });
    const run = await pullRequest(10, 'pr-10');

    expect(run.status).toBe(1);
    expect(fake.rejected()).toEqual([]);
    const sticky = stickyOf(10)[0]?.body ?? '';
    const reviewComment = reviewCommentsOf(10)[0]?.body ?? '';
    for (const markdown of [sticky, reviewComment, run.summary]) {
      expect(markdown).not.toContain('<script>');
      expect(markdown).not.toMatch(/@someone/);
      expect(markdown).toContain(`@${ZWJ}someone`);
    }
    const table = nodesOfType(parseGfm(sticky), 'table')[0];
    for (const row of table?.children ?? []) expect(row.children).toHaveLength(3);
    expect(reviewComment).toContain('```suggestion\n    command: ./api --port 7001\n```');
    const annotation = annotationsIn(run).find((command) => command.properties['file'] === 'api2/process-compose.yaml');
    expect(annotation?.message).toContain(evil);
  });

  it('a shallow clone reads the base versions of the changed files through the contents API', async () => {
    const head = branch('pr-11', { 'web/compose.yml': `${WEB}  admin:\n    image: admin\n    ports:\n      - "8080:81"\n` });
    const from = fake.requests.length;
    const shallow = await pullRequest(11, 'pr-11', { shallow: true });
    const workspace = checkout(head, 'pr-11', true);
    expect(() => execFileSync('git', ['cat-file', '-e', `${main}^{commit}`], { cwd: workspace, stdio: 'ignore' })).toThrow();

    expect(shallow.status).toBe(1);
    expect(fake.rejected()).toEqual([]);
    const contents = fake.requests.slice(from).filter((request) => request.path.includes('/contents/'));
    // The changed file at the base, and the config, which is the base's on a pull request (it has none).
    expect(contents.map((request) => [request.path, request.query.get('ref')])).toEqual([
      [`/repos/${OWNER}/${REPO}/contents/.portcullis.yml`, main],
      [`/repos/${OWNER}/${REPO}/contents/.portcullis.yaml`, main],
      [`/repos/${OWNER}/${REPO}/contents/web/compose.yml`, main],
    ]);
    const report = JSON.parse(readFileSync(shallow.outputs['report-file'] as string, 'utf8')) as { base: string; conflicts: Array<{ status: string; services: string[] }> };
    expect(report.base).toBe(main);
    expect(report.conflicts.map((conflict) => [conflict.status, conflict.services])).toEqual([
      ['existing', ['db', 'legacy']],
      ['new', ['admin', 'web']],
    ]);
  });

  it('retries a 5xx and a secondary rate limit; a rate limit that persists ends in one warning and the same verdict', async () => {
    branch('pr-12', { 'api/process-compose.yaml': API });
    fake.injections.push(
      { method: 'GET', pathIncludes: '/issues/12/comments', status: 502, message: 'Server Error', times: 1 },
      { method: 'POST', pathIncludes: '/issues/12/comments', status: 403, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', headers: { 'retry-after': '1' }, times: 1 },
      { method: 'POST', pathIncludes: '/pulls/12/reviews', status: 403, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', headers: { 'retry-after': '1' }, times: 10 },
    );
    const run = await pullRequest(12, 'pr-12');

    expect(run.status).toBe(1);
    expectCleanLogs(run);
    expect(stickyOf(12)).toHaveLength(1);
    expect(reviewCommentsOf(12)).toEqual([]);
    const warnings = warningsIn(run);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain('GitHub rate-limited the token (403 You have exceeded a secondary rate limit');
    expect(warnings[0]?.message).toContain('skipped the review');
    expect(fake.injections.map((injection) => injection.times)).toEqual([0, 0, 7]);
  }, 60_000);

  it("on a self-hosted runner behind a proxy: every call to GitHub goes through the runner's HTTP_PROXY", async () => {
    const head = branch('pr-13', { 'api/process-compose.yaml': API });
    fake.pulls.set(13, { number: 13, base: main, head });
    const port = new URL(fake.url).port;
    const proxy = await startTunnelProxy(Number(port));
    try {
      // A host name only the proxy reaches: without it the Action would reach no GitHub at all.
      const run = await runAction(
        {
          workspace: checkout(head, 'pr-13'),
          apiUrl: `http://github.internal:${port}`,
          repository: `${OWNER}/${REPO}`,
          eventName: 'pull_request',
          payload: pullRequestPayload(13, main, head, 'pr-13'),
          sha: head,
          env: { HTTP_PROXY: proxy.url },
        },
        TOKEN,
      );
      expect(run.status).toBe(1);
      expect(warningsIn(run)).toEqual([]);
      expect(stickyOf(13)).toHaveLength(1);
      expect(reviewCommentsOf(13)).toHaveLength(1);
      expect(proxy.tunnels.length).toBeGreaterThan(0);
      expect(new Set(proxy.tunnels)).toEqual(new Set([`github.internal:${port}`]));
    } finally {
      await proxy.stop();
    }
  });
});

describe('the Action on a push and on workflow_dispatch', () => {
  it('checks the whole tree against the commit before the push and never comments', async () => {
    const head = heads['pr-11'] as string;
    const from = fake.requests.length;
    const run = await runAction(
      { workspace: checkout(head, 'pr-11'), apiUrl: fake.url, repository: `${OWNER}/${REPO}`, eventName: 'push', payload: pushPayload(main, head), sha: head },
      TOKEN,
    );

    expect(run.status).toBe(1);
    expect(fake.writesSince(from)).toEqual([]);
    const report = JSON.parse(readFileSync(run.outputs['report-file'] as string, 'utf8')) as { base: string; stats: { files: number } };
    expect(report.base).toBe(main);
    expect(report.stats.files).toBe(3);
    expect(run.summary).toContain('**1 new port collision must be fixed**');
    expect(run.outputs['new-conflicts']).toBe('1');
  });

  it('a push to a shallow clone compares with the commit before it through the compare and contents APIs', async () => {
    const head = heads['pr-11'] as string;
    const from = fake.requests.length;
    const run = await runAction(
      { workspace: checkout(head, 'pr-11', true), apiUrl: fake.url, repository: `${OWNER}/${REPO}`, eventName: 'push', payload: pushPayload(main, head), sha: head },
      TOKEN,
    );

    expect(run.status).toBe(1);
    expect(fake.rejected()).toEqual([]);
    expect(fake.requests.slice(from).map((request) => request.path)).toEqual([`/repos/${OWNER}/${REPO}/compare/${main}...${head}`, `/repos/${OWNER}/${REPO}/contents/web/compose.yml`]);
    expect(run.outputs['new-conflicts']).toBe('1');
  });

  it("workflow_dispatch on a shallow clone compares GITHUB_SHA with its parent, found through the commit API", async () => {
    const head = heads['pr-11'] as string;
    const from = fake.requests.length;
    const run = await runAction(
      { workspace: checkout(head, 'pr-11', true), apiUrl: fake.url, repository: `${OWNER}/${REPO}`, eventName: 'workflow_dispatch', payload: { inputs: {}, ref: 'refs/heads/pr-11' }, sha: head },
      TOKEN,
    );

    expect(run.status).toBe(1);
    expect(fake.requests.slice(from).map((request) => request.path)).toEqual([`/repos/${OWNER}/${REPO}/commits/${head}`, `/repos/${OWNER}/${REPO}/contents/web/compose.yml`]);
    const report = JSON.parse(readFileSync(run.outputs['report-file'] as string, 'utf8')) as { base: string };
    expect(report.base).toBe(main);
    expect(warningsIn(run)).toEqual([]);
  });
});
