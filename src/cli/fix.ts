// `portcullis fix`: runs the check, then writes every proposal of its new conflicts into
// the files, or prints them as a unified diff (`--dry-run`). A file is written only when it
// is still exactly what the check read (content hash), only as a regular file inside the
// root (never through a symbolic link), and atomically (a temporary file renamed over it).
import { createHash, randomBytes } from 'node:crypto';
import { lstat, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isNativeRegistryFileName, isRegistryPlace } from '../extract/registry/native.js';
import { type FixableText, planFixes, plannedEdits, type FileChange, type PlannedEdit } from '../fix/plan.js';
import { addToYamlRegistry, newcomersAfterFix, registryEntryLines, registryTarget } from '../fix/registryLines.js';
import { unifiedDiff } from '../fix/unifiedDiff.js';
import type { PortcullisConfig } from '../model/config.js';
import { formatPortRange } from '../model/ports.js';
import { compareText } from '../model/order.js';
import type { Report } from '../model/types.js';
import { decodeText } from '../discover/decode.js';
import { type FileTree, openWorkingTree } from '../discover/tree.js';
import { runCheck } from '../pipeline/check.js';
import { visibleControlChars } from '../report/escape.js';

export interface FixOptions {
  root: string;
  config: PortcullisConfig;
  registry: readonly string[];
  base?: string;
  dryRun: boolean;
  quiet: boolean;
  /** The working tree to check; default: the one at `root` (tests pass one that changes under the check). */
  tree?: FileTree;
}

export interface FixIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** 0: every proposal applied (or printed); 1: some could not be; the reasons are on stderr. */
export async function runFix(options: FixOptions, io: FixIo): Promise<number> {
  const seen = new Map<string, string>();
  const report = await runCheck({
    root: options.root,
    config: options.config,
    registry: options.registry,
    ...(options.base === undefined ? {} : { base: options.base }),
    workingTree: recordingTree(options.tree ?? (await openWorkingTree(options.root)), seen),
  });
  const realRoot = await realpath(options.root);
  const files = new Map<string, FixableFile>();
  const open = async (file: string): Promise<FixableText> => {
    const known = files.get(file) ?? (await openFixable(options.root, realRoot, file, seen.get(file)));
    files.set(file, known);
    return 'refused' in known ? known : known.text;
  };
  for (const file of plannedEdits(report.conflicts).keys()) await open(file);
  const plan = planFixes(report.conflicts, (file) => {
    const known = files.get(file);
    return known === undefined ? { refused: 'not read' } : 'refused' in known ? known : known.text;
  });

  const changes = [...plan.changes];
  const notes: string[] = [];
  const registryChanged = await registerNewcomers(report, changes, plan.skipped, registryFiles(report, seen, options), open, notes);

  for (const skipped of plan.skipped) {
    io.stderr(`portcullis: ${visibleControlChars(`${skipped.file}:${skipped.line}:${skipped.column}`)}: ${visibleControlChars(skipped.service)} not moved to ${formatPortRange(skipped.to, skipped.toEnd)}: ${visibleControlChars(skipped.reason)}\n`);
  }
  if (options.dryRun) {
    io.stdout(changes.map((change) => unifiedDiff(change.file, change.before, change.after)).join(''));
    if (!options.quiet) for (const note of notes) io.stderr(`portcullis: ${note}\n`);
    return plan.skipped.length > 0 ? 1 : 0;
  }

  let failed = plan.skipped.length > 0;
  for (const change of changes) {
    const known = files.get(change.file);
    const problem = known && !('refused' in known) ? await writeChange(known, change) : 'not read';
    if (problem !== undefined) {
      failed = true;
      io.stderr(`portcullis: ${visibleControlChars(change.file)}: not written: ${problem}\n`);
    } else if (!options.quiet) {
      for (const line of describeChange(change, registryChanged)) io.stdout(`${visibleControlChars(line)}\n`);
    }
  }
  if (!options.quiet) {
    for (const note of notes) io.stdout(`${note}\n`);
    if (changes.length === 0 && plan.skipped.length === 0 && notes.length === 0) io.stdout('Nothing to fix: no new conflict has a proposed port.\n');
  }
  return failed ? 1 : 0;
}

/** A file as fix may rewrite it: its bytes as read now, and its text as the check read it. */
type FixableFile = { refused: string } | { path: string; bytes: Buffer; text: string; bom: boolean; mode: number };

/** The working tree, remembering a hash of every text the check reads from it. */
function recordingTree(tree: FileTree, seen: Map<string, string>): FileTree {
  // Without `root`, extraction stays on this thread, where every read passes through here.
  const { root: _root, ...rest } = tree;
  return {
    ...rest,
    read: async (wanted, maxBytes) => {
      const result = await tree.read(wanted, maxBytes);
      for (const [path, text] of result.texts) seen.set(path, hashOf(text));
      return result;
    },
  };
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Reads a root-relative file for rewriting: a regular file whose real path is the path
 * itself inside the root (no symbolic link anywhere on it), valid UTF-8, and with the
 * content the check read.
 */
async function openFixable(root: string, realRoot: string, file: string, checkedHash: string | undefined): Promise<FixableFile> {
  if (file === '' || file.startsWith('/') || file.includes('\\') || file.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    return { refused: 'not a plain path inside the root' };
  }
  const path = join(root, ...file.split('/'));
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return { refused: 'a symbolic link: never written through' };
    if (!info.isFile()) return { refused: 'not a regular file' };
    if ((await realpath(path)) !== join(realRoot, ...file.split('/'))) return { refused: 'a folder on its path is a symbolic link: never written through' };
    const bytes = await readFile(path);
    const decoded = decodeText(bytes);
    // Only plain UTF-8 is rewritten: any other bytes would not survive the round trip.
    if (decoded.problem !== undefined) return { refused: bytes.includes(0) ? 'a binary file' : 'not valid UTF-8: rewriting it would change other bytes' };
    const { text } = decoded;
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (!encode(text, bom).equals(bytes)) return { refused: 'not valid UTF-8: rewriting it would change other bytes' };
    if (checkedHash === undefined) return { refused: 'the check did not read it' };
    if (hashOf(text) !== checkedHash) return { refused: 'changed since the check: run portcullis fix again' };
    return { path, bytes, text, bom, mode: info.mode & 0o7777 };
  } catch (error) {
    return { refused: `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
}

function encode(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** Writes a temporary file beside the target and renames it over the target, if the target is unchanged. */
async function writeChange(file: Extract<FixableFile, { path: string }>, change: FileChange): Promise<string | undefined> {
  const temporary = join(dirname(file.path), `.${basename(file.path)}.portcullis-${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(temporary, encode(change.after, file.bom), { flag: 'wx', mode: file.mode });
    // The last moment before the swap: a file edited meanwhile is left as its author left it.
    const info = await lstat(file.path);
    if (!info.isFile() || !(await readFile(file.path)).equals(file.bytes)) {
      await rm(temporary, { force: true });
      return 'changed while fixing: run portcullis fix again';
    }
    await rename(temporary, file.path);
    return undefined;
  } catch (error) {
    await rm(temporary, { force: true });
    return `${(error as NodeJS.ErrnoException).code ?? String(error)}`;
  }
}

/** Root-relative registry files the check read: those that gave entries, named ones, and auto-detected native ones. */
function registryFiles(report: Report, seen: ReadonlyMap<string, string>, options: FixOptions): string[] {
  const named = new Set([...options.registry, ...options.config.registry].map((path) => path.replace(/\\/g, '/').replace(/^(\.\/)+/, '')));
  const files = new Set(report.bindings.filter((binding) => binding.kind === 'registry').map((binding) => binding.file));
  for (const path of seen.keys()) if (named.has(path) || (isNativeRegistryFileName(path) && isRegistryPlace(path))) files.add(path);
  return [...files].sort(compareText);
}

/**
 * The newcomers' registry entries: added to the first native YAML registry when its layout
 * allows adding lines (on top of its own swapped literals, if any), else described in
 * `notes` for the reader to add by hand. Returns the entries added, and where.
 */
async function registerNewcomers(
  report: Report,
  changes: FileChange[],
  skipped: readonly PlannedEdit[],
  registries: readonly string[],
  open: (file: string) => Promise<FixableText>,
  notes: string[],
): Promise<{ file: string; entries: string[] } | undefined> {
  const registered = new Set(report.bindings.filter((binding) => binding.kind === 'registry').map((binding) => binding.service));
  const newcomers = newcomersAfterFix(report.conflicts, changes.flatMap((change) => change.edits), skipped, registered);
  if (newcomers.length === 0 || registries.length === 0) return undefined;
  const target = registryTarget(registries) ?? '';
  const yamlRegistry = /\.ya?ml$/i.test(target) ? target : undefined;
  if (yamlRegistry !== undefined) {
    const original = await open(yamlRegistry);
    const index = changes.findIndex((change) => change.file === yamlRegistry);
    const current = changes[index]?.after ?? original;
    const entries = registryEntryLines(yamlRegistry, newcomers);
    const after = typeof current === 'string' ? addToYamlRegistry(current, entries) : undefined;
    if (typeof original === 'string' && after !== undefined) {
      const existing = changes[index];
      if (existing) changes[index] = { ...existing, after };
      else changes.push({ file: yamlRegistry, before: original, after, edits: [] });
      changes.sort((a, b) => compareText(a.file, b.file));
      return { file: yamlRegistry, entries };
    }
  }
  notes.push(`Register the new services in ${visibleControlChars(target)}:`, ...registryEntryLines(target, newcomers).map((line) => `  ${visibleControlChars(line)}`));
  return undefined;
}

function describeChange(change: FileChange, registered: { file: string; entries: string[] } | undefined): string[] {
  const lines = change.edits.map((edit) => `${edit.file}:${edit.line}:${edit.column}: ${edit.service} ${formatPortRange(edit.from, edit.fromEnd)} -> ${formatPortRange(edit.to, edit.toEnd)}`);
  if (registered?.file === change.file) lines.push(`${change.file}: registered ${registered.entries.join(', ')}`);
  return lines;
}
