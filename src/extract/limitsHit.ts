// Limits that the shared readers (YAML aliases and nesting, variable expansion, parse
// budgets) hit while one file is extracted. Extractors turn them into diagnostics of their
// own; the pipeline must also know that a limit was hit, to mark the check incomplete, and
// passing a collector through every extractor and reader would widen every signature for
// one bit of news. Extracting one file is synchronous and each thread has its own copy of
// this module, so the hits between two calls of takeLimitsHit() belong to that file.
import type { IncompleteReason } from '../model/types.js';

let hits = new Set<IncompleteReason>();

export function noteLimitHit(reason: IncompleteReason): void {
  hits.add(reason);
}

/** The limits hit since the last call, in the order first hit; clears them. */
export function takeLimitsHit(): IncompleteReason[] {
  const taken = [...hits];
  hits = new Set();
  return taken;
}
