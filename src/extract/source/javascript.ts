// TypeScript and JavaScript listeners: `app.listen(3000)`, `server.listen({ port: 3000 })`,
// `Bun.serve({ port })`, `Deno.serve({ port: 8000 }, ..)`, `new WebSocketServer({ port })`,
// dgram's `socket.bind(41234)`, and `process.env.PORT ?? 3000` (a default claim).
import type { Node } from 'web-tree-sitter';
import { parseHostText } from './address.js';
import { type AddressFact, asDefault, distinctClaims, heldIn, type ListenClaim, listenClaim, type PortFact, portOfNumberLiteral, portOfString } from './claims.js';
import { javascriptIntegerValue } from './integerLiterals.js';
import { localValue, nodesAroundWords, plainString, unwrapValue } from './syntax.js';

/** `listen(port, host)` and dgram's `bind(port, host)` take a port or options; `serve` options only. */
const LISTEN_CALLS = new Set(['listen', 'bind', 'serve']);
/** Those calls, and constructors of a `...Server` (`new WebSocketServer({ port })`). */
const CALL_WORDS = /\b(?:listen|bind|serve)\b|Server\b/g;
const CALL_TYPES = new Set(['call_expression', 'new_expression']);
const FALLBACK_TYPES = new Set(['binary_expression']);
const STRING_TYPES = new Set(['string', 'template_string']);
/** Expressions that keep their operand's value: `(x)`, `x as number`, `x!`, `<number>x`, `x satisfies T`. */
const TRANSPARENT = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);
const NUMBER_CONVERSIONS = new Set(['Number', 'parseInt', 'parseFloat']);
const ENVIRONMENTS = new Set(['process.env', 'Bun.env', 'import.meta.env']);
const MAX_DEPTH = 6;

export function findJavaScriptClaims(root: Node, text: string): ListenClaim[] {
  const claims: ListenClaim[] = [];
  for (const call of nodesAroundWords(root, text, CALL_WORDS, CALL_TYPES, 3)) claims.push(...callClaims(call));
  for (const fallback of nodesAroundWords(root, text, /\bPORT\b/g, FALLBACK_TYPES, 4)) {
    // `process.env.PORT ?? 3000` names this process's own port wherever it is written.
    if (environmentVariable(fallback.childForFieldName('left')) !== 'PORT') continue;
    const port = portOf(fallback, 0);
    if (port) claims.push(listenClaim({ port, host: undefined }));
  }
  return distinctClaims(claims);
}

function callClaims(call: Node): ListenClaim[] {
  const name = calleeName(call);
  const isNew = call.type === 'new_expression';
  if (name === undefined || (isNew ? !name.endsWith('Server') : !LISTEN_CALLS.has(name))) return [];
  const [first, second] = (call.childForFieldName('arguments')?.namedChildren ?? []).filter((child) => child.type !== 'comment');
  if (!first) return [];
  const address = optionsAddress(first, 0) ?? (name === 'listen' || name === 'bind' ? portAndHost(first, second) : undefined);
  // dgram sockets bind; net and http servers listen.
  return address ? [listenClaim(address, name === 'bind' ? 'udp' : 'tcp')] : [];
}

/** `listen(3000)`, `listen(port, '0.0.0.0')`. */
function portAndHost(portNode: Node, hostNode: Node | undefined): AddressFact | undefined {
  const port = portOf(portNode, 0);
  return port && { port, host: hostNode && STRING_TYPES.has(hostNode.type) ? hostOfString(hostNode) : undefined };
}

/** `{ port: 3000, host: '0.0.0.0' }`, `{ port }`, or a variable that holds such an object. */
function optionsAddress(expression: Node, depth: number): AddressFact | undefined {
  const node = passThrough(expression);
  if (node.type === 'identifier' && depth <= MAX_DEPTH) {
    const value = resolveName(node);
    return value && optionsAddress(value, depth + 1);
  }
  if (node.type !== 'object') return undefined;
  let port: PortFact | undefined;
  let host: string | null | undefined;
  for (const property of node.namedChildren) {
    const key = property.type === 'pair' ? propertyKey(property.childForFieldName('key')) : property.type === 'shorthand_property_identifier' ? property.text : undefined;
    const value = property.type === 'pair' ? property.childForFieldName('value') : property;
    if (!value) continue;
    if (key === 'port') port = portOf(value, depth + 1);
    else if ((key === 'host' || key === 'hostname' || key === 'address') && STRING_TYPES.has(value.type)) host = hostOfString(value);
  }
  return port && { port, host };
}

function portOf(expression: Node, depth: number): PortFact | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  switch (node.type) {
    case 'number':
      return portOfNumberLiteral(node, javascriptIntegerValue);
    case 'string':
    case 'template_string':
      return portOfString(plainString(node));
    case 'identifier':
    case 'shorthand_property_identifier': {
      const value = resolveName(node);
      return value && heldIn(portOf(value, depth + 1), node.text);
    }
    case 'binary_expression': {
      const operator = node.childForFieldName('operator')?.text;
      const right = node.childForFieldName('right');
      if ((operator !== '??' && operator !== '||') || !right) return undefined;
      return asDefault(portOf(right, depth + 1), environmentVariable(node.childForFieldName('left')));
    }
    case 'ternary_expression': {
      // process.env.PORT ? Number(process.env.PORT) : 3000
      const fallback = node.childForFieldName('alternative');
      return fallback ? asDefault(portOf(fallback, depth + 1), environmentVariable(node.childForFieldName('condition'))) : undefined;
    }
    case 'object_assignment_pattern': {
      // const { port = 3000 } = options
      const fallback = node.childForFieldName('right');
      return fallback ? asDefault(portOf(fallback, depth + 1)) : undefined;
    }
    case 'call_expression': {
      const [argument] = node.childForFieldName('arguments')?.namedChildren ?? [];
      return NUMBER_CONVERSIONS.has(calleeName(node) ?? '') && argument ? portOf(argument, depth + 1) : undefined;
    }
    case 'unary_expression':
      return node.childForFieldName('operator')?.text === '+' ? portOf(node.childForFieldName('argument') ?? node, depth + 1) : undefined;
    default:
      return undefined;
  }
}

function hostOfString(node: Node): string | null | undefined {
  const text = plainString(node);
  return text && parseHostText(text.text);
}

/** `PORT` of `process.env.PORT`, `process.env['PORT']`, `Bun.env.PORT`, `import.meta.env.PORT`, `Deno.env.get('PORT')`. */
function environmentVariable(expression: Node | null): string | undefined {
  const node = expression && passThrough(expression);
  if (node?.type === 'member_expression' && ENVIRONMENTS.has(node.childForFieldName('object')?.text ?? '')) {
    return node.childForFieldName('property')?.text;
  }
  if (node?.type === 'subscript_expression' && ENVIRONMENTS.has(node.childForFieldName('object')?.text ?? '')) {
    const index = node.childForFieldName('index');
    return index && STRING_TYPES.has(index.type) ? plainString(index)?.text : undefined;
  }
  if (node?.type !== 'call_expression') return undefined;
  const [argument] = node.childForFieldName('arguments')?.namedChildren ?? [];
  if (NUMBER_CONVERSIONS.has(calleeName(node) ?? '')) return argument ? environmentVariable(argument) : undefined;
  if (node.childForFieldName('function')?.text !== 'Deno.env.get') return undefined;
  return argument && STRING_TYPES.has(argument.type) ? plainString(argument)?.text : undefined;
}

function passThrough(expression: Node): Node {
  return unwrapValue(expression, (node) => (TRANSPARENT.has(node.type) ? node.namedChildren[0] : undefined));
}

function resolveName(identifier: Node): Node | undefined {
  return localValue(identifier, identifier.text, declaredValue);
}

/** `const x = v`, `let x = v`, `var x = v`, `export const x = v`, `const { x = v } = ..`. */
function declaredValue(statement: Node, name: string): Node | undefined {
  if (statement.type === 'export_statement') {
    const declaration = statement.childForFieldName('declaration');
    return declaration ? declaredValue(declaration, name) : undefined;
  }
  if (statement.type !== 'lexical_declaration' && statement.type !== 'variable_declaration') return undefined;
  for (const declarator of statement.namedChildren) {
    const target = declarator.childForFieldName('name');
    if (target?.type === 'identifier' && target.text === name) return declarator.childForFieldName('value') ?? undefined;
    if (target?.type === 'object_pattern') {
      const withDefault = target.namedChildren.find((property) => property.type === 'object_assignment_pattern' && property.childForFieldName('left')?.text === name);
      if (withDefault) return withDefault;
    }
  }
  return undefined;
}

function propertyKey(key: Node | null): string | undefined {
  if (!key) return undefined;
  return STRING_TYPES.has(key.type) ? plainString(key)?.text : key.text;
}

function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'member_expression') return callee.childForFieldName('property')?.text;
  return undefined;
}
