// The bundled Action as a quiet gate (issue 14): annotations only on what the pull request
// changed and within the runner's limits, no check run of its own, one sticky comment per
// pull request and root, repository paths everywhere for a root that is a folder of the
// repository, and a comment whose first line says what to do. Against the fake GitHub of
// action.e2e.test.ts, which refuses every check run.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScratchRepo } from '../helpers/scratchRepo.js';
import { startOrigin, stopOrigin } from './fakeGitHub/origin.js';
import { BOT, FakeGitHub } from './fakeGitHub/server.js';
import { OWNER, pullRequestPayload, REPO } from './payloads.js';
import { type ActionRun, runAction, workflowCommands } from './runner.js';

const TOKEN = 'ghs_fakeTokenThatMustNeverBeLogged0123456789';
const ROOT_MARKER = '<!-- portcullis:sticky -->';
const API_MARKER = '<!-- portcullis:sticky:services/api -->';
const SHOP_MARKER = '<!-- portcullis:sticky:services/shop -->';

const lines = (...text: string[]): string => `${text.join('\n')}\n`;
const compose = (service: string, port: number): string => lines('services:', `  ${service}:`, `    image: ${service}`, '    ports:', `      - "${port}:80"`);
const processes = (service: string, port: number): string => lines('processes:', `  ${service}:`, `    command: ./${service} --port ${port}`);
const SERVICES = 30;
const JOBS = 'services/jobs/process-compose.yaml';

let origin: ScratchRepo;
let fake: FakeGitHub;
let main: string;
const heads: Record<string, string> = {};
const clones = mkdtempSync(join(tmpdir(), 'portcullis-gate-clones-'));

/** A branch from main with these changes (and symbolic links), committed; returns its head. */
function branch(name: string, files: Record<string, string>, links: Record<string, string> = {}): string {
  origin.git('checkout', '-q', '-B', name, main);
  origin.write(files);
  for (const [path, target] of Object.entries(links)) symlinkSync(target, join(origin.root, path));
  heads[name] = origin.commit(name);
  origin.git('checkout', '-q', 'main');
  return heads[name] as string;
}

/** A checkout of a branch's head, full or one commit deep as actions/checkout makes by default. */
function checkout(branchName: string, shallow: boolean): string {
  const sha = heads[branchName] as string;
  const dir = join(clones, `${branchName}-${shallow ? 'shallow' : 'full'}-${sha.slice(0, 8)}`);
  if (!existsSync(dir)) {
    execFileSync('git', ['clone', '-q', ...(shallow ? ['--depth', '1'] : []), '--branch', branchName, `file://${origin.root}`, dir]);
  }
  return dir;
}

function pullRequest(number: number, branchName: string, inputs: Record<string, string> = {}, shallow = false): Promise<ActionRun> {
  const head = heads[branchName] as string;
  fake.pulls.set(number, { number, base: main, head });
  return runAction(
    { workspace: checkout(branchName, shallow), apiUrl: fake.url, repository: `${OWNER}/${REPO}`, eventName: 'pull_request', payload: pullRequestPayload(number, main, head, branchName), sha: head, inputs },
    TOKEN,
  );
}

const commentsOf = (number: number) => fake.issueComments.filter((comment) => comment.issue_number === number && comment.user.login === BOT.login);
const reviewCommentsOf = (number: number) => fake.reviewComments.filter((comment) => comment.pull_number === number);
const annotationsIn = (run: ActionRun) => workflowCommands(run.stdout).filter((command) => ['error', 'warning', 'notice'].includes(command.command) && command.properties['file'] !== undefined);
const placesOf = (run: ActionRun) => annotationsIn(run).map((annotation) => `${annotation.command} ${annotation.properties['file']}:${annotation.properties['line']}`);
const blob = (file: string, line: number) => `https://github.com/${OWNER}/${REPO}/blob/${heads['two-roots']}/${file}#L${line}`;

beforeAll(async () => {
  ({ repo: origin, main, fake } = await startOrigin(TOKEN, {
    // Two roots, each with its registry; a collision older than any pull request in the api.
    'services/api/ports.yml': lines('services:', '  web: 8080', '  db: 5433'),
    'services/api/web/compose.yml': compose('web', 8080),
    'services/api/legacy/.env': 'LEGACY_PORT=5433\n',
    'services/shop/ports.yml': lines('services:', '  store: 7000'),
    'services/shop/store/compose.yml': compose('store', 7000),
    // A root without a registry, for a merge commit that moves its lines.
    [JOBS]: processes('cron', 9100),
    // A registry that lists 30 services, for a pull request that brings 30 collisions.
    'many/ports.yml': lines('services:', ...Array.from({ length: SERVICES }, (_, i) => `  s${i}: ${20000 + i}`)),
  }));
});

afterEach(() => {
  // The job's own check is the one gate: no check run beside it, ever.
  expect(fake.checkRunRequests()).toEqual([]);
  expect(fake.rejected()).toEqual([]);
});

afterAll(() => stopOrigin({ repo: origin, fake }, clones));

describe('two roots of a monorepo, one step each', () => {
  let api: ActionRun;
  let shop: ActionRun;

  it('keep two sticky comments, each naming its root, with repository paths in the comment, the review, the annotations and the links', async () => {
    branch('two-roots', {
      'services/api/worker/process-compose.yaml': processes('worker', 8080),
      'services/shop/cart/process-compose.yaml': processes('cart', 7000),
    });
    api = await pullRequest(20, 'two-roots', { 'working-directory': 'services/api' });
    // The shop's step on a clone of one commit: its base is read through the contents API, by repository paths.
    const from = fake.requests.length;
    shop = await pullRequest(20, 'two-roots', { 'working-directory': './services/shop/' }, true);

    expect(api.status).toBe(1);
    expect(shop.status).toBe(1);
    const contents = fake.requests.slice(from).filter((request) => request.path.includes('/contents/')).map((request) => request.path.replace(`/repos/${OWNER}/${REPO}/contents/`, ''));
    expect(contents).toEqual(['services/shop/.portcullis.yml', 'services/shop/.portcullis.yaml']);

    const comments = commentsOf(20);
    expect(comments.map((comment) => comment.body.split('\n')[0])).toEqual([API_MARKER, SHOP_MARKER]);
    const [apiBody, shopBody] = comments.map((comment) => comment.body);
    expect(apiBody?.split('\n').slice(0, 5)).toEqual([API_MARKER, '', '### Portcullis · `services/api`', '', '❌ **1 new port collision must be fixed**: `worker` takes 8080/tcp from `web`; proposed 8081 · 1 existing']);
    expect(apiBody).toContain(`**\`worker\`** (new)<br>[\`services/api/worker/process-compose.yaml:3\`](${blob('services/api/worker/process-compose.yaml', 3)})`);
    expect(apiBody).toContain(`\`web\`<br>[\`services/api/ports.yml:2\`](${blob('services/api/ports.yml', 2)})`);
    expect(apiBody).toContain(`add to [\`ports.yml\`](${blob('services/api/ports.yml', 3)}):<br>\`worker: 8081\``);
    expect(apiBody).not.toContain('store');
    expect(shopBody).toContain(`**\`cart\`** (new)<br>[\`services/shop/cart/process-compose.yaml:3\`](${blob('services/shop/cart/process-compose.yaml', 3)})`);

    expect(reviewCommentsOf(20).map((comment) => [comment.path, comment.line])).toEqual([
      ['services/api/worker/process-compose.yaml', 3],
      ['services/shop/cart/process-compose.yaml', 3],
    ]);
    expect(placesOf(api)).toEqual(['error services/api/worker/process-compose.yaml:3']);
    expect(placesOf(shop)).toEqual(['error services/shop/cart/process-compose.yaml:3']);
    expect(annotationsIn(api)[0]?.message).toBe('8080/tcp on host: worker (services/api/worker/process-compose.yaml:3) collides with web, which the registry gives 8080; proposed: worker → 8081');
    expect(api.summary).toContain('### Portcullis · `services/api`');
    expect(api.summary).toContain(blob('services/api/worker/process-compose.yaml', 3));

    // The JSON report is the command line's, relative to the root it checked.
    const report = JSON.parse(readFileSync(api.outputs['report-file'] as string, 'utf8')) as { conflicts: Array<{ status: string; locations: Array<{ file: string }> }> };
    expect(report.conflicts.find((conflict) => conflict.status === 'new')?.locations.map((location) => location.file)).toEqual(['ports.yml', 'web/compose.yml', 'worker/process-compose.yaml']);
  });

  it('a rerun of one root edits its own comment and leaves the other root’s alone', async () => {
    for (const comment of commentsOf(20)) comment.body += '\n<!-- stale -->';
    const shopBefore = commentsOf(20)[1]?.body;
    const from = fake.requests.length;
    await pullRequest(20, 'two-roots', { 'working-directory': 'services/api' });

    expect(commentsOf(20)).toHaveLength(2);
    expect(fake.writesSince(from).map((request) => `${request.method} ${request.path}`)).toEqual([`PATCH /repos/${OWNER}/${REPO}/issues/comments/${commentsOf(20)[0]?.id}`]);
    expect(commentsOf(20)[1]?.body).toBe(shopBefore);
  });

  it('comment-id tells apart two steps on one root; the top folder keeps the marker comments had before', async () => {
    const other = await pullRequest(20, 'two-roots', { 'working-directory': 'services/api', 'comment-id': 'api-strict' });
    expect(other.status).toBe(1);
    expect(commentsOf(20).map((comment) => comment.body.split('\n')[0])).toEqual([API_MARKER, SHOP_MARKER, '<!-- portcullis:sticky:api-strict -->']);

    const top = await pullRequest(20, 'two-roots');
    expect(top.status).toBe(1);
    expect(commentsOf(20).map((comment) => comment.body.split('\n')[0])).toEqual([API_MARKER, SHOP_MARKER, '<!-- portcullis:sticky:api-strict -->', ROOT_MARKER]);
    expect(commentsOf(20)[3]?.body.split('\n')[2]).toBe('### Portcullis');
  });

  it("on a merge commit whose base moved the lines: the head commit's line, by repository path, in the review, the annotation and the link", async () => {
    // The pull request adds `worker` at lines 4-5 of the jobs' process file, on cron's port; the base then puts two lines above them.
    const head = branch('moved', { [JOBS]: `${processes('cron', 9100)}  worker:\n    command: ./worker --port 9100\n` });
    const base = branch('main-moved', { [JOBS]: `# one\n# two\n${processes('cron', 9100)}` });
    origin.git('checkout', '-q', '-B', 'merge-24', base);
    origin.git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'merge', '-q', '--no-ff', '-m', 'merge', head);
    heads['merge-24'] = origin.git('rev-parse', 'HEAD').trim();
    origin.git('checkout', '-q', 'main');
    fake.pulls.set(24, { number: 24, base, head });
    const run = await runAction(
      {
        workspace: checkout('merge-24', false),
        apiUrl: fake.url,
        repository: `${OWNER}/${REPO}`,
        eventName: 'pull_request',
        payload: pullRequestPayload(24, base, head, 'moved'),
        sha: heads['merge-24'] as string,
        inputs: { 'working-directory': 'services/jobs' },
      },
      TOKEN,
    );

    expect(run.status).toBe(1);
    expect(reviewCommentsOf(24).map((comment) => [comment.path, comment.line, comment.commit_id])).toEqual([[JOBS, 5, head]]);
    expect(reviewCommentsOf(24)[0]?.body).toContain('```suggestion\n    command: ./worker --port 9101\n```');
    expect(placesOf(run)).toEqual([`error ${JOBS}:5`]);
    // cron stays where the head has it, line 3 (the merge commit's 5).
    expect(commentsOf(24)[0]?.body).toContain(`[\`${JOBS}:3\`](https://github.com/${OWNER}/${REPO}/blob/${head}/${JOBS}#L3)`);
    expect(commentsOf(24)[0]?.body).toContain(`[\`${JOBS}:5\`](https://github.com/${OWNER}/${REPO}/blob/${head}/${JOBS}#L5)`);
    expect(run.summary).not.toContain(`${JOBS}#L7`);
  });

  it('refuses a working-directory that a symbolic link leads to, before reading anything', async () => {
    branch('linked-root', { 'services/api/worker/process-compose.yaml': processes('worker', 8080) }, { 'services/elsewhere': '/etc' });
    const from = fake.requests.length;
    const run = await pullRequest(21, 'linked-root', { 'working-directory': 'services/elsewhere' });

    expect(run.status).toBe(1);
    expect(workflowCommands(run.stdout).filter((command) => command.command === 'error').map((command) => command.message)).toEqual([
      "portcullis: input 'working-directory': services/elsewhere is reached through a symbolic link: not followed (it must be a folder of the checkout)",
    ]);
    expect(fake.requests.slice(from)).toEqual([]);
    expect(commentsOf(21)).toEqual([]);
  });
});

describe('annotations on what the pull request changed', () => {
  it('an existing collision and a new one: only the new one, only at its line in the diff', async () => {
    // `db` is the registry's 5433, which legacy/.env took before this pull request; `admin` now takes web's 8080 in the file of web's own claim.
    branch('old-and-new', { 'services/api/web/compose.yml': `${compose('web', 8080)}  admin:\n    image: admin\n    ports:\n      - "8080:81"\n` });
    const run = await pullRequest(22, 'old-and-new', { 'working-directory': 'services/api' });

    expect(run.status).toBe(1);
    const report = JSON.parse(readFileSync(run.outputs['report-file'] as string, 'utf8')) as { conflicts: Array<{ status: string; services: string[] }> };
    expect(report.conflicts.map((conflict) => [conflict.status, conflict.services])).toEqual([
      ['existing', ['db', 'legacy']],
      ['new', ['admin', 'web']],
    ]);
    // Not the registry's line, not web's own line 5 (a context line of the diff, which the pull request did not write), not the older collision.
    expect(placesOf(run)).toEqual(['error services/api/web/compose.yml:9']);
    expect(run.summary).toContain('❌ **1 new port collision must be fixed**');
    expect(run.summary).toContain('<summary>1 existing port collision</summary>');
  });

  it('all: every location, the older collision as notices; none: nothing; true and false still mean all and none', async () => {
    const all = await pullRequest(22, 'old-and-new', { 'working-directory': 'services/api', annotations: 'all' });
    expect(placesOf(all)).toEqual([
      'error services/api/ports.yml:2',
      'error services/api/web/compose.yml:5',
      'error services/api/web/compose.yml:9',
      'notice services/api/legacy/.env:1',
      'notice services/api/ports.yml:3',
    ]);
    const legacyTrue = await pullRequest(22, 'old-and-new', { 'working-directory': 'services/api', annotations: 'true' });
    expect(placesOf(legacyTrue)).toEqual(placesOf(all));
    for (const none of ['none', 'false']) {
      const quiet = await pullRequest(22, 'old-and-new', { 'working-directory': 'services/api', annotations: none });
      expect(quiet.status).toBe(1);
      expect(annotationsIn(quiet)).toEqual([]);
    }
  }, 60_000);

  it(`${SERVICES} new collisions: at most 10 error annotations (the failing verdict among them), the rest counted in the summary`, async () => {
    branch('thirty', { 'many/.env': Array.from({ length: SERVICES }, (_, i) => `T${i}_PORT=${20000 + i}\n`).join('') });
    const run = await pullRequest(23, 'thirty', { 'working-directory': 'many' });

    expect(run.status).toBe(1);
    expect(run.outputs['new-conflicts']).toBe(String(SERVICES));
    const errors = workflowCommands(run.stdout).filter((command) => command.command === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.at(-1)?.message).toBe(`portcullis: ${SERVICES} port collisions failing under fail-on: new`);
    // The registry's lines are untouched: each collision is annotated once, at the .env line the pull request added.
    expect(placesOf(run)).toEqual(Array.from({ length: 9 }, (_, i) => `error many/.env:${i + 1}`));
    expect(run.summary).toContain(`**${SERVICES - 9} errors not annotated**: a step shows at most 10 annotations of each level; this summary's tables have every conflict.`);
    // Nothing is lost: the summary's table has every one.
    for (let i = 0; i < SERVICES; i++) expect(run.summary).toContain(`[\`many/.env:${i + 1}\`]`);
    expect(commentsOf(23)[0]?.body).not.toContain('not annotated');
  });
});
