// Loads tree-sitter grammars (WebAssembly) once per process, only when a file needs one.
// In the bundle the .wasm files sit in dist/wasm/ (scripts/build.mjs copies them there);
// from source (tests) they come from node_modules and wasm/.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';

export type GrammarName = 'rust' | 'go' | 'typescript' | 'tsx' | 'javascript' | 'python' | 'nix';

const here = dirname(fileURLToPath(import.meta.url));
let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

/** Where a .wasm file is: beside the bundle, in node_modules, or in the repository's wasm/. */
export function locateWasm(file: string): string {
  const bundled = join(here, 'wasm', file);
  if (existsSync(bundled)) return bundled;
  const require = createRequire(import.meta.url);
  if (file === 'web-tree-sitter.wasm') return join(dirname(require.resolve('web-tree-sitter')), file);
  if (file === 'tree-sitter-nix.wasm') return join(here, '..', '..', '..', 'wasm', file);
  return join(dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm', file);
}

/** A parser for one grammar; loads the runtime and the grammar on first use. */
export async function loadParser(name: GrammarName): Promise<Parser> {
  runtime ??= Parser.init({ locateFile: (file: string) => locateWasm(file) });
  await runtime;
  let language = languages.get(name);
  if (!language) languages.set(name, (language = Language.load(locateWasm(`tree-sitter-${name}.wasm`))));
  const parser = new Parser();
  parser.setLanguage(await language);
  return parser;
}
