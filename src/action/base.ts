// The revision a run compares with. Git objects when the checkout has them (a full clone,
// or `fetch-depth: 2` for a push); otherwise, since actions/checkout fetches one commit by
// default, the files the change touched are read at the base through the REST API.
import { resolveRevision } from '../discover/git.js';
import { openWorkingTree } from '../discover/tree.js';
import type { CheckOptions } from '../pipeline/check.js';
import type { Repository } from './environment.js';
import type { RunEvent } from './event.js';
import type { GitHubCalls, GitHubClient } from './github.js';
import { type ChangedFile, type FetchBaseFile, restBaseSnapshot } from './restTree.js';

export interface BaseChoice {
  options: Pick<CheckOptions, 'base' | 'baseSnapshot'>;
  /** Why the run compares with nothing when it should have (a sentence). */
  unavailable?: string;
}

export interface BaseContext {
  root: string;
  client: GitHubClient;
  calls: GitHubCalls;
  repository: Repository;
  /** The pull request's files, when the event is a pull request and they could be listed. */
  pullFiles: readonly ChangedFile[] | undefined;
}

// The compare and commit APIs list at most this many files; a longer list is cut short.
const API_FILE_LIMIT = 300;

export async function chooseBase(event: RunEvent, context: BaseContext): Promise<BaseChoice> {
  if (event.base === null) return { options: {} };
  const local = 'sha' in event.base ? event.base.sha : `${event.base.parentOf}^`;
  const resolved = await resolveRevision(context.root, local).catch(() => undefined);
  if (resolved !== undefined) return { options: { base: resolved } };

  const remote = await changedFilesFromApi(event, context);
  if ('unavailable' in remote) return { options: {}, unavailable: remote.unavailable };
  if (remote.revision === undefined) return { options: {} };
  const fetchFile = contentsAt(context, remote.revision);
  const snapshot = restBaseSnapshot(remote.revision, await openWorkingTree(context.root), remote.files, fetchFile);
  return { options: { baseSnapshot: snapshot } };
}

type RemoteBase = { revision: string | undefined; files: readonly ChangedFile[] } | { unavailable: string };

async function changedFilesFromApi(event: RunEvent, context: BaseContext): Promise<RemoteBase> {
  const { client, calls, repository } = context;
  const unavailable = (why: string): RemoteBase => ({
    unavailable: `The base commit is not in this clone and ${why}, so every conflict counts as new (fetch more history with actions/checkout's fetch-depth).`,
  });
  if (event.base === null) return { revision: undefined, files: [] };
  if (event.pullRequest !== null && 'sha' in event.base) {
    return context.pullFiles === undefined ? unavailable("the pull request's files could not be listed") : { revision: event.base.sha, files: context.pullFiles };
  }
  if ('sha' in event.base) {
    const base = event.base.sha;
    const compared = await calls.attempt('the comparison with the base', async () =>
      (await client.rest.repos.compareCommitsWithBasehead({ ...repository, basehead: `${base}...${event.headSha}`, per_page: 1 })).data.files ?? [],
    );
    if (compared === undefined) return unavailable('GitHub could not compare it');
    if (compared.length >= API_FILE_LIMIT) return unavailable(`GitHub lists only ${API_FILE_LIMIT} changed files`);
    return { revision: base, files: compared.map(toChangedFile) };
  }
  const head = event.base.parentOf;
  const commit = await calls.attempt("the commit's files", () => commitWithFiles(client, repository, head));
  if (commit === undefined) return unavailable('GitHub could not give its parent');
  return { revision: commit.parent, files: commit.files };
}

// A commit's files come 100 a page, up to GitHub's 3,000.
async function commitWithFiles(client: GitHubClient, repository: Repository, ref: string): Promise<{ parent: string | undefined; files: ChangedFile[] }> {
  const files: ChangedFile[] = [];
  let parent: string | undefined;
  for (let page = 1; page <= 30; page++) {
    const { data } = await client.rest.repos.getCommit({ ...repository, ref, per_page: 100, page });
    parent ??= data.parents[0]?.sha;
    files.push(...(data.files ?? []).map(toChangedFile));
    if ((data.files ?? []).length < 100) break;
  }
  return { parent, files };
}

/** A pull request's or a comparison's file entry as the base tree needs it. */
export function toChangedFile(file: { filename: string; status: string; previous_filename?: string | undefined }): ChangedFile {
  return { path: file.filename, status: file.status, ...(file.previous_filename === undefined ? {} : { previousPath: file.previous_filename }) };
}

function contentsAt(context: BaseContext, ref: string): FetchBaseFile {
  return async (path, maxBytes) => {
    let data: unknown;
    try {
      data = (await context.client.rest.repos.getContent({ ...context.repository, path, ref })).data;
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'status' in error && error.status === 404) return undefined;
      throw error;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !('type' in data) || data.type !== 'file') return undefined;
    const file = data as { size?: number; content?: string; encoding?: string };
    if ((file.size ?? 0) > maxBytes) return 'too-large';
    // Past 1 MB GitHub sends no content ("encoding": "none"); the read limit is 1 MiB.
    if (file.encoding !== 'base64' || file.content === undefined) return 'too-large';
    return Buffer.from(file.content, 'base64');
  };
}
