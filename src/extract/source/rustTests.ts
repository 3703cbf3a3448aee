// Rust test code: `#[cfg(test)]` items and modules, `#[test]` and `#[tokio::test]` functions,
// and a file that opens with `#![cfg(test)]`. It describes nothing that runs.
import type { Node } from 'web-tree-sitter';

/** True when the node lies in test code (or is a file or module of test code). */
export function isRustTestCode(node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parent) {
    if (hasOuterTestAttribute(current) || hasInnerTestAttribute(current)) return true;
  }
  return false;
}

/** Attributes are the item's preceding siblings in the tree, with doc comments between them. */
function hasOuterTestAttribute(item: Node): boolean {
  for (let sibling = item.previousNamedSibling; sibling; sibling = sibling.previousNamedSibling) {
    if (sibling.type === 'attribute_item') {
      if (isTestAttribute(sibling.namedChildren[0])) return true;
    } else if (!sibling.type.endsWith('comment')) {
      return false;
    }
  }
  return false;
}

/** Inner attributes (`#![cfg(test)]`) come before the items of a file or module. */
function hasInnerTestAttribute(scope: Node): boolean {
  if (scope.type !== 'source_file' && scope.type !== 'declaration_list') return false;
  for (let child = scope.firstNamedChild; child; child = child.nextNamedSibling) {
    if (child.type === 'inner_attribute_item') {
      if (isTestAttribute(child.namedChildren[0])) return true;
    } else if (!child.type.endsWith('comment')) {
      return false;
    }
  }
  return false;
}

/** `test`, `tokio::test`, `rstest`, and `cfg(test)` or `cfg(all(test, ..))`, but not `cfg(not(test))`. */
function isTestAttribute(attribute: Node | undefined): boolean {
  const path = attribute?.namedChildren[0];
  if (!attribute || !path) return false;
  const name = path.text.split('::').pop();
  if (name === 'test' || name === 'rstest') return true;
  if (name !== 'cfg') return false;
  const condition = attribute.childForFieldName('arguments');
  if (!condition) return false;
  const words = condition.descendantsOfType('identifier').map((identifier) => identifier.text);
  return words.includes('test') && !words.includes('not');
}
