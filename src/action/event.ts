// Which commits the run compares and where it answers, from the event that started it.
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import { InputError } from './inputs.js';

/** The revision to compare with: a commit, or the first parent of one. */
export type BaseRef = { sha: string } | { parentOf: string };

export interface RunEvent {
  name: string;
  /** The commit under review: line links and review comments point at it. */
  headSha: string;
  /** Null: nothing to compare with, so every conflict is new. */
  base: BaseRef | null;
  /** The pull request to comment on, if the event has one. */
  pullRequest: number | null;
  /** How many files the pull request changes, as its payload says: more than GitHub will list, at times. */
  changedFiles?: number;
}

const sha = z.string().regex(/^(?:[0-9a-f]{40}|[0-9a-f]{64})$/, 'a commit sha');
const pullRequestPayload = z.object({
  pull_request: z.object({ number: z.number().int().positive(), head: z.object({ sha }), base: z.object({ sha }), changed_files: z.number().int().nonnegative().optional() }),
});
const mergeGroupPayload = z.object({ merge_group: z.object({ head_sha: sha, base_sha: sha }) });
const pushPayload = z.object({ before: z.string().optional(), after: sha.optional() });

// `before` of a push that created the branch.
const NO_COMMIT = /^0+$/;

/**
 * Pull requests compare with their base commit and answer on the pull request; a merge
 * queue compares with the queue's base; a push with the commit before it (or, for a new
 * branch, the pushed commit's parent); anything else, such as `workflow_dispatch`, checks
 * the whole tree against the commit before `GITHUB_SHA`.
 */
export function parseEvent(name: string, payload: unknown, workflowSha: string): RunEvent {
  switch (name) {
    case 'pull_request':
    case 'pull_request_target': {
      const { pull_request: pr } = parsePayload(pullRequestPayload, payload, name);
      return { name, headSha: pr.head.sha, base: { sha: pr.base.sha }, pullRequest: pr.number, ...(pr.changed_files === undefined ? {} : { changedFiles: pr.changed_files }) };
    }
    case 'merge_group': {
      const { merge_group: group } = parsePayload(mergeGroupPayload, payload, name);
      return { name, headSha: group.head_sha, base: { sha: group.base_sha }, pullRequest: null };
    }
    case 'push': {
      const push = parsePayload(pushPayload, payload, name);
      const headSha = push.after ?? checkedSha(workflowSha);
      const before = push.before !== undefined && sha.safeParse(push.before).success && !NO_COMMIT.test(push.before) ? push.before : undefined;
      return { name, headSha, base: before === undefined ? { parentOf: headSha } : { sha: before }, pullRequest: null };
    }
    default: {
      const headSha = checkedSha(workflowSha);
      return { name, headSha, base: { parentOf: headSha }, pullRequest: null };
    }
  }
}

/** The webhook payload the runner saved at `GITHUB_EVENT_PATH`; `{}` when there is none. */
export async function readEventPayload(path: string | undefined): Promise<unknown> {
  if (path === undefined || path === '') return {};
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    throw new InputError(`cannot read the event payload at GITHUB_EVENT_PATH: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, name: string): T {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new InputError(`the ${name} event payload lacks ${issue ? `${issue.path.join('.')} (${issue.message})` : 'an expected field'}`);
}

function checkedSha(value: string): string {
  if (!sha.safeParse(value).success) throw new InputError(`GITHUB_SHA is not a commit sha: '${value}'`);
  return value;
}
