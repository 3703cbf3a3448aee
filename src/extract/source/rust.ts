// Rust listeners: `TcpListener::bind(..)`, `.with_http_listener((host, port))`, warp's
// `.run(([0, 0, 0, 0], 3030))`, a wildcard `"0.0.0.0:9999".parse()`, and clap defaults.
// `#[cfg(test)]` and `#[test]` code is not read.
import type { Node } from 'web-tree-sitter';
import { parseHostText } from './address.js';
import { type AddressFact, addressHeldIn, addressOfString, asDefault, distinctClaims, heldIn, type ListenClaim, listenClaim, type PortFact, portOfNumberLiteral, portOfString } from './claims.js';
import { rustIntegerValue } from './integerLiterals.js';
import { callArguments, calleeName, calleeOwner, calleePath, methodReceiver } from './rustCalls.js';
import { RUST_LISTEN_CALLS, rustClapClaims } from './rustClap.js';
import { isRustTestCode } from './rustTests.js';
import { localValue, nodesAroundWords, plainString, wordsPattern, unwrapValue } from './syntax.js';

/** Calls whose address argument is where the program listens (tokio, std, actix, hyper, axum, warp, tonic, metrics-exporter). */
const LISTEN_CALLS = RUST_LISTEN_CALLS;
const LISTEN_WORDS = wordsPattern(LISTEN_CALLS);
const WILDCARD_ADDRESS = /0\.0\.0\.0:|\[::\]:/g;
const CALL_TYPES = new Set(['call_expression']);
/** Calls that pass their receiver (or only argument) through as the same address or port. */
const PASS_THROUGH_METHODS = new Set(['unwrap', 'expect', 'into', 'parse', 'clone', 'to_owned', 'to_string', 'try_into']);
const MAX_DEPTH = 6;

export function findRustClaims(root: Node, text: string): ListenClaim[] {
  if (isRustTestCode(root)) return [];
  // Listener calls first: their reading of a literal (with its host and setting) wins.
  const listened = nodesAroundWords(root, text, LISTEN_WORDS, CALL_TYPES, 3)
    .filter((call) => LISTEN_CALLS.has(calleeName(call) ?? '') && !isRustTestCode(call))
    .flatMap(listenCallClaims);
  const parsed = nodesAroundWords(root, text, WILDCARD_ADDRESS, CALL_TYPES, 4)
    .filter((call) => calleeName(call) === 'parse' && !isRustTestCode(call))
    .flatMap(wildcardParseClaims);
  const defaults = rustClapClaims(root, text, { portOf: (node) => portOf(node, 0), addressOf: (node) => addressOf(node, 0) });
  return distinctClaims([...listened, ...parsed, ...defaults]);
}

function listenCallClaims(call: Node): ListenClaim[] {
  const protocol = calleePath(call).includes('UdpSocket') ? 'udp' : 'tcp';
  const claims: ListenClaim[] = [];
  for (const argument of callArguments(call)) {
    const address = addressOf(argument, 0);
    if (address) claims.push(listenClaim(address, protocol));
  }
  return claims;
}

/** `"0.0.0.0:9999".parse()`: an address for every interface is a listen address wherever it is parsed. */
function wildcardParseClaims(call: Node): ListenClaim[] {
  const receiver = methodReceiver(call);
  if (receiver?.type !== 'string_literal' && receiver?.type !== 'raw_string_literal') return [];
  const address = addressOfString(plainString(receiver));
  return address && address.host === null ? [listenClaim(address)] : [];
}

function addressOf(expression: Node, depth: number): AddressFact | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  switch (node.type) {
    case 'string_literal':
    case 'raw_string_literal':
      return addressOfString(plainString(node));
    case 'tuple_expression': {
      const [host, port] = node.namedChildren;
      if (node.namedChildCount !== 2 || !host || !port) return undefined;
      const portFact = portOf(port, depth + 1);
      return portFact && { port: portFact, host: hostOf(host, depth + 1) };
    }
    case 'identifier': {
      const value = resolveName(node);
      return value && addressHeldIn(addressOf(value, depth + 1), node.text);
    }
    case 'if_expression': {
      // bind(if ipv6 { "[::]:443" } else { "0.0.0.0:443" }): one claim, at the first branch's literal
      const branches = [node.childForFieldName('consequence'), node.childForFieldName('alternative')?.namedChildren[0]];
      for (const branch of branches) {
        const value = branch ? blockValue(branch) : undefined;
        const address = value && addressOf(value, depth + 1);
        if (address) return address;
      }
      return undefined;
    }
    case 'call_expression': {
      // SocketAddr::new(ip, port), SocketAddrV4::new(ip, port), SocketAddrV6::new(ip, port, 0, 0)
      const [ip, port] = callArguments(node);
      if (calleeName(node) !== 'new' || !/^SocketAddr(?:V4|V6)?$/.test(calleeOwner(node)) || !ip || !port) return undefined;
      const portFact = portOf(port, depth + 1);
      return portFact && { port: portFact, host: hostOf(ip, depth + 1) };
    }
    default:
      return undefined;
  }
}

function portOf(expression: Node, depth: number): PortFact | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  switch (node.type) {
    case 'integer_literal':
      return portOfNumberLiteral(node, rustIntegerValue);
    case 'string_literal':
      return portOfString(plainString(node));
    case 'identifier':
    case 'scoped_identifier': {
      // `config::METRICS_PORT` is followed when the constant is declared in this file.
      const name = node.type === 'identifier' ? node.text : (node.childForFieldName('name')?.text ?? '');
      const value = resolveName(node, name);
      return value && heldIn(portOf(value, depth + 1), name);
    }
    case 'call_expression': {
      // env::var("PORT").ok().and_then(|p| p.parse().ok()).unwrap_or(8080), args.port.unwrap_or(8765)
      const [fallback] = callArguments(node);
      if (calleeName(node) !== 'unwrap_or' || !fallback) return undefined;
      return asDefault(portOf(fallback, depth + 1), environmentVariableIn(node));
    }
    default:
      return undefined;
  }
}

/** The host part of an address: undefined when it is not a literal the code spells out. */
function hostOf(expression: Node, depth: number): string | null | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  switch (node.type) {
    case 'string_literal': {
      const text = plainString(node);
      return text && parseHostText(text.text);
    }
    case 'array_expression':
      return ipv4OfOctets(node.namedChildren);
    case 'identifier': {
      const value = resolveName(node);
      return value && hostOf(value, depth + 1);
    }
    case 'scoped_identifier':
      return NAMED_ADDRESSES[node.text.split('::').slice(-2).join('::')];
    case 'call_expression': {
      const name = calleeName(node);
      const owner = calleeOwner(node);
      if (name === 'new' && owner === 'Ipv4Addr') return ipv4OfOctets(callArguments(node));
      const [inner] = callArguments(node);
      if ((name === 'V4' || name === 'V6') && inner) return hostOf(inner, depth + 1);
      return undefined;
    }
    default:
      return undefined;
  }
}

const NAMED_ADDRESSES: Record<string, string | null> = {
  'Ipv4Addr::UNSPECIFIED': null,
  'Ipv6Addr::UNSPECIFIED': null,
  'Ipv4Addr::LOCALHOST': '127.0.0.1',
  'Ipv6Addr::LOCALHOST': '::1',
};

function ipv4OfOctets(octets: readonly Node[]): string | null | undefined {
  if (octets.length !== 4 || octets.some((octet) => octet.type !== 'integer_literal')) return undefined;
  return parseHostText(octets.map((octet) => String(Number(octet.text.replace(/u8$/, '')))).join('.'));
}

/** Strips what keeps the value: `&x`, `x?`, `x.await`, `(x)`, `x as u16`, `x.parse()`, `x.unwrap()`, `T::from(x)`. */
function passThrough(expression: Node): Node {
  return unwrapValue(expression, wrappedValue);
}

function wrappedValue(node: Node): Node | null | undefined {
  switch (node.type) {
    case 'reference_expression':
    case 'type_cast_expression':
      return node.childForFieldName('value');
    case 'try_expression':
    case 'await_expression':
    case 'parenthesized_expression':
      return node.namedChildren[0];
    case 'call_expression': {
      const name = calleeName(node);
      if (name !== undefined && PASS_THROUGH_METHODS.has(name)) return methodReceiver(node);
      return name === 'from' && calleePath(node) !== '' ? callArguments(node)[0] : undefined;
    }
    default:
      return undefined;
  }
}

/** The value a block ends with (its last expression, written without `;`). */
function blockValue(block: Node): Node | undefined {
  const last = block.type === 'block' ? block.namedChildren.at(-1) : undefined;
  return last && !last.type.endsWith('statement') && !last.type.endsWith('declaration') && !last.type.endsWith('comment') ? last : undefined;
}

/** The `"PORT"` of `env::var("PORT")` in a method chain. */
function environmentVariableIn(chain: Node): string | undefined {
  for (const call of chain.descendantsOfType('call_expression')) {
    if (calleeName(call) !== 'var' || !calleePath(call).includes('env')) continue;
    const [name] = callArguments(call);
    const text = name?.type === 'string_literal' ? plainString(name)?.text : undefined;
    if (text) return text;
  }
  return undefined;
}

function resolveName(use: Node, name = use.text): Node | undefined {
  return localValue(use, name, declaredValue);
}

function declaredValue(statement: Node, name: string): Node | undefined {
  switch (statement.type) {
    case 'let_declaration':
      return statement.childForFieldName('pattern')?.text === name ? (statement.childForFieldName('value') ?? undefined) : undefined;
    case 'const_item':
    case 'static_item':
      return statement.childForFieldName('name')?.text === name ? (statement.childForFieldName('value') ?? undefined) : undefined;
    default:
      return undefined;
  }
}
