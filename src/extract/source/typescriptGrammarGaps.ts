// TypeScript that the tree-sitter grammar (as @vscode/tree-sitter-wasm ships it, for .ts and
// .tsx alike) does not know yet, though tsc accepts it: reported as a syntax error, it would
// be a false warning on a file that compiles. Neither form can hold a listener, and the error
// tree-sitter recovers with stays inside the type parameters or the one call.
import type { Node } from 'web-tree-sitter';

/** `<in T>`, `<out T>`, `<in out T>`, `<const in T>` (TypeScript 4.7 variance annotations). */
const VARIANCE = /(?:^<|,)\s*(?:const\s+)?(?:in|out)\s+[\p{L}_$]/u;

export function isTypeScriptGrammarGap(error: Node): boolean {
  return isVarianceAnnotation(error) || isGenericOptionalCall(error);
}

function isVarianceAnnotation(error: Node): boolean {
  if (!error.isError) return false;
  const list = error.parent?.type === 'type_parameter' ? error.parent.parent : error.parent;
  return list?.type === 'type_parameters' && VARIANCE.test(list.text);
}

/**
 * `obj?.method<T>?.()`: the grammar reads `obj?.method<T>` as an instantiation and then misses
 * a property name after the second `?.`.
 */
function isGenericOptionalCall(error: Node): boolean {
  const member = error.parent;
  return (
    error.isMissing &&
    error.type === 'property_identifier' &&
    member?.type === 'member_expression' &&
    member.namedChildren[0]?.type === 'instantiation_expression' &&
    member.children.some((child) => child.type === 'optional_chain') &&
    member.parent?.type === 'call_expression'
  );
}
