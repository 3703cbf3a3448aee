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
 * Words that make a setting a client's: the port of a database, mail server or upstream it
 * dials (`settings.database.port`, `redisPort`), or Prometheus' scrape targets. DESIGN.md:
 * "a variable that names another service is a client setting".
 */
const CLIENT_WORDS = new Set([
  'database', 'db', 'postgres', 'postgresql', 'pg', 'mysql', 'mariadb', 'mongo', 'mongodb', 'redis', 'memcached',
  'smtp', 'mail', 'imap', 'ldap', 'upstream', 'upstreams', 'remote', 'target', 'targets', 'scrape', 'static', 'alertmanagers',
]);

export function namesClient(rest: readonly string[]): boolean {
  return rest.some((attribute) => attributeWords(attribute).some((word) => CLIENT_WORDS.has(word)));
}

/** UDP only where the name says so (`udpPort`, `settings.udp.port`). */
export function protocolOfSetting(rest: readonly string[]): Protocol {
  return rest.some((attribute) => attributeWords(attribute).includes('udp')) ? 'udp' : 'tcp';
}
