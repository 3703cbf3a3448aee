// Bundles the Action (dist/index.js) and the CLI (dist/cli.js) as ESM for Node.
// esbuild needs no TypeScript compiler API, so any TypeScript version can typecheck.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

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

await build({ ...common, entryPoints: ['src/action/main.ts'], outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
await chmod('dist/cli.js', 0o755);
