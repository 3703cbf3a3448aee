import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_LIMITS } from '../../../src/discover/limits.js';
import { selectCandidates } from '../../../src/discover/select.js';
import type { FileTree } from '../../../src/discover/tree.js';
import { createSourceExtractor, sourceExtractors } from '../../../src/extract/source/extractSource.js';
import { SOURCE_LANGUAGES } from '../../../src/extract/source/languages.js';
import type { Extractor } from '../../../src/model/types.js';
import { extractTree } from '../../../src/pipeline/extractTree.js';
import { claimsOf, extractFrom, extractorFor, prepareSourceExtractors } from './helpers.js';

beforeAll(prepareSourceExtractors);

/** An in-memory tree that reads like a commit's: absent files are simply not there. */
function memoryTree(files: Record<string, string>): FileTree {
  return {
    paths: Object.keys(files).sort(),
    read: async (wanted) => ({
      texts: new Map(wanted.filter((path) => files[path] !== undefined).map((path) => [path, files[path] as string])),
      diagnostics: [],
    }),
  };
}

async function extractRepository(files: Record<string, string>, extractors: readonly Extractor[] = sourceExtractors) {
  const tree = memoryTree(files);
  const { candidates } = selectCandidates(tree.paths, { readersOf: (path) => extractors.filter((extractor) => extractor.matches(path)).slice(0, 1), include: [], exclude: [], registries: [], isRegistryExtractor: () => false, limits: DEFAULT_LIMITS });
  const extraction = await extractTree(tree, candidates, { rootName: 'microcosm', limits: DEFAULT_LIMITS });
  const results = [...extraction.results.values()].map(({ result }) => result);
  return { bindings: results.flatMap((result) => result.bindings), diagnostics: [...extraction.diagnostics, ...results.flatMap((result) => result.diagnostics)] };
}

const metricsServer = (signature: string) =>
  [
    'use metrics_exporter_prometheus::PrometheusBuilder;',
    '',
    `fn install_metrics_server() -> ${signature} {`,
    '    log::info!("installing metrics server...");',
    '    let host = [0, 0, 0, 0];',
    '    let port = 8765;',
    '    PrometheusBuilder::new()',
    '        .set_quantiles(&[0.0, 0.5, 0.75, 0.9, 0.99, 1.0])?',
    '        .with_http_listener((host, port))',
    '        .install()?;',
    '    log::info!("metrics server installed! listening on http://{}:{}", host.map(|b| b.to_string()).join("."), port);',
    '    Ok(())',
    '}',
  ].join('\n');

describe('seed 000: five Rust services hard-code `let port = 8765;` for their metrics listener', () => {
  it('gives one binding per crate, named by its Cargo package, at the literal', async () => {
    const crates = { constellation: 'src/bin/main.rs', spacedust: 'src/main.rs', slingshot: 'src/main.rs', ufos: 'src/main.rs', 'who-am-i': 'src/main.rs' };
    const files: Record<string, string> = { 'Cargo.toml': '[workspace]\nmembers = ["constellation", "spacedust", "slingshot", "ufos", "who-am-i"]\n' };
    for (const [name, main] of Object.entries(crates)) {
      files[`${name}/Cargo.toml`] = `[package]\nname = "${name}"\nversion = "0.1.0"\nedition = "2021"\n`;
      files[`${name}/${main}`] = metricsServer(name === 'constellation' ? 'Result<()>' : 'Result<(), metrics_exporter_prometheus::BuildError>');
      files[`${name}/src/lib.rs`] = 'pub mod storage;\npub fn export(report: &Report) -> String { report.to_string() }\n';
    }
    const { bindings, diagnostics } = await extractRepository(files);
    expect(diagnostics).toEqual([]);
    expect(bindings.map((binding) => [binding.service, binding.file, binding.port, binding.line, binding.column])).toEqual([
      ['constellation', 'constellation/src/bin/main.rs', 8765, 6, 16],
      ['slingshot', 'slingshot/src/main.rs', 8765, 6, 16],
      ['spacedust', 'spacedust/src/main.rs', 8765, 6, 16],
      ['ufos', 'ufos/src/main.rs', 8765, 6, 16],
      ['who-am-i', 'who-am-i/src/main.rs', 8765, 6, 16],
    ]);
    expect(bindings.every((binding) => binding.format === 'rust' && binding.hostIp === null && binding.protocol === 'tcp' && binding.setting === 'port' && !binding.isDefault)).toBe(true);
  });
});

describe('grammars load only for the languages a repository has', () => {
  const spied = () => sourceExtractors.map((extractor) => ({ ...extractor, prepare: jest.fn(async () => extractor.prepare?.()) }));

  it('prepares no source extractor for a repository without source files', async () => {
    const extractors = spied();
    const { bindings } = await extractRepository({ 'compose.yml': 'services: {}\n', 'README.md': '# ports\n', 'Cargo.toml': '[package]\nname = "x"\n' }, extractors);
    expect(bindings).toEqual([]);
    for (const extractor of extractors) expect(extractor.prepare).not.toHaveBeenCalled();
  });

  it('prepares the Rust extractor alone, once, for a repository of Rust files', async () => {
    const extractors = spied();
    await extractRepository({ 'a/src/main.rs': 'fn main() {}\n', 'b/src/main.rs': 'fn main() { TcpListener::bind("0.0.0.0:1").unwrap(); }\n' }, extractors);
    expect(extractors.map((extractor) => [extractor.format, extractor.prepare.mock.calls.length])).toEqual([
      ['rust', 1],
      ['go', 0],
      ['typescript', 0],
      ['typescript', 0],
      ['javascript', 0],
      ['python', 0],
    ]);
  });

  it('never parses a file without listener words, so an unprepared extractor reads it', () => {
    const unprepared = createSourceExtractor(SOURCE_LANGUAGES[0] as (typeof SOURCE_LANGUAGES)[0]);
    const context = { rootName: 'r', readFile: () => undefined };
    expect(unprepared.extract({ path: 'src/lib.rs', text: 'pub fn export(report: &Report) -> String { report.to_string() }\n' }, context)).toEqual({ bindings: [], diagnostics: [] });
    expect(unprepared.extract({ path: 'src/main.rs', text: 'fn main() { TcpListener::bind("0.0.0.0:1").unwrap(); }\n' }, context)).toEqual({
      bindings: [],
      diagnostics: [{ file: 'src/main.rs', severity: 'error', message: 'not read: the rust grammar is not loaded' }],
    });
  });
});

describe('a file with a syntax error', () => {
  it('still gives the listeners tree-sitter recovers, and one warning at the error', () => {
    const source = ['fn broken( {', '    let x = ;', '}', '', 'fn main() {', '    let listener = TcpListener::bind("0.0.0.0:7300").unwrap();', '}'].join('\n');
    const result = extractFrom({ 'svc/src/main.rs': source }, 'svc/src/main.rs');
    expect(claimsOf(result.bindings)).toEqual([{ service: 'svc', port: 7300, protocol: 'tcp', hostIp: null, line: 6, column: 47 }]);
    expect(result.diagnostics).toEqual([{ file: 'svc/src/main.rs', line: 1, column: 11, severity: 'warning', message: 'rust syntax error: listeners in the rest of the file are still read' }]);
  });

  it('never throws on text that is not code at all', () => {
    for (const path of ['x.rs', 'x.go', 'x.ts', 'x.tsx', 'x.js', 'x.py']) {
      const result = extractorFor(path).extract({ path, text: '\u0000 listen(((( port = "}}}:8080' + '('.repeat(5000) }, { rootName: 'r', readFile: () => undefined });
      expect(result.bindings).toEqual([]);
      expect(result.diagnostics.every((diagnostic) => diagnostic.file === path && diagnostic.line !== undefined)).toBe(true);
    }
  });
});

describe('service names', () => {
  const listener: Record<string, string> = {
    rs: 'fn main() { TcpListener::bind("0.0.0.0:7400").unwrap(); }\n',
    go: 'package main\nfunc main() { http.ListenAndServe(":7400", nil) }\n',
    ts: 'app.listen(7400);\n',
    py: 'app.run(port=7400)\n',
  };
  const serviceOf = (files: Record<string, string>, path: string) => {
    const extension = path.slice(path.lastIndexOf('.') + 1);
    return extractFrom({ ...files, [path]: listener[extension] as string }, path, 'monorepo').bindings.map((binding) => binding.service);
  };

  it('comes from the nearest manifest of the language that names a package', () => {
    expect(serviceOf({ 'apps/api/package.json': '{ "name": "@acme/billing_api" }', 'package.json': '{ "name": "monorepo" }' }, 'apps/api/src/server.ts')).toEqual(['billing-api']);
    expect(serviceOf({ 'gw/go.mod': '// gateway\nmodule github.com/acme/gateway\n\ngo 1.22\n' }, 'gw/internal/server/server.go')).toEqual(['gateway']);
    expect(serviceOf({ 'svc/pyproject.toml': '[tool.poetry]\nname = "Search Service"\n' }, 'svc/search/app.py')).toEqual(['search-service']);
    expect(serviceOf({ 'crates/Cargo.toml': '[workspace]\n', 'crates/ingest/Cargo.toml': '[package]\nname = "ingest_worker"\n' }, 'crates/ingest/src/main.rs')).toEqual(['ingest-worker']);
  });

  it('names a Go `cmd/<name>` program after its folder', () => {
    expect(serviceOf({ 'go.mod': 'module github.com/acme/platform\n' }, 'cmd/scheduler/main.go')).toEqual(['scheduler']);
  });

  it('falls back to the nearest folder that is not `src`, `cmd` or the like, then the root', () => {
    expect(serviceOf({}, 'tools/Relay_Proxy/src/main.rs')).toEqual(['relay-proxy']);
    expect(serviceOf({ 'web/package.json': '{ "private": true }', 'other/package.json': '{ not json' }, 'web/src/server.ts')).toEqual(['web']);
    expect(serviceOf({}, 'src/main.rs')).toEqual(['monorepo']);
  });

  it('declares every place a manifest may be as a dependency', () => {
    expect(extractorFor('a/b/src/main.rs').dependencies?.('a/b/src/main.rs')).toEqual(['a/b/src/Cargo.toml', 'a/b/Cargo.toml', 'a/Cargo.toml', 'Cargo.toml']);
    expect(extractorFor('main.go').dependencies?.('main.go')).toEqual(['go.mod']);
    expect(extractorFor('web/app.mjs').dependencies?.('web/app.mjs')).toEqual(['web/package.json', 'package.json']);
    expect(extractorFor('ml/app.py').dependencies?.('ml/app.py')).toEqual(['ml/pyproject.toml', 'pyproject.toml']);
  });
});
