// The Action, top to bottom: inputs, event, base, the same check the CLI runs, then the
// answer on GitHub (job summary first, so nothing is lost whatever fails after it),
// outputs, and the verdict. Failed GitHub calls never change the verdict.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type * as Core from '@actions/core';
import { loadConfig } from '../config/loadConfig.js';
import type { PortcullisConfig } from '../model/config.js';
import type { Conflict, Report } from '../model/types.js';
import { CheckUsageError, failingConflicts, runCheck } from '../pipeline/check.js';
import { markdownCode } from '../report/escape.js';
import { countOf } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown, renderMarkdownVerdict } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import { beyondRunnerLimit, checkRunBatches, emitAnnotations, reportAnnotations } from './annotations.js';
import { chooseBase, toChangedFile } from './base.js';
import { publishCheckRun } from './checkRun.js';
import { diffLinesByFile, type PullFilePatch } from './diffLines.js';
import { blobLink, readRunnerEnvironment, type Repository, type RunnerEnvironment } from './environment.js';
import { parseEvent, readEventPayload, type RunEvent } from './event.js';
import { GitHubCalls, type GitHubClient } from './github.js';
import { type ActionInputs, InputError, readInputs } from './inputs.js';
import { cutMarkdown, SUMMARY_LIMIT } from './markdownLimit.js';
import { lineProposals, workspaceLines } from './proposals.js';
import { partitionByDiff, publishReview } from './review.js';
import { publishStickyComment, stickyCommentBody } from './stickyComment.js';

export type ActionCore = Pick<typeof Core, 'getInput' | 'setOutput' | 'setFailed' | 'error' | 'warning' | 'notice' | 'info' | 'debug' | 'summary'>;

export interface ActionDependencies {
  env: NodeJS.ProcessEnv;
  cwd: string;
  core: ActionCore;
  createClient: (token: string, baseUrl: string, debug: (message: string) => void) => GitHubClient;
}

interface GitHub {
  client: GitHubClient;
  calls: GitHubCalls;
  repository: Repository;
}

type Link = (file: string, line: number) => string;

/** Never throws: a bad input or an internal error fails the step with one line, no stack trace. */
export async function run(dependencies: ActionDependencies): Promise<void> {
  try {
    await runAction(dependencies);
  } catch (error) {
    const known = error instanceof InputError || error instanceof CheckUsageError;
    const message = error instanceof Error ? error.message : String(error);
    dependencies.core.setFailed(`portcullis: ${known ? '' : 'internal error: '}${message}`);
  }
}

async function runAction({ env, cwd, core, createClient }: ActionDependencies): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  const runner = readRunnerEnvironment(env, cwd);
  const event = parseEvent(runner.eventName, await readEventPayload(runner.eventPath), runner.sha);
  const root = runner.workspace;
  const config = await readConfig(root, inputs.config);
  const github: GitHub = { client: createClient(inputs.token, runner.apiUrl, (message) => core.debug(message)), calls: new GitHubCalls(), repository: runner.repository };

  const pullFiles = await listPullFiles(github, event.pullRequest);
  const base = await chooseBase(event, { root, ...github, pullFiles: pullFiles?.map(toChangedFile) });
  if (base.unavailable !== undefined) github.calls.note(base.unavailable);
  const report = await runCheck({ root, config, registry: inputs.registry, ...base.options });
  const failing = failingConflicts(report.conflicts, inputs.failOn);
  const link = blobLink(runner, event.headSha);

  const reportFile = await writeReportFile(report, runner);
  const markdown = renderMarkdown(report, { link });
  await writeJobSummary(core, markdown, reportFile);
  if (inputs.annotations) await annotate(core, github, report, event.headSha, failing.length > 0);
  if (event.pullRequest !== null) {
    await answerOnPullRequest(github, { root, event, pullRequest: event.pullRequest, inputs, report, markdown, link, pullFiles, summaryPointer: summaryPointer(runner) });
  }

  core.setOutput('new-conflicts', newConflicts(report).length);
  core.setOutput('conflicts', report.conflicts.length);
  core.setOutput('report-file', reportFile);
  if (inputs.sarifFile !== undefined) core.setOutput('sarif-file', await writeSarifFile(report, resolve(root, inputs.sarifFile)));

  const warning = github.calls.warning();
  if (warning !== undefined) core.warning(`portcullis: ${warning}`);
  core.info(`portcullis: ${countOf(report.conflicts.length, 'conflict')} (${newConflicts(report).length} new), ${countOf(report.diagnostics.length, 'diagnostic')}`);
  if (failing.length > 0) core.setFailed(`portcullis: ${countOf(failing.length, 'port collision')} failing under fail-on: ${inputs.failOn}`);
}

async function readConfig(root: string, path: string | undefined): Promise<PortcullisConfig> {
  const loaded = await loadConfig(root, path === undefined ? undefined : resolve(root, path));
  if ('error' in loaded) throw new InputError(loaded.error);
  return loaded.config;
}

/** The pull request's files with their patches: the diff review comments must sit in, and what changed since the base. */
async function listPullFiles({ client, calls, repository }: GitHub, pullRequest: number | null): Promise<Array<PullFilePatch & { status: string }> | undefined> {
  if (pullRequest === null) return undefined;
  return calls.attempt("the list of the pull request's files", () => client.paginate(client.rest.pulls.listFiles, { ...repository, pull_number: pullRequest, per_page: 100 }));
}

/** Workflow-command annotations, and a check run for those the runner would not show. */
async function annotate(core: ActionCore, github: GitHub, report: Report, headSha: string, failing: boolean): Promise<void> {
  const annotations = reportAnnotations(report);
  emitAnnotations(core, annotations);
  const hidden = beyondRunnerLimit(annotations);
  if (hidden.length === 0) return;
  await publishCheckRun(github.client, github.calls, github.repository, {
    headSha,
    failing,
    title: `${countOf(hidden.length, 'more annotation')} than the step can show`,
    summary: `${renderMarkdownVerdict(report)}\n\nThe job summary of the run has the full table.`,
    batches: checkRunBatches(hidden),
  });
}

interface PullRequestAnswer {
  root: string;
  event: RunEvent;
  pullRequest: number;
  inputs: ActionInputs;
  report: Report;
  markdown: string;
  link: Link;
  pullFiles: readonly PullFilePatch[] | undefined;
  summaryPointer: string;
}

/** The sticky comment, with the proposals the review cannot carry, then the review. */
async function answerOnPullRequest(github: GitHub, answer: PullRequestAnswer): Promise<void> {
  const { inputs, report, link, summaryPointer } = answer;
  const suggestedFiles = newConflicts(report).flatMap((conflict) => conflict.suggestions.map((suggestion) => suggestion.file));
  const proposals = lineProposals(report.conflicts, await workspaceLines(answer.root, suggestedFiles));
  const diffLines = inputs.review && answer.pullFiles !== undefined ? diffLinesByFile(answer.pullFiles) : undefined;
  const { inDiff, outsideDiff } = partitionByDiff(proposals, diffLines);
  const target = { ...github, pullRequest: answer.pullRequest };
  await publishStickyComment(target, inputs.comment, newConflicts(report).length > 0, stickyCommentBody(answer.markdown, outsideDiff, link, summaryPointer));
  if (inputs.review) await publishReview({ ...target, headSha: answer.event.headSha, link, summaryPointer }, inDiff);
}

function newConflicts(report: Report): Conflict[] {
  return report.conflicts.filter((conflict) => conflict.status === 'new');
}

function summaryPointer(runner: RunnerEnvironment): string {
  const summary = runner.runUrl === undefined ? 'the job summary of this run' : `[the job summary of this run](${runner.runUrl})`;
  return `The report is cut here: ${summary} has all of it.`;
}

async function writeReportFile(report: Report, runner: RunnerEnvironment): Promise<string> {
  const path = join(runner.tempDir, `portcullis-${runner.stepId}.json`);
  await writeFile(path, renderJson(report));
  return path;
}

async function writeSarifFile(report: Report, path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderSarif(report, { toolVersion: VERSION }));
  return path;
}

async function writeJobSummary(core: ActionCore, markdown: string, reportFile: string): Promise<void> {
  const text = cutMarkdown(markdown, SUMMARY_LIMIT, `The summary is cut here: the JSON report (${markdownCode(reportFile)}, the step's \`report-file\` output) has all of it.`);
  try {
    await core.summary.addRaw(text, true).write();
  } catch (error) {
    core.info(`portcullis: no job summary (${error instanceof Error ? error.message : String(error)})`);
  } finally {
    core.summary.emptyBuffer();
  }
}
