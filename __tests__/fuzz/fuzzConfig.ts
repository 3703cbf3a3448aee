// How much the fuzz properties run, and how a failure is reproduced: a bounded amount under
// `npm test`; under `npm run fuzz` (scripts/fuzz.mjs) FUZZ_RUNS inputs per property, and
// FUZZ_SEED (with FUZZ_PATH, both printed by fast-check on a failure) replays one.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@jest/globals';
import fc from 'fast-check';

/**
 * Runs per property under `npm test`: a new seed on every run, 100 inputs each, which keeps
 * the fuzz files near a fifth of the suite's time (the suite aims at three minutes on two
 * cores). Depth is `npm run fuzz`'s job: 2,000 inputs per property by default.
 */
const RUNS_IN_TEST = 100;

/**
 * An input that takes longer than this to extract is a failure, reported with the input.
 * Generous on purpose: it catches hangs and super-linear blow-ups (seconds to hours), not
 * speed, which the benchmark measures; a loaded CI machine must not trip it.
 */
export const MAX_INPUT_MS = 5000;

export { cpuMillis } from '../helpers/cpuTime.js';

/**
 * Under `npm test`, a property stops after this long, shrinking included: a failure found by
 * then is still reported (with the smallest input found so far), but a slow input cannot hold
 * the suite for minutes while fast-check shrinks it. `npm run fuzz` has no such limit.
 */
const PROPERTY_TIME_LIMIT_MS = 30_000;

export function fuzzParameters<Ts = [unknown]>(runsInTest = RUNS_IN_TEST): fc.Parameters<Ts> {
  const runs = Number(process.env['FUZZ_RUNS']);
  const seed = process.env['FUZZ_SEED'];
  const path = process.env['FUZZ_PATH'];
  const fuzzing = Number.isInteger(runs) && runs > 0;
  return {
    numRuns: fuzzing ? runs : runsInTest,
    ...(fuzzing ? {} : { interruptAfterTimeLimit: PROPERTY_TIME_LIMIT_MS }),
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
  };
}

/**
 * Asserts that `violations` finds nothing wrong with any generated input. A violation fails
 * the property with its message; fast-check then shrinks the input and prints it with the
 * seed and path that replay it.
 */
export function assertNoViolations<T>(arbitrary: fc.Arbitrary<T>, violations: (input: T) => string[], runsInTest?: number): void {
  try {
    fc.assert(
      fc.property(arbitrary, (input) => {
        traceInput(input);
        const found = violations(input);
        if (found.length > 0) throw new Error(found.join('\n'));
      }),
      fuzzParameters<[T]>(runsInTest),
    );
  } finally {
    endTrace();
  }
}

/**
 * A synchronous hang cannot be interrupted from inside its own thread, so under
 * scripts/fuzz.mjs every input is written down before it runs: the script's watchdog prints
 * the input that a stalled worker was on.
 */
function traceFile(): string | undefined {
  const dir = process.env['FUZZ_TRACE_DIR'];
  return dir ? join(dir, `worker-${process.env['JEST_WORKER_ID'] ?? '0'}.json`) : undefined;
}

function traceInput(input: unknown): void {
  const file = traceFile();
  if (file) writeFileSync(file, JSON.stringify({ test: expect.getState().currentTestName, input }));
}

function endTrace(): void {
  const file = traceFile();
  if (file) rmSync(file, { force: true });
}
