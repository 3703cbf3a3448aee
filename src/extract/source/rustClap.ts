// clap (and structopt) defaults on a CLI field: `#[arg(long, default_value = "0.0.0.0:9990")]`,
// `#[clap(default_value = "[::]:8765")]`, `#[arg(default_value_t = 8080)]`. Users override
// them by design, so each is a default claim, named after its field.
import type { Node } from 'web-tree-sitter';
import { namesListenerSetting } from './address.js';
import { type AddressFact, addressAsDefault, type ListenClaim, listenClaim, type PortFact } from './claims.js';
import { isRustTestCode } from './rustTests.js';
import { buildsUrl, namePattern, onlyConnectsWith, type UseReader as RustUseReader } from './optionUses.js';
import { calleeName } from './rustCalls.js';
import { nodesAroundWords, plainString } from './syntax.js';

const CLI_ATTRIBUTES = new Set(['arg', 'clap', 'structopt']);
const DEFAULT_KEYS = new Set(['default_value', 'default_value_t']);
const ATTRIBUTE_TYPES = new Set(['attribute_item']);

/** The calls that listen on their address argument, as rust.ts reads them. */
export const RUST_LISTEN_CALLS: ReadonlySet<string> = new Set(['bind', 'bind_rustls', 'bind_rustls_0_23', 'bind_openssl', 'with_http_listener', 'run', 'serve', 'listen', 'http']);

export interface RustValueReaders {
  portOf(node: Node): PortFact | undefined;
  addressOf(node: Node): AddressFact | undefined;
}

export function rustClapClaims(root: Node, text: string, read: RustValueReaders): ListenClaim[] {
  const claims: ListenClaim[] = [];
  for (const item of nodesAroundWords(root, text, /\bdefault_value(?:_t)?\b/g, ATTRIBUTE_TYPES, 3)) {
    const attribute = item.namedChildren[0];
    const settings = attribute && CLI_ATTRIBUTES.has(attribute.namedChildren[0]?.text ?? '') ? attribute.childForFieldName('arguments') : null;
    const field = settings ? attributedField(item) : undefined;
    const fieldName = field?.childForFieldName('name')?.text;
    if (!settings || fieldName === undefined || isRustTestCode(item)) continue;
    const value = settingValue(settings, DEFAULT_KEYS);
    const address = value && defaultAddress(value, read);
    if (!address || !(namesListenerSetting(fieldName) || address.host === null)) continue;
    if (/^\w+$/.test(fieldName) && onlyConnectsWith(root, text, namePattern(fieldName, 'field'), field as Node, RUST_USES)) continue;
    const environment = settingValue(settings, new Set(['env']));
    const variable = environment?.type === 'string_literal' ? plainString(environment)?.text : undefined;
    // The field is the setting users know (`--admin-port`), even when a constant holds its value.
    const named = addressAsDefault(address, variable);
    if (named) claims.push(listenClaim({ ...named, port: { ...named.port, setting: fieldName } }));
  }
  return claims;
}

/** Calls that dial a server (reqwest, std and tokio streams) and calls that keep the value. */
const RUST_CLIENT_CALLS = new Set(['connect', 'get', 'post', 'put', 'delete', 'head', 'request']);
const RUST_KEPT = new Set(['unwrap', 'expect', 'into', 'parse', 'clone', 'to_owned', 'to_string', 'try_into', 'from', 'new']);
const RUST_CLIMBED = new Set(['field_expression', 'token_tree', 'arguments', 'tuple_expression', 'reference_expression', 'type_cast_expression', 'array_expression', 'parenthesized_expression', 'try_expression', 'await_expression']);
/** Macros whose value is the text they format (`format!`), rather than output (`println!`). */
const FORMATTING_MACROS = new Set(['format', 'format_args', 'concat']);

/** What Rust code does with a CLI field's value: `args.port`, or a name it was assigned to. */
const RUST_USES: RustUseReader = {
  useOf(token) {
    const parent = token.parent;
    if (!parent) return undefined;
    if (token.type === '.' && parent.type === 'field_expression') return parent;
    if (parent.type === 'token_tree') return token;
    return token.type === 'identifier' ? token : undefined;
  },
  roleOf(ancestor, child) {
    switch (ancestor.type) {
      case 'let_declaration': {
        const pattern = ancestor.childForFieldName('pattern');
        if (pattern?.equals(child)) return 'none';
        return pattern?.type === 'identifier' ? { follow: pattern.text } : 'other';
      }
      case 'macro_invocation': {
        if (buildsUrl(ancestor.text)) return 'client';
        return FORMATTING_MACROS.has(ancestor.childForFieldName('macro')?.text ?? '') ? undefined : 'other';
      }
      case 'call_expression': {
        const name = calleeName(ancestor) ?? '';
        if (RUST_LISTEN_CALLS.has(name)) return 'listener';
        if (RUST_CLIENT_CALLS.has(name)) return 'client';
        return RUST_KEPT.has(name) ? undefined : 'other';
      }
      default:
        return RUST_CLIMBED.has(ancestor.type) ? undefined : 'other';
    }
  },
};

/** The field that a run of attributes (and doc comments) stands before. */
function attributedField(attribute: Node): Node | undefined {
  for (let sibling = attribute.nextNamedSibling; sibling; sibling = sibling.nextNamedSibling) {
    if (sibling.type === 'field_declaration') return sibling;
    if (sibling.type !== 'attribute_item' && !sibling.type.endsWith('comment')) return undefined;
  }
  return undefined;
}

/** The token after `key =` in an attribute's token tree. */
function settingValue(tokens: Node, keys: ReadonlySet<string>): Node | undefined {
  const children = tokens.children;
  for (let i = 0; i + 2 < children.length; i++) {
    const key = children[i] as Node;
    if (key.type === 'identifier' && keys.has(key.text) && children[i + 1]?.type === '=') return children[i + 2];
  }
  return undefined;
}

/** `"8080"` and `8080` are a port; `"0.0.0.0:9990"` an address; a constant is followed. */
function defaultAddress(value: Node, read: RustValueReaders): AddressFact | undefined {
  const port = read.portOf(value);
  return port ? { port, host: undefined } : read.addressOf(value);
}
