// A tree of files to check: the working tree at HEAD, or a commit's tree for the base.
// Listing and reading live here; everything downstream sees root-relative paths and text.
import { realpath } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import fg from 'fast-glob';
import type { Diagnostic } from '../model/types.js';
import { raiseHint } from './limits.js';
import { decodeText } from './decode.js';
import { findCheckout, git, gitTopLevel, listTree, readBlobs, splitNul, type TreeEntry } from './git.js';
import { VENDORED_FOLDERS } from './skip.js';
import { FolderCheck, readRegularFile, type RegularFileRead } from './workspaceFiles.js';

export interface ReadResult {
  texts: Map<string, string>;
  diagnostics: Diagnostic[];
}

export interface FileTree {
  /** The folder of a working tree: another thread can read it again from there. */
  readonly root?: string;
  /** Root-relative `/`-separated paths of every file in the tree. */
  readonly paths: readonly string[];
  /** Reads text files; files over `maxBytes`, links and undecodable bytes give diagnostics. */
  read(paths: readonly string[], maxBytes: number): Promise<ReadResult>;
  /** What went wrong listing the tree (git refusing the checkout). */
  readonly diagnostics?: readonly Diagnostic[];
}

/**
 * The working tree under `root`. In a git checkout the listing is `git ls-files` (tracked
 * and untracked-but-not-ignored files: it honours .gitignore exactly and costs a few ms);
 * elsewhere fast-glob, skipping vendored folders (node_modules, vendor, ...) and .git, never following links.
 */
export async function openWorkingTree(root: string): Promise<FileTree> {
  const checkout = await findCheckout(root);
  // A folder that the enclosing repository ignores (a build output, a scratch copy) has no
  // files in git's eyes: list it as a plain folder.
  const listed = 'top' in checkout ? await gitListFiles(root) : [];
  const paths = listed.length > 0 ? listed : await globFiles(root);
  const tree = await workingTreeOf(root, paths);
  if (!('refused' in checkout)) return tree;
  const message = `git refused this repository (${checkout.refused}): files were listed without git, so .gitignore is not honoured; mark the folder safe (git config --global --add safe.directory <path>)`;
  return { ...tree, diagnostics: [{ file: '.', severity: 'error', message }] };
}

/** The working tree under `root` with a listing already made (a worker thread's view of it). */
export async function workingTreeOf(root: string, paths: readonly string[]): Promise<FileTree> {
  const folders = new FolderCheck(root);
  return {
    root,
    paths,
    read: async (wanted, maxBytes) => readWorkingFiles(root, folders, wanted, maxBytes),
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
async function readWorkingFiles(root: string, folders: FolderCheck, wanted: readonly string[], maxBytes: number): Promise<ReadResult> {
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  for (const path of wanted) {
    if (!folders.reachable(path)) {
      diagnostics.push({ file: path, severity: 'warning', message: 'lies in a folder reached through a symbolic link: not read (Portcullis reads only inside the root)' });
      continue;
    }
    let read: RegularFileRead;
    try {
      read = readRegularFile(`${root}${sep}${path.split('/').join(sep)}`, maxBytes);
    } catch (error) {
      diagnostics.push({ file: path, severity: 'warning', message: `could not be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}` });
      continue;
    }
    if (read.kind === 'bytes') addDecoded(path, read.bytes, texts, diagnostics);
    else if (read.kind === 'link') diagnostics.push({ file: path, severity: 'warning', message: SYMLINK_MESSAGE });
    else if (read.kind === 'too-large') diagnostics.push(tooLargeDiagnostic(path, read.size, maxBytes));
  }
  return { texts, diagnostics };
}

export const SYMLINK_MESSAGE = 'symbolic link: not followed (Portcullis reads only regular files)';

/** Decoded text into `texts`, and what was wrong with its bytes into `diagnostics`. */
export function addDecoded(path: string, bytes: Uint8Array, texts: Map<string, string>, diagnostics: Diagnostic[]): void {
  const decoded = decodeText(bytes);
  texts.set(path, decoded.text);
  if (decoded.problem) diagnostics.push({ file: path, line: decoded.problem.line, severity: 'warning', message: decoded.problem.message });
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
        if (content === 'too-large') diagnostics.push(tooLargeDiagnostic(path, undefined, maxBytes));
        else if (content !== undefined) addDecoded(path, content, texts, diagnostics);
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

export function tooLargeDiagnostic(path: string, size: number | undefined, maxBytes: number): Diagnostic {
  const message = `file is larger than the ${formatBytes(maxBytes)} limit${size === undefined ? '' : ` (${formatBytes(size)})`}: not read (${raiseHint('maxFileBytes')})`;
  return { file: path, severity: 'warning', message, limit: 'file-size' };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(2))} MiB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KiB`;
  return `${bytes} bytes`;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
