import { describe, expect, it } from '@jest/globals';
import { readRunnerEnvironment } from '../../src/action/environment.js';

const BASE = { GITHUB_REPOSITORY: 'acme/platform', GITHUB_SERVER_URL: 'https://github.example.com/' };

describe('readRunnerEnvironment: where the rules are documented', () => {
  it("links the Action's own README at the version the workflow runs", () => {
    const runner = readRunnerEnvironment({ ...BASE, GITHUB_ACTION_REPOSITORY: 'portcullis-dev/portcullis', GITHUB_ACTION_REF: 'v1' }, '/w');
    expect(runner.docsBase).toBe('https://github.example.com/portcullis-dev/portcullis/blob/v1/');
    const pinned = readRunnerEnvironment({ ...BASE, GITHUB_ACTION_REPOSITORY: 'portcullis-dev/portcullis', GITHUB_ACTION_REF: 'release/1.x #2' }, '/w');
    expect(pinned.docsBase).toBe('https://github.example.com/portcullis-dev/portcullis/blob/release/1.x%20%232/');
  });

  it('links nothing for an Action run from the checkout, or a repository name that is no owner/name', () => {
    expect(readRunnerEnvironment({ ...BASE, GITHUB_ACTION_REPOSITORY: '', GITHUB_ACTION_REF: '' }, '/w').docsBase).toBeUndefined();
    expect(readRunnerEnvironment({ ...BASE, GITHUB_ACTION_REPOSITORY: 'a/b/../../evil', GITHUB_ACTION_REF: 'v1' }, '/w').docsBase).toBeUndefined();
  });
});
