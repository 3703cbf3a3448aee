import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Parser } from 'web-tree-sitter';
import { loadParser } from '../../src/extract/treeSitter/loader.js';
import { chargedParse, createParseBudget, parseWithinBudget } from '../../src/extract/parseBudget.js';
import type { ParseBudget } from '../../src/model/types.js';

let javascript: Parser;
beforeAll(async () => {
  javascript = await loadParser('javascript');
});

/** A clock that moves one millisecond each time it is read. */
function tickingClock(): () => number {
  let now = 0;
  return () => ++now;
}

// Long enough that tree-sitter asks the progress callback many times.
const LONG_SOURCE = 'const server = app.listen(3000);\n'.repeat(5_000);

const FILE_TIMEOUT = (millis: number) => ({ timeout: 'file', message: `not read: parsing took longer than ${millis} ms (raise limits.maxParseMillis in .portcullis.yml)` });
const RUN_TIMEOUT = (seconds: number) => ({ timeout: 'run', message: `not read: parsing has used the run's ${seconds} s (raise limits.maxParseSeconds in .portcullis.yml)` });

describe('parseWithinBudget', () => {
  it('parses without a clock when there is no budget', () => {
    const outcome = parseWithinBudget(javascript, 'app.listen(3000);\n', undefined);
    expect('tree' in outcome && outcome.tree.rootNode.type).toBe('program');
  });

  it('gives the tree and counts the time spent when the parse ends in time', () => {
    const budget = createParseBudget({ maxParseMillis: 1_000_000, maxParseSeconds: 1_000 }, tickingClock());
    const outcome = parseWithinBudget(javascript, LONG_SOURCE, budget);
    expect('tree' in outcome && outcome.tree.rootNode.namedChildCount).toBe(5_000);
    expect(budget.spentMillis).toBeGreaterThan(1);
  });

  it('cancels a parse that passes the per-file deadline', () => {
    const budget = createParseBudget({ maxParseMillis: 5, maxParseSeconds: 1_000 }, tickingClock());
    expect(parseWithinBudget(javascript, LONG_SOURCE, budget)).toEqual(FILE_TIMEOUT(5));
    // The callback stops the parse at the first look past the deadline: a few ticks over, not the whole file.
    expect(budget.spentMillis).toBeGreaterThanOrEqual(5);
    expect(budget.spentMillis).toBeLessThan(10);
  });

  it('cancels a parse that passes what is left of the run, and calls it the run\'s deadline', () => {
    const budget: ParseBudget = { ...createParseBudget({ maxParseMillis: 1_000, maxParseSeconds: 1 }, tickingClock()), spentMillis: 995 };
    expect(parseWithinBudget(javascript, LONG_SOURCE, budget)).toEqual(RUN_TIMEOUT(1));
    expect(budget.spentMillis).toBeGreaterThanOrEqual(1_000);
  });

  it('does not start a parse once the run has spent its budget', () => {
    const budget: ParseBudget = { ...createParseBudget({ maxParseMillis: 1_000, maxParseSeconds: 1 }), spentMillis: 1_000 };
    const refusing = { parse: () => { throw new Error('parse() called'); } } as unknown as Parser;
    expect(parseWithinBudget(refusing, 'x', budget)).toEqual(RUN_TIMEOUT(1));
  });

  it('stops tree-sitter-nix\'s quadratic recovery on hostile input at the deadline (unbounded: about 16 s), and reads the next file afresh', async () => {
    const nix = await loadParser('nix');
    const budget = createParseBudget({ maxParseMillis: 100, maxParseSeconds: 300 });
    expect(parseWithinBudget(nix, '-'.repeat(40_000), budget)).toEqual(FILE_TIMEOUT(100));
    // tree-sitter keeps a cancelled parse to resume it: without a reset this tree would be the hostile file's continuation.
    const next = parseWithinBudget(nix, '{ a = 1; }', budget);
    expect('tree' in next && next.tree.rootNode.toString()).toBe(
      '(source_code expression: (attrset_expression (binding_set binding: (binding attrpath: (attrpath attr: (identifier)) expression: (integer_expression)))))',
    );
  });
});

describe('chargedParse: a parse that cannot be cancelled (Markdown)', () => {
  it('runs the parse, charges its time to the run, and refuses once the run has spent its budget', () => {
    const budget = createParseBudget({ maxParseMillis: 10, maxParseSeconds: 1 }, tickingClock());
    expect(chargedParse(budget, () => 'tree')).toEqual({ value: 'tree' });
    expect(budget.spentMillis).toBe(1);
    budget.spentMillis = 1_000;
    expect(chargedParse(budget, () => 'not parsed')).toEqual(RUN_TIMEOUT(1));
  });

  it('runs unbounded without a budget', () => {
    expect(chargedParse(undefined, () => 42)).toEqual({ value: 42 });
  });
});
