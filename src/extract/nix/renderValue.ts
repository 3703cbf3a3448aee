// Renders a Nix expression as the text it statically evaluates to, as far as that is known:
// strings, numbers, `toString`, `escapeShellArg`, list joins and `let` names. Each rendered
// character keeps the file offset it was written at, so a port found in the text is located at
// its literal; what cannot be known (`${pkgs.redis}`, `${cfg.user}`) becomes `${_}`, which
// command readers skip rather than guess.
import type { Node } from 'web-tree-sitter';
import { followNames, recursiveScope, type ScopedNode } from './nixScope.js';
import { applicationParts, stringParts, unwrapParentheses } from './nixSyntax.js';

export interface Rendered {
  text: string;
  /** The file offset of each character of `text`; -1 where the text stands for an unknown value. */
  offsets: number[];
}

/**
 * Finds what a `config.…` path is set to by default in this file (an option's literal default),
 * for expressions such as `toString cfg.metrics.port`. Without one, such references stay unknown.
 */
export type ConfigDefaults = (path: readonly string[]) => ScopedNode | undefined;

const UNKNOWN = '${_}';

const TRANSPARENT = new Set(['toString', 'escapeShellArg', 'optionalString', 'optional', 'optionals', 'mkIf', 'mkDefault', 'mkForce', 'mkOverride']);
const LIST_JOINS = new Set(['escapeShellArgs', 'flatten', 'concatLists', 'concatStringsSep', 'concatStrings']);
const PROGRAM_OF_PACKAGE = new Set(['getExe', "getExe'"]);
const MAX_DEPTH = 24;

export function renderValue(start: ScopedNode, defaults?: ConfigDefaults): Rendered {
  const out: Rendered = { text: '', offsets: [] };
  render(start, defaults, out, 0);
  return out;
}

/** True when every character of `text[from, to)` was written in the file. */
export function isWritten(rendered: Rendered, from: number, to: number): boolean {
  for (let index = from; index < to; index++) if ((rendered.offsets[index] ?? -1) < 0) return false;
  return true;
}

function append(out: Rendered, text: string, offsets: readonly number[]): void {
  out.text += text;
  // A loop, not push(...offsets): a long script would overflow the argument list.
  for (const offset of offsets) out.offsets.push(offset);
}

function unknown(out: Rendered): void {
  append(out, UNKNOWN, new Array<number>(UNKNOWN.length).fill(-1));
}

function render(start: ScopedNode, defaults: ConfigDefaults | undefined, out: Rendered, depth: number): void {
  if (depth > MAX_DEPTH) return unknown(out);
  const { node, scope } = followNames(start);
  const next = (child: Node | null, inner = scope): void => (child ? render({ node: child, scope: inner }, defaults, out, depth + 1) : unknown(out));
  switch (node.type) {
    case 'string_expression':
    case 'indented_string_expression':
      for (const part of stringParts(node)) {
        if (part.kind === 'text') append(out, part.text, part.offsets);
        else next(part.expression);
      }
      return;
    case 'integer_expression':
      return append(out, node.text, offsetsOf(node));
    case 'select_expression': {
      const target = defaults && configPath({ node, scope });
      const value = target && defaults?.(target);
      return value ? render(value, defaults, out, depth + 1) : unknown(out);
    }
    case 'list_expression':
      return joinElements(node.childrenForFieldName('element').map((element) => ({ node: element, scope })), ' ', defaults, out, depth);
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      // `+` joins strings but adds numbers (`cfg.port + 1`), which this reader does not evaluate.
      const joinsStrings = operator === '+' && left !== null && followNames({ node: left, scope }).node.type.endsWith('string_expression');
      if (!joinsStrings && operator !== '++') return unknown(out);
      next(left);
      if (operator === '++') append(out, ' ', [-1]);
      return next(node.childForFieldName('right'));
    }
    case 'let_expression':
      return next(node.childForFieldName('body'), recursiveScope(node, scope));
    case 'apply_expression':
      return renderCall({ node, scope }, defaults, out, depth);
    default:
      return unknown(out);
  }
}

function renderCall(call: ScopedNode, defaults: ConfigDefaults | undefined, out: Rendered, depth: number): void {
  const { name, args } = applicationParts(call.node);
  const last = args[args.length - 1];
  if (name === undefined || !last) return unknown(out);
  const inner = (node: Node): ScopedNode => ({ node, scope: call.scope });
  if (TRANSPARENT.has(name)) return render(inner(last), defaults, out, depth + 1);
  if (LIST_JOINS.has(name)) {
    const separator = name === 'concatStringsSep' && args.length === 2 ? separatorOf(inner(args[0] as Node)) : name === 'concatStrings' ? '' : ' ';
    const list = followNames(inner(last));
    const elements = list.node.type === 'list_expression' ? list.node.childrenForFieldName('element').map((node) => ({ node, scope: list.scope })) : [list];
    return joinElements(elements, separator, defaults, out, depth);
  }
  if (PROGRAM_OF_PACKAGE.has(name)) return renderProgram(args, call, out);
  unknown(out);
}

function joinElements(elements: readonly ScopedNode[], separator: string, defaults: ConfigDefaults | undefined, out: Rendered, depth: number): void {
  elements.forEach((element, index) => {
    if (index > 0) append(out, separator, new Array<number>(separator.length).fill(-1));
    render(element, defaults, out, depth + 1);
  });
}

function separatorOf(node: ScopedNode): string {
  const rendered = renderValue(node);
  return rendered.offsets.every((offset) => offset >= 0) ? rendered.text : ' ';
}

/** `getExe pkgs.redis` runs `…/bin/redis`; `getExe' pkgs.redis "redis-server"` names the program. */
function renderProgram(args: readonly Node[], call: ScopedNode, out: Rendered): void {
  const named = args.length === 2 ? renderValue({ node: args[1] as Node, scope: call.scope }) : undefined;
  const pkg = unwrapParentheses(args[0] as Node);
  const program = named && named.offsets.every((offset) => offset >= 0) ? named.text : pkg.type === 'select_expression' ? lastAttr(pkg) : undefined;
  unknown(out);
  if (program) append(out, `/bin/${program}`, new Array<number>(program.length + 5).fill(-1));
}

function lastAttr(select: Node): string | undefined {
  const attrs = select.childForFieldName('attrpath')?.childrenForFieldName('attr') ?? [];
  const last = attrs[attrs.length - 1];
  return last?.type === 'identifier' ? last.text : undefined;
}

function offsetsOf(node: Node): number[] {
  return Array.from({ length: node.text.length }, (_, index) => node.startIndex + index);
}

/**
 * The `config` path a select expression reads: `config.services.x.port`, or `cfg.port` where
 * `cfg = config.services.x;`. Undefined for anything else (`pkgs.x`, `ports.databases.redis`).
 */
export function configPath(start: ScopedNode): string[] | undefined {
  const names: string[] = [];
  let current = followNames(start);
  for (let step = 0; step < MAX_DEPTH; step++) {
    const { node } = current;
    if (node.type === 'variable_expression') return node.text === 'config' ? names : undefined;
    if (node.type !== 'select_expression' || node.childForFieldName('default')) return undefined;
    const attrs = node.childForFieldName('attrpath')?.childrenForFieldName('attr') ?? [];
    if (attrs.some((attr) => attr.type !== 'identifier')) return undefined;
    names.unshift(...attrs.map((attr) => attr.text));
    const base = node.childForFieldName('expression');
    if (!base) return undefined;
    current = followNames({ node: base, scope: current.scope });
  }
  return undefined;
}
