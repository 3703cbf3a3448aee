import { describe, expect, it } from '@jest/globals';
import { parseConfig } from '../../src/config/parseConfig.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../../src/discover/limits.js';
import { selectCandidates } from '../../src/discover/select.js';
import type { FileTree } from '../../src/discover/tree.js';
import { isRegistryExtractor, readersOf } from '../../src/extract/index.js';
import { extractTree, firstOverlongLine } from '../../src/pipeline/extractTree.js';
import { analyzeExtraction } from '../../src/pipeline/analyze.js';
import { summarizeIncomplete } from '../../src/pipeline/incomplete.js';
import { MAX_CONFLICT_CLAIMS } from '../../src/detect/detect.js';
import { EMPTY_CONFIG } from '../../src/model/config.js';
import { binding } from '../helpers/bindings.js';

/** A tree in memory that applies the size limit as the real ones do. */
function memoryTree(files: Record<string, string>): FileTree {
  return {
    paths: Object.keys(files).sort(),
    async read(paths, maxBytes) {
      const texts = new Map<string, string>();
      const diagnostics = [];
      for (const path of paths) {
        const text = files[path];
        if (text === undefined) continue;
        if (Buffer.byteLength(text) > maxBytes) diagnostics.push({ file: path, severity: 'warning' as const, message: 'too large' });
        else texts.set(path, text);
      }
      return { texts, diagnostics };
    },
  };
}

async function check(files: Record<string, string>, limits: Partial<ReadLimits>) {
  const all = { ...DEFAULT_LIMITS, ...limits };
  const tree = memoryTree(files);
  const selected = selectCandidates(tree.paths, { readersOf, include: [], exclude: [], registries: [], isRegistryExtractor, limits: all });
  const extraction = await extractTree(tree, selected.candidates, { rootName: 'repo', limits: all });
  const bindings = [...extraction.results.values()].flatMap(({ result }) => result.bindings.map((b) => `${b.service}:${b.port}`));
  const fileDiagnostics = [...extraction.results.values()].flatMap(({ result }) => result.diagnostics);
  const diagnostics = [...selected.diagnostics, ...extraction.diagnostics];
  return { bindings: bindings.sort(), diagnostics, fileDiagnostics, incomplete: summarizeIncomplete(diagnostics, extraction.limitsHit) };
}

const env = (name: string, port: number) => `${name.toUpperCase()}_PORT=${port}\n`;

describe('read limits: each says which limit and how to raise it, and never hides what was read', () => {
  it('maxFiles: reads the first files by path and says how many were left', async () => {
    const result = await check({ 'a/.env': env('a', 3001), 'b/.env': env('b', 3002), 'c/.env': env('c', 3003) }, { maxFiles: 2 });
    expect(result.bindings).toEqual(['a:3001', 'b:3002']);
    expect(result.diagnostics).toEqual([
      { file: '.', severity: 'error', message: '3 files to check, over the limit of 2: only the first 2 (by path) were read; raise limits.maxFiles in .portcullis.yml, or narrow the check with exclude globs', limit: 'file-limit' },
    ]);
  });

  it('maxTotalBytes: stops reading once the budget is spent', async () => {
    const result = await check({ 'a/.env': env('a', 3001), 'b/.env': env('b', 3002), 'c/.env': env('c', 3003) }, { maxTotalBytes: 30 });
    expect(result.bindings).toEqual(['a:3001', 'b:3002']);
    expect(result.diagnostics).toEqual([
      { file: '.', severity: 'error', message: '1 files not checked: the total of 30 bytes read per run was reached (raise limits.maxTotalBytes in .portcullis.yml)', limit: 'total-bytes' },
    ]);
  });

  it('maxLineLength: skips a file with an overlong line, naming the line', async () => {
    const result = await check({ 'a/.env': env('a', 3001), 'b/.env': `${env('b', 3002)}X=${'y'.repeat(200)}\n` }, { maxLineLength: 100 });
    expect(result.bindings).toEqual(['a:3001']);
    expect(result.diagnostics).toEqual([
      { file: 'b/.env', line: 2, severity: 'warning', message: 'line 2 is longer than 100 characters: file not read (raise limits.maxLineLength in .portcullis.yml)', limit: 'line-length' },
    ]);
  });

  it('maxFileBytes: passes the size limit to the tree', async () => {
    const result = await check({ 'a/.env': env('a', 3001), 'b/.env': `${env('b', 3002)}${'#'.repeat(100)}\n` }, { maxFileBytes: 50 });
    expect(result.bindings).toEqual(['a:3001']);
    expect(result.diagnostics).toEqual([{ file: 'b/.env', severity: 'warning', message: 'too large' }]);
  });

  it('finds the first overlong line, or none', () => {
    expect(firstOverlongLine('ab\ncdef\ng', 3)).toBe(2);
    expect(firstOverlongLine('ab\ncde\nfgh', 3)).toBeUndefined();
    expect(firstOverlongLine('abcd', 3)).toBe(1);
    expect(firstOverlongLine('a\n\nbcde', 3)).toBe(3);
  });

  it('takes limits from .portcullis.yml, defaulting the rest', () => {
    const parsed = parseConfig('.portcullis.yml', 'limits:\n  maxFiles: 10\n  maxLineLength: 5000\n  maxParseMillis: 800\n  maxParseSeconds: 60\n');
    expect(parsed).toEqual({ config: expect.objectContaining({ limits: { ...DEFAULT_LIMITS, maxFiles: 10, maxLineLength: 5000, maxParseMillis: 800, maxParseSeconds: 60 } }) });
    expect(parseConfig('.portcullis.yml', 'limits:\n  maxFiles: -1\n')).toEqual({ error: expect.stringMatching(/^\.portcullis\.yml:2:13: limits\.maxFiles: /) });
    expect(parseConfig('.portcullis.yml', 'limits:\n  maxAliases: 5\n')).toEqual({ error: expect.stringMatching(/^\.portcullis\.yml:2:3: /) });
  });
});

describe('parse time: tree-sitter recovers from some hostile input in quadratic time', () => {
  const rust = { 'z/Cargo.toml': '[package]\nname = "z"\n', 'z/src/main.rs': 'fn main() {\n    let port = 8765;\n    serve(TcpListener::bind(("0.0.0.0", port)));\n}\n' };

  it('maxParseMillis: a file whose syntax tree takes longer is not read; every other file is', async () => {
    // Unbounded, tree-sitter-nix takes about 16 s over these 40,000 characters, tree-sitter-python about 30 s over the 40,000 of `<!--`
    // (in lines of 4,000 characters: a longer one would mark the file as generated code, skipped quietly).
    // n/host.nix is parsed after the registry by the same Nix parser, which must start afresh.
    const files = { 'lib/ports.nix': '-'.repeat(40_000), 'n/host.nix': '{ services.web.port = 8080; }\n', 'api/app.py': `app.run(port=8000)\n${`${'<!--'.repeat(1_000)}\n`.repeat(10)}`, ...rust };
    const result = await check(files, { maxParseMillis: 100 });
    expect(result.bindings).toEqual(['web:8080', 'z:8765']);
    const unread = { severity: 'warning', message: 'not read: parsing took longer than 100 ms (raise limits.maxParseMillis in .portcullis.yml)' };
    expect(result.fileDiagnostics).toEqual([{ file: 'api/app.py', ...unread }, { file: 'lib/ports.nix', ...unread }]);
    expect(result.incomplete).toEqual([{ reason: 'parse-budget', message: expect.stringMatching(/^2 files not read in full: parsing ran past its time budget .*: api\/app\.py and lib\/ports\.nix$/) }]);
  });

  it('maxParseSeconds: once the run has spent its parsing time, no further file is parsed', async () => {
    const result = await check({ 'a.nix': `{ port = ${'-'.repeat(40_000)}1; }`, 'b.nix': '{ services.b.port = 8080; }\n' }, { maxParseSeconds: 1 });
    const unread = { severity: 'warning', message: "not read: parsing has used the run's 1 s (raise limits.maxParseSeconds in .portcullis.yml)" };
    expect(result.bindings).toEqual([]);
    expect(result.fileDiagnostics).toEqual([{ file: 'a.nix', ...unread }, { file: 'b.nix', ...unread }]);
    expect(result.incomplete.map((entry) => entry.reason)).toEqual(['parse-budget']);
  });
});

describe('conflicts reported', () => {
  it('says how many conflicts were left out once the reported ones name MAX_CONFLICT_CLAIMS claims', () => {
    const ranges = Array.from({ length: 1_000 }, (_, i) => binding({ service: `s${i}`, port: 10_001 + i, endPort: 20_001 + i, file: `s${i}/compose.yml` }));
    const analysis = analyzeExtraction([{ path: 'ranges.yml', result: { bindings: ranges, diagnostics: [] }, isRegistry: false }], EMPTY_CONFIG, { paths: ['ranges.yml'], rootName: 'repo' });
    const omitted = 1_997 - analysis.conflicts.length;
    expect(omitted).toBeGreaterThan(0);
    expect(analysis.diagnostics).toEqual([
      {
        file: '.',
        severity: 'error',
        message: `${omitted} more conflicts not reported: those of the lowest ports already name ${MAX_CONFLICT_CLAIMS} claims (a fixed limit; ranges that overlap by the thousand make a conflict for every stretch between two range ends)`,
        limit: 'conflict-limit',
      },
    ]);
  });
});

describe('limits of the shared readers make the check incomplete, file by file', () => {
  it('the YAML alias budget and the .env expansion limit, beside files that are read in full', async () => {
    const aliases = `x-port: &p "9000:80"\nservices:\n  web:\n    image: web\n    ports: [${Array(1001).fill('*p').join(', ')}]\n`;
    const doubling = Array.from({ length: 30 }, (_, i) => `V${i + 1}=\${V${i}}\${V${i}}`).join('\n');
    const result = await check({ 'web/compose.yml': aliases, 'b/.env': `V0=xxxx\n${doubling}\nB_PORT=3001\n`, 'c/.env': 'C_PORT=3002\n' }, {});
    expect(result.bindings).toEqual(['b:3001', 'c:3002']);
    expect(result.incomplete).toEqual([
      { reason: 'alias-expansion', message: '1 file not read in full: more YAML aliases than the fixed budget: web/compose.yml' },
      { reason: 'env-expansion', message: '1 file with a variable whose expansion runs past the fixed length limit: those values not read: b/.env' },
    ]);
  });
});
