// Language-neutral reading of tree-sitter nodes: plain string literals, local names, errors.
import type { Node } from 'web-tree-sitter';

/** A string literal's text, when it has no escapes and no interpolation, and where that text starts. */
export interface PlainString {
  text: string;
  /** 0-based, as tree-sitter counts (UTF-16 code units, like the file's JavaScript string). */
  row: number;
  column: number;
}

const STRING_CONTENT = new Set(['string_content', 'string_fragment', 'interpreted_string_literal_content', 'raw_string_literal_content']);
/** Python names its quotes (and prefixes) as nodes of their own. */
const STRING_DELIMITERS = new Set(['string_start', 'string_end']);

export function plainString(node: Node): PlainString | undefined {
  let content: Node | undefined;
  for (const child of node.namedChildren) {
    if (STRING_DELIMITERS.has(child.type)) continue;
    if (!STRING_CONTENT.has(child.type) || content) return undefined;
    content = child;
  }
  if (content) return { text: content.text, row: content.startPosition.row, column: content.startPosition.column };
  return { text: '', row: node.startPosition.row, column: node.startPosition.column };
}

/** A global pattern for any of these names as a whole word. */
export function wordsPattern(names: Iterable<string>): RegExp {
  return new RegExp(`\\b(?:${[...names].join('|')})\\b`, 'g');
}

/**
 * The nodes of the given types that enclose a match of `words` in the text, at most `levels`
 * parents above the token matched, in the order of the file. The idioms a reader knows are
 * found from their names' places in the text, so reading costs what the hits cost, not what
 * the whole tree does; every node found is still checked by its reader.
 */
export function nodesAroundWords(root: Node, text: string, words: RegExp, types: ReadonlySet<string>, levels: number): Node[] {
  const found = new Map<number, Node>();
  for (const match of text.matchAll(words)) {
    let node: Node | null = root.descendantForIndex(match.index);
    for (let level = 0; node && level <= levels; level++, node = node.parent) {
      if (!types.has(node.type)) continue;
      found.set(node.id, node);
      break;
    }
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex);
}

/** Reads `name`'s value from one statement, when the statement declares or assigns it. */
export type DeclarationReader = (statement: Node, name: string) => Node | undefined;

/**
 * The expression a name holds where it is used: the nearest declaration before the use in
 * the enclosing blocks, then (for top-level constants written below their use) anywhere at
 * the top level. Parameters and values computed at run time are not followed.
 */
export function localValue(use: Node, name: string, declaration: DeclarationReader): Node | undefined {
  for (let scope = use.parent; scope; scope = scope.parent) {
    const children = scope.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i] as Node;
      if (child.startIndex > use.startIndex || child.endIndex > use.startIndex) continue;
      const value = declaration(child, name);
      if (value) return value;
    }
    if (scope.parent === null) {
      for (const child of children) {
        if (child.startIndex <= use.startIndex) continue;
        const value = declaration(child, name);
        if (value) return value;
      }
    }
  }
  return undefined;
}

/**
 * The first syntax error of a tree that has one, in the order of the file: tree-sitter
 * recovers, so the rest still reads. `isGrammarGap` names errors that are valid code the
 * grammar does not know (TypeScript's `<in out T>`): those are passed over.
 */
export function firstErrorNode(root: Node, isGrammarGap: (error: Node) => boolean = () => false): Node | undefined {
  if (!root.hasError) return undefined;
  // Depth-first with a stack of its own: a hostile file nests deeper than the call stack.
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.isError || node.isMissing) {
      if (!isGrammarGap(node)) return node;
      continue;
    }
    const children = node.children.filter((child) => child.isError || child.isMissing || child.hasError);
    // An error that tree-sitter marks on a node but on none of its children is that node's own.
    if (children.length === 0) return node;
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i] as Node);
  }
  return undefined;
}

/**
 * A node that error recovery made empty without marking it missing (TypeScript's
 * `optional_chain` around a missing `?.`): web-tree-sitter 0.27 with the grammars of
 * @vscode/tree-sitter-wasm corrupts its own memory when such a node's parent or siblings are
 * asked for, and every later parse of the run then fails. No file that parses cleanly holds
 * one (none in 800 real files of five languages), so a tree that does is not walked at all.
 * Only the subtrees that hold an error are visited, by children alone, which stay safe.
 */
export function unsafeEmptyNode(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    for (const child of node.children) {
      if (child.startIndex === child.endIndex && !child.isMissing && child.childCount > 0) return child;
      if (child.hasError) pending.push(child);
    }
  }
  return undefined;
}

/**
 * The expression inside the wrappers that keep its value (parentheses, casts, `&x`, `await`).
 * `wrapped` says, for one language, what a node wraps, or nothing when it is no such wrapper.
 */
export function unwrapValue(expression: Node, wrapped: (node: Node) => Node | null | undefined): Node {
  let node = expression;
  for (let inner = wrapped(node); inner; inner = wrapped(node)) node = inner;
  return node;
}

/** The arguments of a call that are expressions (not comments, not keyword arguments). */
export function positionalArguments(argumentList: Node | null, skip: ReadonlySet<string> = NOT_POSITIONAL): Node[] {
  return argumentList ? argumentList.namedChildren.filter((child) => !skip.has(child.type)) : [];
}

const NOT_POSITIONAL = new Set(['comment', 'line_comment', 'block_comment', 'keyword_argument']);
