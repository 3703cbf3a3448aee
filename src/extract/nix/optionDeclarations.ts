// The options a module declares (`options.services.x.port = mkOption { ... }`), with their
// types and defaults, including those of submodules (`metrics = mkOption { type =
// types.submodule { options.port = mkOption { ... }; }; }` declares `metrics.port`).
import type { Node } from 'web-tree-sitter';
import { type Assignment, walkAssignments } from './attrWalk.js';
import type { ScopedNode } from './nixScope.js';
import { applicationParts, attrPathNames, bindingsOf, calleeName, dottedName, isAttrset, staticStringText, unwrapParentheses } from './nixSyntax.js';

export interface OptionDeclaration {
  /** The option's path under `options`: `services.x.metrics.port`. */
  path: string[];
  /** The type's name: `port` for `types.port` and `types.nullOr types.port`, `str`, `u16`, ... */
  typeName: string | undefined;
  default: ScopedNode | undefined;
  /** The option's `description` where it is a plain string (`lib.mdDoc` unwrapped). */
  description: string | undefined;
}

const MAX_SUBMODULE_DEPTH = 4;

export function optionDeclarations(assignments: readonly Assignment[], depth = 0): OptionDeclaration[] {
  const declarations: OptionDeclaration[] = [];
  for (const assignment of assignments) {
    const at = assignment.path.indexOf('options');
    if (at < 0 || calleeName(assignment.value) !== 'mkOption') continue;
    const fields = optionFields(assignment);
    const path = assignment.path.slice(at + 1);
    declarations.push({ path, typeName: fields.type && typeName(fields.type.node), default: fields.default, description: fields.description && descriptionText(fields.description) });
    const submodule = fields.type && submoduleOf(fields.type.node);
    if (submodule && depth < MAX_SUBMODULE_DEPTH) {
      const inner = optionDeclarations(walkAssignments(submodule, { scope: fields.type?.scope }), depth + 1);
      declarations.push(...inner.map((declaration) => ({ ...declaration, path: [...path, ...declaration.path] })));
    }
  }
  return declarations;
}

interface OptionFields {
  type?: ScopedNode;
  default?: ScopedNode;
  description?: Node;
}

function optionFields(assignment: Assignment): OptionFields {
  const { args } = applicationParts(assignment.value);
  const set = args.length === 1 ? unwrapParentheses(args[0] as Node) : undefined;
  if (!set || !isAttrset(set)) return {};
  const fields: OptionFields = {};
  for (const binding of bindingsOf(set)) {
    const names = attrPathNames(binding.childForFieldName('attrpath'));
    const value = binding.childForFieldName('expression');
    if (names?.length !== 1 || !value) continue;
    if (names[0] === 'type') fields.type = { node: value, scope: assignment.scope };
    if (names[0] === 'default') fields.default = { node: value, scope: assignment.scope };
    if (names[0] === 'description') fields.description = value;
  }
  return fields;
}

/** `"..."`, `''...''`, `lib.mdDoc ''...''`: the text, when nothing in it is computed. */
function descriptionText(node: Node): string | undefined {
  let value = unwrapParentheses(node);
  if (value.type === 'apply_expression') {
    const { name, args } = applicationParts(value);
    const last = args[args.length - 1];
    if ((name !== 'mdDoc' && name !== 'literalMD') || !last) return undefined;
    value = unwrapParentheses(last);
  }
  return value.type === 'string_expression' || value.type === 'indented_string_expression' ? staticStringText(value) : undefined;
}

/** `types.port` -> `port`, `types.ints.u16` -> `u16`, `types.nullOr types.port` -> `port`. */
function typeName(node: Node): string | undefined {
  const type = unwrapParentheses(node);
  if (type.type === 'apply_expression') {
    const { name, args } = applicationParts(type);
    const last = args[args.length - 1];
    return name === 'nullOr' && last ? typeName(last) : name;
  }
  const name = dottedName(type);
  return name?.slice(name.lastIndexOf('.') + 1);
}

/** The module of `types.submodule m` (or `nullOr (submodule m)`); lists and attrsOf of submodules have no fixed instances. */
function submoduleOf(node: Node): Node | undefined {
  const type = unwrapParentheses(node);
  if (type.type !== 'apply_expression') return undefined;
  const { name, args } = applicationParts(type);
  const last = args[args.length - 1];
  if (name === 'nullOr' && last) return submoduleOf(last);
  return name === 'submodule' ? last : undefined;
}
