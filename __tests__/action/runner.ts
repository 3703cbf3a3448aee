// Starts the bundled Action (dist/index.js) the way the runner does: inputs as INPUT_*
// variables (`INPUT_GITHUB-TOKEN` keeps its dash), the event payload in a file, and the
// GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files it reads back afterwards.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ACTION_ENTRY = resolve('dist/index.js');

export interface RunnerContext {
  workspace: string;
  apiUrl: string;
  repository: string;
  eventName: string;
  payload: unknown;
  sha: string;
  inputs?: Record<string, string>;
  /** Extra environment for the step. */
  env?: Record<string, string>;
  /** Kills the step after this long (a hung run); `status` is then null. */
  timeoutMs?: number;
}

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  runnerTemp: string;
  /** The job's home folder, holding the runner's files (event, outputs, summary) and RUNNER_TEMP. */
  home: string;
  workspace: string;
}

/** The defaults action.yml gives, as the runner passes them when a workflow sets nothing. */
export const DEFAULT_INPUTS: Record<string, string> = {
  'fail-on': 'new',
  comment: 'on-conflict',
  review: 'true',
  annotations: 'changed',
  'working-directory': '.',
  'comment-id': '',
  registry: '',
  config: '',
  'sarif-file': '',
  incomplete: 'fail',
};

export function runAction(context: RunnerContext, token: string): Promise<ActionRun> {
  if (!existsSync(ACTION_ENTRY)) throw new Error('dist/index.js is missing: run `npm run build` before the Action end-to-end tests');
  const scratch = mkdtempSync(join(tmpdir(), 'portcullis-runner-'));
  const eventPath = join(scratch, 'event.json');
  const outputPath = join(scratch, 'output');
  const summaryPath = join(scratch, 'summary.md');
  const runnerTemp = join(scratch, 'temp');
  writeFileSync(eventPath, JSON.stringify(context.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  mkdirSync(runnerTemp);
  const inputs = { ...DEFAULT_INPUTS, 'github-token': token, ...context.inputs };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    HOME: scratch,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: context.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: context.repository,
    GITHUB_WORKSPACE: context.workspace,
    GITHUB_SHA: context.sha,
    GITHUB_API_URL: context.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_ACTION: 'portcullis',
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    RUNNER_TEMP: runnerTemp,
    // The client's waits (retries, rate limits, the pacing of writes) in tenths of their real
    // length: each retry and each pause still happens, in the same order.
    PORTCULLIS_API_WAIT_UNIT_MS: '100',
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
    ...context.env,
  };
  const node = process.env['PORTCULLIS_TEST_NODE'] ?? process.execPath;
  return new Promise((done, fail) => {
    const child = spawn(node, [ACTION_ENTRY], { cwd: context.workspace, env, stdio: ['ignore', 'pipe', 'pipe'], ...(context.timeoutMs === undefined ? {} : { timeout: context.timeoutMs }) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (status) => {
      done({ status, stdout, stderr, outputs: parseOutputFile(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8'), runnerTemp, home: scratch, workspace: context.workspace });
    });
  });
}

/** `name<<delimiter\nvalue\ndelimiter` records, as @actions/core writes them. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const header = /^([^<]+)<<(.+)$/.exec(lines[index] as string);
    if (!header) continue;
    const [, name, delimiter] = header as unknown as [string, string, string];
    const value: string[] = [];
    while (++index < lines.length && lines[index] !== delimiter) value.push(lines[index] as string);
    outputs[name] = value.join('\n');
  }
  return outputs;
}

/** The workflow commands an Action printed, decoded as the runner decodes them. */
export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export function workflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (!line.startsWith('::')) continue;
    const end = line.indexOf('::', 2);
    if (end < 0) continue;
    const [command = '', rawProperties = ''] = splitOnce(line.slice(2, end), ' ');
    const properties: Record<string, string> = {};
    for (const pair of rawProperties === '' ? [] : rawProperties.split(',')) {
      const [key = '', value = ''] = splitOnce(pair, '=');
      properties[key] = unescapeProperty(value);
    }
    commands.push({ command, properties, message: unescapeData(line.slice(end + 2)) });
  }
  return commands;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
}
