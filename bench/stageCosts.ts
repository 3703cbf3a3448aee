// The cost of each pipeline stage on one tree, measured inside one process: extraction, the
// topology stage (placing claims on the map of where things run), and resolve plus detect.
// bench/run.mjs bundles this file from the source with esbuild and reports the topology's
// share of the whole.
import { basename } from 'node:path';
import { DEFAULT_LIMITS } from '../src/discover/limits.js';
import { selectCandidates } from '../src/discover/select.js';
import { openWorkingTree } from '../src/discover/tree.js';
import { isRegistryExtractor, readersOf } from '../src/extract/index.js';
import { EMPTY_CONFIG } from '../src/model/config.js';
import { analyzeExtraction } from '../src/pipeline/analyze.js';
import { extractTree } from '../src/pipeline/extractTree.js';
import { placeClaims } from '../src/topology/placeClaims.js';

export interface StageCosts {
  extractMs: number;
  topologyMs: number;
  /** Topology, resolve and detect together, as analyzeExtraction runs them. */
  analyzeMs: number;
}

export async function measureStages(root: string): Promise<StageCosts> {
  const started = performance.now();
  const tree = await openWorkingTree(root);
  const { candidates } = selectCandidates(tree.paths, { readersOf, include: [], exclude: [], registries: [], isRegistryExtractor, limits: DEFAULT_LIMITS });
  const extraction = await extractTree(tree, candidates, { rootName: basename(root), limits: DEFAULT_LIMITS });
  const extracted = performance.now();
  const files = [...extraction.results.values()].map(({ candidate, reader, result }) => ({ path: candidate.path, result, isRegistry: isRegistryExtractor(reader) }));
  const topologyStarted = performance.now();
  placeClaims({ files: files.filter((file) => !file.isRegistry), paths: tree.paths, config: EMPTY_CONFIG, rootName: basename(root) });
  const topologyMs = performance.now() - topologyStarted;
  const analyzeStarted = performance.now();
  analyzeExtraction(files, EMPTY_CONFIG, { paths: tree.paths, rootName: basename(root) });
  return { extractMs: extracted - started, topologyMs, analyzeMs: performance.now() - analyzeStarted };
}
