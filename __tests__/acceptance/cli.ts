// The bundled CLI as a user starts it, with its JSON report parsed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeAll } from '@jest/globals';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

const CLI = resolve('dist/cli.js');
// The Action runs on node24; CI runs the bundle's tests again with PORTCULLIS_TEST_NODE set to one.
const NODE = process.env['PORTCULLIS_TEST_NODE'] ?? process.execPath;

export interface CliLocation {
  service: string;
  file: string;
  line: number;
  column: number;
}

export interface CliConflict {
  id: string;
  rule: string;
  severity: string;
  status: string;
  scope: string;
  port: number;
  endPort: number;
  services: string[];
  locations: CliLocation[];
  suggestions: Array<CliLocation & { from: number; to: number; toEnd: number; sharedWith?: string[] }>;
  message: string;
}

export interface CliReport {
  status: number | null;
  stderr: string;
  json: {
    bindings: Array<{ service: string; port: number; scope: string; kind: string; format: string; file: string; line: number; column: number }>;
    conflicts: CliConflict[];
    diagnostics: Array<{ file: string; line?: number; severity: string; message: string }>;
  };
}

/** Runs `portcullis <args>` and returns what it prints, as a terminal user reads it. */
export function runCliText(args: readonly string[]): string {
  return spawnSync(NODE, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } }).stdout;
}

/** Runs `portcullis <args> --format json` and parses what it prints. */
export function runCliJson(args: readonly string[]): CliReport {
  const child = spawnSync(NODE, [CLI, ...args, '--format', 'json'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let json: CliReport['json'];
  try {
    json = JSON.parse(child.stdout) as CliReport['json'];
  } catch {
    throw new Error(`portcullis printed no JSON (exit ${child.status}): ${child.stderr}`);
  }
  return { status: child.status, stderr: child.stderr, json };
}

/** A file's text from its lines, each ending in a newline. */
export const lines = (...text: string[]): string => `${text.join('\n')}\n`;

/**
 * For a test file: `check(files)` commits the files to a fresh scratch repository and runs
 * `portcullis check <repo> --fail-on any` on it (`rootOf(report)` names that repository);
 * every repository is removed after its test.
 */
export function scratchChecks(): { check: (files: Record<string, string>) => CliReport; lastRoot: () => string } {
  let repos: ScratchRepo[] = [];
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
  });
  afterEach(() => {
    for (const repo of repos) repo.dispose();
    repos = [];
  });
  return {
    check(files) {
      const repo = scratchRepo();
      repos.push(repo);
      repo.write(files);
      repo.commit('head');
      return runCliJson(['check', repo.root, '--fail-on', 'any']);
    },
    lastRoot: () => repos[repos.length - 1]?.root ?? '',
  };
}
