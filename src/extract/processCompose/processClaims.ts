// The claims of one process-compose process: its port variables, the listener flags of its
// command, and an HTTP probe's port when nothing else claims it.
import { findArgvListeners, findCommandListeners } from '../command/findCommandListeners.js';
import { commandListenerBinding, hostListenerBinding, type ListenerOwner, type ListenerPlace } from '../command/listenerBinding.js';
import type { CommandListener } from '../command/types.js';
import { type InterpolatedScalar, type LiteralPlace, placeOf } from '../interpolatedScalar.js';
import { isOwnPortVariable, namesProcessPort } from '../portVariables.js';
import { isMap } from '../yaml.js';
import { parsePortNumber } from '../../model/ports.js';
import type { Binding } from '../../model/types.js';
import { type EnvEntry, readEnvironment } from './environment.js';
import { bindingPlace, type ProcessComposeFile, readText } from './expansion.js';

export const FORMAT = 'process-compose';

export interface ProcessInput {
  file: ProcessComposeFile;
  /** The key under `processes:`, as written. */
  name: string;
  node: unknown;
  /** The file's top-level `environment`, shared by every process. */
  globalEnvironment: readonly EnvEntry[];
  owner: ListenerOwner;
}

/**
 * A process's claims: its port variables, its command's (or entrypoint's) listeners, then its
 * probes. A process's `PORT=3000` and its `--port 3000` are two literals that a move must both
 * edit, so both are kept; a probe only dials its process and adds a claim only for a port
 * nothing else names.
 */
export function processClaims(input: ProcessInput): Binding[] {
  const { file, node } = input;
  const own = readEnvironment(file, file.yaml.get(node, 'environment'));
  const claims = [...environmentClaims(input, own), ...commandClaims(input)];
  claims.push(...probeClaims(input, claims));
  return claims;
}

function environmentClaims(input: ProcessInput, own: readonly EnvEntry[]): Binding[] {
  const { service } = input.owner;
  const ownNames = new Set(own.map((entry) => entry.name));
  // A global variable names its process only by that process's name (`API_PORT`); a global
  // `PORT` would give every process one port, and the process's own value wins over it.
  const global = input.globalEnvironment.filter((entry) => !ownNames.has(entry.name) && namesProcessPort(entry.name, service));
  const claims: Binding[] = [];
  for (const entry of [...own.filter((e) => isOwnPortVariable(e.name, service)), ...global]) {
    const claim = variableClaim(input, entry);
    if (claim) claims.push(claim);
  }
  return claims;
}

function variableClaim(input: ProcessInput, entry: EnvEntry): Binding | undefined {
  if (entry.value === '' || isReference(entry.value) || entry.scalar.interpolation.problems.length > 0) return undefined;
  const literal = placeOf(input.file.yaml, entry.scalar, entry.valueIndex, entry.value.length);
  const port = parsePortNumber(entry.value);
  if (port === undefined) {
    const { file, line, column } = literal.location;
    const message = `${entry.name} of process "${input.name}" is not a port number (1-65535): "${entry.value}"`;
    input.file.diagnostics.push({ file, line, column, severity: 'error', message });
    return undefined;
  }
  const place = wholePlace(input, literal, port, entry.name);
  return place && { ...portClaim(input.owner, place, port, entry.name), variable: place.variable ?? entry.name };
}

/** `$PORT` left unexpanded (written `$$PORT`, or under disable_env_expansion) and `{{.PORT}}` take their value at run time. */
function isReference(value: string): boolean {
  return value.includes('$') || value.includes('{{');
}

/** process-compose runs `command` through a shell when it is set, else `entrypoint` as argv. */
function commandClaims(input: ProcessInput): Binding[] {
  const { file, node } = input;
  const command = readText(file, file.yaml.get(node, 'command'));
  if (command !== undefined && command.interpolation.value !== '') {
    return findCommandListeners(command.interpolation.value).flatMap((listener) => listenerClaim(input, command, listener));
  }
  const argv = file.yaml.items(file.yaml.get(node, 'entrypoint')).map((item) => readText(file, item));
  if (argv.length === 0 || argv.some((arg) => arg === undefined)) return [];
  const args = argv as InterpolatedScalar[];
  return findArgvListeners(args.map((arg) => arg.interpolation.value)).flatMap((listener) => {
    const arg = args[listener.argIndex];
    return arg ? listenerClaim(input, arg, listener) : [];
  });
}

function listenerClaim(input: ProcessInput, scalar: InterpolatedScalar, listener: CommandListener): Binding[] {
  const place = wholePlace(input, placeOf(input.file.yaml, scalar, listener.offset, listener.literal.length), listener.port, listener.flag);
  return place ? [commandListenerBinding(listener, place, input.owner)] : [];
}

/** A literal's place, unless it is assembled from several pieces that no one place holds (reported). */
function wholePlace(input: ProcessInput, literal: LiteralPlace, port: number, setting: string): ListenerPlace | undefined {
  if (!literal.scattered) return bindingPlace(literal);
  const message = `${setting} of process "${input.name}": port ${port} is assembled from several values (variables, defaults, literals), so no one place writes it; skipped`;
  input.file.diagnostics.push({ ...literal.location, severity: 'warning', message });
  return undefined;
}

const PROBES = ['readiness_probe', 'liveness_probe'];
const LOCAL_PROBE_HOSTS = new Set(['', '127.0.0.1', 'localhost', '::1', '[::1]', '0.0.0.0', '::']);

/**
 * An `http_get` probe dials its own process (on 127.0.0.1 unless `host` says otherwise), so
 * its port confirms a claim rather than making a second one; it claims only a port that no
 * variable or flag of the process names. `exec` probes are clients and claim nothing.
 */
function probeClaims(input: ProcessInput, claimed: readonly Binding[]): Binding[] {
  const { file, node } = input;
  const { yaml } = file;
  const claims: Binding[] = [];
  for (const probe of PROBES) {
    const httpGet = yaml.get(yaml.get(node, probe), 'http_get');
    if (!isMap(yaml.resolve(httpGet))) continue;
    const host = readText(file, yaml.get(httpGet, 'host'))?.interpolation.value;
    if (host !== undefined && !LOCAL_PROBE_HOSTS.has(host.toLowerCase())) continue;
    const scalar = readText(file, yaml.get(httpGet, 'port'));
    const text = scalar?.interpolation.value;
    if (!scalar || text === undefined || isReference(text) || scalar.interpolation.problems.length > 0) continue;
    const literal = placeOf(yaml, scalar, 0, text.length);
    const port = parsePortNumber(text);
    if (port === undefined) {
      const { file: path, line, column } = literal.location;
      const message = `${probe}.http_get.port of process "${input.name}" is not a port number (1-65535): "${text}"`;
      file.diagnostics.push({ file: path, line, column, severity: 'warning', message });
      continue;
    }
    const taken = [...claimed, ...claims].some((claim) => claim.port <= port && port <= claim.endPort);
    const place = taken ? undefined : wholePlace(input, literal, port, `${probe}.http_get.port`);
    if (place) claims.push(portClaim(input.owner, place, port, `${probe}.http_get.port`));
  }
  return claims;
}

/** A TCP port on every address, named by a setting of the process's own. */
function portClaim(owner: ListenerOwner, place: ListenerPlace, port: number, setting: string): Binding {
  return { ...hostListenerBinding(owner, place, { port, endPort: port, protocol: 'tcp', hostIp: null }), setting };
}
