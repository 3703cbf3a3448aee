// Small readers over tree-sitter-nix nodes: the shapes every Nix reader here needs.
import type { Node } from 'web-tree-sitter';

/** `(x)` is `x`. */
export function unwrapParentheses(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.childForFieldName('expression');
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The `binding` nodes of an attribute set (`{ }`, `rec { }`, `let { }`) or of a `let`. */
export function bindingsOf(node: Node): Node[] {
  const set = node.children.find((child) => child.type === 'binding_set');
  return set ? set.children.filter((child) => child.type === 'binding') : [];
}

export function isAttrset(node: Node): boolean {
  return node.type === 'attrset_expression' || node.type === 'rec_attrset_expression' || node.type === 'let_attrset_expression';
}

/**
 * The names of an attribute path (`services."who-am-i".port`). A computed part (`${name}`)
 * names nothing a static reader can know: the whole path is undefined, unless `computed` says
 * what to put in its place.
 */
export function attrPathNames(attrpath: Node | null, computed?: string): string[] | undefined {
  if (!attrpath) return undefined;
  const names: string[] = [];
  for (const part of attrpath.childrenForFieldName('attr')) {
    const name = part.type === 'identifier' ? part.text : part.type === 'string_expression' ? staticStringText(part) : undefined;
    if (name === undefined && computed === undefined) return undefined;
    names.push(name ?? (computed as string));
  }
  return names;
}

/** The text of a string without interpolation, escapes decoded; undefined otherwise. */
export function staticStringText(node: Node): string | undefined {
  let text = '';
  for (const part of stringParts(node)) {
    if (part.kind === 'interpolation') return undefined;
    text += part.text;
  }
  return text;
}

/** One piece of a string literal: decoded text with the source offset of each character, or `${...}`. */
export type StringPart = { kind: 'text'; text: string; offsets: number[] } | { kind: 'interpolation'; expression: Node | null };

/**
 * The pieces of a `"..."` or `''...''` string in order. Escapes (`\"`, `'''`, `''$`) become the
 * characters they stand for, located at the escape. Indentation stripping is not applied:
 * callers read commands and addresses, where leading white space means nothing.
 */
export function stringParts(node: Node): StringPart[] {
  const parts: StringPart[] = [];
  const indented = node.type === 'indented_string_expression';
  for (const child of node.children) {
    switch (child.type) {
      case 'string_fragment':
        parts.push({ kind: 'text', text: child.text, offsets: offsetsFrom(child.startIndex, child.text.length) });
        break;
      case 'escape_sequence': {
        const text = indented ? decodeIndentedEscape(child.text) : decodeEscape(child.text);
        parts.push({ kind: 'text', text, offsets: new Array<number>(text.length).fill(child.startIndex) });
        break;
      }
      case 'interpolation':
        parts.push({ kind: 'interpolation', expression: child.childForFieldName('expression') });
        break;
      // dollar_escape is the `''` of `''$`; the `$` follows as its own fragment.
    }
  }
  return parts;
}

function offsetsFrom(start: number, length: number): number[] {
  return Array.from({ length }, (_, index) => start + index);
}

const ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' };

/** `\n`, `\t`, `\r`; any other `\x` is `x`. */
function decodeEscape(text: string): string {
  const character = text.slice(1);
  return ESCAPES[character] ?? character;
}

/** `'''` is `''`; `''\n` a newline; `''\x` is `x`. */
function decodeIndentedEscape(text: string): string {
  if (text === "'''") return "''";
  return decodeEscape(text.slice(2));
}

export interface Application {
  callee: Node;
  args: Node[];
  /** The function by its last name: `lib.mkDefault` -> `mkDefault`; undefined for a computed one. */
  name: string | undefined;
}

/** The parts of `f a b`: the function (`f`) and its arguments in order. */
export function applicationParts(node: Node): Application {
  const args: Node[] = [];
  let current = node;
  while (current.type === 'apply_expression') {
    const argument = current.childForFieldName('argument');
    const callee = current.childForFieldName('function');
    if (!argument || !callee) break;
    args.unshift(argument);
    current = callee;
  }
  const dotted = dottedName(current);
  return { callee: current, args, name: dotted?.slice(dotted.lastIndexOf('.') + 1) };
}

/** `mkOption`, `lib.mkOption`, `lib.types.port`: a variable or a static select on one, as dotted text. */
export function dottedName(node: Node): string | undefined {
  if (node.type === 'variable_expression') return node.childForFieldName('name')?.text;
  if (node.type !== 'select_expression' || node.childForFieldName('default')) return undefined;
  const base = node.childForFieldName('expression');
  const names = attrPathNames(node.childForFieldName('attrpath'));
  if (base?.type !== 'variable_expression' || !names) return undefined;
  return [base.text, ...names].join('.');
}

/** The function a call applies, by its last name: `lib.mkDefault 80` -> `mkDefault`. */
export function calleeName(node: Node): string | undefined {
  return node.type === 'apply_expression' ? applicationParts(node).name : undefined;
}
