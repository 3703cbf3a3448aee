// Nix files built to break the reader: trees nested thousands deep, and the shape that made
// the WebAssembly runtime trap (a missing token at the bottom of a deep tree).
import { beforeAll, describe, expect, it } from '@jest/globals';
import { EXTRACTORS } from '../../../src/extract/index.js';
import { extractNixModule, nixModuleExtractor } from '../../../src/extract/nix/extractNixModule.js';
import { extractNixRegistry } from '../../../src/extract/registry/nixRegistry.js';
import type { Extractor } from '../../../src/model/types.js';
import { brief, problems } from './helpers.js';

const javascript = EXTRACTORS.find((extractor) => extractor.format === 'javascript') as Extractor;
const context = { rootName: 'repo', readFile: () => undefined };

beforeAll(async () => {
  await nixModuleExtractor.prepare?.();
  await javascript.prepare?.();
});

describe('a missing token deep in the tree', () => {
  it('is reported without asking tree-sitter for its parent, which overflowed the runtime\'s stack and broke every later parse', () => {
    // 750 levels deep, ending in a name the parser had to invent.
    const hostile = extractNixRegistry({ path: 'lib/ports.nix', text: '<!--'.repeat(250) });
    expect(hostile.bindings).toEqual([]);
    expect(problems(hostile)).toEqual([
      'error 1:1 Nix syntax error near `<`',
      'error 1:5 Nix syntax error near `<`',
      'error 1:9 Nix syntax error near `<`',
      'error 1:13 Nix syntax error near `<`',
      'error 1:17 Nix syntax error near `<` (and 246 more syntax errors)',
      'error 1:1 port registry: expected an attribute set of ports',
    ]);
    // The runtime is whole: the next Nix file and the next JavaScript file read as usual.
    expect(extractNixRegistry({ path: 'lib/ports.nix', text: '{\n  api = 3000;\n}\n' }).bindings.map((b) => `${b.service}:${b.port}@${b.line}:${b.column}`)).toEqual(['api:3000@2:9']);
    expect(javascript.extract({ path: 'web/server.js', text: 'app.listen(3000);\n' }, context).bindings.map((b) => `${b.port}@${b.line}:${b.column}`)).toEqual(['3000@1:12']);
  });

  it('is walked without recursion: 10,000 nested `-` give syntax errors, not a stack overflow', () => {
    const result = extractNixRegistry({ path: 'lib/ports.nix', text: '-'.repeat(10_000) });
    expect(problems(result)).toEqual(['error 1:10001 Nix syntax error: expected a name', 'error 1:1 port registry: expected an attribute set of ports']);
  });
});

describe('nesting deeper than 64 levels', () => {
  const nested = (depth: number) => `${'{ a = '.repeat(depth)}1${'; }'.repeat(depth)}`;

  it('stops a module at the 64th level with one warning there, keeping what came before', () => {
    const text = `{\n  services.api.port = 8080;\n  deep = ${nested(3_000)};\n}\n`;
    const result = extractNixModule({ path: 'hosts/a.nix', text });
    expect(result.bindings.map(brief)).toEqual(['api *:8080/tcp @2:23 api.port']);
    // Level 1 is the file's set, level 2 `deep`'s (column 10): the 65th set opens at column 10 + 6 * 63.
    expect(problems(result)).toEqual([`warning 3:${10 + 6 * 63} nested deeper than 64 levels: not read from here`]);
  });

  it('reads a registry no deeper than category.service.port-name, however deep the file nests', () => {
    const result = extractNixRegistry({ path: 'lib/ports.nix', text: `{\n  api = 3000;\n  x = ${nested(3_000)};\n}\n` });
    expect(result.bindings.map((b) => `${b.service}:${b.port}`)).toEqual(['api:3000']);
    expect(problems(result)).toEqual(['error 3:25 port registry: x.a.a.a is nested deeper than category.service.port-name; entry skipped']);
  });
});
