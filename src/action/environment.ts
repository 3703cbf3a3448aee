// What the runner tells a step through its environment (GITHUB_*, RUNNER_TEMP).
import { tmpdir } from 'node:os';
import { InputError } from './inputs.js';

export interface Repository {
  owner: string;
  repo: string;
}

export interface RunnerEnvironment {
  repository: Repository;
  workspace: string;
  eventName: string;
  eventPath: string | undefined;
  sha: string;
  apiUrl: string;
  serverUrl: string;
  /** The run's page, where its job summary is. */
  runUrl: string | undefined;
  /** A folder for the report file, emptied after the job. */
  tempDir: string;
  /** The step's id, so two Portcullis steps of one job write two report files. */
  stepId: string;
  /**
   * Where this Action's own README is, at the version the workflow runs
   * (`<server>/<action repository>/blob/<ref>/`): rule names link to their entries. Unknown
   * for an Action run from the checkout (`uses: ./`), which the runner names no repository for.
   */
  docsBase: string | undefined;
}

export function readRunnerEnvironment(env: NodeJS.ProcessEnv, cwd: string): RunnerEnvironment {
  const [owner, repo, ...rest] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (!owner || !repo || rest.length > 0) throw new InputError(`GITHUB_REPOSITORY must be owner/name (got '${env['GITHUB_REPOSITORY'] ?? ''}')`);
  const serverUrl = withoutTrailingSlash(env['GITHUB_SERVER_URL'] || 'https://github.com');
  const runId = env['GITHUB_RUN_ID'];
  return {
    repository: { owner, repo },
    workspace: env['GITHUB_WORKSPACE'] || cwd,
    eventName: env['GITHUB_EVENT_NAME'] ?? '',
    eventPath: env['GITHUB_EVENT_PATH'],
    sha: env['GITHUB_SHA'] ?? '',
    apiUrl: withoutTrailingSlash(env['GITHUB_API_URL'] || 'https://api.github.com'),
    serverUrl,
    runUrl: runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
    tempDir: env['RUNNER_TEMP'] || tmpdir(),
    stepId: (env['GITHUB_ACTION'] || 'portcullis').replace(/[^\w.-]/g, '_'),
    docsBase: actionDocsBase(serverUrl, env['GITHUB_ACTION_REPOSITORY'], env['GITHUB_ACTION_REF']),
  };
}

/** `https://github.com/o/r/blob/<sha>/<path>#L<line>`: a line as it is at `sha`. */
export function blobLink(environment: Pick<RunnerEnvironment, 'serverUrl' | 'repository'>, sha: string): (file: string, line: number) => string {
  const { owner, repo } = environment.repository;
  return (file, line) => `${environment.serverUrl}/${owner}/${repo}/blob/${sha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
}

function actionDocsBase(serverUrl: string, repository: string | undefined, ref: string | undefined): string | undefined {
  if (!repository || !ref || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined;
  return `${serverUrl}/${repository}/blob/${ref.split('/').map(encodeURIComponent).join('/')}/`;
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}
