// One issue comment per pull request, found again by a hidden marker and edited in place:
// the conflict table while there are conflicts, an all-clear once they are gone.
import { countOf } from '../report/format.js';
import type { Repository } from './environment.js';
import { type GitHubCalls, type GitHubClient, tokenLogin } from './github.js';
import type { CommentMode } from './inputs.js';
import { COMMENT_LIMIT, cutMarkdown } from './markdownLimit.js';
import { type LineProposal, proposalListItem } from './proposals.js';

/** Only a comment that starts with it counts, so no text quoted in a comment can pass for it. */
export const STICKY_MARKER = '<!-- portcullis:sticky -->';

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

/** The marker, the report, and the proposals that could not be review comments; cut to GitHub's limit. */
export function stickyCommentBody(reportMarkdown: string, outsideDiff: readonly LineProposal[], link: Link, summaryPointer: string): string {
  const sections = [STICKY_MARKER, reportMarkdown.trimEnd()];
  if (outsideDiff.length > 0) {
    sections.push(
      `**${countOf(outsideDiff.length, 'proposed change')} outside this pull request's diff** (GitHub takes review suggestions only on lines the diff shows):`,
      outsideDiff.map((proposal) => proposalListItem(proposal, link)).join('\n'),
    );
  }
  return cutMarkdown(`${sections.join('\n\n')}\n`, COMMENT_LIMIT, summaryPointer);
}

/**
 * The first comment that starts with the marker and that `author` wrote, or null; every page is
 * read. Anyone can write the marker: a comment by someone else is never taken for the Action's.
 */
export async function findStickyComment(client: GitHubClient, repository: Repository, pullRequest: number, author: string): Promise<StickyComment | null> {
  for await (const page of client.paginate.iterator(client.rest.issues.listComments, { ...repository, issue_number: pullRequest, per_page: 100 })) {
    const found = page.data.find((comment) => comment.body?.startsWith(STICKY_MARKER) === true && comment.user?.login === author);
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

export async function publishStickyComment(target: StickyTarget, mode: CommentMode, worthAComment: boolean, body: string): Promise<void> {
  if (mode === 'never') return;
  const { client, calls, repository, pullRequest } = target;
  const author = (await tokenLogin(client)) ?? JOB_TOKEN_LOGIN;
  const existing = await calls.attempt('the sticky comment', () => findStickyComment(client, repository, pullRequest, author));
  if (existing === undefined) return;
  const action = stickyCommentAction(existing, mode, worthAComment, body);
  if (action === 'create') {
    await calls.attempt('the sticky comment', () => client.rest.issues.createComment({ ...repository, issue_number: pullRequest, body }));
  } else if (action === 'update' && existing !== null) {
    await calls.attempt('the sticky comment', () => client.rest.issues.updateComment({ ...repository, comment_id: existing.id, body }));
  }
}
