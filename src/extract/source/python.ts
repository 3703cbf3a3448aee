// Python listeners: Flask's `app.run(port=5000)`, `uvicorn.run(app, port=8000)`,
// aiohttp's `web.run_app(app, port=8080)`, `sock.bind(("0.0.0.0", 9000))`,
// `HTTPServer(("", 8000), Handler)`, asyncio and websockets servers, argparse and click
// `--port` defaults, and `os.environ.get("PORT", 8000)` (a default claim).
import type { Node } from 'web-tree-sitter';
import { namesListenerSetting, parseHostText } from './address.js';
import { type AddressFact, addressOfString, asDefault, distinctClaims, heldIn, type ListenClaim, listenClaim, type PortFact, portOfNumberLiteral, portOfString } from './claims.js';
import { pythonIntegerValue } from './integerLiterals.js';
import { buildsUrl, namePattern, onlyConnectsWith, type UseReader } from './optionUses.js';
import { localValue, nodesAroundWords, positionalArguments, plainString, wordsPattern, unwrapValue } from './syntax.js';

/** Where a call takes its host and port positionally, if it does; each also takes `port=` and `host=` (or `addr=`, `address=`). */
const LISTEN_CALLS = new Map<string, { host: number; port: number } | null>([
  ['run', null],
  ['run_app', null],
  ['run_server', null],
  ['listen', { host: 1, port: 0 }],
  // prometheus_client's metrics servers
  ['start_http_server', { host: 1, port: 0 }],
  ['start_wsgi_server', { host: 1, port: 0 }],
  ['run_simple', { host: 0, port: 1 }],
  ['make_server', { host: 0, port: 1 }],
  ['serve', { host: 1, port: 2 }],
  ['start_server', { host: 1, port: 2 }],
  ['create_server', { host: 1, port: 2 }],
  ['TCPSite', { host: 1, port: 2 }],
]);
/**
 * tornado's `app.listen(8888)` takes a port, a socket's `sock.listen(5)` its backlog: a
 * positional `listen` value below the registered ports is read as a backlog.
 */
const MIN_POSITIONAL_LISTEN_PORT = 1024;
const OPTION_CALLS = new Set(['add_argument', 'option']);
/** The calls above, `...Server` classes, and `PORT` read from the environment. */
const CALL_WORDS = new RegExp(`${wordsPattern([...LISTEN_CALLS.keys(), 'bind', ...OPTION_CALLS, 'PORT']).source}|Server\\b`, 'g');
const CALL_TYPES = new Set(['call']);
const ENVIRONMENT_READS = new Set(['os.environ.get', 'os.getenv', 'environ.get', 'getenv']);
const MAX_DEPTH = 6;

export function findPythonClaims(root: Node, text: string): ListenClaim[] {
  // Listener calls first: their reading of a literal (with its host and setting) wins.
  const listened: ListenClaim[] = [];
  const standalone: ListenClaim[] = [];
  for (const call of nodesAroundWords(root, text, CALL_WORDS, CALL_TYPES, 3)) {
    const name = calleeName(call);
    const listen = name === undefined ? undefined : listenCallClaim(call, name);
    const other = listen || name === undefined ? undefined : (optionDefaultClaim(call, name, root, text) ?? portVariableClaim(call));
    if (listen) listened.push(listen);
    if (other) standalone.push(other);
  }
  return distinctClaims([...listened, ...standalone]);
}

function listenCallClaim(call: Node, name: string): ListenClaim | undefined {
  const args = call.childForFieldName('arguments');
  const positional = positionalArguments(args);
  if (name === 'bind' || isServerClass(name)) {
    // socket.bind((host, port)), socketserver.TCPServer((host, port), Handler)
    const address = positional[0] && addressOf(positional[0], 0);
    const udp = name === 'bind' ? isDatagramSocket(call) : name.includes('UDP');
    return address && listenClaim(address, udp ? 'udp' : 'tcp');
  }
  if (!LISTEN_CALLS.has(name)) return undefined;
  const places = LISTEN_CALLS.get(name);
  const portNode = keywordArgument(args, 'port') ?? (places ? positional[places.port] : undefined);
  const hostNode = keywordArgument(args, 'host') ?? keywordArgument(args, 'addr') ?? keywordArgument(args, 'address') ?? (places ? positional[places.host] : undefined);
  const port = portNode && portOf(portNode, 0);
  if (!port || (name === 'listen' && !keywordArgument(args, 'port') && port.port < MIN_POSITIONAL_LISTEN_PORT)) return undefined;
  return listenClaim({ port, host: hostNode && hostOf(hostNode, 0) });
}

/** `HTTPServer`, `ThreadingHTTPServer`, `TCPServer`, `UDPServer`, `WSGIServer`. */
function isServerClass(name: string): boolean {
  return /^[A-Z]\w*Server$/.test(name);
}

/** `sock.bind(..)` where `sock = socket.socket(.., socket.SOCK_DGRAM)`. */
function isDatagramSocket(bindCall: Node): boolean {
  const receiver = bindCall.childForFieldName('function')?.childForFieldName('object');
  const created = receiver?.type === 'identifier' ? resolveName(receiver) : receiver;
  return created?.descendantsOfType('identifier').some((identifier) => identifier.text === 'SOCK_DGRAM') ?? false;
}

/**
 * argparse `add_argument("--port", type=int, default=8000)` and click
 * `@click.option("--port", default=8000)`: a listener's when its name says so (`--port`,
 * `--bind`) or its default is a wildcard address, unless the script only connects with it.
 */
function optionDefaultClaim(call: Node, name: string, root: Node, text: string): ListenClaim | undefined {
  if (!OPTION_CALLS.has(name)) return undefined;
  const args = call.childForFieldName('arguments');
  const flags = positionalArguments(args).map((flag) => (flag.type === 'string' ? plainString(flag)?.text : undefined));
  const flag = flags.find((text) => text?.startsWith('--')) ?? flags.find((text) => text?.startsWith('-'));
  const fallback = keywordArgument(args, 'default');
  if (!flag || !fallback) return undefined;
  const setting = flag.replace(/^-+/, '');
  const address = addressOf(fallback, 0) ?? portAddress(portOf(fallback, 0));
  if (!address || !(namesListenerSetting(setting) || address.host === null)) return undefined;
  const destination = keywordArgument(args, 'dest');
  const variable = (destination?.type === 'string' ? plainString(destination)?.text : undefined) ?? setting.replace(/-/g, '_');
  if (/^\w+$/.test(variable) && onlyConnectsWith(root, text, namePattern(variable, 'any'), call, PYTHON_USES)) return undefined;
  return listenClaim({ ...address, port: { ...asDefault(address.port), setting } });
}

/** Calls that dial a server: HTTP clients, sockets, database and cache clients. */
const CLIENT_CALLS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'request', 'urlopen', 'Request', 'connect', 'create_connection', 'open_connection', 'Client', 'AsyncClient', 'HTTPConnection', 'HTTPSConnection', 'Redis', 'StrictRedis']);
const CONVERSIONS = new Set(['int', 'str', 'float']);
const CLIMBED = new Set(['argument_list', 'keyword_argument', 'parenthesized_expression', 'tuple', 'interpolation', 'binary_operator', 'concatenated_string', 'attribute']);

/** What Python code does with an option's value: `args.port` (argparse), `port` (a click parameter). */
const PYTHON_USES: UseReader = {
  useOf(node) {
    const parent = node.parent;
    if (node.type !== 'identifier' || !parent) return undefined;
    if (parent.type === 'attribute') return parent.childForFieldName('attribute')?.equals(node) ? parent : node;
    if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.equals(node)) return undefined;
    return /parameter/.test(parent.type) ? undefined : node;
  },
  roleOf(ancestor, child) {
    switch (ancestor.type) {
      case 'assignment': {
        const left = ancestor.childForFieldName('left');
        if (left?.equals(child)) return 'none';
        return left?.type === 'identifier' ? { follow: left.text } : 'other';
      }
      case 'string':
        return buildsUrl(ancestor.text) ? 'client' : 'other';
      case 'call': {
        const name = calleeName(ancestor);
        if (name === undefined) return 'other';
        if (CONVERSIONS.has(name)) return undefined;
        if (LISTEN_CALLS.has(name) || name === 'bind' || isServerClass(name)) return 'listener';
        const receiver = ancestor.childForFieldName('function')?.childForFieldName('object');
        if (name === 'format' && receiver?.type === 'string') return buildsUrl(receiver.text) ? 'client' : 'other';
        return CLIENT_CALLS.has(name) ? 'client' : 'other';
      }
      default:
        return CLIMBED.has(ancestor.type) ? undefined : 'other';
    }
  },
};

/** `os.environ.get("PORT", 8000)` names this process's own port wherever it is written. */
function portVariableClaim(call: Node): ListenClaim | undefined {
  const port = environmentDefault(call, 0);
  return port?.variable === 'PORT' ? listenClaim({ port, host: undefined }) : undefined;
}

function addressOf(expression: Node, depth: number): AddressFact | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  if (node.type === 'string') return addressOfString(plainString(node));
  if (node.type === 'identifier') {
    const value = resolveName(node);
    const address = value && addressOf(value, depth + 1);
    return address && { ...address, port: heldIn(address.port, node.text) };
  }
  if (node.type !== 'tuple' || node.namedChildCount !== 2) return undefined;
  const [host, port] = node.namedChildren as [Node, Node];
  return portAddress(portOf(port, depth + 1), hostOf(host, depth + 1));
}

function portAddress(port: PortFact | undefined, host?: string | null): AddressFact | undefined {
  return port && { port, host };
}

function portOf(expression: Node, depth: number): PortFact | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  switch (node.type) {
    case 'integer':
      return portOfNumberLiteral(node, pythonIntegerValue);
    case 'string':
      return portOfString(plainString(node));
    case 'identifier': {
      const value = resolveName(node);
      return value && heldIn(portOf(value, depth + 1), node.text);
    }
    case 'boolean_operator': {
      // os.getenv("PORT") or 8000
      const right = node.childForFieldName('right');
      if (node.childForFieldName('operator')?.text !== 'or' || !right) return undefined;
      const left = node.childForFieldName('left');
      return asDefault(portOf(right, depth + 1), left ? environmentName(left) : undefined);
    }
    case 'call': {
      const [argument] = positionalArguments(node.childForFieldName('arguments'));
      if (calleeName(node) === 'int' && argument) return portOf(argument, depth + 1);
      return environmentDefault(node, depth);
    }
    default:
      return undefined;
  }
}

/** `os.environ.get("PORT", 8000)`, `os.getenv("PORT", "8000")`. */
function environmentDefault(call: Node, depth: number): PortFact | undefined {
  const variable = environmentName(call);
  const [, fallback] = positionalArguments(call.childForFieldName('arguments'));
  return variable !== undefined && fallback ? asDefault(portOf(fallback, depth + 1), variable) : undefined;
}

function environmentName(call: Node): string | undefined {
  if (call.type !== 'call' || !ENVIRONMENT_READS.has(call.childForFieldName('function')?.text ?? '')) return undefined;
  const [name] = positionalArguments(call.childForFieldName('arguments'));
  return name?.type === 'string' ? plainString(name)?.text : undefined;
}

function hostOf(expression: Node, depth: number): string | null | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const node = passThrough(expression);
  if (node.type === 'string') {
    const text = plainString(node);
    return text && parseHostText(text.text);
  }
  const value = node.type === 'identifier' ? resolveName(node) : undefined;
  return value && hostOf(value, depth + 1);
}

function passThrough(expression: Node): Node {
  return unwrapValue(expression, (node) => (node.type === 'parenthesized_expression' ? node.namedChildren[0] : undefined));
}

function keywordArgument(args: Node | null, name: string): Node | undefined {
  const argument = args?.namedChildren.find((child) => child.type === 'keyword_argument' && child.childForFieldName('name')?.text === name);
  return argument?.childForFieldName('value') ?? undefined;
}

function resolveName(identifier: Node): Node | undefined {
  return localValue(identifier, identifier.text, declaredValue);
}

/** `NAME = value` and `NAME: int = value`. */
function declaredValue(statement: Node, name: string): Node | undefined {
  const assignment = statement.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== name) return undefined;
  return assignment.childForFieldName('right') ?? undefined;
}

function calleeName(call: Node): string | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') return callee.text;
  if (callee?.type === 'attribute') return callee.childForFieldName('attribute')?.text;
  return undefined;
}
