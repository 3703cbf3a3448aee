// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { goIntegerValue, javascriptIntegerValue, pythonIntegerValue, rustIntegerValue } from '../../../src/extract/source/integerLiterals.js';
import { claimsOf, extractFrom, prepareSourceExtractors } from './helpers.js';

beforeAll(prepareSourceExtractors);

const NAMELESS = 'has no letter or digit, so it names no service: its ports are not checked';

describe('source service names with no letter or digit', () => {
  it('names the service by its folder when the package manifest names it `-` or `_`, as when it names none', () => {
    const js = extractFrom({ 'web/package.json': '{ "name": "-" }\n', 'web/server.js': 'app.listen(3000);\n' }, 'web/server.js');
    expect(claimsOf(js.bindings)).toEqual([{ service: 'web', port: 3000, protocol: 'tcp', hostIp: null, line: 1, column: 12 }]);
    expect(js.diagnostics).toEqual([]);
    const python = extractFrom({ 'api/pyproject.toml': '[project]\nname = "_"\n', 'api/app.py': 'app.run(port=5000)\n' }, 'api/app.py');
    expect(claimsOf(python.bindings)).toEqual([{ service: 'api', port: 5000, protocol: 'tcp', hostIp: null, line: 1, column: 14 }]);
  });

  it('skips a Go `cmd/_/` folder and folders named `-` for the next name: the module, then the root', () => {
    const files = {
      'go.mod': 'module example.com/gateway\n',
      'cmd/_/main.go': 'package main\n\nfunc main() { http.ListenAndServe(":8080", nil) }\n',
    };
    expect(claimsOf(extractFrom(files, 'cmd/_/main.go').bindings)).toEqual([{ service: 'gateway', port: 8080, protocol: 'tcp', hostIp: null, line: 3, column: 37 }]);
    const unnamedFolder = extractFrom({ '-/server.js': 'app.listen(3000);\n' }, '-/server.js', 'shop');
    expect(claimsOf(unnamedFolder.bindings)).toEqual([{ service: 'shop', port: 3000, protocol: 'tcp', hostIp: null, line: 1, column: 12 }]);
  });

  it('claims nothing when no name is left, and says so at each port', () => {
    const result = extractFrom({ 'package.json': '{ "name": "_" }\n', 'server.js': 'app.listen(3000);\nhttp.createServer(h).listen(3001);\n' }, 'server.js', '_');
    expect(result).toEqual({
      bindings: [],
      diagnostics: [
        { file: 'server.js', line: 1, column: 12, severity: 'warning', message: `folder "_" ${NAMELESS}` },
        { file: 'server.js', line: 2, column: 29, severity: 'warning', message: `folder "_" ${NAMELESS}` },
      ],
    });
  });
});

describe('Go integer literals, as the Go spec reads them', () => {
  const flag = (value: string) => `package main\nfunc main() {\n\tflags := []cli.Flag{&cli.IntFlag{Name: "port", Value: ${value}}}\n}\n`;
  const go = (value: string) => extractFrom({ 'api/go.mod': 'module example.com/api\n', 'api/main.go': flag(value) }, 'api/main.go');

  it('reads a leading 0 as octal (`0123` is 83) and every prefixed form, at the literal', () => {
    for (const [literal, port] of [['0123', 83], ['0o17620', 8080], ['0O_17620', 8080], ['0x1F90', 8080], ['0b1111110010000', 8080], ['8_080', 8080], ['0_17620', 8080]] as const) {
      expect([literal, claimsOf(go(literal).bindings)]).toEqual([literal, [{ service: 'api', port, protocol: 'tcp', hostIp: null, line: 3, column: 56, isDefault: true, setting: 'port' }]]);
    }
  });

  it('claims nothing for `086`, which Go rejects (tree-sitter reads `0` and `86`), and warns of the syntax error', () => {
    expect(go('086')).toEqual({
      bindings: [],
      diagnostics: [{ file: 'api/main.go', line: 3, column: 56, severity: 'warning', message: 'go syntax error: listeners in the rest of the file are still read' }],
      facts: { goPackage: 'main' },
    });
  });

  it('goIntegerValue: decimal, 0b, 0o, 0x and legacy octal, `_` only between digits or after the prefix', () => {
    const values = ['0', '8080', '8_080', '0123', '00', '0_7', '0o777', '0B101', '0x_FF', '0XfF'].map(goIntegerValue);
    expect(values).toEqual([0, 8080, 8080, 83, 0, 7, 511, 5, 255, 255]);
    const invalid = ['086', '09', '8__080', '8080_', '_8080', '0x', '0b2', '0o8', '0_x1', '1e3', '8080.0', '0x1F90u16'].map(goIntegerValue);
    expect(invalid).toEqual(new Array(12).fill(undefined));
  });

  it('javascriptIntegerValue: sloppy mode\'s legacy octal and decimal, separators only between digits, no BigInt', () => {
    expect(['8080', '8_080', '0123', '089', '0o17', '0B101', '0x1F90', '0x1f_90'].map(javascriptIntegerValue)).toEqual([8080, 8080, 83, 89, 15, 5, 8080, 8080]);
    expect(['3000n', '0_1', '8080_', '0x_1F', '1e3', '3000.0'].map(javascriptIntegerValue)).toEqual(new Array(6).fill(undefined));
  });

  it('pythonIntegerValue: no leading zero on a decimal other than zero', () => {
    expect(['8080', '8_080', '0', '0_0', '0o17', '0x_1F90', '0b1'].map(pythonIntegerValue)).toEqual([8080, 8080, 0, 0, 15, 8080, 1]);
    expect(['0123', '08080', '8080_', '1e3'].map(pythonIntegerValue)).toEqual(new Array(4).fill(undefined));
  });

  it('rustIntegerValue: leading zeros, separators anywhere after the first digit, type suffixes', () => {
    expect(['8765', '08765', '8_765u16', '8765_usize', '0x1F90', '0x1f90u16', '0o17', '0b_1'].map(rustIntegerValue)).toEqual([8765, 8765, 8765, 8765, 8080, 8080, 15, 1]);
    expect(['_8765', '8765.0', '8765f32', '0x', '1e3'].map(rustIntegerValue)).toEqual(new Array(5).fill(undefined));
  });

  it('claims each language\'s reading of a leading zero: 83 in JavaScript, 123 in Rust, nothing in Python', () => {
    expect(claimsOf(extractFrom({ 'web/server.js': 'app.listen(0123);\n' }, 'web/server.js').bindings)).toEqual([{ service: 'web', port: 83, protocol: 'tcp', hostIp: null, line: 1, column: 12 }]);
    const rust = extractFrom({ 'api/src/main.rs': 'fn main() {\n    let port = 08765;\n    serve(TcpListener::bind(("0.0.0.0", port)));\n}\n' }, 'api/src/main.rs');
    expect(rust.bindings.map(({ port, line, column }) => ({ port, line, column }))).toEqual([{ port: 8765, line: 2, column: 16 }]);
    expect(extractFrom({ 'svc/app.py': 'app.run(port=05000)\n' }, 'svc/app.py').bindings).toEqual([]);
  });
});

describe('number tokens that tree-sitter read only part of', () => {
  it('claims nothing for `port: \\0\\\\89`: the NUL is an error, `\\8` an escape, and `9` is what is left of 89', () => {
    for (const path of ['web/server.js', 'web/server.ts']) {
      expect(extractFrom({ [path]: 'new WebSocketServer({ port: \0\\89 });\n' }, path)).toEqual({
        bindings: [],
        diagnostics: [{ file: path, line: 1, column: 29, severity: 'warning', message: `${path.endsWith('.js') ? 'javascript' : 'typescript'} syntax error: listeners in the rest of the file are still read` }],
      });
    }
  });

  it('still reads a number that a syntax error does not touch', () => {
    const result = extractFrom({ 'web/server.js': 'new WebSocketServer({ port: 8089 }); \0\n' }, 'web/server.js');
    expect(claimsOf(result.bindings)).toEqual([{ service: 'web', port: 8089, protocol: 'tcp', hostIp: null, line: 1, column: 29 }]);
  });
});

describe('a tree that error recovery left unsafe to walk', () => {
  // Fuzzing found it (seed 1785730349): an identifier broken by an emoji, repeated, makes the
  // TypeScript grammar recover into empty `optional_chain` nodes; asking one for its parent
  // corrupted the parser's memory, and every later file of the run failed to parse.
  const hostile = `const socket = dgram.create😀ocket('udp4')${"ate😀ocket('udp4')".repeat(120)};\nsocket.bind(41234);\nserver.listen(3008);\n`;

  it('is not read, and says where; the files after it are read as ever', () => {
    const result = extractFrom({ 'web/src/server.ts': hostile }, 'web/src/server.ts');
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      { file: 'web/src/server.ts', line: 1, column: expect.any(Number), severity: 'error', message: 'not read: the typescript parser recovered from the syntax error here into a tree it cannot walk safely' },
    ]);
    for (let again = 0; again < 3; again++) {
      const next = extractFrom({ 'web/src/main.ts': 'const server = http.createServer(handler);\nserver.listen(3008);\n' }, 'web/src/main.ts');
      expect(claimsOf(next.bindings)).toEqual([{ service: 'web', port: 3008, protocol: 'tcp', hostIp: null, line: 2, column: 15 }]);
    }
  });
});
