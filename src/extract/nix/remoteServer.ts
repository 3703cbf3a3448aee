// A port written beside the server it belongs to: `{ server = "nue0.example.org"; port = 8555; }`
// in the list of nodes a client dials, or an agent's `server` and `port`. That port is where the
// named machine listens, as a `--host` naming another machine makes a command a client's.
import type { Node } from 'web-tree-sitter';
import { normalizeHost, parseListenAddress } from '../command/addresses.js';
import { attrPathNames, bindingsOf, staticStringText, unwrapParentheses } from './nixSyntax.js';

/** How far a value may sit below its binding (`port = lib.mkForce (8555);`). */
const MAX_WRAPPING = 6;

/**
 * True when the binding that writes `value` has a sibling `server` (its path but the last name
 * replaced) set to another machine's DNS name. An IP or `localhost` says nothing: services also
 * name the address they bind that way.
 */
export function besideRemoteServer(value: Node): boolean {
  let binding: Node | null = value;
  for (let step = 0; binding && binding.type !== 'binding' && step < MAX_WRAPPING; step++) binding = binding.parent;
  if (binding?.type !== 'binding' || binding.parent?.type !== 'binding_set') return false;
  const path = attrPathNames(binding.childForFieldName('attrpath'));
  if (!path) return false;
  const wanted = [...path.slice(0, -1), 'server'].join('.');
  for (const sibling of bindingsOf(binding.parent.parent ?? binding.parent)) {
    if (attrPathNames(sibling.childForFieldName('attrpath'))?.join('.') !== wanted) continue;
    const server = sibling.childForFieldName('expression');
    const literal = server && unwrapParentheses(server);
    const text = literal?.type === 'string_expression' ? staticStringText(literal) : undefined;
    if (text !== undefined && namesRemoteMachine(text.trim())) return true;
  }
  return false;
}

function namesRemoteMachine(text: string): boolean {
  const host = parseListenAddress(text)?.host ?? normalizeHost(text);
  return host.remote;
}

/**
 * An option documented as the port of another machine: "Port of the SSH remote host.", "The
 * port to connect to". A description that also says the service listens, binds or serves there
 * ("listen for remote connections") keeps the option a listener.
 */
export function describesRemotePort(description: string | undefined): boolean {
  if (description === undefined || LISTENS.test(description)) return false;
  return REMOTE_PHRASES.test(description);
}

const LISTENS = /\b(?:listen\w*|binds?|bound|serves?|serving|accepts?)\b/i;
const REMOTE_PHRASES = /\bremote (?:host|server|machine|end|side|peer)s?\b|\bconnects? to\b|\bconnecting to\b/i;
