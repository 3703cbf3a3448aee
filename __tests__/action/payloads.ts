// Event payloads shaped like the ones GitHub writes to GITHUB_EVENT_PATH (the fields the
// webhook documentation lists, trimmed to what a reader would check).

export const OWNER = 'acme';
export const REPO = 'ports';

const repository = {
  id: 1296269,
  name: REPO,
  full_name: `${OWNER}/${REPO}`,
  private: false,
  owner: { login: OWNER, id: 1, type: 'Organization' },
  html_url: `https://github.com/${OWNER}/${REPO}`,
  default_branch: 'main',
};
const sender = { login: 'octocat', id: 583231, type: 'User' };

export function pullRequestPayload(number: number, base: string, head: string, branch: string, changedFiles?: number): unknown {
  return {
    action: 'synchronize',
    number,
    before: base,
    after: head,
    pull_request: {
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${number}`,
      id: 1000 + number,
      number,
      state: 'open',
      title: `Change ${number}`,
      user: sender,
      html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
      head: { label: `${OWNER}:${branch}`, ref: branch, sha: head, user: { login: OWNER }, repo: repository },
      base: { label: `${OWNER}:main`, ref: 'main', sha: base, user: { login: OWNER }, repo: repository },
      draft: false,
      merged: false,
      ...(changedFiles === undefined ? {} : { changed_files: changedFiles }),
    },
    repository,
    sender,
  };
}

export function pushPayload(before: string, after: string): unknown {
  return {
    ref: 'refs/heads/main',
    before,
    after,
    created: false,
    deleted: false,
    forced: false,
    compare: `https://github.com/${OWNER}/${REPO}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: [],
    head_commit: { id: after, message: 'change', timestamp: '2025-01-01T00:00:00Z' },
    pusher: { name: 'octocat', email: 'octocat@example.com' },
    repository,
    sender,
  };
}
