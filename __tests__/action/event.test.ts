import { describe, expect, it } from '@jest/globals';
import { parseEvent } from '../../src/action/event.js';
import { InputError } from '../../src/action/inputs.js';
import { pullRequestPayload, pushPayload } from './payloads.js';

const BASE = 'a'.repeat(40);
const HEAD = 'b'.repeat(40);
const WORKFLOW_SHA = 'c'.repeat(40);

describe('parseEvent', () => {
  it('pull_request and pull_request_target: the base and head shas of the pull request, and its number', () => {
    for (const name of ['pull_request', 'pull_request_target']) {
      expect(parseEvent(name, pullRequestPayload(7, BASE, HEAD, 'topic'), WORKFLOW_SHA)).toEqual({ name, headSha: HEAD, base: { sha: BASE }, pullRequest: 7 });
    }
  });

  it("merge_group: the queue's base and head, no pull request to comment on", () => {
    const payload = { action: 'checks_requested', merge_group: { head_sha: HEAD, head_ref: 'refs/heads/gh-readonly-queue/main/pr-7', base_sha: BASE, base_ref: 'refs/heads/main' } };
    expect(parseEvent('merge_group', payload, WORKFLOW_SHA)).toEqual({ name: 'merge_group', headSha: HEAD, base: { sha: BASE }, pullRequest: null });
  });

  it('push: the commit before the push, or the first parent when the push created the branch', () => {
    expect(parseEvent('push', pushPayload(BASE, HEAD), WORKFLOW_SHA)).toEqual({ name: 'push', headSha: HEAD, base: { sha: BASE }, pullRequest: null });
    expect(parseEvent('push', pushPayload('0'.repeat(40), HEAD), WORKFLOW_SHA)).toEqual({ name: 'push', headSha: HEAD, base: { parentOf: HEAD }, pullRequest: null });
  });

  it('workflow_dispatch and other events: GITHUB_SHA against its first parent', () => {
    expect(parseEvent('workflow_dispatch', { inputs: {} }, WORKFLOW_SHA)).toEqual({ name: 'workflow_dispatch', headSha: WORKFLOW_SHA, base: { parentOf: WORKFLOW_SHA }, pullRequest: null });
    expect(parseEvent('schedule', {}, WORKFLOW_SHA)).toMatchObject({ base: { parentOf: WORKFLOW_SHA }, pullRequest: null });
  });

  it('says which field a payload lacks, and refuses what is not a commit sha (no option can pass for a revision)', () => {
    expect(() => parseEvent('pull_request', { pull_request: { number: 7, head: { sha: HEAD } } }, WORKFLOW_SHA)).toThrow(
      new InputError('the pull_request event payload lacks pull_request.base (Invalid input: expected object, received undefined)'),
    );
    expect(() => parseEvent('pull_request', pullRequestPayload(7, '--output=/tmp/x', HEAD, 'topic'), WORKFLOW_SHA)).toThrow(/pull_request\.base\.sha \(a commit sha\)/);
    expect(() => parseEvent('workflow_dispatch', {}, 'main')).toThrow(new InputError("GITHUB_SHA is not a commit sha: 'main'"));
  });
});
