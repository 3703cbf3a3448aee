// Go listeners: `http.ListenAndServe(":8080", nil)`, `net.Listen("tcp", ":9000")`, gin's
// `r.Run(":8080")`, `&http.Server{Addr: ":8080"}`, and flag defaults (`flag.Int("port", 8080, ..)`).
// `_test.go` files are never matched.
import type { Node } from 'web-tree-sitter';
import { namesListenerSetting, parseHostText } from './address.js';
import {
  type AddressFact,
  addressAsDefault,
  addressHeldIn,
  addressOfString,
  asDefault,
  distinctClaims,
  heldIn,
  type ListenClaim,
  listenClaim,
  type PortFact,
  portOfNumberLiteral,
  portOfString,
} from './claims.js';
import { goIntegerValue } from './integerLiterals.js';
import { buildsUrl, namePattern, onlyConnectsWith, type UseReader } from './optionUses.js';
import { localValue, nodesAroundWords, type PlainString, plainString, wordsPattern, unwrapValue } from './syntax.js';

/** Calls that listen on their address argument (net/http, net, gin, echo, fiber). */
const LISTEN_CALLS = new Set(['ListenAndServe', 'ListenAndServeTLS', 'Listen', 'ListenPacket', 'ListenTCP', 'ListenUDP', 'Run', 'RunTLS', 'Start', 'StartTLS']);
const STRING_TYPES = new Set(['interpreted_string_literal', 'raw_string_literal']);
/** flag, pflag and FlagSet definitions: `Int`, `IntVar`, `IntP`, `IntVarP`, `String`, `Uint16`, ... */
const FLAG_DEFINITION = /^(?:Int|Int64|Uint|Uint16|Uint32|Uint64|String)(Var)?(P)?$/;
const LISTEN_WORDS = wordsPattern(LISTEN_CALLS);
const FLAG_WORDS = /\b(?:Int|Int64|Uint|Uint16|Uint32|Uint64|String)(?:Var)?P?\b/g;
const CALL_TYPES = new Set(['call_expression']);
const LITERAL_TYPES = new Set(['composite_literal']);
const MAX_DEPTH = 6;

export function findGoClaims(root: Node, text: string): ListenClaim[] {
  const claims: ListenClaim[] = [];
  for (const call of nodesAroundWords(root, text, LISTEN_WORDS, CALL_TYPES, 2)) {
    const name = calleeName(call);
    if (name !== undefined && LISTEN_CALLS.has(name)) claims.push(...listenCallClaims(call, name));
  }
  for (const call of nodesAroundWords(root, text, FLAG_WORDS, CALL_TYPES, 2)) {
    const flag = flagDefault(call, 0);
    if (flag && (namesListenerSetting(flag.port.setting ?? '') || flag.host === null) && !flagOnlyConnects(call, root, text)) claims.push(listenClaim(flag));
  }
  for (const literal of nodesAroundWords(root, text, /(?:Server|Flag)\b/g, LITERAL_TYPES, 2)) claims.push(...compositeLiteralClaims(literal));
  return distinctClaims(claims);
}

function listenCallClaims(call: Node, name: string): ListenClaim[] {
  const args = callArguments(call);
  const network = args[0] && STRING_TYPES.has(args[0].type) ? plainString(args[0])?.text : undefined;
  const protocol = name === 'ListenUDP' || network?.startsWith('udp') ? 'udp' : 'tcp';
  for (const argument of args) {
    // Go listens on `host:port` (`":8080"`); a bare number (`pool.Run(10)`) is no address.
    const address = addressOf(argument, 0);
    if (address && address.host !== undefined) return [listenClaim(address, protocol)];
  }
  return [];
}

/**
 * `&http.Server{Addr: ":8080"}` (any `...Server` type) and urfave/cli's
 * `&cli.IntFlag{Name: "port", Value: 8080}`.
 */
function compositeLiteralClaims(literal: Node): ListenClaim[] {
  const type = literal.childForFieldName('type')?.text ?? '';
  const fields = keyedFields(literal);
  if (type.endsWith('Server')) {
    const addr = fields.get('Addr');
    const address = addr && addressHeldIn(addressOf(addr, 0), 'Addr');
    return address ? [listenClaim(address)] : [];
  }
  if (type.endsWith('Flag')) {
    const name = fields.get('Name');
    const flagName = name && STRING_TYPES.has(name.type) ? plainString(name)?.text : undefined;
    const value = fields.get('Value');
    if (!flagName || !value || !namesListenerSetting(flagName)) return [];
    const address = addressAsDefault(addressHeldIn(addressOf(value, 0), flagName));
    return address ? [listenClaim(address)] : [];
  }
  return [];
}

function keyedFields(literal: Node): Map<string, Node> {
  const fields = new Map<string, Node>();
  for (const element of literal.childForFieldName('body')?.namedChildren ?? []) {
    if (element.type !== 'keyed_element') continue;
    const key = element.childForFieldName('key')?.text;
    const value = element.childForFieldName('value')?.namedChildren[0];
    if (key !== undefined && value) fields.set(key, value);
  }
  return fields;
}

function addressOf(expression: Node, depth: number): AddressFact | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  if (STRING_TYPES.has(node.type)) return addressOfString(plainString(node));
  if (node.type === 'int_literal') {
    const port = portOfNumberLiteral(node, goIntegerValue);
    return port && { port, host: undefined };
  }
  if (node.type === 'identifier') {
    const value = resolveName(node);
    return value && addressHeldIn(addressOf(value, depth + 1), node.text);
  }
  if (node.type === 'binary_expression') return joinedAddress(node, depth);
  if (node.type === 'composite_literal') {
    // &net.TCPAddr{Port: 8080}, &net.UDPAddr{IP: net.IPv4zero, Port: 53}: no IP literal, every address
    const port = keyedFields(node).get('Port');
    const fact = port && portOf(port, depth + 1);
    return fact && { port: fact, host: null };
  }
  if (node.type === 'call_expression') {
    const fallback = environmentHelperFallback(node);
    if (fallback) return addressAsDefault(addressOf(fallback.value, depth + 1), fallback.variable);
    return formattedAddress(node, depth) ?? flagDefault(node, depth);
  }
  if (node.type === 'if_statement') {
    const fallback = emptyValueFallback(node);
    return fallback && addressAsDefault(addressOf(fallback.value, depth + 1), fallback.variable);
  }
  return undefined;
}

function portOf(expression: Node, depth: number): PortFact | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  if (node.type === 'int_literal') return portOfNumberLiteral(node, goIntegerValue);
  if (STRING_TYPES.has(node.type)) return portOfString(plainString(node));
  if (node.type === 'identifier') {
    const value = resolveName(node);
    return value && heldIn(portOf(value, depth + 1), node.text);
  }
  if (node.type === 'call_expression') {
    const fallback = environmentHelperFallback(node);
    if (fallback) return asDefault(portOf(fallback.value, depth + 1), fallback.variable);
    const flag = flagDefault(node, depth);
    return flag && flag.host === undefined ? flag.port : undefined;
  }
  if (node.type === 'if_statement') {
    const fallback = emptyValueFallback(node);
    return fallback && asDefault(portOf(fallback.value, depth + 1), fallback.variable);
  }
  return undefined;
}

interface Fallback {
  value: Node;
  variable: string | undefined;
}

/**
 * `port := os.Getenv("PORT"); if port == "" { port = "8080" }`: the assigned value is a
 * default, of the environment variable the name was read from.
 */
function emptyValueFallback(check: Node): Fallback | undefined {
  const name = emptyCheckedName(check);
  const assignments = check.childForFieldName('consequence')?.descendantsOfType('assignment_statement') ?? [];
  const value = name === undefined ? undefined : assignments.map((assignment) => declaredValue(assignment, name)).find((found) => found !== undefined);
  if (!value || name === undefined) return undefined;
  const read = localValue(check, name, declaredValue);
  const [variable] = read?.type === 'call_expression' && calleeName(read) === 'Getenv' ? callArguments(read) : [];
  return { value, variable: variable && STRING_TYPES.has(variable.type) ? plainString(variable)?.text : undefined };
}

/** The helper every Go service writes: `getEnv("PORT", "8080")`, `envOr("ADDR", ":8080")`. */
function environmentHelperFallback(call: Node): Fallback | undefined {
  const [name, value] = callArguments(call);
  const variable = name && STRING_TYPES.has(name.type) ? plainString(name)?.text : undefined;
  if (!/env/i.test(calleeName(call) ?? '') || callArguments(call).length !== 2 || !value || variable === undefined) return undefined;
  return { value, variable };
}

/** `name` of `if name == "" {`. */
function emptyCheckedName(check: Node): string | undefined {
  const condition = check.childForFieldName('condition');
  const left = condition?.childForFieldName('left');
  const right = condition?.childForFieldName('right');
  const isEmpty = right && STRING_TYPES.has(right.type) && plainString(right)?.text === '';
  return condition?.type === 'binary_expression' && condition.childForFieldName('operator')?.text === '==' && isEmpty && left?.type === 'identifier' ? left.text : undefined;
}

/** `":" + port` and `"0.0.0.0:" + port`. */
function joinedAddress(node: Node, depth: number): AddressFact | undefined {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const prefix = left && STRING_TYPES.has(left.type) ? plainString(left) : undefined;
  if (node.childForFieldName('operator')?.text !== '+' || !prefix || !right) return undefined;
  return addressWithPort(prefix, right, depth);
}

/** `fmt.Sprintf(":%d", port)` and `fmt.Sprintf("0.0.0.0:%d", port)`. */
function formattedAddress(call: Node, depth: number): AddressFact | undefined {
  const [format, port] = callArguments(call);
  if (calleeName(call) !== 'Sprintf' || !format || !port || !STRING_TYPES.has(format.type)) return undefined;
  const text = plainString(format);
  if (!text?.text.endsWith(':%d') && !text?.text.endsWith(':%v')) return undefined;
  return addressWithPort({ ...text, text: text.text.slice(0, -2) }, port, depth);
}

/** A written host part (`"0.0.0.0:"`) and a port from elsewhere. */
function addressWithPort(prefix: PlainString, port: Node, depth: number): AddressFact | undefined {
  if (!prefix.text.endsWith(':')) return undefined;
  const host = parseHostText(prefix.text.slice(0, -1).replace(/^\[(.*)\]$/, '$1'));
  const fact = host === undefined ? undefined : portOf(port, depth + 1);
  return fact && { port: fact, host };
}

/** `flag.Int("port", 8080, ..)`, `flag.StringVar(&addr, "addr", ":8080", ..)`, `pflag.IntP("port", "p", 8080, ..)`. */
function flagDefault(call: Node, depth: number): AddressFact | undefined {
  const shape = FLAG_DEFINITION.exec(calleeName(call) ?? '');
  if (!shape || call.childForFieldName('function')?.type !== 'selector_expression') return undefined;
  const args = callArguments(call);
  const nameIndex = shape[1] ? 1 : 0;
  const name = args[nameIndex];
  const value = args[nameIndex + (shape[2] ? 2 : 1)];
  const flagName = name && STRING_TYPES.has(name.type) ? plainString(name)?.text : undefined;
  if (flagName === undefined || !value || depth > MAX_DEPTH) return undefined;
  const address = addressAsDefault(addressOf(value, depth + 1));
  return address && { ...address, port: { ...address.port, setting: flagName } };
}

/**
 * A flag whose value the program only dials with: `port := flag.Int("port", 8080, "")` then
 * `http.Get(fmt.Sprintf("http://localhost:%d/health", *port))`. The value is the variable the
 * definition's result is assigned to, or the one `flag.IntVar(&port, ..)` writes.
 */
function flagOnlyConnects(call: Node, root: Node, text: string): boolean {
  const statement = call.parent?.type === 'expression_list' ? call.parent.parent : null;
  let holder: Node | null | undefined;
  let definition = call;
  if (statement?.type === 'short_var_declaration' || statement?.type === 'assignment_statement') {
    holder = statement.childForFieldName('left')?.namedChildren[0];
    definition = statement;
  } else if (call.parent?.type === 'var_spec') {
    holder = call.parent.childForFieldName('name');
    definition = call.parent;
  } else if (/Var/.test(calleeName(call) ?? '')) {
    const [target] = callArguments(call);
    holder = target?.type === 'unary_expression' ? target.childForFieldName('operand') : undefined;
  }
  if (!holder || (holder.type !== 'identifier' && holder.type !== 'selector_expression')) return false;
  const name = holder.text.replace(/\s+/g, '');
  return /^[\w.]+$/.test(name) && onlyConnectsWith(root, text, namePattern(name, 'bare'), definition, GO_USES);
}

/** Calls that dial a server (net/http's client, net's dialers) and calls that keep the value. */
const GO_CLIENT_CALLS = new Set(['Get', 'Post', 'Head', 'PostForm', 'Dial', 'DialTimeout', 'DialContext', 'DialTCP', 'DialUDP', 'NewRequest', 'NewRequestWithContext']);
const GO_CONVERSIONS = new Set(['int', 'uint16', 'int64', 'Itoa', 'FormatInt', 'FormatUint', 'JoinHostPort', 'Sprint']);
const GO_CLIMBED = new Set(['unary_expression', 'argument_list', 'parenthesized_expression', 'expression_list', 'keyed_element', 'literal_element', 'literal_value']);

const GO_USES: UseReader = {
  useOf(token) {
    const parent = token.parent;
    if (token.type !== 'identifier' || !parent) return undefined;
    // `cfg.Port`: the selector is the use; `x.port` is another name's field.
    if (parent.type === 'selector_expression') return parent.childForFieldName('operand')?.equals(token) ? parent : undefined;
    return token;
  },
  roleOf(ancestor, child) {
    switch (ancestor.type) {
      case 'short_var_declaration':
      case 'assignment_statement': {
        const left = ancestor.childForFieldName('left');
        if (left?.equals(child)) return 'none';
        const [target] = left?.namedChildren ?? [];
        return left?.namedChildCount === 1 && target?.type === 'identifier' ? { follow: target.text } : 'other';
      }
      case 'var_spec':
      case 'const_spec': {
        const names = ancestor.childrenForFieldName('name');
        if (names.some((name) => name?.equals(child))) return 'none';
        return names.length === 1 && names[0] ? { follow: names[0].text } : 'other';
      }
      case 'parameter_declaration':
        return 'none';
      case 'call_expression': {
        const name = calleeName(ancestor) ?? '';
        if (LISTEN_CALLS.has(name)) return 'listener';
        if (GO_CLIENT_CALLS.has(name)) return 'client';
        if (GO_CONVERSIONS.has(name)) return undefined;
        if (name === 'Sprintf') {
          const [format] = callArguments(ancestor);
          return format && STRING_TYPES.has(format.type) && buildsUrl(format.text) ? 'client' : undefined;
        }
        return 'other';
      }
      case 'binary_expression':
        return ancestor.namedChildren.some((operand) => STRING_TYPES.has(operand.type) && buildsUrl(operand.text)) ? 'client' : undefined;
      case 'composite_literal':
        return (ancestor.childForFieldName('type')?.text ?? '').endsWith('Server') ? 'listener' : 'other';
      default:
        return GO_CLIMBED.has(ancestor.type) ? undefined : 'other';
    }
  },
};

/** `&x`, `*x` and `(x)` keep the value. */
function passThrough(expression: Node): Node {
  return unwrapValue(expression, (node) => {
    if (node.type === 'parenthesized_expression') return node.namedChildren[0];
    return node.type === 'unary_expression' && /^[&*]$/.test(node.childForFieldName('operator')?.text ?? '') ? node.childForFieldName('operand') : undefined;
  });
}

function resolveName(identifier: Node): Node | undefined {
  return localValue(identifier, identifier.text, declaredValue);
}

/** `x := v`, `x = v`, `var x = v`, `const x = v`, each possibly one of several names. */
function declaredValue(statement: Node, name: string): Node | undefined {
  switch (statement.type) {
    case 'if_statement':
      return emptyCheckedName(statement) === name && emptyValueFallback(statement) ? statement : undefined;
    case 'short_var_declaration':
    case 'assignment_statement':
      return pairedValue(statement.childForFieldName('left'), statement.childForFieldName('right'), name);
    case 'var_declaration':
    case 'const_declaration':
    case 'var_spec_list':
      for (const spec of statement.namedChildren) {
        const value = declaredValue(spec, name);
        if (value) return value;
      }
      return undefined;
    case 'var_spec':
    case 'const_spec': {
      const names = statement.childrenForFieldName('name');
      const index = names.findIndex((identifier) => identifier?.text === name);
      return index < 0 ? undefined : statement.childForFieldName('value')?.namedChildren[index];
    }
    default:
      return undefined;
  }
}

function pairedValue(left: Node | null, right: Node | null, name: string): Node | undefined {
  const index = left?.namedChildren.findIndex((identifier) => identifier.text === name) ?? -1;
  return index < 0 || left?.namedChildCount !== right?.namedChildCount ? undefined : right?.namedChildren[index];
}

function callArguments(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((child) => child.type !== 'comment');
}

function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'selector_expression') return callee.childForFieldName('field')?.text;
  return undefined;
}
