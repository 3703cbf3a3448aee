// Where people start Compose with named files: Makefiles, justfiles, shell scripts,
// package.json scripts and workflow steps. Each `docker compose -f a.yml -f b.yml` found is a
// set of files that run together; the topology stage turns them into stacks.
import type { ComposeRun } from '../../model/facts.js';
import { folderOf, resolveWrittenPath } from '../../model/paths.js';
import type { Diagnostic, Extractor, ExtractResult, SourceFile, SourceLocation } from '../../model/types.js';
import { findComposeRuns } from '../command/composeRuns.js';
import { textPositioner } from '../textPositions.js';
import { AliasBudgetExceeded, isMap, isScalar, parseYaml, type YamlFile } from '../yaml.js';

export const LAUNCHER_FORMAT = 'launcher';

type LauncherKind = 'make' | 'shell' | 'package' | 'workflow';

export function launcherKind(path: string): LauncherKind | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/^(?:GNU)?makefile$/i.test(name) || name.endsWith('.mk') || /^\.?justfile$/i.test(name)) return 'make';
  if (name.endsWith('.sh') || name.endsWith('.bash')) return 'shell';
  if (name === 'package.json') return 'package';
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(path)) return 'workflow';
  return undefined;
}

export const composeRunsExtractor: Extractor = {
  format: LAUNCHER_FORMAT,
  matches: (path) => launcherKind(path) !== undefined,
  extract: extractComposeRuns,
};

export function extractComposeRuns(file: SourceFile): ExtractResult {
  const kind = launcherKind(file.path);
  // Most scripts never start Compose: one substring scan each.
  if (kind === undefined || !file.text.includes('compose')) return { bindings: [], diagnostics: [] };
  const folder = folderOf(file.path);
  const diagnostics: Diagnostic[] = [];
  let runs: ComposeRun[];
  try {
    if (kind === 'make') runs = runsInText(file, [folder], makeCommandText(file.text));
    // A script runs from wherever it is called: its own folder, or the repository's root.
    else if (kind === 'shell') runs = runsInText(file, folder === '.' ? ['.'] : [folder, '.'], file.text);
    else runs = runsInYaml(parseYaml(file.path, file.text), kind, folder);
  } catch (error) {
    // The YAML reader's alias budget: a hostile file names no runs.
    if (!(error instanceof AliasBudgetExceeded)) throw error;
    return { bindings: [], diagnostics };
  }
  return runs.length === 0 ? { bindings: [], diagnostics } : { bindings: [], diagnostics, facts: { composeRuns: runs } };
}

/**
 * A Makefile's recipes are shell commands; its variable assignments often hold the command
 * itself (`COMPOSE = docker compose -f a.yml -f b.yml`), so the value of an assignment is read
 * as a command too. Blanked out so that offsets stay those of the file.
 */
function makeCommandText(text: string): string {
  return text.replace(/^([\w.-]+[ \t]*[:?+!]?=)/gm, (assignment) => ' '.repeat(assignment.length));
}

function runsInText(file: SourceFile, folders: string[], text: string): ComposeRun[] {
  const position = textPositioner(file.text);
  const at = (offset: number): SourceLocation => ({ file: file.path, ...position(offset) });
  return findComposeRuns(text).map((invocation) => ({
    files: invocation.files.map((written) => ({ written: written.text, at: at(written.offset) })),
    folders,
    at: at(invocation.offset),
    ...(invocation.problem === undefined ? {} : { problem: invocation.problem }),
  }));
}

/** package.json `scripts` (run in the package's folder), or a workflow's `run:` steps (in their `working-directory`). */
function runsInYaml(yaml: YamlFile, kind: 'package' | 'workflow', folder: string): ComposeRun[] {
  const runs: ComposeRun[] = [];
  for (const document of yaml.documents) {
    const root = yaml.resolve(document.contents);
    if (!isMap(root)) continue;
    if (kind === 'package') {
      for (const [, script] of yaml.entries(yaml.get(root, 'scripts'))) runs.push(...runsInScalar(yaml, script, [folder]));
      continue;
    }
    for (const [, job] of yaml.entries(yaml.get(root, 'jobs'))) {
      const jobFolder = workingDirectory(yaml, yaml.get(yaml.get(yaml.get(job, 'defaults'), 'run'), 'working-directory'));
      for (const step of yaml.items(yaml.get(job, 'steps'))) {
        const stepFolder = workingDirectory(yaml, yaml.get(step, 'working-directory')) ?? jobFolder ?? '.';
        runs.push(...runsInScalar(yaml, yaml.get(step, 'run'), [stepFolder]));
      }
    }
  }
  return runs;
}

function workingDirectory(yaml: YamlFile, node: unknown): string | undefined {
  const written = yaml.scalarText(node);
  if (written === undefined) return undefined;
  const resolved = resolveWrittenPath('.', written);
  return 'path' in resolved ? resolved.path : undefined;
}

function runsInScalar(yaml: YamlFile, node: unknown, folders: string[]): ComposeRun[] {
  const scalar = yaml.resolve(node);
  const text = isScalar(scalar) ? yaml.scalarText(scalar) : undefined;
  if (text === undefined || !text.includes('compose')) return [];
  const at = (offset: number, token: string) => yaml.locateInScalar(scalar, offset, token);
  return findComposeRuns(text).map((invocation) => ({
    files: invocation.files.map((written) => ({ written: written.text, at: at(written.offset, written.text) })),
    folders,
    at: at(invocation.offset, firstWord(text.slice(invocation.offset))),
    ...(invocation.problem === undefined ? {} : { problem: invocation.problem }),
  }));
}

function firstWord(text: string): string {
  const end = text.search(/\s/);
  return end < 0 ? text : text.slice(0, end);
}
