// The only place that runs git. Arguments are passed as an array (never through a shell),
// and every path git prints is NUL-separated, so names with spaces, newlines or leading
// dashes survive.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { type Hunk, parseHunkHeaders } from './hunks.js';

const MAX_BUFFER = 256 * 1024 * 1024;

export class GitError extends Error {
  constructor(
    message: string,
    /** git's own first line of complaint (`fatal: not a git repository ...`), or the spawn error's code. */
    readonly reason: string = message,
  ) {
    super(message);
  }
}

export function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, maxBuffer: MAX_BUFFER, encoding: 'utf8', env: gitEnv() }, (error, stdout, stderr) => {
      if (!error) resolve(stdout);
      else {
        const reason = ((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'ENOENT' : stderr || error.message).trim().split('\n')[0] ?? '';
        reject(new GitError(`git ${args[0] ?? ''}: ${reason}`, reason));
      }
    });
  });
}

/** Git must never run repository-controlled programs (hooks, fsmonitor, pagers, text conversion). */
function gitEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_PAGER: 'cat', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: 'false' };
}

export function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry.length > 0);
}

/** The git work tree's top folder for `dir`, or undefined outside a checkout. */
export async function gitTopLevel(dir: string): Promise<string | undefined> {
  const found = await findCheckout(dir);
  return 'top' in found ? found.top : undefined;
}

export type Checkout = { top: string } | { outside: true } | { refused: string };

/**
 * Whether `dir` lies in a git checkout. Outside one, git says "not a git repository"; any
 * other failure (a checkout owned by another user: "detected dubious ownership"; no git
 * installed where a `.git` is) is a refusal, which the caller must say aloud: reading the
 * folder without git reads what .gitignore hides.
 */
export async function findCheckout(dir: string): Promise<Checkout> {
  try {
    return { top: (await git(dir, ['rev-parse', '--show-toplevel'])).trim() };
  } catch (error) {
    const reason = error instanceof GitError ? error.reason : String(error);
    if (/not a git repository/i.test(reason)) return { outside: true };
    if (reason === 'ENOENT') return hasGitFolderAbove(dir) ? { refused: 'git is not installed' } : { outside: true };
    return { refused: reason.replace(/^fatal: /, '') };
  }
}

function hasGitFolderAbove(dir: string): boolean {
  for (let folder = resolve(dir); ; folder = dirname(folder)) {
    if (existsSync(join(folder, '.git'))) return true;
    if (dirname(folder) === folder) return false;
  }
}

export async function resolveRevision(cwd: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GitError(`not a revision: ${ref}`);
  return (await git(cwd, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
}

/**
 * Reads many blobs in one `git cat-file --batch` process (one process for the whole base
 * tree instead of one per file), by object id so that no path is ever parsed by git.
 * Returns each object's bytes, 'too-large', or undefined for a missing object.
 */
export function readBlobs(cwd: string, specs: readonly string[], maxBytes: number): Promise<Map<string, Buffer | 'too-large' | undefined>> {
  return new Promise((resolve, reject) => {
    const result = new Map<string, Buffer | 'too-large' | undefined>();
    if (specs.length === 0) {
      resolve(result);
      return;
    }
    const child = spawn('git', ['cat-file', '--batch'], { cwd, env: gitEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer: Buffer = Buffer.alloc(0);
    let index = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
      for (;;) {
        const newline = buffer.indexOf(10);
        if (newline < 0) return;
        const header = buffer.subarray(0, newline).toString('utf8');
        const spec = specs[index];
        if (spec === undefined) return;
        if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
          result.set(spec, undefined);
          buffer = buffer.subarray(newline + 1);
          index++;
          continue;
        }
        const size = Number(header.slice(header.lastIndexOf(' ') + 1));
        if (buffer.length < newline + 1 + size + 1) return;
        const body = buffer.subarray(newline + 1, newline + 1 + size);
        result.set(spec, size > maxBytes ? 'too-large' : Buffer.from(body));
        buffer = buffer.subarray(newline + 1 + size + 1);
        index++;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (index < specs.length) reject(new GitError(`git cat-file stopped after ${index} of ${specs.length} objects (exit ${code})`));
      else resolve(result);
    });
    child.stdin.end(specs.map((spec) => `${spec}\n`).join(''));
  });
}

export interface TreeEntry {
  path: string;
  oid: string;
  /** Git file mode: `120000` is a symlink, `160000` a submodule. */
  mode: string;
}

/** Every blob of a commit's tree, with repository-relative paths. */
export async function listTree(cwd: string, revision: string): Promise<TreeEntry[]> {
  const output = await git(cwd, ['ls-tree', '-r', '-z', '--full-tree', revision]);
  const entries: TreeEntry[] = [];
  for (const record of splitNul(output)) {
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    if (type !== 'blob' || mode === undefined || oid === undefined) continue;
    entries.push({ path: record.slice(tab + 1), oid, mode });
  }
  return entries;
}

/** True when the clone holds the commit (a shallow clone may not). */
export async function hasCommit(cwd: string, sha: string): Promise<boolean> {
  return git(cwd, ['cat-file', '-e', `${sha}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/**
 * Fetches a commit from `origin` by its sha, one commit deep, as actions/checkout fetches
 * (its credentials are in the clone's config). No hook of the repository's runs: hooks are
 * switched off, and a shallow fetch needs no other program.
 */
export async function fetchCommit(cwd: string, sha: string, depth = 1): Promise<boolean> {
  if (!/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(sha)) return false;
  try {
    await git(cwd, ['-c', 'core.hooksPath=/dev/null', 'fetch', '--quiet', '--no-tags', '--no-recurse-submodules', `--depth=${depth}`, 'origin', sha]);
    return hasCommit(cwd, sha);
  } catch {
    return false;
  }
}

/**
 * The files (relative to `cwd`) that differ between two commits, and the hunks of each that
 * `wanted` names. Trees are compared with trees, so no filter or text conversion runs.
 */
export async function changedHunks(cwd: string, from: string, to: string, wanted: ReadonlySet<string>): Promise<Map<string, Hunk[]>> {
  const names = splitNul(await git(cwd, ['diff', '--name-only', '-z', '--no-renames', '--relative', from, to, '--']));
  const hunks = new Map<string, Hunk[]>();
  for (const name of names) {
    if (!wanted.has(name)) continue;
    const patch = await git(cwd, ['diff', '-U0', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', '--relative', from, to, '--', `:(literal)${name}`]);
    hunks.set(name, parseHunkHeaders(patch));
  }
  return hunks;
}

/** A file of a commit (`path` relative to `cwd`): its bytes, 'link', 'too-large', or undefined when absent. */
export async function readAtRevision(cwd: string, revision: string, path: string, maxBytes: number): Promise<Buffer | 'link' | 'too-large' | undefined> {
  const [entry] = splitNul(await git(cwd, ['ls-tree', '-z', revision, '--', `:(literal)${path}`]));
  if (entry === undefined) return undefined;
  const [mode, type, oid] = entry.slice(0, entry.indexOf('\t')).split(' ');
  if (mode === '120000') return 'link';
  if (type !== 'blob' || oid === undefined) return undefined;
  return (await readBlobs(cwd, [oid], maxBytes)).get(oid);
}
