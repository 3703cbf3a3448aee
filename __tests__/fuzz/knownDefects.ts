// Defects the fuzzer finds in extractors that other engineers own (src/extract/nix/**,
// src/extract/source/**, src/extract/registry/nix*.ts) and that are reported to them rather
// than fixed here. The properties leave exactly these violations aside, so that every other
// violation still fails; knownDefects.test.ts replays each example and fails once the defect
// is gone, so the entry is removed with the fix.
import { SOURCE_FORMATS } from './extractorInputs.js';
import type { ExtractionInput } from './invariants.js';

export interface KnownDefect {
  /** What is wrong, and where. */
  description: string;
  /** The extractor formats it shows in. */
  formats: readonly string[];
  /** The violations it causes. */
  violation: RegExp;
  /** An input that shows it, with the format of the extractor that reads it. */
  example: ExtractionInput & { format: string };
}

export const KNOWN_DEFECTS: readonly KnownDefect[] = [
  {
    description: 'source: a package manifest whose name has no letter or digit (`-`, `_`) gives its listeners the service "" (sourceServiceName)',
    formats: SOURCE_FORMATS,
    violation: /service name is empty/,
    example: { format: 'javascript', path: 'web/server.js', text: 'app.listen(3000);\n', siblings: { 'web/package.json': '{ "name": "-" }\n' } },
  },
  {
    description: 'go: an integer literal with a leading zero is read as decimal: Go reads `0123` as octal 83 (claimed as 123) and rejects `086` (claimed as 86, located at its 8)',
    formats: ['go'],
    violation: /is inside the number "0/,
    example: { format: 'go', path: 'cmd/api/main.go', text: 'package main\nfunc main() {\n\tflags := []cli.Flag{&cli.IntFlag{Name: "port", Value: 086}}\n}\n', siblings: {} },
  },
  {
    description: 'javascript, typescript: a number token broken by a NUL and a stray escape (`port: \\0\\\\89`) gives the port of its last digit (9), located inside the number',
    formats: ['javascript', 'typescript'],
    violation: /is inside the number/,
    example: { format: 'javascript', path: 'web/server.js', text: 'new WebSocketServer({ port: \0\\89 });\n', siblings: {} },
  },
  {
    description: 'nix: a module setting under a name with no letter or digit (`services._.port`) is a claim of the service ""',
    formats: ['nix'],
    violation: /service name is empty/,
    example: { format: 'nix', path: 'modules/a.nix', text: '{ config, ... }: { services._.port = 8080; }\n', siblings: {} },
  },
  {
    description: 'registry-nix: an entry named `_` (or `""`) registers the service ""',
    formats: ['registry-nix'],
    violation: /service name is empty/,
    example: { format: 'registry-nix', path: 'lib/ports.nix', text: '{\n  _ = 3000;\n}\n', siblings: {} },
  },
  {
    description: 'registry-nix: in a broken list (`[ 5173\\5174 ]`) a port is read from the middle of a number (174 of 5174)',
    formats: ['registry-nix'],
    violation: /is inside the number/,
    example: { format: 'registry-nix', path: 'lib/ports.nix', text: '{\n  web.vite = [ 5173\\5174 ];\n}\n', siblings: {} },
  },
  {
    description: 'registry-nix: a category whose name is missing (`= { web = 3000; };`) is placed just past the end of the line before it',
    formats: ['registry-nix'],
    violation: /^category .* is outside/,
    example: { format: 'registry-nix', path: 'lib/ports.nix', text: '{\n   = { web = 3000; };\n}\n', siblings: {} },
  },
];

/**
 * tree-sitter-nix's WebAssembly build traps on some broken files (1,000 characters of `<!--`:
 * "memory access out of bounds"), and the web-tree-sitter runtime it shares with the source
 * grammars stays broken: every later Nix, Rust, Go, TypeScript, JavaScript and Python file of
 * the process fails to parse. A second extraction of the same input then differs from the
 * first. Replayed in its own test file (knownNixDefects.test.ts), since it breaks the parsers
 * for everything after it.
 */
export const NIX_WASM_CRASH: KnownDefect = {
  description: 'nix, registry-nix: the tree-sitter-nix WebAssembly parser traps on some broken files, and every later tree-sitter parse of the process fails',
  formats: ['nix', 'registry-nix', ...SOURCE_FORMATS],
  violation: /a second extraction of the same input gave another result/,
  example: { format: 'registry-nix', path: 'lib/ports.nix', text: '<!--'.repeat(250), siblings: {} },
};

/**
 * A Nix file whose syntax tree nests deeply (`-` or `<!--` repeated) is walked recursively:
 * the time grows faster than the file (10,000 `-` take a second, 20,000 four) and the walk
 * overflows the stack, so the file is not read. Replayed in knownNixDefects.test.ts.
 */
export const NIX_DEEP_TREES: KnownDefect = {
  description: 'nix, registry-nix: a deeply nested syntax tree takes super-linear time to walk, then overflows the stack',
  formats: ['nix', 'registry-nix'],
  violation: /^took \d+ ms/,
  example: { format: 'registry-nix', path: 'lib/ports.nix', text: '-'.repeat(10_000), siblings: {} },
};

/** The violations of an extraction by `format` that no known defect explains. */
export function unexplainedViolations(format: string, violations: readonly string[]): string[] {
  const defects = [...KNOWN_DEFECTS, NIX_WASM_CRASH, NIX_DEEP_TREES].filter((defect) => defect.formats.includes(format));
  return violations.filter((violation) => !defects.some((defect) => defect.violation.test(violation)));
}
