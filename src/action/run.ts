// The Action, top to bottom: inputs, event, the root to check, base and the base's config,
// the same check the CLI runs, its lines placed on the head commit and its paths named from
// the repository's top, then the answer on GitHub (job summary first, so nothing is lost
// whatever fails after it; then the comment and the review), annotations, outputs, and the
// verdict. Failed GitHub calls never change the verdict. The job's own check is the gate:
// the Action makes no check run of its own, so one problem is one red check.
import { join, resolve } from 'node:path';
import type * as Core from '@actions/core';
import { UnsafeWriteError, writeFileNoFollow } from '../discover/workspaceFiles.js';
import type { Conflict, Report } from '../model/types.js';
import { CheckUsageError, failingConflicts, runCheck } from '../pipeline/check.js';
import { markdownCode } from '../report/escape.js';
import { countOf } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { VERSION } from '../version.js';
import { annotationsLeftNotice, emitAnnotations, fitStepLimits, selectAnnotations } from './annotations.js';
import { chooseBase, contentsApi, toChangedFile } from './base.js';
import { chooseConfig, configChangesNotice } from './baseConfig.js';
import { addedLinesByFile, diffLinesByFile, type PullFilePatch } from './diffLines.js';
import { blobLink, readRunnerEnvironment, type Repository, type RunnerEnvironment } from './environment.js';
import { parseEvent, readEventPayload, type RunEvent } from './event.js';
import { type ClientOptions, GitHubCalls, type GitHubClient } from './github.js';
import { type Placement, placeReport } from './headLines.js';
import { type ActionInputs, InputError, readInputs } from './inputs.js';
import { cutMarkdown, SUMMARY_LIMIT } from './markdownLimit.js';
import { lineProposals, workspaceLines } from './proposals.js';
import { reportInRepository } from './repositoryPaths.js';
import { partitionByDiff, publishReview } from './review.js';
import { commentTitle, outsideDiffFold, publishStickyComment, stickyCommentBody, stickyMarker } from './stickyComment.js';
import { openWorkingDirectory } from './workingDirectory.js';

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
  const { path: root, prefix } = await openWorkingDirectory(runner.workspace, inputs.workingDirectory);
  const timeoutMs = positiveIntegerSetting(env, 'PORTCULLIS_API_TIMEOUT_MS');
  const waitUnitMs = positiveIntegerSetting(env, 'PORTCULLIS_API_WAIT_UNIT_MS');
  const client = createClient(inputs.token, runner.apiUrl, (message) => core.debug(message), { ...(timeoutMs === undefined ? {} : { timeoutMs }), ...(waitUnitMs === undefined ? {} : { waitUnitMs }) });
  const github: GitHub = { client, calls: new GitHubCalls(), repository: runner.repository };

  const pullFiles = await listPullFiles(github, event.pullRequest);
  const base = await chooseBase(event, { root, prefix, ...github, pullFiles: pullFiles?.map(toChangedFile) });
  const chosen = await chooseConfig(event, { root, localBase: base.localBase, fetchContent: contentsApi({ ...github, prefix }) }, inputs.config);
  const known = [base.incomplete, chosen.incomplete].filter((entry) => entry !== undefined);
  const report = await runCheck({ root, config: chosen.config, registry: inputs.registry, ...base.options, incomplete: known });
  const failing = failingConflicts(report.conflicts, inputs.failOn);

  // Lines named on the pull request are the head commit's, not the merge commit's (DESIGN "The Action"), and paths the repository's.
  const placement = await placeReport(report, {
    root,
    prefix,
    headSha: event.headSha,
    linkOn: (sha) => blobLink(runner, sha),
    workspaceLines: (files) => workspaceLines(root, files, chosen.config.limits.maxFileBytes),
    maxBytes: chosen.config.limits.maxFileBytes,
  });
  const reportFile = writeReportFile(report, runner);
  const sarif = inputs.sarifFile === undefined ? undefined : writeSarifFile(reportInRepository(report, prefix), runner.workspace, inputs.sarifFile, runner.docsBase);
  const verdict = verdictMessages(report, failing, inputs, sarif, placement.unavailable);

  // Each of the step's own messages takes one of the runner's 10 places per level, and so may a warning about GitHub.
  const diffLines = pullFiles === undefined ? undefined : diffLinesByFile(pullFiles);
  const addedLines = pullFiles === undefined ? undefined : addedLinesByFile(pullFiles);
  const candidates = selectAnnotations(placement.report, inputs.annotations, { addedLines, offHead: placement.offHead });
  const annotations = fitStepLimits(candidates, { error: verdict.errors.length, warning: verdict.warnings.length + 1 });
  const configNotice = configChangesNotice(chosen.changes, chosen.name);
  const options = { title: commentTitle(inputs.workingDirectory, prefix), link: placement.link, ...(runner.docsBase === undefined ? {} : { docsBase: runner.docsBase }) };
  await writeJobSummary(core, renderMarkdown(placement.report, { ...options, notices: present([configNotice, annotationsLeftNotice(annotations.left)]) }), reportFile);
  const renderComment = (folds: readonly string[]): string => renderMarkdown(placement.report, { ...options, notices: present([configNotice]), folds });
  if (event.pullRequest !== null) {
    // Besides new conflicts, an incomplete check and a change to the config are what a reviewer must learn of.
    const worthAComment = newConflicts(report).length > 0 || report.incomplete.length > 0 || chosen.changes.length > 0;
    const marker = stickyMarker(inputs.commentId ?? inputs.workingDirectory);
    await answerOnPullRequest(github, { event, pullRequest: event.pullRequest, inputs, placement, renderComment, marker, worthAComment, diffLines, summaryPointer: summaryPointer(runner) });
  }
  emitAnnotations(core, annotations.shown);

  core.setOutput('new-conflicts', newConflicts(report).length);
  core.setOutput('conflicts', report.conflicts.length);
  core.setOutput('report-file', reportFile);
  if (sarif !== undefined && 'path' in sarif) core.setOutput('sarif-file', sarif.path);

  const warning = github.calls.warning();
  for (const message of [...verdict.warnings, ...(warning === undefined ? [] : [`portcullis: ${warning}`])]) core.warning(message);
  core.info(`portcullis: ${countOf(report.conflicts.length, 'conflict')} (${newConflicts(report).length} new), ${countOf(report.diagnostics.length, 'diagnostic')}`);
  for (const message of verdict.errors) core.setFailed(message);
}

/** The step's own warnings and failures, said last: every one is an annotation of the run. */
function verdictMessages(report: Report, failing: readonly Conflict[], inputs: ActionInputs, sarif: SarifResult | undefined, unavailable: string | undefined): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (unavailable !== undefined) warnings.push(`portcullis: ${unavailable}: no review comment and no annotation, since their lines would be the merge commit's`);
  if (sarif !== undefined && 'refused' in sarif) errors.push(`portcullis: sarif-file: ${sarif.refused}`);
  if (failing.length > 0) errors.push(`portcullis: ${countOf(failing.length, 'port collision')} failing under fail-on: ${inputs.failOn}`);
  if (report.incomplete.length > 0) {
    const reasons = `the check is incomplete (${[...new Set(report.incomplete.map((entry) => entry.reason))].join(', ')})`;
    if (inputs.incomplete === 'fail') errors.push(`portcullis: ${reasons}: set incomplete: warn to let an incomplete check pass`);
    else warnings.push(`portcullis: ${reasons}; it passes because incomplete: warn`);
  }
  return { errors, warnings };
}

function present(sections: ReadonlyArray<string | undefined>): string[] {
  return sections.filter((section) => section !== undefined);
}

/**
 * PORTCULLIS_API_TIMEOUT_MS: how long one GitHub call may take; PORTCULLIS_API_WAIT_UNIT_MS:
 * the unit of the client's waits (between retries and between writes, see ClientOptions). For
 * tests, and GitHub Enterprise servers that pace differently.
 */
function positiveIntegerSetting(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = Number(env[name]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The pull request's files with their patches: the diff review comments must sit in, and what changed since the base. */
async function listPullFiles({ client, calls, repository }: GitHub, pullRequest: number | null): Promise<Array<PullFilePatch & { status: string }> | undefined> {
  if (pullRequest === null) return undefined;
  return calls.attempt("the list of the pull request's files", () => client.paginate(client.rest.pulls.listFiles, { ...repository, pull_number: pullRequest, per_page: 100 }));
}

interface PullRequestAnswer {
  event: RunEvent;
  pullRequest: number;
  inputs: ActionInputs;
  placement: Placement;
  /** The report's Markdown for the comment, with these folded sections added. */
  renderComment: (folds: readonly string[]) => string;
  /** The sticky comment's hidden first line: one comment per pull request and root. */
  marker: string;
  /** Whether a pull request without a comment yet gets one under `comment: on-conflict`. */
  worthAComment: boolean;
  /** The head-side lines of the pull request's diff, by repository path; undefined when they could not be listed. */
  diffLines: ReadonlyMap<string, ReadonlySet<number>> | undefined;
  summaryPointer: string;
}

/** The sticky comment, with the proposals the review cannot carry, then the review. */
async function answerOnPullRequest(github: GitHub, answer: PullRequestAnswer): Promise<void> {
  const { inputs, placement, summaryPointer } = answer;
  const { report, link } = placement;
  const proposals = lineProposals(report.conflicts, placement.readLine);
  const onHead = proposals.filter((proposal) => !placement.offHead(proposal.file, proposal.line));
  const { inDiff, outsideDiff } = partitionByDiff(onHead, inputs.review ? answer.diffLines : undefined);
  const unplaced = proposals.filter((proposal) => placement.offHead(proposal.file, proposal.line));
  const target = { ...github, pullRequest: answer.pullRequest };
  const body = stickyCommentBody(answer.marker, answer.renderComment(present([outsideDiffFold([...outsideDiff, ...unplaced], link)])), summaryPointer);
  await publishStickyComment(target, inputs.comment, answer.worthAComment, answer.marker, body);
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

type SarifResult = { path: string } | { refused: string };

/**
 * SARIF inside the workspace, never through a link the pull request committed: repository
 * paths, on the checkout's lines (upload-sarif's, which take the checked-out commit).
 */
function writeSarifFile(report: Report, root: string, file: string, docsBase: string | undefined): SarifResult {
  const path = resolve(root, file);
  try {
    writeFileNoFollow({ path, root, makeFolders: true }, renderSarif(report, { toolVersion: VERSION, ...(docsBase === undefined ? {} : { docsBase }) }));
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
