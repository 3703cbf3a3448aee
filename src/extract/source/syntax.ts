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

/** The first syntax error of a tree that has one: tree-sitter recovers, so the rest still reads. */
export function firstErrorNode(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  let node = root;
  for (;;) {
    const next = node.children.find((child) => child.isError || child.isMissing || child.hasError);
    if (!next) return node;
    if (next.isError || next.isMissing) return next;
    node = next;
  }
}

/** The arguments of a call that are expressions (not comments, not keyword arguments). */
export function positionalArguments(argumentList: Node | null, skip: ReadonlySet<string> = NOT_POSITIONAL): Node[] {
  return argumentList ? argumentList.namedChildren.filter((child) => !skip.has(child.type)) : [];
}

const NOT_POSITIONAL = new Set(['comment', 'line_comment', 'block_comment', 'keyword_argument']);
