// The bundled CLI (dist/cli.js) as a user starts it, with its JSON report parsed: for the
// end-to-end files, which test what the build makes.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { type CliReport, parseCliReport } from '../helpers/cliReport.js';

export const CLI = resolve('dist/cli.js');
// The Action runs on node24; CI runs the bundle's tests again with PORTCULLIS_TEST_NODE set to one.
export const NODE = process.env['PORTCULLIS_TEST_NODE'] ?? process.execPath;

/** Runs `portcullis <args>` and returns what it prints, as a terminal user reads it. */
export function runCliText(args: readonly string[]): string {
  return spawnSync(NODE, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } }).stdout;
}

/** Runs `portcullis <args> --format json` and parses what it prints. */
export function runCliJson(args: readonly string[]): CliReport {
  const child = spawnSync(NODE, [CLI, ...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return parseCliReport(child.status, child.stdout, child.stderr);
}
