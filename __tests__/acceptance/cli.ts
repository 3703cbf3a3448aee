// The CLI as a user runs it, in this process: runCli is what dist/cli.js calls with the
// command line, standard output and standard error, so these cases run the same code from
// argv to exit status without starting the bundle for each one (cli.e2e, local.e2e and the
// other end-to-end files start the bundle itself).
import { afterEach } from '@jest/globals';
import { runCli } from '../../src/cli/run.js';
import { type CliReport, parseCliReport } from '../helpers/cliReport.js';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

export type { CliConflict, CliLocation, CliReport } from '../helpers/cliReport.js';

/** What `portcullis <args>` prints and exits with, colors off as in a pipe. */
export async function runCliInProcess(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(args, { cwd: process.cwd(), stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), color: false });
  return { status, stdout, stderr };
}

/** What `portcullis <args>` prints, as a terminal user reads it. */
export async function runCliText(args: readonly string[]): Promise<string> {
  return (await runCliInProcess(args)).stdout;
}

/** `portcullis <args> --format json`, its report parsed. */
export async function runCliJson(args: readonly string[]): Promise<CliReport> {
  const { status, stdout, stderr } = await runCliInProcess([...args, '--format', 'json']);
  return parseCliReport(status, stdout, stderr);
}

/** A file's text from its lines, each ending in a newline. */
export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/**
 * For a test file: `await check(files)` commits the files to a fresh scratch repository and runs
 * `portcullis check <repo> --fail-on any` on it (`lastRoot()` names that repository);
 * every repository is removed after its test.
 */
export function scratchChecks(): { check: (files: Record<string, string>) => Promise<CliReport>; lastRoot: () => string } {
  let repos: ScratchRepo[] = [];
  afterEach(() => {
    for (const repo of repos) repo.dispose();
    repos = [];
  });
  return {
    async check(files) {
      const repo = scratchRepo();
      repos.push(repo);
      repo.write(files);
      repo.commit('head');
      return runCliJson(['check', repo.root, '--fail-on', 'any']);
    },
    lastRoot: () => repos[repos.length - 1]?.root ?? '',
  };
}
