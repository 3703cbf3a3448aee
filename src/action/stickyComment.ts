// One issue comment per pull request and root, found again by a hidden marker and edited in
// place: the conflict table while there are conflicts, an all-clear once they are gone. Two
// steps that check two roots of a monorepo (or that set two `comment-id`s) keep two comments.
import { markdownCode } from '../report/escape.js';
import { countOf } from '../report/format.js';
import { foldedMarkdown } from '../report/markdown.js';
import type { Repository } from './environment.js';
import { type GitHubCalls, type GitHubClient, tokenLogin } from './github.js';
import type { CommentMode } from './inputs.js';
import { COMMENT_LIMIT, cutMarkdown } from './markdownLimit.js';
import { type LineProposal, proposalListItem } from './proposals.js';

/** The marker of the repository's top folder: the one every comment had before markers carried a root. */
export const STICKY_MARKER = '<!-- portcullis:sticky -->';

/**
 * The hidden first line of the comment for `key` (the `comment-id` input, else the working
 * directory; '' for the top folder, which keeps the marker that comments had before, so
 * an upgrade edits them rather than adding a second). Outside letters, digits and `_.-/`,
 * each byte is written `%XX`, so no key can end the HTML comment.
 */
export function stickyMarker(key: string): string {
  if (key === '') return STICKY_MARKER;
  const safe = [...Buffer.from(key, 'utf8')]
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /^[\w./-]$/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `<!-- portcullis:sticky:${safe} -->`;
}

/**
 * The heading: `Portcullis`, or `` Portcullis · `services/api` `` for a root other than the
 * workspace (by its repository path), so two roots' comments are told apart at a glance.
 */
export function commentTitle(workingDirectory: string, prefix: string): string {
  return workingDirectory === '' ? 'Portcullis' : `Portcullis · ${markdownCode(prefix === '' ? workingDirectory : prefix)}`;
}

/** Only a comment whose first line is the marker counts, so no text quoted in a comment can pass for it. */
export function hasStickyMarker(body: string | undefined | null, marker: string): boolean {
  if (body === undefined || body === null) return false;
  const end = body.indexOf('\n');
  return (end < 0 ? body : body.slice(0, end)).replace(/\r$/, '') === marker;
}

type Link = (file: string, line: number) => string;

export interface StickyComment {
  id: number;
  body: string;
}

/**
 * `create` and `update` write `body`. A pull request that never had a conflict gets no
 * comment (unless `always`); one that had gets its comment updated, to an all-clear if need be.
 */
export function stickyCommentAction(existing: StickyComment | null, mode: CommentMode, worthAComment: boolean, body: string): 'create' | 'update' | 'none' {
  if (mode === 'never') return 'none';
  if (existing !== null) return existing.body === body ? 'none' : 'update';
  return mode === 'always' || worthAComment ? 'create' : 'none';
}

/**
 * The proposals that could not be review comments (lines outside the diff, or that the head
 * commit does not have), folded, for the comment; undefined when there are none.
 */
export function outsideDiffFold(outsideDiff: readonly LineProposal[], link: Link): string | undefined {
  if (outsideDiff.length === 0) return undefined;
  return foldedMarkdown(
    `${countOf(outsideDiff.length, 'proposed line change')} outside this pull request's diff (GitHub takes review suggestions only on lines the diff shows)`,
    outsideDiff.map((proposal) => proposalListItem(proposal, link)).join('\n'),
  );
}

/** The marker, then the report; cut to GitHub's limit. */
export function stickyCommentBody(marker: string, reportMarkdown: string, summaryPointer: string): string {
  return cutMarkdown(`${marker}\n\n${reportMarkdown.trimEnd()}\n`, COMMENT_LIMIT, summaryPointer);
}

/**
 * The first comment whose first line is `marker` and that `author` wrote, or null; every page
 * is read. Anyone can write the marker: a comment by someone else is never taken for the Action's.
 */
export async function findStickyComment(client: GitHubClient, repository: Repository, pullRequest: number, author: string, marker: string): Promise<StickyComment | null> {
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, { ...repository, issue_number: pullRequest, per_page: 100 })) {
    const found = page.data.find((comment) => hasStickyMarker(comment.body, marker) && comment.user?.login === author);
    if (found) return { id: found.id, body: found.body ?? '' };
  }
  return null;
}

/** The job token's account, when GitHub does not say whose the token is. */
export const JOB_TOKEN_LOGIN = 'github-actions[bot]';

export interface StickyTarget {
  client: GitHubClient;
  calls: GitHubCalls;
  repository: Repository;
  pullRequest: number;
}

/** `body` starts with `marker`. */
export async function publishStickyComment(target: StickyTarget, mode: CommentMode, worthAComment: boolean, marker: string, body: string): Promise<void> {
  if (mode === 'never') return;
  const { client, calls, repository, pullRequest } = target;
  const author = (await tokenLogin(client)) ?? JOB_TOKEN_LOGIN;
  const existing = await calls.attempt('the sticky comment', () => findStickyComment(client, repository, pullRequest, author, marker));
  if (existing === undefined) return;
  const action = stickyCommentAction(existing, mode, worthAComment, body);
  if (action === 'create') {
    await calls.attempt('the sticky comment', () => client.rest.issues.createComment({ ...repository, issue_number: pullRequest, body }));
  } else if (action === 'update' && existing !== null) {
    await calls.attempt('the sticky comment', () => client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body }));
  }
}
