// The source languages whose listeners are read: file names, grammar, manifest, reader.
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../../model/facts.js';
import type { GrammarName } from '../treeSitter/loader.js';
import type { ListenClaim } from './claims.js';
import { isGeneratedFileName } from './generated.js';
import { findGoClaims } from './go.js';
import { goPackageName } from './goPackage.js';
import { findJavaScriptClaims } from './javascript.js';
import type { ManifestFile } from './packageManifest.js';
import { findPythonClaims } from './python.js';
import { findRustClaims } from './rust.js';
import { isTypeScriptGrammarGap } from './typescriptGrammarGaps.js';

export interface SourceLanguage {
  /** The bindings' `format`. */
  format: 'rust' | 'go' | 'typescript' | 'javascript' | 'python';
  grammar: GrammarName;
  /** Lower-case file name endings. */
  extensions: readonly string[];
  manifest: ManifestFile;
  /** Test code by file name convention (a file name, not a path). */
  isTestFile(fileName: string): boolean;
  /** The listeners of a file's syntax tree; `text` is the file the tree was parsed from. */
  findClaims(root: Node, text: string): ListenClaim[];
  /** What a file says about the program it belongs to, read from its text for every file (parsed or not). */
  fileFacts?(text: string): FileFacts | undefined;
  /** A syntax error that is valid code the grammar does not know, so no warning. */
  isGrammarGap?(error: Node): boolean;
}

/** `*.test.ts`, `*.spec.js`, and `.d.ts` declarations, which hold no running code. */
function isJavaScriptTestOrGenerated(fileName: string): boolean {
  return /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(fileName) || /\.d\.[cm]?ts$/.test(fileName);
}

export const SOURCE_LANGUAGES: readonly SourceLanguage[] = [
  {
    format: 'rust',
    grammar: 'rust',
    extensions: ['.rs'],
    manifest: 'Cargo.toml',
    // The file of a `#[cfg(test)] mod tests;` declaration.
    isTestFile: (name) => name === 'tests.rs' || name === 'test.rs' || name.endsWith('_tests.rs') || name.endsWith('_test.rs'),
    findClaims: findRustClaims,
  },
  {
    format: 'go',
    grammar: 'go',
    extensions: ['.go'],
    manifest: 'go.mod',
    isTestFile: (name) => name.endsWith('_test.go'),
    findClaims: findGoClaims,
    // Whether the file is a program (`package main`): the topology names programs by their folder.
    fileFacts: (text) => (goPackageName(text) === 'main' ? { goPackage: 'main' } : undefined),
  },
  {
    format: 'typescript',
    grammar: 'typescript',
    extensions: ['.ts', '.mts', '.cts'],
    manifest: 'package.json',
    isTestFile: isJavaScriptTestOrGenerated,
    findClaims: findJavaScriptClaims,
    isGrammarGap: isTypeScriptGrammarGap,
  },
  {
    // JSX in TypeScript: the TypeScript grammar reads `<div>` as a type assertion.
    format: 'typescript',
    grammar: 'tsx',
    extensions: ['.tsx'],
    manifest: 'package.json',
    isTestFile: isJavaScriptTestOrGenerated,
    findClaims: findJavaScriptClaims,
    isGrammarGap: isTypeScriptGrammarGap,
  },
  {
    format: 'javascript',
    grammar: 'javascript',
    extensions: ['.js', '.mjs', '.cjs', '.jsx'],
    manifest: 'package.json',
    isTestFile: isJavaScriptTestOrGenerated,
    findClaims: findJavaScriptClaims,
  },
  {
    format: 'python',
    grammar: 'python',
    extensions: ['.py'],
    manifest: 'pyproject.toml',
    isTestFile: (name) => name.startsWith('test_') || name.endsWith('_test.py') || name === 'conftest.py',
    findClaims: findPythonClaims,
  },
];

export function isSourceFileOf(language: SourceLanguage, path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return language.extensions.some((extension) => name.endsWith(extension)) && !language.isTestFile(name) && !isGeneratedFileName(name);
}
