// A check run that carries the annotations the runner does not show: created with the
// first 50, then updated with 50 more per request (GitHub appends them).
import type { Repository } from './environment.js';
import type { GitHubCalls, GitHubClient } from './github.js';
import type { CheckRunAnnotation } from './annotations.js';
import { COMMENT_LIMIT, cutMarkdown } from './markdownLimit.js';

export const CHECK_RUN_NAME = 'Portcullis annotations';

export interface CheckRunContent {
  headSha: string;
  failing: boolean;
  /** One line, plain text. */
  title: string;
  /** Markdown. */
  summary: string;
  batches: readonly CheckRunAnnotation[][];
}

export async function publishCheckRun(client: GitHubClient, calls: GitHubCalls, repository: Repository, content: CheckRunContent): Promise<void> {
  const [first = [], ...rest] = content.batches;
  const output = (annotations: CheckRunAnnotation[]) => ({
    title: content.title,
    summary: cutMarkdown(content.summary, { ...COMMENT_LIMIT, max: COMMENT_LIMIT.max - 1 }, '…'),
    annotations,
  });
  const created = await calls.attempt('the check run', async () =>
    (
      await client.rest.checks.create({
        ...repository,
        name: CHECK_RUN_NAME,
        head_sha: content.headSha,
        status: 'completed',
        conclusion: content.failing ? 'failure' : 'success',
        output: output(first),
      })
    ).data.id,
  );
  if (created === undefined) return;
  for (const batch of rest) {
    const updated = await calls.attempt('the check run', () => client.rest.checks.update({ ...repository, check_run_id: created, output: output(batch) }));
    if (updated === undefined) return;
  }
}
