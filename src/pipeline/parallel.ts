// A large working tree can be split in two, one half extracted here and the other in a worker
// thread running the same code (dist/worker.js). Only where there are cores to spare: on two
// cores V8's own garbage-collection and compiler threads already use the second one, and a
// worker competes with them. Measured on the 2-core machine (2,000 services, 14,500 files to
// extract): one thread 1.40 s, two 1.48 s; with one core taken by another job 1.75-1.95 s
// against 1.87-2.06 s. The worker's own start (loading the bundle, the grammars again) is
// about 300 ms, so small trees stay on one thread on any machine.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadLimits } from '../discover/limits.js';
import type { Candidate } from '../discover/select.js';
import type { Diagnostic, Extractor, ExtractResult } from '../model/types.js';
import type { LimitHit } from './extractTree.js';

/** Below this many files to parse, one thread is faster. */
export const PARALLEL_THRESHOLD = 3000;
/** Cores a machine needs before a worker thread pays: GitHub's 4-core runners, not its 2-core ones. */
export const PARALLEL_MIN_CORES = 4;

/** What the worker is asked to do: extract these files of the working tree at `root`. */
export interface WorkerRequest {
  root: string;
  paths: readonly string[];
  rootName: string;
  limits: ReadLimits;
  /** Each file with its candidate readers (see Candidate). */
  items: readonly WorkerItem[];
}

/**
 * A candidate as the worker gets it: its readers as indexes into the catalogue (EXTRACTORS),
 * since several readers share a format (TypeScript and TSX; compose by name and by shape).
 */
export interface WorkerItem {
  path: string;
  readers: number[];
  registryUnread?: true;
  named?: true;
}

export interface WorkerResponse {
  /** Each read file with the index, among its candidate readers, of the one that read it. */
  results: Array<[path: string, reader: number, result: ExtractResult]>;
  diagnostics: Diagnostic[];
  limitsHit: LimitHit[];
}

/**
 * How many threads to use for `count` files: PORTCULLIS_THREADS=1 forces one, =2 forces a
 * worker whatever the size (for tests); only the bundle has a worker script to start.
 */
export function threadsFor(count: number, env: NodeJS.ProcessEnv = process.env, cores: number = availableParallelism(), hasWorker: boolean = workerScript() !== undefined): number {
  const forced = Number(env['PORTCULLIS_THREADS']);
  if (forced === 1 || !hasWorker) return 1;
  if (forced >= 2) return 2;
  return count >= PARALLEL_THRESHOLD && cores >= PARALLEL_MIN_CORES ? 2 : 1;
}

/**
 * Deals the files of each kind out alternately, so that each half gets as many of each format.
 * Dealing the whole list alternately does not: a monorepo's folders repeat one pattern of
 * files, and with an even number per folder one thread got every YAML file and sat idle for
 * a third of the run while the other parsed them.
 */
export function splitInTwo<T>(items: readonly T[], kindOf: (item: T) => string): [T[], T[]] {
  const halves: [T[], T[]] = [[], []];
  const dealt = new Map<string, number>();
  for (const item of items) {
    const kind = kindOf(item);
    const turn = dealt.get(kind) ?? 0;
    halves[turn % 2]?.push(item);
    dealt.set(kind, turn + 1);
  }
  return halves;
}

export function extractInWorker(request: WorkerRequest): Promise<WorkerResponse> {
  const script = workerScript();
  if (script === undefined) return Promise.reject(new Error('no worker script beside the bundle'));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: request });
    worker.once('message', (response: WorkerResponse) => {
      resolve(response);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the extraction worker stopped with exit code ${code}`));
    });
  });
}

/** dist/worker.js beside the bundle that runs; absent when running from source. */
function workerScript(): string | undefined {
  const script = fileURLToPath(new URL('./worker.js', import.meta.url));
  return existsSync(script) ? script : undefined;
}

export function candidateItems(candidates: readonly Candidate[], catalogue: readonly Extractor[]): WorkerItem[] {
  return candidates.map(({ path, readers, registryUnread, named }) => {
    const item: WorkerItem = { path, readers: readers.map((reader) => catalogue.indexOf(reader)) };
    if (registryUnread) item.registryUnread = true;
    if (named) item.named = true;
    return item;
  });
}

/** The candidates again, on the worker's side. */
export function itemCandidates(items: readonly WorkerItem[], catalogue: readonly Extractor[]): Candidate[] {
  return items.flatMap(({ path, readers: indexes, registryUnread, named }) => {
    const readers = indexes.flatMap((index) => catalogue[index] ?? []);
    if (readers.length === 0) return [];
    const candidate: Candidate = { path, readers };
    if (registryUnread) candidate.registryUnread = true;
    if (named) candidate.named = true;
    return [candidate];
  });
}
