// The fake is the end-to-end tests' oracle: it must refuse what GitHub refuses.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scratchRepo, type ScratchRepo } from '../helpers/scratchRepo.js';
import { GitSource } from './fakeGitHub/gitSource.js';
import { FakeGitHub } from './fakeGitHub/server.js';

let repo: ScratchRepo;
let fake: FakeGitHub;

beforeAll(async () => {
  repo = scratchRepo();
  repo.write({ 'a.yml': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n' });
  const base = repo.commit('base');
  repo.write({ 'a.yml': 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nTEN\n' });
  const head = repo.commit('head');
  fake = new FakeGitHub('t', 'o', 'r', new GitSource(repo.root));
  fake.pulls.set(1, { number: 1, base, head });
  await fake.start();
});

afterAll(async () => {
  await fake.stop();
  repo.dispose();
});

async function call(method: string, path: string, body?: unknown, token = 't'): Promise<{ status: number; data: { message?: string; errors?: string[] } }> {
  const response = await fetch(`${fake.url}${path}`, {
    method,
    headers: { authorization: `token ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, data: text === '' ? {} : JSON.parse(text) };
}

const head = () => fake.pulls.get(1)?.head as string;

describe('the fake GitHub', () => {
  it('wants the token', async () => {
    expect((await call('GET', '/repos/o/r/pulls/1/files', undefined, 'wrong')).status).toBe(401);
  });

  it('refuses a body that does not match the published schema', async () => {
    const missing = await call('POST', '/repos/o/r/issues/1/comments', {});
    expect(missing.status).toBe(422);
    expect(missing.data.errors).toEqual(['body.body is required']);
    const wrongType = await call('POST', '/repos/o/r/pulls/1/reviews', { event: 'COMMENT', body: 'x', comments: [{ path: 'a.yml', line: '10', side: 'RIGHT', body: 'x' }] });
    expect(wrongType.data.errors).toEqual(['body.comments[0].line must be integer']);
    const badEnum = await call('POST', '/repos/o/r/pulls/1/reviews', { event: 'COMMENTED', body: 'x' });
    expect(badEnum.data.errors).toEqual(['body.event must be one of APPROVE, REQUEST_CHANGES, COMMENT']);
  });

  it('refuses every check run, and records the attempt: the Action must make none of its own', async () => {
    const response = await call('POST', '/repos/o/r/check-runs', { name: 'n', head_sha: head(), status: 'completed', conclusion: 'failure' });
    expect(response.status).toBe(403);
    expect(fake.checkRunRequests().map((request) => request.problems)).toEqual([["the Action makes no check run of its own: the job's check is the gate"]]);
  });

  it('refuses a review comment by position, or on a line outside the diff, and takes one on a line of it', async () => {
    const review = (comment: Record<string, unknown>) => call('POST', '/repos/o/r/pulls/1/reviews', { commit_id: head(), event: 'COMMENT', body: 'b', comments: [{ path: 'a.yml', body: 'c', ...comment }] });
    expect((await review({ position: 4 })).data.errors).toEqual(['position is deprecated: comment with line and side', 'line is required', 'side must be RIGHT or LEFT', 'pull_request_review_thread.line must be part of the diff']);
    expect((await review({ line: 2, side: 'RIGHT' })).data.errors).toEqual(['pull_request_review_thread.line must be part of the diff']);
    expect((await review({ line: 7, side: 'RIGHT' })).status).toBe(200);
    expect(fake.reviewComments.map((comment) => comment.line)).toEqual([7]);
  });

  it('refuses a comment over 65,536 characters, and pages lists with Link headers', async () => {
    expect((await call('POST', '/repos/o/r/issues/1/comments', { body: 'x'.repeat(65_537) })).data.errors).toEqual(['body is too long (maximum is 65536 characters)']);
    for (let i = 0; i < 3; i++) await call('POST', '/repos/o/r/issues/1/comments', { body: `c${i}` });
    const response = await fetch(`${fake.url}/repos/o/r/issues/1/comments?per_page=2`, { headers: { authorization: 'token t' } });
    expect(response.headers.get('link')).toBe(`<${fake.url}/repos/o/r/issues/1/comments?per_page=2&page=2>; rel="next", <${fake.url}/repos/o/r/issues/1/comments?per_page=2&page=2>; rel="last"`);
    expect(((await response.json()) as unknown[]).length).toBe(2);
  });
});
