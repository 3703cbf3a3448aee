import { basename, resolve as resolvePath } from 'node:path';
import { proposePorts } from '../allocate/allocate.js';
import { compareWithBase } from '../compare/compare.js';
import type { ReadLimits } from '../discover/limits.js';
import { type Candidate, selectCandidates } from '../discover/select.js';
import { changedSince, type FileTree, openRevisionTree, openWorkingTree } from '../discover/tree.js';
import { resolveRevision } from '../discover/git.js';
import { isRegistryExtractor, readersOf, registryExtractorFor } from '../extract/index.js';
import type { PortcullisConfig } from '../model/config.js';
import { compareText } from '../model/order.js';
import type { Binding, Conflict, Diagnostic, Extractor, Incomplete, Report } from '../model/types.js';
import { type Analysis, analyzeExtraction } from './analyze.js';
import { extractTree, type ReadFile, type TreeExtraction } from './extractTree.js';
import { applyIgnoreRules } from './ignore.js';
import { summarizeIncomplete } from './incomplete.js';

export interface CheckOptions {
  /** The repository folder to check. */
  root: string;
  /** A git revision to compare with: conflicts that exist there too are `existing`. */
  base?: string;
  /** Registry files named on the command line (root-relative); they replace auto-detection. */
  registry?: readonly string[];
  config: PortcullisConfig;
  limits?: ReadLimits;
  /** A clock, for durationMs; injected so that tests can fix it. */
  now?: () => number;
  /**
   * The base, when git cannot open `base` here (a shallow clone whose base commit is
   * missing): a tree read from elsewhere, such as the REST API. It replaces `base`.
   */
  baseSnapshot?: BaseSnapshot;
  /** What the caller already knows the check cannot see (the Action: a base it could not read). */
  incomplete?: readonly Incomplete[];
  /** The working tree to read, when the caller must see what is read (`portcullis fix`); default: the tree at `root`. */
  workingTree?: FileTree;
}

/** A base revision to compare with: its tree, and the files that differ from the working tree. */
export interface BaseSnapshot {
  /** The base commit, as the report names it. */
  revision: string;
  /** Only the changed files and what their extractors also read are read from it. */
  tree: FileTree;
  /** Root-relative paths that differ between the base and the working tree. */
  changed: ReadonlySet<string>;
}

export class CheckUsageError extends Error {}

/** The whole check: discover, extract, resolve, detect, compare, allocate. */
export async function runCheck(options: CheckOptions): Promise<Report> {
  const now = options.now ?? Date.now;
  const started = now();
  const root = resolvePath(options.root);
  const limits = options.limits ?? options.config.limits;
  const registryPaths = [...(options.registry ?? []), ...options.config.registry];

  const head = await checkTree(options.workingTree ?? (await openWorkingTree(root)), root, registryPaths, options.config, limits);
  let conflicts = head.analysis.conflicts;
  let baseRevision: string | null = null;
  let base: Analysis | null = null;
  const snapshot = options.baseSnapshot ?? (options.base === undefined ? undefined : await openGitBase(root, options.base));
  if (snapshot) {
    baseRevision = snapshot.revision;
    base = (await checkTree(snapshot.tree, root, registryPaths, options.config, limits, reuseUnchanged(head.extraction, snapshot.changed))).analysis;
  }
  conflicts = compareWithBase(conflicts, base && { conflicts: base.conflicts, bindings: base.bindings, registry: base.registry });
  conflicts = applyIgnoreRules(conflicts, options.config.ignore, options.config.aliases);
  conflicts = proposePorts(conflicts, { bindings: head.analysis.bindings, registry: head.analysis.registry });

  const bindings = [...head.analysis.registry.entries, ...head.analysis.bindings];
  return {
    schemaVersion: 1,
    base: baseRevision,
    stats: { files: head.extraction.results.size, bindings: bindings.length, durationMs: Math.max(0, Math.round(now() - started)) },
    bindings: sortBindings(bindings),
    conflicts,
    diagnostics: sortDiagnostics(head.analysis.diagnostics),
    incomplete: summarizeIncomplete(head.analysis.diagnostics, head.extraction.limitsHit, options.incomplete),
  };
}

async function openGitBase(root: string, base: string): Promise<BaseSnapshot> {
  const revision = await resolveRevision(root, base).catch(() => {
    throw new CheckUsageError(`base revision not found: ${base}`);
  });
  return { revision, tree: await openRevisionTree(root, revision), changed: await changedSince(root, revision) };
}

/** HEAD's claims and registry without comparing or allocating: the inventory, and what `suggest` plans around. */
export async function analyzeWorkingTree(options: Omit<CheckOptions, 'base' | 'now'>): Promise<Analysis> {
  const root = resolvePath(options.root);
  const registryPaths = [...(options.registry ?? []), ...options.config.registry];
  const head = await checkTree(await openWorkingTree(root), root, registryPaths, options.config, options.limits ?? options.config.limits);
  return head.analysis;
}

interface TreeCheck {
  extraction: TreeExtraction;
  /** With every diagnostic of the tree: reading, selecting and extracting. */
  analysis: Analysis;
}

async function checkTree(
  tree: FileTree,
  root: string,
  registryPaths: readonly string[],
  config: PortcullisConfig,
  limits: ReadLimits,
  reuse?: (candidate: Candidate) => ReadFile | undefined,
): Promise<TreeCheck> {
  const registries = explicitRegistries(registryPaths, tree.paths);
  const selected = selectCandidates(tree.paths, {
    readersOf,
    include: config.include,
    exclude: config.exclude,
    registries: registries.candidates,
    isRegistryExtractor,
    limits,
  });
  const extraction = await extractTree(tree, selected.candidates, { rootName: basename(root), limits, ...(reuse ? { reuse } : {}) });
  const files = [...extraction.results.values()].map(({ candidate, reader, result }) => ({
    path: candidate.path,
    result,
    isRegistry: isRegistryExtractor(reader),
  }));
  const analysis = analyzeExtraction(files, config, { paths: tree.paths, rootName: basename(root) });
  analysis.diagnostics.push(...(tree.diagnostics ?? []), ...registries.diagnostics, ...selected.diagnostics, ...extraction.diagnostics);
  return { extraction, analysis };
}

function explicitRegistries(paths: readonly string[], treePaths: readonly string[]): { candidates: Candidate[]; diagnostics: Diagnostic[] } {
  const present = new Set(treePaths);
  const candidates: Candidate[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of new Set(paths.map(normalizeRelativePath))) {
    const extractor = registryExtractorFor(path);
    if (!present.has(path)) diagnostics.push({ file: path, severity: 'error', message: 'registry file not found' });
    else if (!extractor) diagnostics.push({ file: path, severity: 'error', message: 'no registry reader for this kind of file (use .yml, .yaml, .json, .md or .nix)' });
    else candidates.push({ path, readers: [extractor], named: true });
  }
  return { candidates, diagnostics };
}

function normalizeRelativePath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * At the base, a file that did not change since (and whose extra inputs, such as the `.env`
 * beside a compose file, did not either) gives what it gave at HEAD: only changed files are
 * parsed again.
 */
function reuseUnchanged(head: TreeExtraction, changed: ReadonlySet<string>): (candidate: Candidate) => ReadFile | undefined {
  return (candidate) => {
    const found = head.results.get(candidate.path);
    if (!found || !sameReaders(found.candidate.readers, candidate.readers) || changed.has(candidate.path)) return undefined;
    const dependencies = found.reader.dependencies?.(candidate.path) ?? [];
    return dependencies.some((path) => changed.has(path)) ? undefined : found;
  };
}

function sameReaders(a: readonly Extractor[], b: readonly Extractor[]): boolean {
  return a.length === b.length && a.every((reader, index) => reader === b[index]);
}

function sortBindings(bindings: Binding[]): Binding[] {
  return bindings.sort((a, b) => a.port - b.port || a.endPort - b.endPort || compareText(a.scope, b.scope) || compareText(a.protocol, b.protocol) || compareText(a.file, b.file) || a.line - b.line || a.column - b.column || compareText(a.service, b.service));
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => compareText(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || compareText(a.message, b.message));
}

/** Which error conflicts fail the run (`--fail-on`, the Action's `fail-on`): new ones, any, or none. */
export type FailOn = 'new' | 'any' | 'none';
/** What an incomplete check (a limit left something unread) does to the verdict: fail it (the default), or only say so. */
export type IncompletePolicy = 'fail' | 'warn';

/** Conflicts that fail the run under a `--fail-on` policy. */
export function failingConflicts(conflicts: readonly Conflict[], failOn: FailOn): Conflict[] {
  if (failOn === 'none') return [];
  return conflicts.filter((conflict) => conflict.severity === 'error' && (failOn === 'any' || conflict.status === 'new'));
}
