import { describe, expect, it } from '@jest/globals';
import { describeApiFailure, GitHubCalls } from '../../src/action/github.js';

const apiError = (status: number, message: string) =>
  Object.assign(new Error(`${message} - https://docs.github.com/rest`), {
    status,
    request: { headers: { authorization: 'token ghs_secret' } },
    response: { data: { message } },
  });

describe('describeApiFailure', () => {
  it("names the status and GitHub's message, never the request", () => {
    expect(describeApiFailure(apiError(403, 'Resource not accessible by integration'))).toEqual({ kind: 'refused', reason: '403 Resource not accessible by integration' });
    expect(describeApiFailure(apiError(403, 'You have exceeded a secondary rate limit.'))).toEqual({ kind: 'limited', reason: '403 You have exceeded a secondary rate limit.' });
    expect(describeApiFailure(apiError(429, 'Too many requests'))).toEqual({ kind: 'limited', reason: '429 Too many requests' });
    expect(describeApiFailure(apiError(422, 'Validation Failed'))).toEqual({ kind: 'failed', reason: '422 Validation Failed' });
    expect(describeApiFailure(new Error('connect ECONNREFUSED 127.0.0.1:1\n    at stack'))).toEqual({ kind: 'failed', reason: 'connect ECONNREFUSED 127.0.0.1:1' });
  });
});

describe('GitHubCalls', () => {
  it('after a refusal, skips every later call and reports all of it in one warning', async () => {
    const calls = new GitHubCalls();
    expect(await calls.attempt('listing', async () => 'ok')).toBe('ok');
    expect(await calls.attempt('the sticky comment', async () => Promise.reject(apiError(403, 'Resource not accessible by integration')))).toBeUndefined();
    let ran = false;
    expect(
      await calls.attempt('the review', async () => {
        ran = true;
      }),
    ).toBeUndefined();
    expect(ran).toBe(false);
    expect(calls.warning()).toBe(
      'The token may not do this here (403 Resource not accessible by integration): Portcullis skipped the sticky comment and the review. The job summary and the report file have the full report, and the verdict does not depend on GitHub taking it. A pull request from a fork gets a read-only token: see "Using the Action" in the README.',
    );
  });

  it('goes on after an ordinary failure, and says nothing when all went through', async () => {
    const calls = new GitHubCalls();
    expect(calls.warning()).toBeUndefined();
    await calls.attempt('the review', async () => Promise.reject(apiError(422, 'Validation Failed')));
    expect(await calls.attempt('the sticky comment', async () => 1)).toBe(1);
    calls.note('The base commit is not in this clone.');
    expect(calls.warning()).toBe(
      'GitHub failed the review (422 Validation Failed). The base commit is not in this clone. The job summary and the report file have the full report, and the verdict does not depend on GitHub taking it.',
    );
  });
});
