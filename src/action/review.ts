// One review per run (event COMMENT) with a comment on each offending line that the pull
// request's diff shows, carrying a `suggestion` block the author applies in one click.
// Comments use `line` and `side: RIGHT`, never the deprecated `position`. A hidden
// fingerprint keeps a rerun from posting what an earlier run posted.
import { countOf } from '../report/format.js';
import type { Repository } from './environment.js';
import { fingerprintMarker, fingerprintOf } from './fingerprint.js';
import type { GitHubCalls, GitHubClient } from './github.js';
import { COMMENT_LIMIT, cutMarkdown } from './markdownLimit.js';
import { type LineProposal, proposalListItem } from './proposals.js';

/** GitHub takes more, but a review with more comments than this buries the pull request. */
export const MAX_REVIEW_COMMENTS = 30;

type Link = (file: string, line: number) => string;

/** Proposals on lines the diff shows can be review comments; the rest go into the sticky comment. */
export function partitionByDiff(proposals: readonly LineProposal[], diffLines: ReadonlyMap<string, ReadonlySet<number>> | undefined): { inDiff: LineProposal[]; outsideDiff: LineProposal[] } {
  const inDiff: LineProposal[] = [];
  const outsideDiff: LineProposal[] = [];
  for (const proposal of proposals) {
    (diffLines?.get(proposal.file)?.has(proposal.line) === true ? inDiff : outsideDiff).push(proposal);
  }
  return { inDiff, outsideDiff };
}

/** What this run posts: the proposals no earlier run posted, at most MAX_REVIEW_COMMENTS as comments. */
export function planReview(inDiff: readonly LineProposal[], posted: ReadonlySet<string>): { comments: LineProposal[]; overflow: LineProposal[] } {
  const fresh = inDiff.filter((proposal) => !posted.has(proposal.fingerprint));
  return { comments: fresh.slice(0, MAX_REVIEW_COMMENTS), overflow: fresh.slice(MAX_REVIEW_COMMENTS) };
}

/** A fenced block with a fence longer than any run of backticks in the line, so the line cannot close it. */
export function suggestionBlock(line: string): string {
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}suggestion\n${line}\n${fence}`;
}

export function reviewCommentBody(proposal: LineProposal): string {
  const head = [fingerprintMarker(proposal.fingerprint), `**Portcullis** proposes a free port:`, ...proposal.reasons.map((reason) => `- ${reason}`)].join('\n');
  if (proposal.replacement === undefined) return head;
  const withSuggestion = `${head}\n\n${suggestionBlock(proposal.replacement)}`;
  // A line too long for one comment gets the proposal without the block.
  return COMMENT_LIMIT.measure(withSuggestion) <= COMMENT_LIMIT.max ? withSuggestion : head;
}

export function reviewBody(comments: readonly LineProposal[], overflow: readonly LineProposal[], link: Link, summaryPointer: string): string {
  const lines = [`**Portcullis**: ${countOf(comments.length + overflow.length, 'proposed port change')} on lines of this pull request.`];
  if (overflow.length > 0) {
    lines.push(
      '',
      `<details>\n<summary>${countOf(overflow.length, 'more proposal')} (a review carries at most ${MAX_REVIEW_COMMENTS} comments; the next run posts them)</summary>`,
      '',
      ...overflow.map((proposal) => proposalListItem(proposal, link)),
      '</details>',
    );
  }
  return cutMarkdown(lines.join('\n'), COMMENT_LIMIT, summaryPointer);
}

export interface ReviewTarget {
  client: GitHubClient;
  calls: GitHubCalls;
  repository: Repository;
  pullRequest: number;
  headSha: string;
  link: Link;
  summaryPointer: string;
}

/** Posts one review with the proposals no earlier run posted; none when there are none. */
export async function publishReview(target: ReviewTarget, inDiff: readonly LineProposal[]): Promise<void> {
  if (inDiff.length === 0) return;
  const { client, calls, repository, pullRequest } = target;
  const posted = await calls.attempt('the review', async () => {
    const existing = await client.paginate(client.rest.pulls.listReviewComments, { ...repository, pull_number: pullRequest, per_page: 100 });
    return new Set(existing.map((comment) => fingerprintOf(comment.body)).filter((fingerprint) => fingerprint !== undefined));
  });
  // Without the earlier fingerprints a review could repeat them: better none.
  if (posted === undefined) return;
  const { comments, overflow } = planReview(inDiff, posted);
  if (comments.length === 0) return;
  await calls.attempt('the review', () =>
    client.rest.pulls.createReview({
      ...repository,
      pull_number: pullRequest,
      commit_id: target.headSha,
      event: 'COMMENT',
      body: reviewBody(comments, overflow, target.link, target.summaryPointer),
      comments: comments.map((proposal) => ({ path: proposal.file, line: proposal.line, side: 'RIGHT', body: reviewCommentBody(proposal) })),
    }),
  );
}
