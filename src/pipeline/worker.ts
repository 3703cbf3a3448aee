// The worker thread's entry (dist/worker.js): extracts its half of the working tree with the
// same code as the main thread and sends the results back.
import { parentPort, workerData } from 'node:worker_threads';
import { workingTreeOf } from '../discover/tree.js';
import { EXTRACTORS } from '../extract/index.js';
import { extractLocally } from './extractTree.js';
import { itemCandidates, type WorkerRequest, type WorkerResponse } from './parallel.js';

const request = workerData as WorkerRequest;
const candidates = itemCandidates(request.items, EXTRACTORS);
const tree = await workingTreeOf(request.root, request.paths);
const extraction = await extractLocally(tree, candidates, { rootName: request.rootName, limits: request.limits });
const response: WorkerResponse = {
  results: [...extraction.results].map(([path, { candidate, reader, result }]) => [path, candidate.readers.indexOf(reader), result]),
  diagnostics: extraction.diagnostics,
  limitsHit: extraction.limitsHit,
};
parentPort?.postMessage(response);
