// Scenario tests run DESIGN.md's sentences through the real pipeline: a scratch repository
// on disk, runCheck as the CLI and the Action call it, and the JSON report users read.
import { expect } from '@jest/globals';
import { parseConfig } from '../../src/config/parseConfig.js';
import { EMPTY_CONFIG, type PortcullisConfig } from '../../src/model/config.js';
import type { Report } from '../../src/model/types.js';
import { failingConflicts, runCheck } from '../../src/pipeline/check.js';
import { type JsonConflict, type JsonReport, toJsonReport } from '../../src/report/json.js';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

export type Files = Record<string, string>;

export interface ScenarioOptions {
  /** The text of `.portcullis.yml`, written at the root and parsed as the CLI would. */
  config?: string;
  /** `--registry` paths. */
  registry?: string[];
  /** Check a plain folder (fast-glob) instead of a git checkout. */
  git?: boolean;
}

export interface ScenarioResult {
  json: JsonReport;
  report: Report;
  /** What `--fail-on` would fail on, by policy. */
  failing: (failOn: 'new' | 'any' | 'none') => string[];
}

const repos: ScratchRepo[] = [];

/** Call from afterEach: removes every scratch repository the test made. */
export function disposeScenarios(): void {
  for (const repo of repos.splice(0)) repo.dispose();
}

function configOf(text: string | undefined): PortcullisConfig {
  if (text === undefined) return structuredClone(EMPTY_CONFIG);
  const parsed = parseConfig('.portcullis.yml', text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.config;
}

async function checkIn(repo: ScratchRepo, options: ScenarioOptions, base?: string): Promise<ScenarioResult> {
  const report = await runCheck({
    root: repo.root,
    config: configOf(options.config),
    now: () => 0,
    ...(options.registry ? { registry: options.registry } : {}),
    ...(base === undefined ? {} : { base }),
  });
  return {
    json: toJsonReport(report),
    report,
    failing: (failOn) => failingConflicts(report.conflicts, failOn).map((conflict) => conflict.id),
  };
}

function newRepo(files: Files, options: ScenarioOptions): ScratchRepo {
  const repo = scratchRepo({ git: options.git !== false });
  repos.push(repo);
  repo.write(options.config === undefined ? files : { ...files, '.portcullis.yml': options.config });
  return repo;
}

/** Checks a repository holding `files` (committed, unless `git: false`), without --base. */
export async function check(files: Files, options: ScenarioOptions = {}): Promise<ScenarioResult> {
  const repo = newRepo(files, options);
  if (options.git !== false) repo.commit('head');
  return checkIn(repo, options);
}

/**
 * A pull request: `base` committed, then `changes` (a null removes the file) committed on
 * top, checked with `--base` at the first commit.
 */
export async function checkPullRequest(base: Files, changes: Record<string, string | null>, options: ScenarioOptions = {}): Promise<ScenarioResult> {
  const repo = newRepo(base, options);
  const baseCommit = repo.commit('base');
  for (const [path, text] of Object.entries(changes)) {
    if (text === null) repo.remove(path);
    else repo.write({ [path]: text });
  }
  repo.commit('head');
  return checkIn(repo, options, baseCommit);
}

/** The only conflict of a rule (failing the test when there are none or several). */
export function only(json: JsonReport, rule: JsonConflict['rule']): JsonConflict {
  const found = json.conflicts.filter((conflict) => conflict.rule === rule);
  expect(found.map((conflict) => conflict.id)).toHaveLength(1);
  return found[0] as JsonConflict;
}

/** The conflict with this id (failing the test when it is absent). */
export function byId(json: JsonReport, id: string): JsonConflict {
  const found = json.conflicts.find((conflict) => conflict.id === id);
  expect(found ? id : json.conflicts.map((conflict) => conflict.id)).toBe(id);
  return found as JsonConflict;
}

/** The conflicts' ids, in report order: a compact picture of what was found. */
export function ids(json: JsonReport): string[] {
  return json.conflicts.map((conflict) => conflict.id);
}

/** `file:line:column`, the way a reader jumps to a place. */
export function at(location: { file: string; line: number; column: number }): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** The locations of a conflict as `service@file:line:column`, sorted. */
export function placesOf(conflict: JsonConflict): string[] {
  return conflict.locations.map((location) => `${location.service}@${at(location)}`).sort();
}

/** The suggestions of a conflict as `service@file:line:column from->to`. */
export function movesOf(conflict: JsonConflict): string[] {
  return conflict.suggestions.map(
    (suggestion) =>
      `${suggestion.service}@${at(suggestion)} ${suggestion.from}->${suggestion.to === suggestion.toEnd ? suggestion.to : `${suggestion.to}-${suggestion.toEnd}`}`,
  );
}
