#!/usr/bin/env node
// npm run bench: times `dist/cli.js check` as a whole process on a generated monorepo
// (2,000 services, about 20,000 files, a tenth of them configs), without and with --base
// on a pull request that touches ten files. Prints a table of medians.
//
//   node bench/run.mjs [--services N] [--runs N]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const cli = resolve(here, '..', 'dist', 'cli.js');
const { values } = parseArgs({ options: { services: { type: 'string', default: '2000' }, runs: { type: 'string', default: '5' } } });
const serviceCount = Number(values.services);
const runs = Number(values.runs);

if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}

const work = join(here, '.work', `tree-${serviceCount}`);
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const git = (...args) => execFileSync('git', args, { cwd: work, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' } });

const files = generateTree(serviceCount);
for (const [path, text] of files) {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}
git('init', '-q', '-b', 'main');
git('add', '-A');
git('commit', '-q', '-m', 'base');
// The pull request: ten configs change, two of them into a collision.
for (let i = 0; i < 10; i++) {
  const n = i * 97 + 5;
  const port = i < 2 ? 10_000 : 20_000 + n;
  writeFileSync(join(work, `services/svc-${n}/.env`), `SVC_${n}_PORT=${port}\n`);
}
git('commit', '-q', '-am', 'head');

console.log(`tree: ${files.size} files (${[...files.keys()].filter(isConfig).length} configs), ${serviceCount} services; ${runs} runs each; node ${process.version}`);
const results = [
  measure('check', ['check', work, '--format', 'json', '--fail-on', 'none']),
  measure('check --base HEAD~1', ['check', work, '--base', 'HEAD~1', '--format', 'json', '--fail-on', 'none']),
];
console.log('\n| run | median | min | max | conflicts | peak RSS |\n| --- | --- | --- | --- | --- | --- |');
for (const r of results) console.log(`| ${r.name} | ${r.median} ms | ${r.min} ms | ${r.max} ms | ${r.conflicts} | ${r.rss} MiB |`);
const [plain, based] = results;
console.log(`\n--base costs ${(((based.median - plain.median) / plain.median) * 100).toFixed(1)}% more than a plain check.`);

function measure(name, args) {
  const times = [];
  let conflicts = 0;
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, cli, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (child.status !== 0) throw new Error(`${name} failed (${child.status}): ${child.stderr}`);
    times.push(elapsed);
    conflicts = JSON.parse(child.stdout).conflicts.length;
    rss = Math.max(rss, Math.round(Number(child.stderr.trim().split('\n').pop()) / 1024));
  }
  times.sort((a, b) => a - b);
  return { name, median: Math.round(times[Math.floor(times.length / 2)]), min: Math.round(times[0]), max: Math.round(times[times.length - 1]), conflicts, rss };
}

function isConfig(path) {
  return /(?:compose[^/]*\.ya?ml|\.env|ports\.yml)$/.test(path);
}

/** A monorepo: per service ten files, one of them a config (compose, process-compose or .env). */
function generateTree(count) {
  const tree = new Map();
  const registry = ['services:'];
  for (let n = 0; n < count; n++) {
    const dir = `services/svc-${n}`;
    const port = 20_000 + n;
    registry.push(`  svc-${n}: ${port}`);
    if (n % 3 === 0) {
      tree.set(`${dir}/compose.yml`, `services:\n  svc-${n}:\n    image: example/svc-${n}:1\n    ports:\n      - "\${SVC_${n}_PORT:-${port}}:8080"\n      - "127.0.0.1:${port}:9090"\n    expose:\n      - "9100"\n`);
    } else if (n % 3 === 1) {
      tree.set(`${dir}/process-compose.yaml`, `processes:\n  svc-${n}:\n    command: ./bin/svc-${n} --port ${port}\n    environment:\n      - LOG_LEVEL=info\n      - DATABASE_URL=postgres://localhost:5432/app\n`);
    } else {
      tree.set(`${dir}/.env`, `SVC_${n}_PORT=${port}\nLOG_LEVEL=info\n`);
    }
    // Nine files that are not configs: source, docs, manifests.
    tree.set(`${dir}/package.json`, JSON.stringify({ name: `svc-${n}`, version: '1.0.0' }, null, 2));
    tree.set(`${dir}/README.md`, `# svc-${n}\n\nListens on ${port}.\n`);
    for (let f = 0; f < 5; f++) tree.set(`${dir}/src/module${f}.ts`, `export function handler${f}(input: string): string {\n  return input.repeat(${f + 1});\n}\n`);
    tree.set(`${dir}/Dockerfile`, `FROM node:24\nCOPY . .\nCMD ["node", "dist/index.js"]\n`);
    tree.set(`${dir}/tsconfig.json`, '{ "extends": "../../tsconfig.base.json" }\n');
  }
  tree.set('ports.yml', `${registry.join('\n')}\n`);
  return tree;
}
