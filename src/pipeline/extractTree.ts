import type { Candidate } from '../discover/select.js';
import { raiseHint, type ReadLimits } from '../discover/limits.js';
import { type FileTree, formatBytes } from '../discover/tree.js';
import { createParseBudget } from '../extract/parseBudget.js';
import { EXTRACTORS } from '../extract/index.js';
import { takeLimitsHit } from '../extract/limitsHit.js';
import type { Diagnostic, ExtractContext, Extractor, ExtractResult, IncompleteReason } from '../model/types.js';
import { candidateItems, extractInWorker, splitInTwo, threadsFor } from './parallel.js';

/** A file as read: the reader its text chose among its candidates', and what it gave. */
export interface ReadFile {
  candidate: Candidate;
  reader: Extractor;
  result: ExtractResult;
}

export interface TreeExtraction {
  /** Each read file, by root-relative path; a file no reader recognized is absent. */
  results: Map<string, ReadFile>;
  /** Problems with reading (size, links, limits), beside the extractors' own diagnostics. */
  diagnostics: Diagnostic[];
  /** Files whose extraction hit a limit of a shared reader (alias budget, parse budget, expansion). */
  limitsHit: LimitHit[];
}

export interface LimitHit {
  file: string;
  reason: IncompleteReason;
}

export interface ExtractTreeOptions {
  rootName: string;
  limits: ReadLimits;
  /** Results to take as they are instead of reading and parsing the file again (the base run reuses HEAD's). */
  reuse?: (candidate: Candidate) => ReadFile | undefined;
}

/**
 * Reads every candidate (and the files their extractors also read) and runs its extractor:
 * a large working tree on two threads, anything else on this one.
 */
export async function extractTree(tree: FileTree, candidates: readonly Candidate[], options: ExtractTreeOptions): Promise<TreeExtraction> {
  const results: TreeExtraction['results'] = new Map();
  const toExtract: Candidate[] = [];
  for (const candidate of candidates) {
    const reused = options.reuse?.(candidate);
    if (reused) results.set(candidate.path, { ...reused, candidate });
    else toExtract.push(candidate);
  }
  const parts = tree.root !== undefined && threadsFor(toExtract.length) === 2 ? await extractOnTwoThreads(tree, tree.root, toExtract, options) : [await extractLocally(tree, toExtract, options)];
  for (const part of parts) for (const [path, found] of part.results) results.set(path, found);
  return { results, diagnostics: parts.flatMap((part) => part.diagnostics), limitsHit: parts.flatMap((part) => part.limitsHit) };
}

/** Half here, half in a worker; each half with half of the byte budget. */
async function extractOnTwoThreads(tree: FileTree, root: string, candidates: readonly Candidate[], options: ExtractTreeOptions): Promise<TreeExtraction[]> {
  const limits = { ...options.limits, maxTotalBytes: Math.floor(options.limits.maxTotalBytes / 2) };
  const [mine, theirs] = splitInTwo(candidates, (candidate) => candidate.readers[0]?.format ?? '');
  const remote = extractInWorker({ root, paths: tree.paths, rootName: options.rootName, limits, items: candidateItems(theirs, EXTRACTORS) });
  const local = await extractLocally(tree, mine, { ...options, limits });
  const byPath = new Map(theirs.map((candidate) => [candidate.path, candidate]));
  const response = await remote.catch(() => undefined);
  // A worker that could not run (memory, a broken install) costs time, not results.
  if (response === undefined) return [local, await extractLocally(tree, theirs, { ...options, limits })];
  const results: TreeExtraction['results'] = new Map();
  for (const [path, readerIndex, result] of response.results) {
    const candidate = byPath.get(path);
    const reader = candidate?.readers[readerIndex];
    if (candidate && reader) results.set(path, { candidate, reader, result });
  }
  return [local, { results, diagnostics: response.diagnostics, limitsHit: response.limitsHit }];
}

/** Reads and extracts the candidates on this thread. */
export async function extractLocally(tree: FileTree, toExtract: readonly Candidate[], options: Omit<ExtractTreeOptions, 'reuse'>): Promise<TreeExtraction> {
  const results: TreeExtraction['results'] = new Map();
  const limitsHit: LimitHit[] = [];
  const wanted = new Set<string>();
  const present = new Set(tree.paths);
  for (const candidate of toExtract) {
    wanted.add(candidate.path);
    for (const reader of candidate.readers) {
      for (const dependency of reader.dependencies?.(candidate.path) ?? []) {
        if (present.has(dependency)) wanted.add(dependency);
      }
    }
  }
  const { texts, diagnostics } = await tree.read([...wanted], options.limits.maxFileBytes);
  await prepareExtractors(toExtract, diagnostics);
  const budget = capTotalBytes(texts, options.limits, diagnostics);
  const context: ExtractContext = { rootName: options.rootName, readFile: (path: string) => texts.get(path), parseBudget: createParseBudget(options.limits) };
  for (const candidate of toExtract) {
    const text = texts.get(candidate.path);
    if (text === undefined || !budget.has(candidate.path)) continue;
    if (candidate.readers[0]?.isGenerated?.(text)) continue;
    const overlong = firstOverlongLine(text, options.limits.maxLineLength);
    if (overlong !== undefined) {
      diagnostics.push({
        file: candidate.path,
        line: overlong,
        severity: 'warning',
        message: `line ${overlong} is longer than ${options.limits.maxLineLength} characters: file not read (${raiseHint('maxLineLength')})`,
        limit: 'line-length',
      });
      continue;
    }
    takeLimitsHit();
    const read = extractByShape(candidate, text, context);
    if (read) results.set(candidate.path, read);
    for (const reason of takeLimitsHit()) limitsHit.push({ file: candidate.path, reason });
  }
  return { results, diagnostics, limitsHit };
}

/**
 * The reading of the first reader that does not decline the file; none when every one
 * declines it, or when it is a registry left unread. A named registry is read as one
 * whatever its shape.
 */
function extractByShape(candidate: Candidate, text: string, context: ExtractContext): ReadFile | undefined {
  for (const [index, reader] of candidate.readers.entries()) {
    const { declined, ...result } = runExtractor(reader, candidate.path, text, context);
    if (declined && !candidate.named) continue;
    if (index === 0 && candidate.registryUnread) return undefined;
    return { candidate, reader, result };
  }
  return undefined;
}

/** Loads what the extractors in use need (grammars), once each; a failure is a diagnostic. */
async function prepareExtractors(candidates: readonly Candidate[], diagnostics: Diagnostic[]): Promise<void> {
  const extractors = new Set(candidates.flatMap((candidate) => candidate.readers));
  for (const extractor of extractors) {
    try {
      await extractor.prepare?.();
    } catch (error) {
      diagnostics.push({ file: '.', severity: 'error', message: `the ${extractor.format} reader could not start: ${error instanceof Error ? error.message : String(error)}` });
    }
  }
}

/** Extractors promise never to throw; if one does anyway, the run goes on and says so. */
function runExtractor(reader: Extractor, path: string, text: string, context: ExtractContext): ExtractResult {
  try {
    return reader.extract({ path, text }, context);
  } catch (error) {
    return {
      bindings: [],
      diagnostics: [{ file: path, severity: 'error', message: `internal error in the ${reader.format} extractor: ${error instanceof Error ? error.message : String(error)}` }],
    };
  }
}

/** The 1-based number of the first line longer than `max` characters, if any. */
export function firstOverlongLine(text: string, max: number): number | undefined {
  if (text.length <= max) return undefined;
  let line = 1;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const stop = end < 0 ? text.length : end;
    if (stop - start > max) return line;
    if (end < 0) return undefined;
    start = end + 1;
    line++;
  }
}

/** Keeps files in path order until the total byte budget is spent; the rest get one diagnostic. */
function capTotalBytes(texts: Map<string, string>, limits: ReadLimits, diagnostics: Diagnostic[]): Set<string> {
  const kept = new Set<string>();
  let total = 0;
  let dropped = 0;
  for (const path of [...texts.keys()].sort()) {
    const size = Buffer.byteLength(texts.get(path) as string);
    if (total + size > limits.maxTotalBytes) {
      dropped++;
      continue;
    }
    total += size;
    kept.add(path);
  }
  if (dropped > 0) {
    diagnostics.push({
      file: '.',
      severity: 'error',
      message: `${dropped} files not checked: the total of ${formatBytes(limits.maxTotalBytes)} read per run was reached (${raiseHint('maxTotalBytes')})`,
      limit: 'total-bytes',
    });
  }
  return kept;
}
