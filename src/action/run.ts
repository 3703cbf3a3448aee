// The Action, top to bottom: inputs, event, base and the base's config, the same check the
// CLI runs, its lines placed on the head commit, then the answer on GitHub (job summary
// first, so nothing is lost whatever fails after it; the comment and review before the check
// run), outputs, and the verdict. Failed GitHub calls never change the verdict.
import { join, resolve } from 'node:path';
import type * as Core from '@actions/core';
import { UnsafeWriteError, writeFileNoFollow } from '../discover/workspaceFiles.js';
import type { Conflict, Report } from '../model/types.js';
import { CheckUsageError, failingConflicts, runCheck } from '../pipeline/check.js';
import { markdownCode } from '../report/escape.js';
import { countOf } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown, renderMarkdownVerdict } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import { type Annotation, beyondRunnerLimit, checkRunBatches, emitAnnotations, reportAnnotations } from './annotations.js';
import { chooseBase, contentsApi, toChangedFile } from './base.js';
import { chooseConfig, configChangesNotice } from './baseConfig.js';
import { publishCheckRun } from './checkRun.js';
import { diffLinesByFile, type PullFilePatch } from './diffLines.js';
import { blobLink, readRunnerEnvironment, type Repository, type RunnerEnvironment } from './environment.js';
import { parseEvent, readEventPayload, type RunEvent } from './event.js';
import { type ClientOptions, GitHubCalls, type GitHubClient } from './github.js';
import { type Placement, placeReport } from './headLines.js';
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
  createClient: (token: string, baseUrl: string, debug: (message: string) => void, options?: ClientOptions) => GitHubClient;
}

interface GitHub {
  client: GitHubClient;
  calls: GitHubCalls;
  repository: Repository;
}

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
  const timeoutMs = callTimeout(env);
  const client = createClient(inputs.token, runner.apiUrl, (message) => core.debug(message), timeoutMs === undefined ? {} : { timeoutMs });
  const github: GitHub = { client, calls: new GitHubCalls(), repository: runner.repository };

  const pullFiles = await listPullFiles(github, event.pullRequest);
  const base = await chooseBase(event, { root, ...github, pullFiles: pullFiles?.map(toChangedFile) });
  const chosen = await chooseConfig(event, { root, localBase: base.localBase, fetchContent: contentsApi(github) }, inputs.config);
  const known = [base.incomplete, chosen.incomplete].filter((entry) => entry !== undefined);
  const report = await runCheck({ root, config: chosen.config, registry: inputs.registry, ...base.options, incomplete: known });
  const failing = failingConflicts(report.conflicts, inputs.failOn);
  const incompleteFails = report.incomplete.length > 0 && inputs.incomplete === 'fail';

  // Lines named on the pull request are the head commit's, not the merge commit's (DESIGN "The Action").
  const placement = await placeReport(report, {
    root,
    headSha: event.headSha,
    linkOn: (sha) => blobLink(runner, sha),
    workspaceLines: (files) => workspaceLines(root, files, chosen.config.limits.maxFileBytes),
    maxBytes: chosen.config.limits.maxFileBytes,
  });
  const reportFile = writeReportFile(report, runner);
  const notice = configChangesNotice(chosen.changes, chosen.name);
  const markdown = renderMarkdown(placement.report, { link: placement.link, ...(notice === undefined ? {} : { notices: [notice] }) });
  await writeJobSummary(core, markdown, reportFile);
  const annotations = inputs.annotations ? reportAnnotations(placement.report).filter((annotation) => !placement.offHead(annotation.file, annotation.line)) : [];
  emitAnnotations(core, annotations);
  // The comment and the review first: a rate limit that the check run meets costs them nothing.
  if (event.pullRequest !== null) {
    // Besides new conflicts, an incomplete check and a change to the config are what a reviewer must learn of.
    const worthAComment = newConflicts(report).length > 0 || report.incomplete.length > 0 || chosen.changes.length > 0;
    await answerOnPullRequest(github, { event, pullRequest: event.pullRequest, inputs, placement, markdown, worthAComment, pullFiles, summaryPointer: summaryPointer(runner) });
  }
  await publishHiddenAnnotations(github, annotations, report, event.headSha, failing.length > 0 || incompleteFails);

  core.setOutput('new-conflicts', newConflicts(report).length);
  core.setOutput('conflicts', report.conflicts.length);
  core.setOutput('report-file', reportFile);
  const sarif = inputs.sarifFile === undefined ? undefined : writeSarifFile(report, root, inputs.sarifFile);
  if (sarif !== undefined && 'path' in sarif) core.setOutput('sarif-file', sarif.path);

  if (placement.unavailable !== undefined) core.warning(`portcullis: ${placement.unavailable}: no review comment and no annotation, since their lines would be the merge commit's`);
  const warning = github.calls.warning();
  if (warning !== undefined) core.warning(`portcullis: ${warning}`);
  core.info(`portcullis: ${countOf(report.conflicts.length, 'conflict')} (${newConflicts(report).length} new), ${countOf(report.diagnostics.length, 'diagnostic')}`);
  if (sarif !== undefined && 'refused' in sarif) core.setFailed(`portcullis: sarif-file: ${sarif.refused}`);
  if (failing.length > 0) core.setFailed(`portcullis: ${countOf(failing.length, 'port collision')} failing under fail-on: ${inputs.failOn}`);
  if (report.incomplete.length > 0) {
    const reasons = `the check is incomplete (${[...new Set(report.incomplete.map((entry) => entry.reason))].join(', ')})`;
    if (incompleteFails) core.setFailed(`portcullis: ${reasons}: set incomplete: warn to let an incomplete check pass`);
    else core.warning(`portcullis: ${reasons}; it passes because incomplete: warn`);
  }
}

/** PORTCULLIS_API_TIMEOUT_MS: how long one GitHub call may take (tests, and slow GitHub Enterprise servers). */
function callTimeout(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env['PORTCULLIS_API_TIMEOUT_MS']);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The pull request's files with their patches: the diff review comments must sit in, and what changed since the base. */
async function listPullFiles({ client, calls, repository }: GitHub, pullRequest: number | null): Promise<Array<PullFilePatch & { status: string }> | undefined> {
  if (pullRequest === null) return undefined;
  return calls.attempt("the list of the pull request's files", () => client.paginate(client.rest.pulls.listFiles, { ...repository, pull_number: pullRequest, per_page: 100 }));
}

/** A check run for the annotations the runner does not show: the last write of a run. */
async function publishHiddenAnnotations(github: GitHub, annotations: readonly Annotation[], report: Report, headSha: string, failing: boolean): Promise<void> {
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
  event: RunEvent;
  pullRequest: number;
  inputs: ActionInputs;
  placement: Placement;
  markdown: string;
  /** Whether a pull request without a comment yet gets one under `comment: on-conflict`. */
  worthAComment: boolean;
  pullFiles: readonly PullFilePatch[] | undefined;
  summaryPointer: string;
}

/** The sticky comment, with the proposals the review cannot carry, then the review. */
async function answerOnPullRequest(github: GitHub, answer: PullRequestAnswer): Promise<void> {
  const { inputs, placement, summaryPointer } = answer;
  const { report, link } = placement;
  const proposals = lineProposals(report.conflicts, placement.readLine);
  const diffLines = inputs.review && answer.pullFiles !== undefined ? diffLinesByFile(answer.pullFiles) : undefined;
  const onHead = proposals.filter((proposal) => !placement.offHead(proposal.file, proposal.line));
  const { inDiff, outsideDiff } = partitionByDiff(onHead, diffLines);
  const unplaced = proposals.filter((proposal) => placement.offHead(proposal.file, proposal.line));
  const target = { ...github, pullRequest: answer.pullRequest };
  await publishStickyComment(target, inputs.comment, answer.worthAComment, stickyCommentBody(answer.markdown, [...outsideDiff, ...unplaced], link, summaryPointer));
  if (inputs.review) await publishReview({ ...target, headSha: answer.event.headSha, link, summaryPointer }, inDiff);
}

function newConflicts(report: Report): Conflict[] {
  return report.conflicts.filter((conflict) => conflict.status === 'new');
}

function summaryPointer(runner: RunnerEnvironment): string {
  const summary = runner.runUrl === undefined ? 'the job summary of this run' : `[the job summary of this run](${runner.runUrl})`;
  return `The report is cut here: ${summary} has all of it.`;
}

/** The JSON report in RUNNER_TEMP, in the checkout's lines (what a later step reads on disk). */
function writeReportFile(report: Report, runner: RunnerEnvironment): string {
  const path = join(runner.tempDir, `portcullis-${runner.stepId}.json`);
  writeFileNoFollow({ path, makeFolders: true }, renderJson(report));
  return path;
}

/** SARIF inside the workspace, never through a link the pull request committed (upload-sarif reads the checkout's lines). */
function writeSarifFile(report: Report, root: string, file: string): { path: string } | { refused: string } {
  const path = resolve(root, file);
  try {
    writeFileNoFollow({ path, root, makeFolders: true }, renderSarif(report, { toolVersion: VERSION }));
    return { path };
  } catch (error) {
    if (error instanceof UnsafeWriteError) return { refused: `${file}: ${error.message}` };
    throw error;
  }
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
