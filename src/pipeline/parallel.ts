// Parsing is the cost of a check, and GitHub's runners (like these machines) have two cores:
// a large working tree is split in two, one half extracted here and the other in a worker
// thread running the same code (dist/worker.js). Small trees stay on one thread, where a
// worker's start-up (loading the bundle, the grammars again) would cost more than it saves.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadLimits } from '../discover/limits.js';
import type { Candidate } from '../discover/select.js';
import type { Diagnostic, ExtractResult } from '../model/types.js';

/** Below this many files to parse, one thread is faster. */
export const PARALLEL_THRESHOLD = 3000;

/** What the worker is asked to do: extract these files of the working tree at `root`. */
export interface WorkerRequest {
  root: string;
  paths: readonly string[];
  rootName: string;
  limits: ReadLimits;
  /** Each file with the format of the extractor that reads it. */
  items: ReadonlyArray<[path: string, format: string]>;
}

export interface WorkerResponse {
  results: Array<[path: string, result: ExtractResult]>;
  diagnostics: Diagnostic[];
}

/**
 * How many threads to use for `count` files: PORTCULLIS_THREADS=1 forces one, =2 forces a
 * worker whatever the size (for tests); only the bundle has a worker script to start.
 */
export function threadsFor(count: number, env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env['PORTCULLIS_THREADS']);
  if (forced === 1 || workerScript() === undefined) return 1;
  if (forced >= 2) return 2;
  return count >= PARALLEL_THRESHOLD && availableParallelism() >= 2 ? 2 : 1;
}

/** Deals the files out alternately, so that each half gets a like mix of formats and sizes. */
export function splitInTwo<T>(items: readonly T[]): [T[], T[]] {
  const halves: [T[], T[]] = [[], []];
  items.forEach((item, index) => (index % 2 === 0 ? halves[0] : halves[1]).push(item));
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

export function candidateItems(candidates: readonly Candidate[]): Array<[string, string]> {
  return candidates.map((candidate) => [candidate.path, candidate.extractor.format]);
}
