#!/usr/bin/env node
// npm run bench: times `dist/cli.js check` as a whole process on generated monorepos (50 and
// 2,000 services, ten files each, a tenth of them configs), plain and with --base on a pull
// request that touches ten files; side by side with DCLint's duplicate-port rule on the same
// compose files and with the floor (list, read and parse the plain way). Then detection alone
// on 25,000 to 100,000 bindings, and the Markdown registry reader on a 1 MiB PORTS.md.
// Prints Markdown tables of medians.
//
//   node bench/run.mjs [--sizes 50,2000] [--runs 5] [--dclint-runs 1] [--no-dclint] [--fleet 50]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { generateFleet, generateTree, injectedCollisions, isComposeFile, pullRequestEdits } from './generate.mjs';

// DCLint runs every rule unless told otherwise; the comparison is with its duplicate-port rule alone.
const DCLINT_RULES = [
  'no-build-and-image',
  'no-duplicate-container-names',
  'no-duplicate-exported-ports',
  'no-quotes-in-volumes',
  'no-unbound-port-interfaces',
  'no-version-field',
  'require-project-name-field',
  'require-quotes-in-ports',
  'service-container-name-regex',
  'service-dependencies-alphabetical-order',
  'service-image-require-explicit-tag',
  'service-keys-order',
  'service-ports-alphabetical-order',
  'services-alphabetical-order',
  'top-level-properties-order',
];

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '..', 'dist', 'cli.js');
const dclint = resolve(here, '..', 'node_modules', 'dclint', 'bin', 'dclint.cjs');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '50,2000' },
    runs: { type: 'string', default: '5' },
    'dclint-runs': { type: 'string', default: '1' },
    'no-dclint': { type: 'boolean', default: false },
    fleet: { type: 'string', default: '50' },
  },
});
const runs = Number(values.runs);
const time = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}

console.log(`node ${process.version}, ${runs} runs each (median), peak RSS from ${time ?? 'nothing: /usr/bin/time is missing'}\n`);
console.log('| services | files | compose files | portcullis check | check --base (PR of 10 files) | --base extra | floor (fast-glob + read + yaml) | portcullis, compose files only | DCLint duplicate-port rule, same files | DCLint / portcullis (compose only) | conflicts | peak RSS |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
const sizes = values.sizes.split(',').map(Number);
for (const size of sizes) console.log(benchTree(size));
console.log(`\n${await benchStages(sizes)}`);
console.log(`\n${benchFleet(Number(values.fleet))}`);
console.log(`\n${await benchDetection()}`);
console.log(`\n${await benchMarkdownRegistry()}`);

function benchTree(size) {
  const work = join(here, '.work', `tree-${size}`);
  const files = writeTree(work, size);
  const composeFiles = [...files.keys()].filter(isComposeFile);
  const plain = measure(() => spawnTimed([process.execPath, cli, 'check', work, '--format', 'json', '--fail-on', 'none']), runs);
  const based = measure(() => spawnTimed([process.execPath, cli, 'check', work, '--base', 'HEAD~1', '--format', 'json', '--fail-on', 'none']), runs);
  const floor = measure(() => spawnTimed([process.execPath, join(here, 'floor.mjs'), work]), runs);
  const conflicts = JSON.parse(plain.last.stdout).conflicts.length;
  assertInjectedFound(JSON.parse(based.last.stdout), size);
  // The same compose files (and the .env beside each) alone: what DCLint is given.
  const composeOnly = join(here, '.work', `compose-${size}`);
  rmSync(composeOnly, { recursive: true, force: true });
  for (const file of composeFiles) {
    for (const path of [file, join(dirname(file), '.env')]) {
      if (!files.has(path)) continue;
      mkdirSync(dirname(join(composeOnly, path)), { recursive: true });
      writeFileSync(join(composeOnly, path), files.get(path));
    }
  }
  const compose = measure(() => spawnTimed([process.execPath, cli, 'check', composeOnly, '--format', 'json', '--fail-on', 'none']), runs);
  let dclintCell = 'skipped';
  let ratio = '';
  if (!values['no-dclint']) {
    const config = join(work, '..', `dclint-${size}.json`);
    const rules = Object.fromEntries(DCLINT_RULES.map((rule) => [rule, rule === 'no-duplicate-exported-ports' ? 2 : 0]));
    writeFileSync(config, JSON.stringify({ rules }));
    const result = measure(() => spawnTimed([process.execPath, dclint, ...composeFiles.map((file) => join(work, file)), '-c', config, '--color', 'false'], { allowFailure: true }), Number(values['dclint-runs']));
    dclintCell = `${ms(result.median)}`;
    ratio = `${(result.median / compose.median).toFixed(1)}x`;
  }
  return `| ${size} | ${files.size} | ${composeFiles.length} | ${ms(plain.median)} | ${ms(based.median)} | ${percent(based.median, plain.median)} | ${ms(floor.median)} | ${ms(compose.median)} | ${dclintCell} | ${ratio} | ${conflicts} | ${plain.rss ?? '-'} MiB |`;
}

/**
 * The pull request's injected collisions must all be found, as new errors naming the service
 * that moved onto another's port: a faster run that misses them measures nothing.
 */
function assertInjectedFound(report, size) {
  const missed = injectedCollisions(size).filter(({ port, service }) =>
    !report.conflicts.some((conflict) => conflict.severity === 'error' && conflict.status === 'new' && conflict.port <= port && port <= conflict.endPort && conflict.services.includes(service)),
  );
  if (missed.length > 0) throw new Error(`the ${size}-service tree's injected collisions were not all found: ${missed.map(({ port, service }) => `${service} on ${port}`).join(', ')}`);
}

/** A NixOS fleet of `hosts` machines (bench/generate.mjs): the machines, imports and defaults the topology follows. */
function benchFleet(hosts) {
  const work = join(here, '.work', `fleet-${hosts}`);
  rmSync(work, { recursive: true, force: true });
  const files = generateFleet(hosts);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  const result = measure(() => spawnTimed([process.execPath, cli, 'check', work, '--format', 'json', '--fail-on', 'none']), runs);
  const report = JSON.parse(result.last.stdout);
  const errors = report.conflicts.filter((conflict) => conflict.severity === 'error').length;
  if (errors > 0) throw new Error(`the generated fleet has no collision, but ${errors} errors were reported`);
  const machines = new Set(report.bindings.map((binding) => binding.scope)).size;
  return ['| fleet | .nix files | machines seen | claims | errors | check | peak RSS |', '| --- | --- | --- | --- | --- | --- | --- |', `| ${hosts} hosts | ${files.size} | ${machines} | ${report.bindings.length} | ${errors} | ${ms(result.median)} | ${result.rss ?? '-'} MiB |`].join('\n');
}

/** Each stage's time inside one process, from the source: the topology's share of the check. */
async function benchStages(sizes) {
  const out = join(here, '.work', 'stages.mjs');
  await build({ entryPoints: [join(here, 'stageCosts.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error', packages: 'external' });
  const { measureStages } = await import(pathToFileURL(out).href);
  const rows = ['| services | extract | topology | topology + resolve + detect | topology share of the check |', '| --- | --- | --- | --- | --- |'];
  for (const size of sizes) {
    const results = [];
    for (let i = 0; i < runs; i++) results.push(await measureStages(join(here, '.work', `tree-${size}`)));
    const median = (key) => results.map((result) => result[key]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
    const whole = median('extractMs') + median('analyzeMs');
    rows.push(`| ${size} | ${ms(median('extractMs'))} | ${ms(median('topologyMs'))} | ${ms(median('analyzeMs'))} | ${((median('topologyMs') / whole) * 100).toFixed(1)}% |`);
  }
  return rows.join('\n');
}

/** Writes the tree as a git repository with a base commit and a head commit (the pull request). */
function writeTree(work, size) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const files = generateTree(size);
  for (const [path, text] of files) {
    mkdirSync(dirname(join(work, path)), { recursive: true });
    writeFileSync(join(work, path), text);
  }
  const git = (...args) => execFileSync('git', args, { cwd: work, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' } });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  for (const [path, text] of pullRequestEdits(size)) writeFileSync(join(work, path), text);
  git('commit', '-q', '-am', 'head');
  return files;
}

function spawnTimed(argv, { allowFailure = false } = {}) {
  const command = time ? [time, '-f', '%M', ...argv] : argv;
  const started = process.hrtime.bigint();
  const child = spawnSync(command[0], command.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30 });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0 && !allowFailure) throw new Error(`${argv.join(' ')} failed (${child.status}): ${child.stderr.slice(-2000)}`);
  const rss = time ? Math.round(Number(child.stderr.trim().split('\n').pop()) / 1024) : undefined;
  return { elapsed, rss, stdout: child.stdout };
}

function measure(run, count) {
  const results = Array.from({ length: count }, run);
  const times = results.map((result) => result.elapsed).sort((a, b) => a - b);
  const rss = results.every((result) => result.rss !== undefined) ? Math.max(...results.map((result) => result.rss)) : undefined;
  return { median: times[Math.floor(times.length / 2)], rss, last: results[results.length - 1] };
}

/** Detection alone, bundled from the source: the cost per binding must stay flat (O(n log n)). */
async function benchDetection() {
  const out = join(here, '.work', 'detect.mjs');
  await build({ entryPoints: [join(here, '..', 'src', 'detect', 'detect.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const { detectConflicts } = await import(pathToFileURL(out).href);
  const rows = ['| bindings | services | conflicts | detect | per binding |', '| --- | --- | --- | --- | --- |'];
  for (const count of [25_000, 50_000, 100_000]) {
    const bindings = syntheticBindings(count);
    const registry = { present: false, entries: [], categories: [], reserved: [] };
    const times = [];
    let conflicts = 0;
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      conflicts = detectConflicts(bindings, registry).length;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    rows.push(`| ${count} | ${count} | ${conflicts} | ${ms(median)} | ${((median * 1000) / count).toFixed(1)} µs |`);
  }
  return rows.join('\n');
}

/** One binding per service on mostly distinct ports, one in fifty sharing a port with another. */
function syntheticBindings(count) {
  return Array.from({ length: count }, (_, index) => ({
    service: `svc-${index}`,
    port: 1024 + ((index % 50 === 0 ? index + 1 : index) % 60_000),
    endPort: 1024 + ((index % 50 === 0 ? index + 1 : index) % 60_000),
    protocol: index % 7 === 0 ? 'udp' : 'tcp',
    hostIp: null,
    scope: 'host',
    kind: 'listen',
    format: 'bench',
    file: `svc-${index}/.env`,
    line: 1,
    column: 10,
  }));
}

/**
 * A 1 MiB PORTS.md (one table of 21,850 rows): the Markdown reader alone, bundled from the
 * source, and the whole check as a process. The Markdown parser keeps every event of what it
 * parses, so the reader cuts the document into pieces; this is the figure that says it worked.
 */
async function benchMarkdownRegistry() {
  const work = join(here, '.work', 'markdown-registry');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  let text = '# Ports\n\n| Port | Service | Notes |\n| --- | --- | --- |\n';
  for (let i = 0; text.length < 1024 * 1024 - 100; i++) text += `| ${10000 + (i % 50000)} | svc-${i} | note about service ${i} |\n`;
  writeFileSync(join(work, 'PORTS.md'), text);
  const out = join(here, '.work', 'markdown.mjs');
  await build({ entryPoints: [join(here, '..', 'src', 'extract', 'registry', 'markdown.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
  const { extractMarkdownRegistry } = await import(pathToFileURL(out).href);
  const times = [];
  let entries = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    entries = extractMarkdownRegistry({ path: 'PORTS.md', text }).bindings.length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const check = measure(() => spawnTimed([process.execPath, cli, 'check', work, '--format', 'json', '--fail-on', 'none']), runs);
  return [
    '| registry | entries | read (extract) | portcullis check | check peak RSS |',
    '| --- | --- | --- | --- | --- |',
    `| PORTS.md, ${(text.length / 1024 / 1024).toFixed(2)} MiB | ${entries} | ${ms(times[Math.floor(times.length / 2)])} | ${ms(check.median)} | ${check.rss ?? '-'} MiB |`,
  ].join('\n');
}

function ms(value) {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

function percent(value, base) {
  return `${value >= base ? '+' : ''}${(((value - base) / base) * 100).toFixed(0)}%`;
}
