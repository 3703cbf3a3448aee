// The Nix grammar (tree-sitter-nix, built to wasm/tree-sitter-nix.wasm by
// scripts/build-nix-wasm.sh): loaded once by the extractors' prepare(), then parsing is
// synchronous, as extract() must be.
import type { Node, Parser } from 'web-tree-sitter';
import type { Diagnostic, ExtractResult, ParseBudget, SourceFile, SourceLocation } from '../../model/types.js';
import { loadParser } from '../treeSitter/loader.js';
import { parseWithinBudget } from '../parseBudget.js';

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
 * Parses the file within the run's parse budget and hands the tree to `read`, freeing the
 * tree's WebAssembly memory after. A file that could not be parsed (no grammar, out of time)
 * is one diagnostic.
 */
export function readNixTree(file: SourceFile, budget: ParseBudget | undefined, read: (source: NixSource) => ExtractResult): ExtractResult {
  if (!parser) return unread(grammarMissing(file.path));
  const outcome = parseWithinBudget(parser, file.text, budget);
  if ('timeout' in outcome) return unread({ file: file.path, severity: 'warning', message: outcome.message });
  if ('failed' in outcome) return unread({ file: file.path, severity: 'error', message: 'could not parse the Nix file' });
  try {
    return read({ path: file.path, text: file.text, root: outcome.tree.rootNode });
  } finally {
    outcome.tree.delete();
  }
}

function unread(diagnostic: Diagnostic): ExtractResult {
  return { bindings: [], diagnostics: [diagnostic] };
}

/** The diagnostic for a file that could not be parsed because the grammar is missing. */
function grammarMissing(path: string): Diagnostic {
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
  const problems = innermostProblems(source.root);
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

/**
 * The problems in source order. Iterative, since a hostile file nests thousands deep; and it
 * hands each node its parent and siblings instead of asking tree-sitter: `parent` and
 * `nextSibling` of an empty (missing) node recurse once per level inside the WebAssembly
 * runtime, whose 64 KiB stack then overflows into its own data and traps for good.
 */
function innermostProblems(root: Node): Node[] {
  const problems: Node[] = [];
  const stack: ProblemVisit[] = [{ node: root, parent: undefined, next: undefined, problemsBefore: 0, entered: false }];
  while (stack.length > 0) {
    const visit = stack.pop() as ProblemVisit;
    const { node } = visit;
    if (visit.entered) {
      if (node.isError && problems.length === visit.problemsBefore) problems.push(node);
      continue;
    }
    if (isTrailingFormalComma(visit)) continue;
    if (node.isMissing) {
      problems.push(node);
      continue;
    }
    if (!node.hasError) continue;
    visit.entered = true;
    visit.problemsBefore = problems.length;
    stack.push(visit);
    const children = node.children;
    for (let index = children.length - 1; index >= 0; index--) {
      stack.push({ node: children[index] as Node, parent: visit, next: children[index + 1], problemsBefore: 0, entered: false });
    }
  }
  return problems;
}

interface ProblemVisit {
  node: Node;
  parent: ProblemVisit | undefined;
  /** The node's next sibling. */
  next: Node | undefined;
  /** How many problems were found before this node's children. */
  problemsBefore: number;
  /** True once the children are on the stack: the second visit decides about the node itself. */
  entered: boolean;
}

/**
 * `{ lib, pkgs, }:` is valid Nix (nixfmt writes it), but this grammar predates it: it recovers
 * with an invented formal before the `}`, or with the `,` as an error when there is one
 * formal. Either way the tree is otherwise whole: no problem to report.
 */
function isTrailingFormalComma({ node, parent, next }: ProblemVisit): boolean {
  if (node.isMissing && node.type === 'identifier') {
    return parent?.node.type === 'formal' && parent.parent?.node.type === 'formals' && parent.next?.type === '}';
  }
  return node.isError && parent?.node.type === 'formals' && node.text === ',' && next?.type === '}';
}

function describeMissing(node: Node): string {
  return node.type === 'identifier' ? 'a name' : `\`${node.type}\``;
}

function snippet(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}
