// A fake GitHub REST API on 127.0.0.1 for end-to-end runs of the bundled Action. State
// (comments, reviews, review comments) lives between runs, like a pull request's. Every
// request is checked against GitHub's published description and the rules GitHub enforces
// beyond it (a review comment must sit on a line of the diff). A check run is refused: the
// Action must make none of its own (the job's check is the one gate).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commentableLines, type GitHubFile, type GitSource } from './gitSource.js';
import { type Match, RestDescription } from './openapi.js';

export interface IssueComment {
  id: number;
  issue_number: number;
  body: string;
  created_at: string;
  updated_at: string;
  user: { login: string; type: string };
}

export interface ReviewComment {
  id: number;
  pull_number: number;
  review_id: number;
  path: string;
  line: number;
  side: string;
  commit_id: string;
  body: string;
}

export interface Review {
  id: number;
  pull_number: number;
  commit_id: string;
  event: string;
  body: string;
}

export interface PullRequest {
  number: number;
  base: string;
  head: string;
}

export interface RecordedRequest {
  method: string;
  /** Decoded path without the query. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  status: number;
  /** Why the fake refused it, when it did so as GitHub would. */
  problems?: string[];
}

/** A response to give instead of the real one, `times` times, to requests it matches. */
export interface Injection {
  method?: string;
  pathIncludes: string;
  status: number;
  message: string;
  headers?: Record<string, string>;
  times: number;
  /** Never answer: the connection stays open, as on a network that lost the reply. */
  hang?: boolean;
}

/** The account of the job's token, as the API shows it. */
export const BOT = { login: 'github-actions[bot]', type: 'Bot' };
const COMMENT_LIMIT = 65_536;
/** `pulls.listFiles` lists at most this many files, whatever the pull request changes. */
export const PULL_FILES_LIMIT = 3000;
let description: RestDescription | undefined;

export class FakeGitHub {
  readonly issueComments: IssueComment[] = [];
  readonly reviews: Review[] = [];
  readonly reviewComments: ReviewComment[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly pulls = new Map<number, PullRequest>();
  /** Every write answers 403 "Resource not accessible by integration", as for a fork's token. */
  refuseWrites = false;
  readonly injections: Injection[] = [];
  private server: Server | undefined;
  private readonly hanging = new Set<ServerResponse>();
  private nextId = 1000;
  private readonly api: RestDescription;

  constructor(
    readonly token: string,
    private readonly owner: string,
    private readonly repo: string,
    private readonly git: GitSource,
  ) {
    description ??= new RestDescription();
    this.api = description;
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null | undefined;
    if (!address) throw new Error('the fake GitHub is not started');
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Requests since `from` (an index into `requests`) that changed something (a GraphQL query changes nothing). */
  writesSince(from: number): RecordedRequest[] {
    return this.requests.slice(from).filter((request) => request.method !== 'GET' && request.path !== '/graphql');
  }

  /** Every request to the Checks API: the tests expect none. */
  checkRunRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.path.includes('/check-runs') || request.path.includes('/check-suites'));
  }

  /** Requests GitHub would have refused (schema or rule), other than the failures a test injected. */
  rejected(): RecordedRequest[] {
    return this.requests.filter((request) => request.problems !== undefined);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const method = request.method ?? 'GET';
    const raw = await readBody(request);
    const record: RecordedRequest = { method, path: decodeURIComponent(url.pathname), query: url.searchParams, body: undefined, status: 0 };
    this.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-ratelimit-remaining': '4999', ...headers });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    const refuse = (status: number, problems: string[]): void => {
      record.problems = problems;
      send(status, { message: status === 422 ? 'Validation Failed' : problems[0], errors: problems, documentation_url: 'https://docs.github.com/rest' });
    };

    if (request.headers.authorization !== `token ${this.token}`) return send(401, { message: 'Bad credentials' });
    try {
      record.body = raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return refuse(400, ['Problems parsing JSON']);
    }
    // GraphQL is not in the REST description: the one query the Action makes, who the token is.
    if (method === 'POST' && url.pathname === '/graphql') {
      const query = String((record.body as { query?: unknown } | undefined)?.query ?? '');
      if (!/\bviewer\s*\{\s*login\s*\}/.test(query)) return refuse(400, ['the fake answers only { viewer { login } }']);
      return send(200, { data: { viewer: { login: BOT.login } } });
    }
    const match = this.api.match(method, url.pathname);
    if (!match) return refuse(404, [`no such operation: ${method} ${url.pathname}`]);
    if (match.params['owner'] !== this.owner || match.params['repo'] !== this.repo) return send(404, { message: 'Not Found' });
    const problems = this.api.problems(match.operation, url.searchParams, record.body);
    if (problems.length > 0) return refuse(422, problems);

    const injection = this.injections.find((candidate) => candidate.times > 0 && (candidate.method ?? method) === method && url.pathname.includes(candidate.pathIncludes));
    if (injection) {
      injection.times--;
      if (injection.hang === true) {
        this.hanging.add(response);
        return;
      }
      return send(injection.status, { message: injection.message, documentation_url: 'https://docs.github.com/rest' }, injection.headers);
    }
    if (this.refuseWrites && method !== 'GET') {
      return send(403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment' });
    }
    const answer = this.route(match, url, record.body);
    if ('problems' in answer) return refuse(answer.status, answer.problems);
    if ('page' in answer) {
      const { items, link } = paginate(answer.page, url, this.url);
      return send(200, items, link === undefined ? {} : { link });
    }
    return send(answer.status, answer.body);
  }

  private route(match: Match, url: URL, body: unknown): { status: number; body: unknown } | { page: unknown[] } | { status: number; problems: string[] } {
    const params = match.params;
    const input = (body ?? {}) as Record<string, unknown>;
    const pull = (): PullRequest | undefined => this.pulls.get(Number(params['pull_number'] ?? params['issue_number']));
    switch (match.operation.operationId) {
      case 'pulls/list-files': {
        const pr = pull();
        return pr ? { page: this.git.files(pr.base, pr.head).slice(0, PULL_FILES_LIMIT) } : notFound();
      }
      case 'users/get-authenticated':
        // An installation token (the job's GITHUB_TOKEN) is no user.
        return { status: 403, body: { message: 'Resource not accessible by integration' } };
      case 'issues/list-comments':
        return { page: this.issueComments.filter((comment) => comment.issue_number === Number(params['issue_number'])) };
      case 'issues/create-comment': {
        if (!pull()) return notFound();
        const text = String(input['body']);
        if (text.length > COMMENT_LIMIT) return { status: 422, problems: [`body is too long (maximum is ${COMMENT_LIMIT} characters)`] };
        const now = new Date().toISOString();
        const comment: IssueComment = { id: this.nextId++, issue_number: Number(params['issue_number']), body: text, created_at: now, updated_at: now, user: BOT };
        this.issueComments.push(comment);
        return { status: 201, body: comment };
      }
      case 'issues/update-comment': {
        const comment = this.issueComments.find((candidate) => candidate.id === Number(params['comment_id']));
        if (!comment) return notFound();
        if (comment.user.login !== BOT.login) return { status: 403, problems: ['Resource not accessible by integration'] };
        const text = String(input['body']);
        if (text.length > COMMENT_LIMIT) return { status: 422, problems: [`body is too long (maximum is ${COMMENT_LIMIT} characters)`] };
        comment.body = text;
        comment.updated_at = new Date().toISOString();
        return { status: 200, body: comment };
      }
      case 'pulls/list-review-comments':
        return { page: this.reviewComments.filter((comment) => comment.pull_number === Number(params['pull_number'])) };
      case 'pulls/create-review': {
        const pr = pull();
        return pr ? this.createReview(pr, input) : notFound();
      }
      case 'checks/create':
      case 'checks/update':
        return { status: 403, problems: ["the Action makes no check run of its own: the job's check is the gate"] };
      case 'repos/get-content': {
        const ref = url.searchParams.get('ref') ?? 'HEAD';
        const content = this.git.content(ref, params['path'] ?? '');
        if (content === undefined) return notFound();
        if (this.git.mode(ref, params['path'] ?? '') === '120000') {
          return { status: 200, body: { type: 'symlink', target: content.toString('utf8'), size: content.length, name: (params['path'] ?? '').split('/').pop(), path: params['path'] } };
        }
        return { status: 200, body: { type: 'file', encoding: 'base64', size: content.length, name: (params['path'] ?? '').split('/').pop(), path: params['path'], content: content.toString('base64') } };
      }
      case 'repos/compare-commits': {
        const { base = '', head = '' } = params;
        return { status: 200, body: { status: 'ahead', files: this.git.files(base, head) } };
      }
      case 'repos/get-commit': {
        const sha = this.git.resolve(params['ref'] ?? '');
        const parents = this.git.parents(sha);
        return { status: 200, body: { sha, parents: parents.map((parent) => ({ sha: parent })), files: parents[0] === undefined ? [] : this.git.files(parents[0], sha) } };
      }
      default:
        return { status: 501, problems: [`the fake does not implement ${match.operation.operationId}`] };
    }
  }

  private createReview(pr: PullRequest, input: Record<string, unknown>): { status: number; body: unknown } | { status: number; problems: string[] } {
    const problems: string[] = [];
    if (input['commit_id'] !== undefined && input['commit_id'] !== pr.head) problems.push('commit_id is not the head of the pull request');
    if ((input['event'] === 'COMMENT' || input['event'] === 'REQUEST_CHANGES') && !input['body']) problems.push('body is required for COMMENT');
    if (typeof input['body'] === 'string' && input['body'].length > COMMENT_LIMIT) problems.push('body is too long');
    const files = new Map<string, GitHubFile>(this.git.files(pr.base, pr.head).map((file) => [file.filename, file]));
    const comments = (input['comments'] ?? []) as Array<Record<string, unknown>>;
    for (const comment of comments) {
      if ('position' in comment) problems.push('position is deprecated: comment with line and side');
      if (typeof comment['line'] !== 'number') problems.push('line is required');
      if (comment['side'] !== 'RIGHT' && comment['side'] !== 'LEFT') problems.push('side must be RIGHT or LEFT');
      const file = files.get(String(comment['path']));
      if (!file) problems.push(`path ${String(comment['path'])} is not in the pull request`);
      else if (!commentableLines(file.patch).has(Number(comment['line']))) problems.push('pull_request_review_thread.line must be part of the diff');
      if (String(comment['body']).length > COMMENT_LIMIT) problems.push('comment body is too long');
    }
    if (problems.length > 0) return { status: 422, problems };
    const review: Review = { id: this.nextId++, pull_number: pr.number, commit_id: pr.head, event: String(input['event'] ?? 'PENDING'), body: String(input['body'] ?? '') };
    this.reviews.push(review);
    for (const comment of comments) {
      this.reviewComments.push({
        id: this.nextId++,
        pull_number: pr.number,
        review_id: review.id,
        path: String(comment['path']),
        line: Number(comment['line']),
        side: String(comment['side']),
        commit_id: pr.head,
        body: String(comment['body']),
      });
    }
    return { status: 200, body: { ...review, state: review.event === 'COMMENT' ? 'COMMENTED' : review.event } };
  }
}

function notFound(): { status: number; body: unknown } {
  return { status: 404, body: { message: 'Not Found' } };
}

function paginate(all: unknown[], url: URL, base: string): { items: unknown[]; link: string | undefined } {
  const perPage = Number(url.searchParams.get('per_page') ?? 30);
  const page = Number(url.searchParams.get('page') ?? 1);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const items = all.slice((page - 1) * perPage, page * perPage);
  if (page >= last) return { items, link: undefined };
  const at = (number: number): string => {
    const next = new URL(url.pathname + url.search, base);
    next.searchParams.set('page', String(number));
    next.searchParams.set('per_page', String(perPage));
    return next.toString();
  };
  return { items, link: `<${at(page + 1)}>; rel="next", <${at(last)}>; rel="last"` };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
