// The revision a run compares with. Git objects when the checkout has them (a full clone,
// or `fetch-depth: 2` for a push); otherwise, since actions/checkout fetches one commit by
// default, the files the change touched are read at the base through the REST API. GitHub
// lists only so many of them (3,000 files of a pull request, 300 of a comparison): past
// that, or when the API fails, the base commit is fetched with git, one commit deep, and
// compared as a full clone would be. When even that fails the check is incomplete: a file
// that no one compared must not pass for unchanged.
import { fetchCommit, resolveRevision } from '../discover/git.js';
import { openWorkingTree } from '../discover/tree.js';
import type { Incomplete } from '../model/types.js';
import type { CheckOptions } from '../pipeline/check.js';
import type { Repository } from './environment.js';
import type { RunEvent } from './event.js';
import type { GitHubCalls, GitHubClient } from './github.js';
import { repositoryPath, rootPath } from './repositoryPaths.js';
import { type ChangedFile, type FetchBaseFile, restBaseSnapshot } from './restTree.js';

export interface BaseChoice {
  options: Pick<CheckOptions, 'base' | 'baseSnapshot'>;
  /** Why the check cannot see the base as it should: it makes the report incomplete. */
  incomplete?: Incomplete;
  /** The base commit, when the clone holds it (now): where the base's own files are read. */
  localBase?: string;
}

export interface BaseContext {
  root: string;
  /** The root's path in the repository ('' at its top): GitHub lists and serves files by repository paths. */
  prefix: string;
  client: GitHubClient;
  calls: GitHubCalls;
  repository: Repository;
  /** The pull request's files, when the event is a pull request and they could be listed. */
  pullFiles: readonly ChangedFile[] | undefined;
}

// The compare API lists at most this many files; a longer list is cut short.
const COMPARE_FILE_LIMIT = 300;
// A pull request's files and a commit's files come 100 a page, up to GitHub's 3,000.
export const PULL_FILE_LIMIT = 3000;

export async function chooseBase(event: RunEvent, context: BaseContext): Promise<BaseChoice> {
  if (event.base === null) return { options: {} };
  const local = 'sha' in event.base ? event.base.sha : `${event.base.parentOf}^`;
  const resolved = await resolveRevision(context.root, local).catch(() => undefined);
  if (resolved !== undefined) return { options: { base: resolved }, localBase: resolved };

  const remote = await changedFilesFromApi(event, context);
  if ('files' in remote) {
    if (remote.revision === undefined) return { options: {} };
    const fetchFile = contentsAt(context, remote.revision);
    const files = changedFilesUnderRoot(remote.files, context.prefix);
    return { options: { baseSnapshot: restBaseSnapshot(remote.revision, await openWorkingTree(context.root), files, fetchFile) } };
  }
  // The API could not say what changed (or not all of it): git can, once it has the base.
  const fetched = await fetchBase(context.root, event.base);
  if (fetched !== undefined) return { options: { base: fetched }, localBase: fetched };
  const what = 'sha' in event.base ? `the base commit ${event.base.sha.slice(0, 12)}` : `the parent of ${event.base.parentOf.slice(0, 12)}`;
  if ('cut' in remote) {
    return { options: {}, incomplete: { reason: 'rest-file-list', message: `${remote.cut}, and ${what} could not be fetched (git fetch --depth=1 origin): the files past the list would have been compared with nothing` } };
  }
  return { options: {}, incomplete: { reason: 'base-unreadable', message: `${what} could not be read: it is not in this clone, ${remote.failed}, and git could not fetch it; every conflict counts as new` } };
}

/** The base commit, fetched one commit deep (two for a parent); undefined when git cannot. */
async function fetchBase(root: string, base: NonNullable<RunEvent['base']>): Promise<string | undefined> {
  if ('sha' in base) return (await fetchCommit(root, base.sha)) ? base.sha : undefined;
  if (!(await fetchCommit(root, base.parentOf, 2))) return undefined;
  return resolveRevision(root, `${base.parentOf}^`).catch(() => undefined);
}

type RemoteBase = { revision: string | undefined; files: readonly ChangedFile[] } | { cut: string } | { failed: string };

async function changedFilesFromApi(event: RunEvent, context: BaseContext): Promise<RemoteBase> {
  const { client, calls, repository } = context;
  if (event.base === null) return { revision: undefined, files: [] };
  if (event.pullRequest !== null && 'sha' in event.base) {
    const files = context.pullFiles;
    if (files === undefined) return { failed: "the pull request's files could not be listed" };
    if (files.length >= PULL_FILE_LIMIT || (event.changedFiles !== undefined && event.changedFiles > files.length)) {
      return { cut: `GitHub lists ${files.length} of the ${event.changedFiles ?? `${files.length} or more`} files this pull request changes` };
    }
    return { revision: event.base.sha, files };
  }
  if ('sha' in event.base) {
    const base = event.base.sha;
    const compared = await calls.attempt('the comparison with the base', async () =>
      (await client.rest.repos.compareCommitsWithBasehead({ ...repository, basehead: `${base}...${event.headSha}`, per_page: 1 })).data.files ?? [],
    );
    if (compared === undefined) return { failed: 'GitHub could not compare it' };
    if (compared.length >= COMPARE_FILE_LIMIT) return { cut: `GitHub lists only ${COMPARE_FILE_LIMIT} files of a comparison` };
    return { revision: base, files: compared.map(toChangedFile) };
  }
  const head = event.base.parentOf;
  const commit = await calls.attempt("the commit's files", () => commitWithFiles(client, repository, head));
  if (commit === undefined) return { failed: 'GitHub could not give its parent' };
  if (commit.files.length >= PULL_FILE_LIMIT) return { cut: `GitHub lists only ${PULL_FILE_LIMIT} files of a commit` };
  return { revision: commit.parent, files: commit.files };
}

// A commit's files come 100 a page, up to GitHub's 3,000.
async function commitWithFiles(client: GitHubClient, repository: Repository, ref: string): Promise<{ parent: string | undefined; files: ChangedFile[] }> {
  const files: ChangedFile[] = [];
  let parent: string | undefined;
  for (let page = 1; page <= PULL_FILE_LIMIT / 100; page++) {
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

/**
 * The changed files inside the root, by root-relative paths. A file renamed across the
 * root's edge is, inside it, a file added or removed.
 */
export function changedFilesUnderRoot(files: readonly ChangedFile[], prefix: string): ChangedFile[] {
  const under: ChangedFile[] = [];
  for (const file of files) {
    const path = rootPath(prefix, file.path);
    const previousPath = file.previousPath === undefined ? undefined : rootPath(prefix, file.previousPath);
    if (path !== undefined && previousPath !== undefined) under.push({ ...file, path, previousPath });
    else if (path !== undefined) under.push({ path, status: file.previousPath === undefined ? file.status : 'added' });
    else if (previousPath !== undefined) under.push({ path: previousPath, status: 'removed' });
  }
  return under;
}

/** A file at `ref` through the contents API: its bytes, 'too-large', 'link' for a symbolic link, undefined when absent. */
export type FetchContent = (path: string, ref: string, maxBytes: number) => Promise<Buffer | 'too-large' | 'link' | undefined>;

/** Files by root-relative `path`. */
export function contentsApi(context: Pick<BaseContext, 'client' | 'repository' | 'prefix'>): FetchContent {
  return async (path, ref, maxBytes) => {
    let data: unknown;
    try {
      data = (await context.client.rest.repos.getContent({ ...context.repository, path: repositoryPath(context.prefix, path), ref })).data;
    } catch (error) {
      if (typeof error === 'object' && error !== null && 'status' in error && error.status === 404) return undefined;
      throw error;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data) || !('type' in data)) return undefined;
    if (data.type === 'symlink') return 'link';
    if (data.type !== 'file') return undefined;
    const file = data as { size?: number; content?: string; encoding?: string };
    if ((file.size ?? 0) > maxBytes) return 'too-large';
    // Past 1 MB GitHub sends no content ("encoding": "none"); the read limit is 1 MiB.
    if (file.encoding !== 'base64' || file.content === undefined) return 'too-large';
    return Buffer.from(file.content, 'base64');
  };
}

function contentsAt(context: BaseContext, ref: string): FetchBaseFile {
  const fetchContent = contentsApi(context);
  return async (path, maxBytes) => {
    const content = await fetchContent(path, ref, maxBytes);
    // A link is a path string, not content: never followed, as git never follows one in a commit.
    return content === 'link' ? undefined : content;
  };
}
