// A tree of files to check: the working tree at HEAD, or a commit's tree for the base.
// Listing and reading live here; everything downstream sees root-relative paths and text.
import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import fg from 'fast-glob';
import type { Diagnostic } from '../model/types.js';
import { raiseHint } from './limits.js';
import { git, gitTopLevel, listTree, readBlobs, splitNul, type TreeEntry } from './git.js';
import { VENDORED_FOLDERS } from './skip.js';

export interface ReadResult {
  texts: Map<string, string>;
  diagnostics: Diagnostic[];
}

export interface FileTree {
  /** The folder of a working tree: another thread can read it again from there. */
  readonly root?: string;
  /** Root-relative `/`-separated paths of every file in the tree. */
  readonly paths: readonly string[];
  /** Reads text files; files over `maxBytes`, binary files and unsafe links give diagnostics or nothing. */
  read(paths: readonly string[], maxBytes: number): Promise<ReadResult>;
}

/**
 * The working tree under `root`. In a git checkout the listing is `git ls-files` (tracked
 * and untracked-but-not-ignored files: it honours .gitignore exactly and costs a few ms);
 * elsewhere fast-glob, skipping vendored folders (node_modules, vendor, ...) and .git, never following links.
 */
export async function openWorkingTree(root: string): Promise<FileTree> {
  const top = await gitTopLevel(root);
  // A folder that the enclosing repository ignores (a build output, a scratch copy) has no
  // files in git's eyes: list it as a plain folder.
  const listed = top === undefined ? [] : await gitListFiles(root);
  const paths = listed.length > 0 ? listed : await globFiles(root);
  return workingTreeOf(root, paths);
}

/** The working tree under `root` with a listing already made (a worker thread's view of it). */
export async function workingTreeOf(root: string, paths: readonly string[]): Promise<FileTree> {
  const realRoot = await realpath(root);
  return {
    root,
    paths,
    read: (wanted, maxBytes) => readWorkingFiles(root, realRoot, wanted, maxBytes),
  };
}

async function gitListFiles(root: string): Promise<string[]> {
  const output = await git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard', '--deduplicate']);
  return [...new Set(splitNul(output))].sort();
}

async function globFiles(root: string): Promise<string[]> {
  const paths = await fg('**/*', {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    ignore: [...VENDORED_FOLDERS, '.git'].map((folder) => `**/${folder}/**`),
  });
  return paths.sort();
}

/**
 * Synchronous reads: for thousands of small files they cost a third of what fs.promises
 * does (one libuv round trip per call), and a check has nothing else to do meanwhile.
 */
async function readWorkingFiles(root: string, realRoot: string, wanted: readonly string[], maxBytes: number): Promise<ReadResult> {
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const path of wanted) {
    const absolute = `${root}${sep}${path.split('/').join(sep)}`;
    try {
      const read = readWorkingFile(absolute, realRoot, maxBytes);
      if (typeof read === 'string') texts.set(path, read);
      else if (read.problem !== undefined) diagnostics.push({ file: path, severity: 'warning', message: read.problem });
    } catch (error) {
      diagnostics.push({ file: path, severity: 'warning', message: `could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
    }
  }
  return { texts, diagnostics };
}

/**
 * Opens without following a link and without waiting on a FIFO, so that one open and one
 * fstat answer what an lstat and a second open did (18,500 files: 105 ms instead of 125). A link
 * fails to open (ELOOP) and takes the slow path; so does a platform without O_NOFOLLOW.
 */
const OPEN_PLAIN_FILE = constants.O_NOFOLLOW === undefined ? undefined : constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** A file's text; or why it was not read (`problem`), or nothing to say (binary, a folder). */
function readWorkingFile(absolute: string, realRoot: string, maxBytes: number): string | { problem?: string } {
  const fd = OPEN_PLAIN_FILE === undefined ? undefined : openUnlessLink(absolute, OPEN_PLAIN_FILE);
  if (fd === undefined) return readThroughLink(absolute, realRoot, maxBytes);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return {};
    if (info.size > maxBytes) return { problem: tooLargeMessage(info.size, maxBytes) };
    return decodeText(readFileSync(fd)) ?? {};
  } finally {
    closeSync(fd);
  }
}

function openUnlessLink(absolute: string, flags: number): number | undefined {
  try {
    return openSync(absolute, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') return undefined;
    throw error;
  }
}

/** A link is followed only when its target stays inside the root. */
function readThroughLink(absolute: string, realRoot: string, maxBytes: number): string | { problem?: string } {
  let info = lstatSync(absolute);
  if (info.isSymbolicLink()) {
    const target = safeRealpath(absolute);
    if (target === undefined || !isInside(realRoot, target)) return { problem: 'symbolic link that leaves the root: not followed' };
    info = statSync(target);
  }
  if (!info.isFile()) return {};
  if (info.size > maxBytes) return { problem: tooLargeMessage(info.size, maxBytes) };
  return decodeText(readFileSync(absolute)) ?? {};
}

function safeRealpath(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * The tree of a commit, read from git objects: the base revision of a comparison. Paths are
 * relative to `root`, which may be a folder inside the repository.
 */
export async function openRevisionTree(root: string, revision: string): Promise<FileTree> {
  const top = (await gitTopLevel(root)) ?? root;
  const prefix = toPosix(relative(await realpath(top), await realpath(root)));
  const entries = new Map<string, TreeEntry>();
  for (const entry of await listTree(root, revision)) {
    if (prefix !== '' && !entry.path.startsWith(`${prefix}/`)) continue;
    entries.set(prefix === '' ? entry.path : entry.path.slice(prefix.length + 1), entry);
  }
  return {
    paths: [...entries.keys()].sort(),
    async read(wanted, maxBytes) {
      const texts = new Map<string, string>();
      const diagnostics: Diagnostic[] = [];
      const blobs: Array<[string, TreeEntry]> = [];
      for (const path of wanted) {
        const entry = entries.get(path);
        // A link in a commit is a path string, not content: it is never followed.
        if (entry && entry.mode !== '120000' && entry.mode !== '160000') blobs.push([path, entry]);
      }
      const contents = await readBlobs(root, blobs.map(([, entry]) => entry.oid), maxBytes);
      for (const [path, entry] of blobs) {
        const content = contents.get(entry.oid);
        if (content === 'too-large') diagnostics.push({ file: path, severity: 'warning', message: tooLargeMessage(undefined, maxBytes) });
        else if (content !== undefined) {
          const text = decodeText(content);
          if (text !== undefined) texts.set(path, text);
        }
      }
      return { texts, diagnostics };
    },
  };
}

/**
 * Files that changed between a revision and the working tree, root-relative. Comparing with
 * the working tree makes git run the clean filter of any file whose stat changed, and a
 * repository's own `.git/config` (an unpacked archive's, say) can name any program as one:
 * every filter driver is switched off for this call. Without filters a file may differ only
 * in git's eyes, which costs a re-read at the base, never a wrong result.
 */
export async function changedSince(root: string, revision: string): Promise<Set<string>> {
  const filtersOff = (await filterDrivers(root)).flatMap((driver) => ['-c', `filter.${driver}.clean=`, '-c', `filter.${driver}.process=`]);
  const output = await git(root, [...filtersOff, 'diff', '--name-only', '-z', '--no-renames', '--relative', revision, '--']);
  return new Set(splitNul(output));
}

/** The names of the filter drivers that any git config in effect here defines. */
async function filterDrivers(root: string): Promise<string[]> {
  const keys = await git(root, ['config', '--includes', '--name-only', '--get-regexp', '^filter\\..*\\.(clean|process)$']).catch(() => '');
  return [...new Set(keys.split('\n').filter((key) => key !== '').map((key) => key.slice('filter.'.length, key.lastIndexOf('.'))))];
}

function tooLargeMessage(size: number | undefined, maxBytes: number): string {
  return `file is larger than the ${formatBytes(maxBytes)} limit${size === undefined ? '' : ` (${formatBytes(size)})`}: not read (${raiseHint('maxFileBytes')})`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

/** Text, or undefined for a binary file (one with a NUL byte in its first 8 KiB, as git decides). */
export function decodeText(bytes: Buffer): string | undefined {
  if (bytes.subarray(0, 8192).includes(0)) return undefined;
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
