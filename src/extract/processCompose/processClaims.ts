// The claims of one process-compose process: its port variables, the listener flags of its
// command, and an HTTP probe's port when nothing else claims it.
import { findArgvListeners, findCommandListeners } from '../command/findCommandListeners.js';
import type { CommandListener } from '../command/types.js';
import { isMap, type YamlFile } from '../yaml.js';
import { parsePortNumber } from '../../model/ports.js';
import type { Binding, Diagnostic, SourceLocation } from '../../model/types.js';
import { type EnvEntry, isOwnPortVariable, namesProcessPort, readEnvironment } from './environment.js';

export const FORMAT = 'process-compose';

export interface ProcessInput {
  yaml: YamlFile;
  /** The key under `processes:`, as written. */
  name: string;
  node: unknown;
  /** The file's top-level `environment`, shared by every process. */
  globalEnvironment: readonly EnvEntry[];
  diagnostics: Diagnostic[];
}

type Claim = Pick<Binding, 'port' | 'endPort' | 'protocol' | 'hostIp' | 'setting'> &
  SourceLocation & { variable?: string };

/**
 * A process's claims: its port variables, its command's (or entrypoint's) listeners, then its
 * probes. A process's
 * `PORT=3000` and its `--port 3000` are two literals that a move must both edit, so both are
 * kept; a probe only dials its process and adds a claim only for a port nothing else names.
 */
export function processClaims(input: ProcessInput, service: string, stack: string): Binding[] {
  const { yaml, node } = input;
  const own = readEnvironment(yaml, yaml.get(node, 'environment'), input.diagnostics);
  const claims = [...environmentClaims(input, own, service), ...commandClaims(yaml, node)];
  claims.push(...probeClaims(input, claims));
  return claims.map((claim) => ({
    ...claim,
    service,
    scope: 'host',
    kind: 'listen',
    format: FORMAT,
    stack,
  }));
}

function environmentClaims(input: ProcessInput, own: readonly EnvEntry[], service: string): Claim[] {
  const ownNames = new Set(own.map((entry) => entry.name));
  // A global variable names its process only by that process's name (`API_PORT`); a global
  // `PORT` would give every process one port, and the process's own value wins over it.
  const global = input.globalEnvironment.filter((entry) => !ownNames.has(entry.name) && namesProcessPort(entry.name, service));
  const claims: Claim[] = [];
  for (const entry of [...own.filter((e) => isOwnPortVariable(e.name, service)), ...global]) {
    const claim = variableClaim(input, entry);
    if (claim) claims.push(claim);
  }
  return claims;
}

function variableClaim(input: ProcessInput, entry: EnvEntry): Claim | undefined {
  const { yaml, name } = input;
  if (entry.value === '' || isReference(entry.value)) return undefined;
  const location = yaml.locateInScalar(entry.node, entry.valueIndex, entry.value);
  const port = parsePortNumber(entry.value);
  if (port === undefined) {
    input.diagnostics.push({
      ...location,
      severity: 'error',
      message: `${entry.name} of process "${name}" is not a port number (1-65535): "${entry.value}"`,
    });
    return undefined;
  }
  return { ...location, port, endPort: port, protocol: 'tcp', hostIp: null, setting: entry.name, variable: entry.name };
}

/** `$PORT`, `${PORT:-3000}` and `{{.PORT}}` take their value elsewhere, at run time. */
function isReference(value: string): boolean {
  return value.includes('$') || value.includes('{{');
}

/** process-compose runs `command` through a shell when it is set, else `entrypoint` as argv. */
function commandClaims(yaml: YamlFile, node: unknown): Claim[] {
  const commandNode = yaml.resolve(yaml.get(node, 'command'));
  const command = yaml.scalarText(commandNode);
  if (command !== undefined && command !== '') {
    return findCommandListeners(command).map((listener) =>
      listenerClaim(listener, yaml.locateInScalar(commandNode, listener.offset, listener.literal)),
    );
  }
  const items = yaml.items(yaml.get(node, 'entrypoint'));
  const argv = items.map((item) => yaml.scalarText(item));
  if (argv.length === 0 || argv.some((arg) => arg === undefined)) return [];
  return findArgvListeners(argv as string[]).map((listener) =>
    listenerClaim(listener, yaml.locateInScalar(items[listener.argIndex], listener.offset, listener.literal)),
  );
}

function listenerClaim(listener: CommandListener, location: SourceLocation): Claim {
  return {
    ...location,
    port: listener.port,
    endPort: listener.endPort,
    protocol: listener.protocol,
    hostIp: listener.hostIp,
    setting: listener.flag,
  };
}

const PROBES = ['readiness_probe', 'liveness_probe'];
const LOCAL_PROBE_HOSTS = new Set(['', '127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0', '::']);

/**
 * An `http_get` probe dials its own process (on 127.0.0.1 unless `host` says otherwise), so
 * its port confirms a claim rather than making a second one; it claims only a port that no
 * variable or flag of the process names. `exec` probes are clients and claim nothing.
 */
function probeClaims(input: ProcessInput, claimed: readonly Claim[]): Claim[] {
  const { yaml, node } = input;
  const claims: Claim[] = [];
  for (const probe of PROBES) {
    const httpGet = yaml.get(yaml.get(node, probe), 'http_get');
    if (!isMap(yaml.resolve(httpGet))) continue;
    const host = yaml.scalarText(yaml.get(httpGet, 'host'));
    if (host !== undefined && !LOCAL_PROBE_HOSTS.has(host.toLowerCase())) continue;
    const portNode = yaml.resolve(yaml.get(httpGet, 'port'));
    const text = yaml.scalarText(portNode);
    if (text === undefined || isReference(text)) continue;
    const location = yaml.locateInScalar(portNode, 0, text);
    const port = parsePortNumber(text);
    if (port === undefined) {
      input.diagnostics.push({
        ...location,
        severity: 'warning',
        message: `${probe}.http_get.port of process "${input.name}" is not a port number (1-65535): "${text}"`,
      });
      continue;
    }
    const taken = [...claimed, ...claims].some((claim) => claim.port <= port && port <= claim.endPort);
    if (!taken) claims.push({ ...location, port, endPort: port, protocol: 'tcp', hostIp: null, setting: `${probe}.http_get.port` });
  }
  return claims;
}
