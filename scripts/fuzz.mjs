#!/usr/bin/env node
// `npm run fuzz`: the property-based fuzz suite (__tests__/fuzz) with far more inputs than
// `npm test` runs, one seed for the whole run (printed first, so any failure can be replayed),
// and a watchdog for hangs: a synchronous loop cannot be interrupted from its own thread, so
// each worker writes down the input it is about to run, and an input that has not finished
// after --hang-seconds is printed and the run stopped.
//
//   npm run fuzz                                   2,000 inputs per property, a random seed
//   npm run fuzz -- --runs 20000 --seed 42         more inputs, a chosen seed
//   npm run fuzz -- --seed 42 --path "7:1:0" __tests__/fuzz/yamlExtractors -t compose
//                                                  replay what fast-check reported
//   FUZZ_RUNS=20000 npm run fuzz                   the count from the environment
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';

/** Our options; everything else goes to jest (a test path, `-t <name>`). */
function parseOptions(argv) {
  const options = { 'hang-seconds': '60' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i]?.startsWith('--') ? argv[i].slice(2) : undefined;
    if (name === 'runs' || name === 'seed' || name === 'path' || name === 'hang-seconds') options[name] = argv[++i];
    else rest.push(argv[i]);
  }
  return { options, rest };
}

const { options, rest } = parseOptions(process.argv.slice(2));
const runs = Number(options.runs ?? process.env.FUZZ_RUNS ?? 2000);
const seed = Number(options.seed ?? process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const hangMs = Number(options['hang-seconds']) * 1000;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed) || !(hangMs > 0)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S] [--path P] [--hang-seconds H] [test path] [jest options]');
  process.exit(2);
}
// A jest option's value (`-t compose`) is no test path.
const namesTests = rest.some((arg, i) => !arg.startsWith('-') && !rest[i - 1]?.startsWith('-'));
const jestArgs = [...(namesTests ? [] : ['__tests__/fuzz']), ...rest];

const traceDir = mkdtempSync(join(tmpdir(), 'portcullis-fuzz-'));
console.log(`fuzz: ${runs} inputs per property, seed ${seed}${options.path ? `, path ${options.path}` : ''}`);
console.log(`fuzz: replay with: npm run fuzz -- --runs ${runs} --seed ${seed} ${jestArgs.join(' ')}`);

const jest = spawn(
  process.execPath,
  ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', '--testTimeout', String(24 * 3600 * 1000), ...jestArgs],
  {
    stdio: 'inherit',
    detached: true,
    env: {
      ...process.env,
      FUZZ_RUNS: String(runs),
      FUZZ_SEED: String(seed),
      ...(options.path ? { FUZZ_PATH: options.path } : {}),
      FUZZ_TRACE_DIR: traceDir,
    },
  },
);

/** A trace file not rewritten for hangMs belongs to a worker stuck on the input it holds. */
function stuckTrace() {
  for (const name of readdirSync(traceDir)) {
    const file = join(traceDir, name);
    try {
      if (Date.now() - statSync(file).mtimeMs > hangMs) return { file, trace: readFileSync(file, 'utf8') };
    } catch {
      // The worker finished its property and removed the file meanwhile.
    }
  }
  return undefined;
}

const watchdog = setInterval(() => {
  const stuck = stuckTrace();
  if (!stuck) return;
  clearInterval(watchdog);
  const saved = join(process.cwd(), 'fuzz-hang.json');
  writeFileSync(saved, stuck.trace);
  console.error(`\nfuzz: HANG: an input has been running for more than ${hangMs / 1000} s (seed ${seed}); it is saved in ${saved}:`);
  console.error(stuck.trace.length > 4000 ? `${stuck.trace.slice(0, 4000)}…` : stuck.trace);
  process.kill(-jest.pid, 'SIGKILL');
}, 1000);

jest.on('exit', (code, signal) => {
  clearInterval(watchdog);
  rmSync(traceDir, { recursive: true, force: true });
  if (code !== 0) console.error(`\nfuzz: failed (seed ${seed}); fast-check prints the seed and path of each counterexample above.`);
  process.exit(code ?? (signal ? 1 : 0));
});
