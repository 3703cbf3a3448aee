// Lexical scopes of a Nix file: what `let` and `rec` bind a name to, so that a reader can
// follow `cfg.metrics.port` to `config.services.x.metrics.port` and `port` to `8080`.
import type { Node } from 'web-tree-sitter';
import { attrPathNames, bindingsOf, unwrapParentheses } from './nixSyntax.js';

export interface ScopedNode {
  node: Node;
  scope: Scope;
}

export interface Scope {
  /** null: a function argument that hides an outer name; its value is unknown. */
  readonly names: ReadonlyMap<string, ScopedNode | null>;
  readonly parent: Scope | undefined;
}

export const EMPTY_SCOPE: Scope = { names: new Map(), parent: undefined };

/** The value a name is bound to, or undefined (a function argument, a `with`, a builtin). */
function lookup(scope: Scope, name: string): ScopedNode | undefined {
  for (let current: Scope | undefined = scope; current; current = current.parent) {
    const found = current.names.get(name);
    if (found !== undefined) return found ?? undefined;
  }
  return undefined;
}

/** The scope inside a `let ... in` or a `rec { }`: its bindings see one another. */
export function recursiveScope(bindingsHolder: Node, parent: Scope): Scope {
  const names = new Map<string, ScopedNode | null>();
  const scope: Scope = { names, parent };
  for (const binding of bindingsOf(bindingsHolder)) {
    const path = attrPathNames(binding.childForFieldName('attrpath'));
    const value = binding.childForFieldName('expression');
    // `a.b = 1;` in a let binds `a` to a set that this reader does not assemble.
    if (path?.length === 1 && value) names.set(path[0] as string, { node: value, scope });
  }
  return scope;
}

/** The scope of a function's body: its arguments hide outer names. */
export function functionScope(fn: Node, parent: Scope): Scope {
  const names = new Map<string, ScopedNode | null>();
  const universal = fn.childForFieldName('universal');
  if (universal) names.set(universal.text, null);
  for (const formal of fn.childForFieldName('formals')?.childrenForFieldName('formal') ?? []) {
    const name = formal.childForFieldName('name');
    if (name && !name.isMissing) names.set(name.text, null);
  }
  return names.size === 0 ? parent : { names, parent };
}

const MAX_INDIRECTIONS = 8;

/**
 * Follows names bound by `let`/`rec` (and parentheses) to the expression they stand for:
 * `port` -> `8080`. Stops at anything else, and after a few steps (`let a = b; b = a;`).
 */
export function followNames(start: ScopedNode): ScopedNode {
  let current = { node: unwrapParentheses(start.node), scope: start.scope };
  for (let step = 0; step < MAX_INDIRECTIONS && current.node.type === 'variable_expression'; step++) {
    const bound = lookup(current.scope, current.node.text);
    if (!bound) break;
    current = { node: unwrapParentheses(bound.node), scope: bound.scope };
  }
  return current;
}
