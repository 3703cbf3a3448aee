// Tokens next to a syntax error, for every grammar: tree-sitter may read part of a broken
// token as a whole one.
import type { Node } from 'web-tree-sitter';

/**
 * True when a syntax error touches the token with nothing between them. tree-sitter recovers
 * from an error by skipping characters and lexing again, so what it reads next to an error
 * may be the tail or head of something longer: `port: \0\\89` reads as the error `\0`, an
 * escape `\8` and the number `9`; Go's invalid `086` as the number `0` (an error) and `86`.
 * Such a token is no literal the author wrote.
 */
export function isPartOfBrokenToken(node: Node): boolean {
  const root = node.tree.rootNode;
  const before = node.startIndex > 0 ? root.descendantForIndex(node.startIndex - 1) : null;
  if (before && hasText(before) && before.endIndex === node.startIndex && insideErrorUntil(before, (ancestor) => ancestor.endIndex > node.startIndex)) return true;
  const after = node.endIndex < root.endIndex ? root.descendantForIndex(node.endIndex) : null;
  return after !== null && hasText(after) && after.startIndex === node.endIndex && insideErrorUntil(after, (ancestor) => ancestor.startIndex < node.endIndex);
}

/**
 * A token the parser invented (`)` missing after `listen(3000`) leaves the literal whole; and
 * tree-sitter finds an empty node's parent by a recursion as deep as the tree, so it is not asked.
 */
function hasText(node: Node): boolean {
  return node.endIndex > node.startIndex;
}

/** `node` or one of its ancestors below the first that `reachesToken` (one that holds the token too) is an error. */
function insideErrorUntil(node: Node, reachesToken: (ancestor: Node) => boolean): boolean {
  for (let current: Node | null = node; current && !reachesToken(current); current = current.parent) {
    if (current.isError) return true;
  }
  return false;
}
