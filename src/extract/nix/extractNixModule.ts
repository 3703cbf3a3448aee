// NixOS modules, host configurations and process-compose-flake files: every `.nix` file that
// the port registry's reader, before this one in the catalogue, does not take. See
// moduleClaims.ts for what counts as a claim.
import type { ExtractResult, Extractor, ParseBudget, SourceFile } from '../../model/types.js';
import { ClaimSink, NIX_FORMAT } from './claims.js';
import { moduleClaims } from './moduleClaims.js';
import { isEmptyNixFacts, nixFileFacts } from './nixFacts.js';
import { prepareNixGrammar, readNixTree, syntaxDiagnostics } from './nixGrammar.js';

export function isNixModulePath(path: string): boolean {
  return path.endsWith('.nix');
}

// `(?<![a-z])port` skips `import`, `support`, `export`; `_port`, `Port`, `-port` still match.
const MAY_CLAIM = /(?<![a-z])port|Port|PORT|listen|Listen|bind|Bind|addr|Addr|ExecStart|processes|0\.0\.0\.0/;

/**
 * A file that names no port, listener, address or command claims nothing: most `.nix` files of
 * a repository (packages, overlays, flake plumbing) are skipped without being parsed.
 */
export function mayClaimPorts(text: string): boolean {
  return MAY_CLAIM.test(text);
}

// What the topology needs of a file that claims nothing: what it imports, the machines it
// defines, the services it enables.
const MAY_PLACE = /imports|nixosConfigurations|colmena|enable/;

/** A file that imports, defines machines or enables something shapes where others' claims run. */
export function mayPlaceClaims(text: string): boolean {
  return MAY_PLACE.test(text);
}

export const nixModuleExtractor: Extractor = {
  format: NIX_FORMAT,
  matches: isNixModulePath,
  prepare: prepareNixGrammar,
  extract: (file, context) => extractNixModule(file, context.parseBudget),
};

export function extractNixModule(file: SourceFile, budget?: ParseBudget): ExtractResult {
  if (!mayClaimPorts(file.text) && !mayPlaceClaims(file.text)) return { bindings: [], diagnostics: [] };
  try {
    return readNixTree(file, budget, (source) => {
      const sink = new ClaimSink(source);
      sink.diagnostics.push(...syntaxDiagnostics(source));
      const reading = moduleClaims(source, sink);
      const facts = nixFileFacts(source, reading, sink);
      const result: ExtractResult = { bindings: sink.bindings.sort((a, b) => a.line - b.line || a.column - b.column), diagnostics: sink.diagnostics };
      return isEmptyNixFacts(facts) ? result : { ...result, facts: { nix: facts } };
    });
  } catch (error) {
    return { bindings: [], diagnostics: [{ file: file.path, severity: 'error', message: `could not read the Nix file: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}
