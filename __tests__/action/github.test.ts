import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGitHubClient, describeApiFailure, GitHubCalls } from '../../src/action/github.js';
import { startTunnelProxy } from './fakeGitHub/proxy.js';

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

describe('createGitHubClient', () => {
  /**
   * A server in this process that answers every call at once and notes when each arrived, on
   * the test's own clock (performance.now()): a call arrives after the client let it go.
   */
  async function recordingServer(answer: (method: string, path: string, seen: number) => number) {
    const arrivals: Array<{ method: string; path: string; at: number }> = [];
    const server = createServer((request, response) => {
      const path = request.url ?? '';
      arrivals.push({ method: request.method ?? '', path, at: performance.now() });
      request.resume();
      request.on('end', () => {
        const status = answer(request.method ?? '', path, arrivals.filter((arrival) => arrival.path === path).length);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(status >= 400 ? JSON.stringify({ message: 'Server Error' }) : '{"id":1}');
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, arrivals, close: () => new Promise<void>((closed) => server.close(() => closed())) };
  }

  it('paces writes as GitHub asks, in the unit it is given: 1 between writes, 3 between writes that notify', async () => {
    const unit = 50;
    const server = await recordingServer(() => 200);
    try {
      const client = createGitHubClient('ghs_token', server.url, () => undefined, { waitUnitMs: unit });
      const repo = { owner: 'o', repo: 'r' };
      const commentAsked = performance.now();
      await client.rest.issues.createComment({ ...repo, issue_number: 1, body: 'a' });
      await client.rest.pulls.createReview({ ...repo, pull_number: 1, event: 'COMMENT', body: 'b' });
      const editAsked = performance.now();
      await client.rest.issues.updateComment({ ...repo, comment_id: 1, body: 'c' });
      await client.rest.issues.updateComment({ ...repo, comment_id: 1, body: 'd' });
      const finished = performance.now();
      const [, review, , again] = server.arrivals.map((arrival) => arrival.at) as [number, number, number, number];
      // Lower bounds only, from when a call was asked for: a loaded machine can only make the pauses
      // longer (a timer may fire a millisecond early).
      expect(review - commentAsked).toBeGreaterThanOrEqual(3 * unit - 2);
      expect(again - editAsked).toBeGreaterThanOrEqual(unit - 2);
      // GitHub's own pacing (a second, three seconds) would take over five seconds here.
      expect(finished - commentAsked).toBeLessThan(2500);
    } finally {
      await server.close();
    }
  });

  it('retries a server error after a wait of the unit, and gives up after three retries', async () => {
    const unit = 40;
    const server = await recordingServer((_method, path) => (path.includes('/pulls/1') ? 500 : 200));
    try {
      const client = createGitHubClient('ghs_token', server.url, () => undefined, { waitUnitMs: unit });
      await expect(client.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 })).rejects.toMatchObject({ status: 500 });
      const times = server.arrivals.map((arrival) => arrival.at);
      expect(times).toHaveLength(4);
      // octokit's retry waits grow as the square of the attempt: 1, 4, 9 units.
      expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(unit - 2);
      expect((times[3] as number) - (times[2] as number)).toBeGreaterThanOrEqual(9 * unit - 2);
    } finally {
      await server.close();
    }
  });

  it("goes through the runner's proxy (HTTP_PROXY), and straight to a host NO_PROXY names, as @actions/github's own client does", async () => {
    const server = await recordingServer(() => 200);
    const port = new URL(server.url).port;
    const proxy = await startTunnelProxy(Number(port));
    const saved = { HTTP_PROXY: process.env['HTTP_PROXY'], NO_PROXY: process.env['NO_PROXY'] };
    try {
      process.env['HTTP_PROXY'] = proxy.url;
      delete process.env['NO_PROXY'];
      // A name only the proxy can reach: the call succeeds through it or not at all.
      const behindProxy = `http://github.internal:${port}`;
      const client = createGitHubClient('ghs_token', behindProxy, () => undefined, { waitUnitMs: 10 });
      await client.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 1 });
      expect(proxy.tunnels).toEqual([`github.internal:${port}`]);
      expect(server.arrivals.map((arrival) => arrival.path)).toEqual(['/repos/o/r/pulls/1']);

      // NO_PROXY names it: straight there (here that fails fast, which shows no tunnel was asked for).
      process.env['NO_PROXY'] = 'github.internal';
      const direct = createGitHubClient('ghs_token', behindProxy, () => undefined, { waitUnitMs: 10, timeoutMs: 2000 });
      await expect(direct.rest.pulls.get({ owner: 'o', repo: 'r', pull_number: 2 })).rejects.toThrow();
      expect(proxy.tunnels).toHaveLength(1);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await proxy.stop();
      await server.close();
    }
  });
});
