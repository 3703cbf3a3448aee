// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) as ESM for Node.
// esbuild needs no TypeScript compiler API, so any TypeScript version can typecheck.
// `--outdir DIR` builds into DIR instead of dist/: the release script compares such a fresh
// build with the committed dist/ without touching the working tree.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag === -1 ? 'dist' : process.argv[outdirFlag + 1];
if (!outdir) throw new Error('--outdir needs a folder');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Some CommonJS dependencies call require() for Node built-ins; ESM output needs one.
  banner: { js: "import { createRequire as __portcullisCreateRequire } from 'node:module';\nconst require = __portcullisCreateRequire(import.meta.url);" },
};

await build({ ...common, entryPoints: ['src/action/main.ts'], outfile: join(outdir, 'index.js') });
// The extraction worker thread that the Action and the CLI both start on large trees.
await build({ ...common, entryPoints: ['src/pipeline/worker.ts'], outfile: join(outdir, 'worker.js') });
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: join(outdir, 'cli.js'),
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
await chmod(join(outdir, 'cli.js'), 0o755);

// The tree-sitter runtime and grammars load at run time from dist/wasm/: the Action has no node_modules.
const require = createRequire(import.meta.url);
const grammars = join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm');
const wasmFiles = [
  join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'),
  ...['rust', 'go', 'typescript', 'tsx', 'javascript', 'python'].map((name) => join(grammars, `tree-sitter-${name}.wasm`)),
  ...(await readdir('wasm').catch(() => [])).filter((file) => file.endsWith('.wasm')).map((file) => join('wasm', file)),
];
await rm(join(outdir, 'wasm'), { recursive: true, force: true });
await mkdir(join(outdir, 'wasm'), { recursive: true });
for (const file of wasmFiles) await copyFile(file, join(outdir, 'wasm', file.slice(file.lastIndexOf('/') + 1)));

// The JSON Schemas, generated from the zod schemas: bundled to a scratch module that keeps
// its imports of node_modules, run once, and written to dist/schemas/.
const scratch = await mkdtemp(join('node_modules', '.portcullis-schemas-'));
try {
  const generator = resolve(scratch, 'jsonSchemas.mjs');
  await build({ ...common, banner: {}, packages: 'external', entryPoints: ['src/schemas/jsonSchemas.ts'], outfile: generator });
  const { jsonSchemaFiles } = await import(pathToFileURL(generator).href);
  await rm(join(outdir, 'schemas'), { recursive: true, force: true });
  await mkdir(join(outdir, 'schemas'), { recursive: true });
  for (const { name, schema } of jsonSchemaFiles()) await writeFile(join(outdir, 'schemas', name), `${JSON.stringify(schema, null, 2)}\n`);
} finally {
  await rm(scratch, { recursive: true, force: true });
}
