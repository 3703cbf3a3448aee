// One extractor per grammar, so that the pipeline's prepare() loads only the grammars of the
// languages a repository has. extract() scans the text first and parses only files that
// may hold a listener.
import type { Node, Parser } from 'web-tree-sitter';
import type { Binding, Diagnostic, ExtractContext, Extractor, ExtractResult, SourceFile } from '../../model/types.js';
import { loadParser } from '../treeSitter/loader.js';
import { parseWithinBudget } from '../parseBudget.js';
import { normalizeServiceName } from '../../model/service.js';
import { unnamedServiceMessage } from '../unnamedService.js';
import { cargoBinaryOf, isCargoAuxiliaryTarget } from './cargoTargets.js';
import type { ListenClaim } from './claims.js';
import { isSourceFileOf, SOURCE_LANGUAGES, type SourceLanguage } from './languages.js';
import { manifestCandidates, nearestPackageManifest } from './packageManifest.js';
import { isGeneratedSource } from './generated.js';
import { mayHoldListener } from './prefilter.js';
import { sourceServiceName } from './serviceName.js';
import { firstErrorNode, unsafeEmptyNode } from './syntax.js';

export function createSourceExtractor(language: SourceLanguage): Extractor {
  let parser: Parser | undefined;
  return {
    format: language.format,
    matches: (path) => isSourceFileOf(language, path),
    dependencies: (path) => manifestCandidates(path, language.manifest),
    async prepare() {
      parser ??= await loadParser(language.grammar);
    },
    isGenerated: isGeneratedSource,
    extract: (file, context) => extractSourceFile(language, parser, file, context),
  };
}

/** The source extractors, in the order of SOURCE_LANGUAGES; each loads its grammar only when prepared. */
export const sourceExtractors: readonly Extractor[] = SOURCE_LANGUAGES.map(createSourceExtractor);

function extractSourceFile(language: SourceLanguage, parser: Parser | undefined, file: SourceFile, context: ExtractContext): ExtractResult {
  const facts = language.fileFacts?.(file.text);
  const result = readListeners(language, parser, file, context);
  return facts === undefined ? result : { ...result, facts };
}

function readListeners(language: SourceLanguage, parser: Parser | undefined, file: SourceFile, context: ExtractContext): ExtractResult {
  if (!mayHoldListener(language.format, file.text) || isGeneratedSource(file.text)) return { bindings: [], diagnostics: [] };
  const fail = (message: string): ExtractResult => ({ bindings: [], diagnostics: [{ file: file.path, severity: 'error', message }] });
  if (!parser) return fail(`not read: the ${language.grammar} grammar is not loaded`);
  let outcome;
  try {
    outcome = parseWithinBudget(parser, file.text, context.parseBudget);
  } catch (error) {
    return fail(`could not parse the file: ${error instanceof Error ? error.message : String(error)}`);
  }
  if ('timeout' in outcome) return { bindings: [], diagnostics: [{ file: file.path, severity: 'warning', message: outcome.message }] };
  if ('failed' in outcome) return fail('could not parse the file');
  const tree = outcome.tree;
  const unsafe = unsafeEmptyNode(tree.rootNode);
  if (unsafe) {
    const at = { line: unsafe.startPosition.row + 1, column: unsafe.startPosition.column + 1 };
    tree.delete();
    return { bindings: [], diagnostics: [{ file: file.path, ...at, severity: 'error', message: `not read: the ${language.grammar} parser recovered from the syntax error here into a tree it cannot walk safely` }] };
  }
  try {
    const diagnostics = syntaxErrorDiagnostics(file.path, tree.rootNode, language);
    const claims = language.findClaims(tree.rootNode, file.text);
    if (claims.length === 0) return { bindings: [], diagnostics };
    const manifest = nearestPackageManifest(file.path, language.manifest, context);
    const isCargo = manifest !== undefined && language.manifest === 'Cargo.toml';
    if (isCargo && isCargoAuxiliaryTarget(file.path, manifest)) return { bindings: [], diagnostics: [] };
    const binary = isCargo ? cargoBinaryOf(file.path, manifest) : undefined;
    const service = binary === undefined ? sourceServiceName(file.path, language.manifest, manifest, context.rootName) : normalizeServiceName(binary);
    if (service === '') return { bindings: [], diagnostics: [...diagnostics, ...claims.map((claim) => unnamedListener(claim, file.path, context.rootName))] };
    return { bindings: claims.map((claim) => listenBinding(claim, file.path, service, language.format)), diagnostics };
  } catch (error) {
    return fail(`internal error while reading listeners: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    tree.delete();
  }
}

/** tree-sitter recovers from a syntax error, so the rest of the file still counts; one warning says where. */
function syntaxErrorDiagnostics(path: string, root: Node, language: SourceLanguage): Diagnostic[] {
  const error = firstErrorNode(root, language.isGrammarGap);
  if (!error) return [];
  return [{
    file: path,
    line: error.startPosition.row + 1,
    column: error.startPosition.column + 1,
    severity: 'warning',
    message: `${language.format} syntax error: listeners in the rest of the file are still read`,
  }];
}

/** Nothing names the listener's service: its package, its folders and the root have no letter or digit. */
function unnamedListener(claim: ListenClaim, file: string, rootName: string): Diagnostic {
  return { file, line: claim.row + 1, column: claim.column + 1, severity: 'warning', message: unnamedServiceMessage('folder', rootName) };
}

function listenBinding(claim: ListenClaim, file: string, service: string, format: string): Binding {
  const binding: Binding = {
    service,
    port: claim.port,
    endPort: claim.port,
    protocol: claim.protocol,
    hostIp: claim.hostIp,
    scope: 'host',
    kind: 'listen',
    format,
    file,
    line: claim.row + 1,
    column: claim.column + 1,
  };
  if (claim.isDefault) binding.isDefault = true;
  if (claim.setting !== undefined) binding.setting = claim.setting;
  if (claim.variable !== undefined) binding.variable = claim.variable;
  return binding;
}
