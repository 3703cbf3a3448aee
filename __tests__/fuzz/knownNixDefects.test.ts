// Known defects of the Nix extractors (see knownDefects.ts), in a test file of its own: the
// crash breaks the tree-sitter parsers for every later test of the same file, so it runs last.
import { beforeAll, expect, it } from '@jest/globals';
import { EXTRACTORS } from '../../src/extract/index.js';
import { nixRegistryExtractor } from '../../src/extract/registry/nixRegistry.js';
import type { Extractor } from '../../src/model/types.js';
import { NIX_DEEP_TREES, NIX_WASM_CRASH } from './knownDefects.js';

const context = { rootName: 'repo', readFile: () => undefined };
const valid = { path: 'lib/ports.nix', text: '{\n  api = 3000;\n}\n' };

const javascript = EXTRACTORS.find((extractor) => extractor.format === 'javascript') as Extractor;

beforeAll(async () => {
  await nixRegistryExtractor.prepare?.();
  await javascript.prepare?.();
});

it(`still shows (remove NIX_DEEP_TREES when this fails): ${NIX_DEEP_TREES.description}`, () => {
  expect(nixRegistryExtractor.extract(NIX_DEEP_TREES.example, context)).toEqual({
    bindings: [],
    diagnostics: [{ file: 'lib/ports.nix', severity: 'error', message: 'port registry: could not read the file: Maximum call stack size exceeded' }],
  });
});

it(`still shows (remove NIX_WASM_CRASH when this fails): ${NIX_WASM_CRASH.description}`, () => {
  const source = { path: 'web/server.js', text: 'app.listen(3000);\n' };
  expect(nixRegistryExtractor.extract(valid, context).bindings).toHaveLength(1);
  expect(javascript.extract(source, context).bindings).toHaveLength(1);
  nixRegistryExtractor.extract(NIX_WASM_CRASH.example, context);
  expect(nixRegistryExtractor.extract(valid, context)).toEqual({
    bindings: [],
    diagnostics: [{ file: 'lib/ports.nix', severity: 'error', message: expect.stringMatching(/^port registry: could not read the file: /) }],
  });
  expect(javascript.extract(source, context)).toEqual({
    bindings: [],
    diagnostics: [{ file: 'web/server.js', severity: 'error', message: expect.stringMatching(/^could not parse the file: /) }],
  });
});
