// Flattens a Nix module into assignments `a.b.c = value`: nested sets, `a.b = { c = ...; }`,
// and the module system's wrappers (`mkIf`, `mkMerge`, `mkDefault`, `//`) all give the
// same full attribute path, which is what NixOS itself merges on.
import { noteLimitHit } from '../limitsHit.js';
import type { Node } from 'web-tree-sitter';
import { EMPTY_SCOPE, functionScope, recursiveScope, type Scope } from './nixScope.js';
import { applicationParts, attrPathNames, bindingsOf, isAttrset, unwrapParentheses } from './nixSyntax.js';

export interface Assignment {
  /** The full attribute path, from the file's top-level set. */
  path: string[];
  /** The value expression (parentheses and module wrappers removed); never an attribute set. */
  value: Node;
  scope: Scope;
  /** Under `mkDefault`/`mkOptionDefault`: a value users override by design. */
  isDefault: boolean;
}

/** Wrappers whose last argument is the value itself. */
const PASS_THROUGH = new Set(['mkIf', 'mkForce', 'mkOverride', 'mkBefore', 'mkAfter', 'mkOrder', 'mkVMOverride', 'optionalAttrs', 'mkDefault', 'mkOptionDefault']);
const DEFAULTING = new Set(['mkDefault', 'mkOptionDefault']);
/** Calls whose attribute-set argument declares or describes something rather than setting it. */
const OPAQUE_CALLS = new Set(['mkOption', 'mkEnableOption', 'mkPackageOption', 'mkRemovedOptionModule', 'mkRenamedOptionModule']);

interface Visit {
  path: string[];
  scope: Scope;
  isDefault: boolean;
  /** How many sets, wrappers and bodies enclose the node. */
  depth: number;
  tooDeep: ((node: Node) => void) | undefined;
}

/**
 * Nesting a module never needs (YAML has the same limit): a hostile file that nests sets
 * thousands deep would otherwise overflow the stack and cost the whole file.
 */
export const MAX_NIX_NESTING = 64;

/** Stands for an attribute whose name is computed (`systemd.services.${name}`). */
export const COMPUTED_NAME = '';

export interface WalkOptions {
  scope?: Scope | undefined;
  path?: string[];
  /** Told of each expression nested deeper than MAX_NIX_NESTING, which is left unread. */
  tooDeep?: (node: Node) => void;
}

/** Every leaf assignment of the expression, in source order. */
export function walkAssignments(root: Node, options: WalkOptions = {}): Assignment[] {
  const out: Assignment[] = [];
  visit(root, { path: options.path ?? [], scope: options.scope ?? EMPTY_SCOPE, isDefault: false, depth: -1, tooDeep: options.tooDeep }, out);
  return out;
}

function visit(raw: Node, outer: Visit, out: Assignment[]): void {
  const node = unwrapParentheses(raw);
  const at = { ...outer, depth: outer.depth + 1 };
  if (at.depth > MAX_NIX_NESTING) {
    noteLimitHit('parse-budget');
    return at.tooDeep?.(node);
  }
  switch (node.type) {
    case 'source_code': {
      // A file that does not parse as a whole has its recovered parts as children.
      const expression = node.childForFieldName('expression');
      if (expression) visit(expression, at, out);
      else visitRecovered(node, at, out);
      return;
    }
    case 'assert_expression':
    case 'with_expression': {
      const body = node.childForFieldName('body');
      if (body) visit(body, at, out);
      return;
    }
    case 'function_expression': {
      const body = node.childForFieldName('body');
      if (body) visit(body, { ...at, scope: functionScope(node, at.scope) }, out);
      return;
    }
    case 'let_expression': {
      const body = node.childForFieldName('body');
      if (body) visit(body, { ...at, scope: recursiveScope(node, at.scope) }, out);
      return;
    }
    case 'attrset_expression':
    case 'let_attrset_expression':
      return visitBindings(bindingsOf(node), at, out);
    case 'rec_attrset_expression':
      return visitBindings(bindingsOf(node), { ...at, scope: recursiveScope(node, at.scope) }, out);
    case 'list_expression':
      for (const element of node.childrenForFieldName('element')) visit(element, at, out);
      return;
    case 'if_expression':
      for (const branch of [node.childForFieldName('consequence'), node.childForFieldName('alternative')]) if (branch) visit(branch, at, out);
      return;
    case 'binary_expression':
      if (node.childForFieldName('operator')?.text === '//') {
        for (const side of [node.childForFieldName('left'), node.childForFieldName('right')]) if (side) visit(side, at, out);
        return;
      }
      break;
    case 'apply_expression':
      if (visitCall(node, at, out)) return;
      break;
    case 'ERROR':
      return visitRecovered(node, at, out);
  }
  out.push({ path: at.path, value: node, scope: at.scope, isDefault: at.isDefault });
}

function visitBindings(bindings: readonly Node[], at: Visit, out: Assignment[]): void {
  for (const binding of bindings) {
    const names = attrPathNames(binding.childForFieldName('attrpath'), COMPUTED_NAME);
    const value = binding.childForFieldName('expression');
    if (names && value) visit(value, { ...at, path: [...at.path, ...names] }, out);
  }
}

/** True when the call was a module wrapper, fully visited; otherwise the caller records it as a value. */
function visitCall(node: Node, at: Visit, out: Assignment[]): boolean {
  const { name, args } = applicationParts(node);
  const last = args[args.length - 1];
  if (name === 'mkMerge' && last) {
    visit(last, at, out);
    return true;
  }
  if (name !== undefined && PASS_THROUGH.has(name) && last) {
    visit(last, DEFAULTING.has(name) ? { ...at, isDefault: true } : at, out);
    return true;
  }
  // `mkServiceOptions "X" { port = mkOption ...; }`, `mkSystemdService cfg { serviceConfig = ...; }`:
  // helpers that merge their set argument into the result, which is where it lands.
  if (name === undefined || !OPAQUE_CALLS.has(name)) {
    for (const arg of args) {
      const inner = unwrapParentheses(arg);
      if (isAttrset(inner)) visit(inner, at, out);
    }
  }
  return false;
}

/**
 * Inside a part that tree-sitter could not parse, the complete bindings and expressions it
 * recovered still count, at the enclosing path: the rest of the file is not lost.
 */
function visitRecovered(node: Node, at: Visit, out: Assignment[]): void {
  for (const child of node.children) {
    if (child.type === 'binding') visitBindings([child], at, out);
    else if (child.type === 'binding_set') visitBindings(child.children.filter((c) => c.type === 'binding'), at, out);
    else if (child.isNamed && child.type !== 'attrpath' && child.type !== 'comment' && child.type !== 'formals') visit(child, at, out);
  }
}
