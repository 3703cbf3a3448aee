// Scratch repositories for end-to-end tests: real folders, real git commits.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ScratchRepo {
  root: string;
  write(files: Record<string, string>): void;
  remove(path: string): void;
  git(...args: string[]): string;
  commit(message: string): string;
  dispose(): void;
}

/**
 * Git's environment for scratch repositories: a fixed author, no system config, and no
 * `git maintenance` forked after each commit (a background process per commit, for nothing).
 */
export const SCRATCH_GIT_ENV: Readonly<Record<string, string>> = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'maintenance.auto',
  GIT_CONFIG_VALUE_0: 'false',
};

export function makeScratchDir(prefix = 'portcullis-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function scratchRepo(options: { git?: boolean; name?: string } = {}): ScratchRepo {
  const parent = makeScratchDir();
  const root = join(parent, options.name ?? 'repo');
  mkdirSync(root);
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ...SCRATCH_GIT_ENV, HOME: parent },
    });
  // No template: the sample hooks it copies are a dozen files per repository, and the suite makes hundreds.
  if (options.git !== false) git('init', '-q', '--template=', '-b', 'main');
  return {
    root,
    write(files) {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
    },
    remove(path) {
      rmSync(join(root, path), { force: true, recursive: true });
    },
    git,
    commit(message) {
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    dispose() {
      rmSync(parent, { recursive: true, force: true });
    },
  };
}
