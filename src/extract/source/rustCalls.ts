// The parts of a Rust call expression: `TcpListener::bind(..)`, `server.bind(..)`, `s.parse::<T>()`.
import type { Node } from 'web-tree-sitter';

export function callArguments(call: Node): Node[] {
  return (call.childForFieldName('arguments')?.namedChildren ?? []).filter((child) => !child.type.endsWith('comment'));
}

/** The callee, without turbofish type arguments (`parse::<SocketAddr>`). */
function calleeFunction(call: Node): Node | undefined {
  let callee = call.childForFieldName('function') ?? undefined;
  if (callee?.type === 'generic_function') callee = callee.childForFieldName('function') ?? undefined;
  return callee;
}

/** `bind` of `TcpListener::bind(..)` and of `server.bind(..)`. */
export function calleeName(call: Node): string | undefined {
  const callee = calleeFunction(call);
  switch (callee?.type) {
    case 'identifier':
      return callee.text;
    case 'scoped_identifier':
      return callee.childForFieldName('name')?.text;
    case 'field_expression':
      return callee.childForFieldName('field')?.text;
    default:
      return undefined;
  }
}

/** `SocketAddr` of `std::net::SocketAddr::new`. */
export function calleeOwner(call: Node): string {
  const callee = calleeFunction(call);
  const path = callee?.type === 'scoped_identifier' ? callee.childForFieldName('path') : null;
  return path?.text.split('::').pop() ?? '';
}

/** `tokio::net::UdpSocket::bind` of a path call; empty for a method call. */
export function calleePath(call: Node): string {
  const callee = calleeFunction(call);
  return callee?.type === 'scoped_identifier' ? callee.text : '';
}

/** `x` of `x.parse()`. */
export function methodReceiver(call: Node): Node | undefined {
  const callee = calleeFunction(call);
  return callee?.type === 'field_expression' ? (callee.childForFieldName('value') ?? undefined) : undefined;
}
