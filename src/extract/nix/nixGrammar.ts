// The Nix grammar (tree-sitter-nix, built to wasm/tree-sitter-nix.wasm by
// scripts/build-nix-wasm.sh): loaded once by the extractors' prepare(), then parsing is
// synchronous, as extract() must be.
import type { Node, Parser, Tree } from 'web-tree-sitter';
import type { Diagnostic, SourceLocation } from '../../model/types.js';
import { loadParser } from '../treeSitter/loader.js';

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/** Loads the grammar; later calls share the first load. */
export function prepareNixGrammar(): Promise<void> {
  loading ??= loadParser('nix').then((loaded) => {
    parser = loaded;
  });
  return loading;
}

/** A parsed file: its tree and what turns tree positions into locations. */
export interface NixSource {
  path: string;
  text: string;
  root: Node;
  /** Offsets where lines start, computed on first use. */
  lineStarts?: number[];
}

/**
 * Parses `text` and hands the tree to `use`, freeing the tree's WebAssembly memory after.
 * Undefined when the grammar was never loaded (prepare() failed or was not called).
 */
export function withNixTree<T>(path: string, text: string, use: (source: NixSource) => T): T | undefined {
  if (!parser) return undefined;
  const tree: Tree | null = parser.parse(text);
  if (!tree) return undefined;
  try {
    return use({ path, text, root: tree.rootNode });
  } finally {
    tree.delete();
  }
}

/** The diagnostic for a file that could not be parsed because the grammar is missing. */
export function grammarMissing(path: string): Diagnostic {
  return { file: path, severity: 'error', message: 'the Nix grammar (tree-sitter-nix.wasm) is not loaded: file not read' };
}

/** 1-based location of a tree node's first character. */
export function nodeLocation(source: NixSource, node: Node): SourceLocation {
  return { file: source.path, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/** 1-based location of a character offset (UTF-16, as tree-sitter's indices in web-tree-sitter). */
export function offsetLocation(source: NixSource, offset: number): SourceLocation {
  const starts = (source.lineStarts ??= lineStartsOf(source.text));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] as number) <= offset) low = middle;
    else high = middle - 1;
  }
  return { file: source.path, line: low + 1, column: offset - (starts[low] as number) + 1 };
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

const MAX_SYNTAX_DIAGNOSTICS = 5;

/**
 * One diagnostic per innermost syntax error (an ERROR node that holds no other error, or a
 * token the parser had to invent), so the line points at the problem rather than at the
 * enclosing expression that tree-sitter gave up on. The rest of the tree is still read.
 */
export function syntaxDiagnostics(source: NixSource): Diagnostic[] {
  if (!source.root.hasError) return [];
  const problems: Node[] = [];
  collectProblems(source.root, problems);
  const diagnostics = problems.slice(0, MAX_SYNTAX_DIAGNOSTICS).map((node): Diagnostic => ({
    ...nodeLocation(source, node),
    severity: 'error',
    message: node.isMissing ? `Nix syntax error: expected ${describeMissing(node)}` : `Nix syntax error near \`${snippet(node.text)}\``,
  }));
  if (problems.length > MAX_SYNTAX_DIAGNOSTICS) {
    const last = diagnostics[diagnostics.length - 1];
    if (last) last.message += ` (and ${problems.length - MAX_SYNTAX_DIAGNOSTICS} more syntax errors)`;
  }
  return diagnostics;
}

function collectProblems(node: Node, problems: Node[]): void {
  if (isTrailingFormalComma(node)) return;
  if (node.isMissing) {
    problems.push(node);
    return;
  }
  if (!node.hasError) return;
  const before = problems.length;
  for (const child of node.children) collectProblems(child, problems);
  if (node.isError && problems.length === before) problems.push(node);
}

/**
 * `{ lib, pkgs, }:` is valid Nix (nixfmt writes it), but this grammar predates it: it recovers
 * with an invented formal before the `}`, or with the `,` as an error when there is one
 * formal. Either way the tree is otherwise whole: no problem to report.
 */
function isTrailingFormalComma(node: Node): boolean {
  if (node.isMissing && node.type === 'identifier') {
    const formal = node.parent;
    return formal?.type === 'formal' && formal.parent?.type === 'formals' && formal.nextSibling?.type === '}';
  }
  return node.isError && node.parent?.type === 'formals' && node.text === ',' && node.nextSibling?.type === '}';
}

function describeMissing(node: Node): string {
  return node.type === 'identifier' ? 'a name' : `\`${node.type}\``;
}

function snippet(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
