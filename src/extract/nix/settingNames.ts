// Which attribute paths of a NixOS configuration belong to which service, and which names
// say "the port this service listens on" rather than "a port it dials".
import { stackId } from '../../model/stack.js';
import type { Protocol } from '../../model/types.js';
import { attributeWords, nixServiceName } from './nixNames.js';
import { COMPUTED_NAME } from './attrWalk.js';
import type { ServiceRoots } from './serviceRoots.js';

export type OwnerKind = 'service' | 'systemd' | 'socket' | 'process';

export interface SettingOwner {
  kind: OwnerKind;
  /** Normalized service name. */
  service: string;
  /** The service as a setting names it: `grafana`, `prometheus-node-exporter`. */
  settingPrefix: string;
  /** The path below the service: `settings.server.http_port`. */
  rest: string[];
  /** process-compose-flake: the environment that starts the process with the others. */
  stack?: string;
}

/**
 * The owner of a configuration path: `services.<name>` (a NixOS service; Prometheus
 * exporters are `prometheus-<name>-exporter`, as NixOS names their units),
 * `systemd.services.<name>`, `systemd.sockets.<name>`, process-compose-flake's
 * `settings.processes.<name>`, and a module's own namespace (see ServiceRoots). Undefined for
 * anything else (`networking.firewall`).
 */
export function settingOwner(path: readonly string[], file: string, roots: ServiceRoots): SettingOwner | undefined {
  const processes = processIndex(path);
  if (processes >= 0) return path[processes + 1] === COMPUTED_NAME ? undefined : processOwner(path, processes, file);
  const at = path.indexOf('services');
  const name = at >= 0 ? path[at + 1] : undefined;
  const sockets = path.indexOf('sockets');
  const socket = sockets > 0 && path[sockets - 1] === 'systemd' ? path[sockets + 1] : undefined;
  // `systemd.services.${unit}`: whose it is, only the module's other settings can tell.
  if (name === COMPUTED_NAME || socket === COMPUTED_NAME) return undefined;
  if (at > 0 && path[at - 1] === 'systemd' && name !== undefined) return owner('systemd', name, name, path.slice(at + 2));
  if (socket !== undefined) return owner('socket', socket, socket, path.slice(sockets + 2));
  if (name === undefined) return namespaceOwner(path, roots);
  const exporter = path[at + 3];
  if (name === 'prometheus' && path[at + 2] === 'exporters' && exporter !== undefined) {
    if (exporter === COMPUTED_NAME) return undefined;
    const service = `prometheus-${exporter}-exporter`;
    return owner('service', service, service, path.slice(at + 4));
  }
  const root = roots.rootOf(path, at)?.slice(1) ?? [name];
  return owner('service', root.join('-'), root.join('.'), path.slice(at + 1 + root.length));
}

function namespaceOwner(path: readonly string[], roots: ServiceRoots): SettingOwner | undefined {
  const from = path[0] === 'config' ? 1 : 0;
  const root = roots.rootOf(path, from);
  return root && owner('service', root.join('-'), root.join('.'), path.slice(from + root.length));
}

function owner(kind: OwnerKind, attribute: string, settingPrefix: string, rest: string[]): SettingOwner {
  return { kind, service: nixServiceName(attribute), settingPrefix, rest };
}

function processIndex(path: readonly string[]): number {
  for (let index = 1; index < path.length - 1; index++) {
    if (path[index] === 'processes' && path[index - 1] === 'settings') return index;
  }
  return -1;
}

/** Each `process-compose.<env>` is one stack; a file's processes without one are one stack. */
function processOwner(path: readonly string[], processes: number, file: string): SettingOwner {
  const name = path[processes + 1] as string;
  const envAt = path.indexOf('process-compose');
  const environment = envAt >= 0 && envAt < processes - 2 ? path[envAt + 1] : undefined;
  return {
    ...owner('process', name, name, path.slice(processes + 2)),
    stack: stackId('process-compose', `${file}${environment === undefined ? '' : `#${environment}`}`),
  };
}

/** `port`, `httpPort`, `http_port`, `metrics-port`: a single port by its name. */
export function isPortName(attribute: string): boolean {
  const words = attributeWords(attribute);
  return words[words.length - 1] === 'port';
}

const ADDRESS_WORDS = new Set(['bind', 'listen', 'addr', 'address', 'listenaddress', 'bindaddress']);

/** `bind`, `bindMetrics`, `listenAddress`, `http_addr`: an address this service listens on. */
export function isAddressName(attribute: string): boolean {
  return attributeWords(attribute).some((word) => ADDRESS_WORDS.has(word));
}

/**
 * Words that make a setting name where another program listens: a database, mail server or
 * upstream the service dials (`settings.database.port`, `redisPort`), Prometheus' scrape
 * targets, the store a metrics or log client writes to (`influxdb.port`), a DNS updater's
 * `nameservers`, a tunnel client's `proxies`, a mesh's `peers`. DESIGN.md: "a variable that
 * names another service is a client setting". zrepl's `connect` is where a job dials; its `serve`
 * is where it listens.
 */
const CLIENT_WORDS = new Set([
  'database', 'db', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'memcached',
  'smtp', 'mail', 'imap', 'ldap', 'upstream', 'upstreams', 'remote', 'target', 'targets', 'scrape', 'static', 'alertmanagers',
  'influxdb', 'influx', 'loki', 'elasticsearch', 'opensearch', 'logstash', 'graphite', 'splunk',
  'nameserver', 'nameservers', 'resolver', 'resolvers', 'proxies', 'peers', 'connect',
]);

/** In the setting's own name only: an agent's `masterRpcPort` is where its master listens. */
const PEER_LEAF_WORDS = new Set(['master']);

/** A rule that lets traffic reach a port (nebula's `firewall.inbound`) listens on nothing. */
const FIREWALL_WORDS = new Set(['firewall', 'inbound', 'outbound']);

/**
 * The port the public reaches through a proxy or a URL, not one the service binds (`ExternalPort`,
 * `publicPort`); an onion service's virtual port, which Tor forwards to a local target that
 * another program listens on (`relay.onionServices.ssh.map = [ { port = 22; } ]`).
 */
const PUBLIC_WORDS = new Set(['external', 'public', 'advertise', 'advertised', 'announce', 'announced', 'url', 'urls', 'uri', 'onion']);

/**
 * Where the service sends what it collects: a log shipper's `outputs.loki.port`, vector's
 * `sinks`, promtail's `clients`. Some outputs serve instead (telegraf's
 * `outputs.prometheus_client.listen`, a sink on `0.0.0.0:9598`).
 */
const SENT_WORDS = new Set(['output', 'outputs', 'sink', 'sinks', 'client', 'clients']);

const LISTEN_WORDS = new Set(['listen', 'listener', 'listening', 'bind']);

/**
 * Settings that a NixOS module documents as the port of the URLs it shows, not one it binds:
 * GitLab serves on a socket behind its proxy, and its `port` only goes into its links;
 * PeerTube's `listenWeb` is "the public-facing port", `listenHttp` the one it binds.
 */
const PUBLIC_SETTINGS: Readonly<Record<string, readonly string[]>> = {
  gitlab: ['port', 'extraConfig.gitlab.port'],
  peertube: ['listenWeb'],
};

/**
 * Where a setting of a service sits, by its name and place (DESIGN "What counts as a binding"):
 * - `elsewhere`: it names where another program listens, a firewall rule, or the public port
 *   of a URL: never the service's claim;
 * - `sent`: under outputs and sinks, a claim only where the setting says it listens
 *   (saysListen) or its address is a wildcard;
 * - `own`: the service's own, where its name says port, listen, bind or address.
 * An attribute that itself says listen or bind (`influxdb_listener`, `client.socksListenAddress`)
 * is the service's own, whatever else it names.
 */
export function settingPlace(owner: SettingOwner): 'own' | 'sent' | 'elsewhere' {
  const { rest } = owner;
  if (PUBLIC_SETTINGS[owner.service]?.includes(rest.join('.'))) return 'elsewhere';
  let sent = false;
  for (const [index, attribute] of rest.entries()) {
    const words = attributeWords(attribute);
    if (words.some((word) => FIREWALL_WORDS.has(word) || PUBLIC_WORDS.has(word))) return 'elsewhere';
    if (words.some((word) => LISTEN_WORDS.has(word))) continue;
    if (words.some((word) => CLIENT_WORDS.has(word)) || namesDnsServers(words)) return 'elsewhere';
    if (index === rest.length - 1 && words.some((word) => PEER_LEAF_WORDS.has(word))) return 'elsewhere';
    if (words.some((word) => SENT_WORDS.has(word))) sent = true;
  }
  return sent ? 'sent' : 'own';
}

/** `dns-servers`, `dnsServer`: the servers a DNS updater or resolver asks (`servers` alone is often the service's own instances). */
function namesDnsServers(words: readonly string[]): boolean {
  return words.includes('dns') && (words.includes('server') || words.includes('servers'));
}

/** `listen`, `bindAddress`, `http_listen_port`: the setting's name says the service listens there. */
export function saysListen(attribute: string): boolean {
  return attributeWords(attribute).some((word) => LISTEN_WORDS.has(word));
}

/** UDP only where the name says so (`udpPort`, `settings.udp.port`). */
export function protocolOfSetting(rest: readonly string[]): Protocol {
  return rest.some((attribute) => attributeWords(attribute).includes('udp')) ? 'udp' : 'tcp';
}
