// The REST client, and what the Action does when GitHub says no. Nothing here logs the
// token or a stack trace: a failed call becomes one plain sentence.
import { getOctokit } from '@actions/github';
import { HttpClient } from '@actions/http-client';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import Bottleneck from 'bottleneck/light.js';
import { fetch as undiciFetch } from 'undici';
import { visibleControlChars } from '../report/escape.js';
import { joinWithAnd } from '../model/words.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

// Bounded so that a run ends in minutes even when GitHub is struggling.
const SERVER_ERROR_RETRIES = 3;
const SECONDARY_LIMIT_RETRIES = 2;
const LONGEST_WAIT_SECONDS = 60;
/**
 * How long one call may take before it is abandoned (and retried, as a 5xx is). Without it a
 * connection that never answers holds each call for the runtime's five minutes.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 30_000;

export interface ClientOptions {
  /** Per call, answer included; DEFAULT_CALL_TIMEOUT_MS unless the runner says otherwise. */
  timeoutMs?: number;
  /**
   * The unit of every wait the client makes: the retries' growing waits (1, 4, 9 of it), a
   * rate limit's `retry-after` seconds, and the pacing GitHub asks of writes (1 between
   * writes, 3 between writes that notify someone). A second unless the runner says otherwise.
   */
  waitUnitMs?: number;
}

/** Octokit that retries 5xx, timeouts and rate limits a bounded number of times, then gives up. */
export function createGitHubClient(token: string, baseUrl: string, debug: (message: string) => void, options: ClientOptions = {}): GitHubClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  return getOctokit(
    token,
    {
      baseUrl,
      // A timeout that is no AbortError reaches octokit as a plain failure, which it turns into a 500 and retries.
      request: { fetch: withTimeout(timeoutMs, fetchThroughRunnerProxy(baseUrl)) },
      retry: { retries: SERVER_ERROR_RETRIES, ...(options.waitUnitMs === undefined ? {} : { retryAfterBaseValue: options.waitUnitMs }) },
      throttle: {
        ...(options.waitUnitMs === undefined ? {} : pacedIn(options.waitUnitMs)),
        onRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
          retryCount < 1 && retryAfter <= LONGEST_WAIT_SECONDS,
        onSecondaryRateLimit: (retryAfter: number, _options: unknown, _octokit: unknown, retryCount: number) =>
          retryCount < SECONDARY_LIMIT_RETRIES && retryAfter <= LONGEST_WAIT_SECONDS,
      },
      log: { debug: () => undefined, info: () => undefined, warn: debug, error: debug },
    },
    retry,
    throttling,
  );
}

/**
 * The throttling plugin's own limiters, with its waits counted in `unit` instead of seconds. Its
 * defaults are shared by every client of the process and cannot be scaled: these replace them.
 */
function pacedIn(unit: number) {
  return {
    retryAfterBaseValue: unit,
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: unit }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * unit }),
    search: new Bottleneck.Group({ maxConcurrent: 1, minTime: 2 * unit }),
  };
}

/**
 * A fetch through the runner's proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY), as @actions/github's
 * own client goes: giving octokit a fetch of our own replaces that one, and Node's fetch reads
 * none of those variables, so a self-hosted runner behind a proxy would reach no GitHub.
 */
function fetchThroughRunnerProxy(baseUrl: string): typeof fetch {
  const dispatcher = new HttpClient().getAgentDispatcher(baseUrl);
  if (dispatcher === undefined) return fetch;
  // undici's own types describe the same Fetch API as Node's global ones.
  return async (input, init) => (await undiciFetch(input as Parameters<typeof undiciFetch>[0], { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as Response;
}

function withTimeout(timeoutMs: number, fetchOnce: typeof fetch): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetchOnce(input, { ...init, signal });
    } catch (error) {
      if (timeout.aborted) throw new Error(`no answer within ${timeoutMs / 1000} s`, { cause: error });
      throw error;
    }
  };
}

/** The job token's account (`github-actions[bot]`), or a personal token's user: the author of the Action's own comments. */
export async function tokenLogin(client: GitHubClient): Promise<string | undefined> {
  // GraphQL's viewer answers for installation tokens as well as personal ones; REST's /user only for the latter.
  try {
    const { viewer } = await client.graphql<{ viewer: { login: string } }>('query { viewer { login } }');
    if (typeof viewer.login === 'string' && viewer.login !== '') return viewer.login;
  } catch {
    // Next: REST.
  }
  try {
    return (await client.rest.users.getAuthenticated()).data.login;
  } catch {
    return undefined;
  }
}

export interface ApiFailure {
  /** `refused`: the token may not do this (403/404 on a write, a fork's read-only token); `limited`: a rate limit that persists. */
  kind: 'refused' | 'limited' | 'failed';
  /** `403 Resource not accessible by integration`. */
  reason: string;
}

/** A failed call in one line: its status and GitHub's own message, never the request (which carries the token). */
export function describeApiFailure(error: unknown): ApiFailure {
  const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : undefined;
  const message = firstLine(githubMessage(error) ?? (error instanceof Error ? error.message : String(error)));
  const reason = visibleControlChars(status === undefined ? message : `${status} ${message}`);
  if (status === 429 || (status === 403 && /rate limit/i.test(message))) return { kind: 'limited', reason };
  if (status === 401 || status === 403) return { kind: 'refused', reason };
  return { kind: 'failed', reason };
}

function githubMessage(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('response' in error)) return undefined;
  const data = (error.response as { data?: unknown } | undefined)?.data;
  const message = typeof data === 'object' && data !== null && 'message' in data ? data.message : undefined;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

/**
 * Runs the Action's GitHub calls in order. A refusal or a persisting rate limit ends every
 * later call (each would fail the same way). Everything that went wrong with GitHub is
 * logged once, at the end, as one warning: the verdict never depends on whether GitHub
 * took the comment.
 */
export class GitHubCalls {
  private stoppedBy: ApiFailure | undefined;
  private readonly skipped: string[] = [];
  private readonly failures: string[] = [];
  private readonly consequences: string[] = [];

  /** The call's result, or undefined when it failed or an earlier refusal stopped it. `what` names the part of the answer it serves. */
  async attempt<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    if (this.stoppedBy !== undefined) {
      if (!this.skipped.includes(what)) this.skipped.push(what);
      return undefined;
    }
    try {
      return await call();
    } catch (error) {
      const failure = describeApiFailure(error);
      if (failure.kind === 'failed') {
        this.failures.push(`${what} (${failure.reason})`);
      } else {
        this.stoppedBy = failure;
        this.skipped.push(what);
      }
      return undefined;
    }
  }

  /** A sentence on what a failed call meant for the report, for the same warning. */
  note(consequence: string): void {
    this.consequences.push(consequence);
  }

  /** The one warning the run logs about GitHub, or undefined when everything went through. */
  warning(): string | undefined {
    const sentences: string[] = [];
    if (this.stoppedBy !== undefined) {
      const cause = this.stoppedBy.kind === 'limited' ? 'GitHub rate-limited the token' : 'The token may not do this here';
      sentences.push(`${cause} (${this.stoppedBy.reason}): Portcullis skipped ${joinWithAnd(this.skipped)}.`);
    }
    if (this.failures.length > 0) sentences.push(`GitHub failed ${joinWithAnd(this.failures)}.`);
    sentences.push(...this.consequences);
    if (sentences.length === 0) return undefined;
    if (this.stoppedBy !== undefined || this.failures.length > 0) {
      sentences.push('The job summary and the report file have the full report, and the verdict does not depend on GitHub taking it.');
    }
    if (this.stoppedBy?.kind === 'refused') sentences.push('A pull request from a fork gets a read-only token: see "Using the Action" in the README.');
    return sentences.join(' ');
  }
}
