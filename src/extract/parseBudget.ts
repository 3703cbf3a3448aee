// tree-sitter's error recovery takes quadratic time on some hostile inputs (10,000 `-` in a
// .nix file: 1 s; 40,000: 16 s; `<!--` repeated in Python or Go alike), so a file within
// the size limit could still hold the Action for hours. Every syntax tree is built against a
// clock: a per-file deadline and a budget for the whole run, each a limit the user can raise.
import type { Parser, Tree } from 'web-tree-sitter';
import { raiseHint } from '../discover/limits.js';
import type { ParseBudget } from '../model/types.js';
import { noteLimitHit } from './limitsHit.js';

export function createParseBudget(limits: { maxParseMillis: number; maxParseSeconds: number }, now: () => number = () => performance.now()): ParseBudget {
  return { fileMillis: limits.maxParseMillis, runMillis: limits.maxParseSeconds * 1000, spentMillis: 0, now };
}

/** A parse that gave up: which budget ran out. */
export type ParseTimeout = 'file' | 'run';

export type ParseOutcome = { tree: Tree } | { timeout: ParseTimeout; message: string } | { failed: true };

/**
 * Parses `text` within the budget (none: unbounded, as in unit tests). The run's budget is
 * checked before parsing starts, so once it is spent no file costs any more time.
 */
export function parseWithinBudget(parser: Parser, text: string, budget: ParseBudget | undefined): ParseOutcome {
  if (!budget) {
    const tree = parseAfresh(parser, text, undefined);
    return tree ? { tree } : { failed: true };
  }
  const runLeft = budget.runMillis - budget.spentMillis;
  if (runLeft <= 0) return timedOut('run', budget);
  const start = budget.now();
  const deadline = start + Math.min(budget.fileMillis, runLeft);
  let cancelled = false;
  // tree-sitter calls this every hundred or so parse steps; returning true cancels the parse.
  const progressCallback = (): boolean => (cancelled = budget.now() > deadline);
  try {
    const tree = parseAfresh(parser, text, progressCallback);
    if (tree) return { tree };
    if (!cancelled) return { failed: true };
    return timedOut(budget.fileMillis <= runLeft ? 'file' : 'run', budget);
  } finally {
    budget.spentMillis += budget.now() - start;
  }
}

/**
 * tree-sitter keeps a parse that did not finish (cancelled, or stopped by an error) in order
 * to resume it: the next file would be read as its continuation. Reset, it starts afresh.
 */
function parseAfresh(parser: Parser, text: string, progressCallback: (() => boolean) | undefined): Tree | null {
  try {
    const tree = parser.parse(text, null, progressCallback ? { progressCallback } : {});
    if (!tree) parser.reset();
    return tree;
  } catch (error) {
    parser.reset();
    throw error;
  }
}

/**
 * Runs a parse that cannot be cancelled (micromark's) against the run's budget: refused once
 * the budget is spent, and charged for its time. Its own cost is bounded before it starts.
 */
export function chargedParse<T>(budget: ParseBudget | undefined, parse: () => T): { value: T } | { timeout: 'run'; message: string } {
  if (!budget) return { value: parse() };
  if (budget.spentMillis >= budget.runMillis) return timedOut('run', budget);
  const start = budget.now();
  try {
    return { value: parse() };
  } finally {
    budget.spentMillis += budget.now() - start;
  }
}

function timedOut<Timeout extends ParseTimeout>(timeout: Timeout, budget: ParseBudget): { timeout: Timeout; message: string } {
  noteLimitHit('parse-budget');
  const message =
    timeout === 'file'
      ? `not read: parsing took longer than ${budget.fileMillis} ms (${raiseHint('maxParseMillis')})`
      : `not read: parsing has used the run's ${budget.runMillis / 1000} s (${raiseHint('maxParseSeconds')})`;
  return { timeout, message };
}
