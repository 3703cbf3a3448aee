// The claims of a NixOS module (or a host configuration, or a process-compose-flake file):
// option defaults, settings of services, and the listener flags of the commands it runs.
import type { Node } from 'web-tree-sitter';
import { unnamedServiceMessage } from '../unnamedService.js';
import { type Assignment, MAX_NIX_NESTING, walkAssignments } from './attrWalk.js';
import { ClaimSink, writtenAddress, writtenPort } from './claims.js';
import { commandClaims, environmentClaims } from './commandClaims.js';
import { type NixSource, nodeLocation } from './nixGrammar.js';
import { enclosingAttribute } from './nixNames.js';
import { type DeclaredOption, type ModuleContext, scoped, settingName } from './moduleContext.js';
import { followNames, type ScopedNode } from './nixScope.js';
import { optionDeclarations } from './optionDeclarations.js';
import { renderValue } from './renderValue.js';
import { type ServiceRoots, serviceRoots } from './serviceRoots.js';
import { besideRemoteServer, describesRemotePort } from './remoteServer.js';
import { isAddressName, isPortName, protocolOfSetting, saysListen, type SettingOwner, settingOwner, settingPlace } from './settingNames.js';

/** Option types that hold a port number; `types.port` counts whatever the option's name. */
const PORT_TYPES = new Set(['port']);

/** What reading a module found besides its claims: what its facts are made of (see nixFacts.ts). */
export interface ModuleReading {
  assignments: Assignment[];
  roots: ServiceRoots;
}

export function moduleClaims(source: NixSource, sink: ClaimSink): ModuleReading {
  let reportedDepth = false;
  const tooDeep = (node: Node): void => {
    if (reportedDepth) return;
    reportedDepth = true;
    sink.diagnostics.push({ ...nodeLocation(source, node), severity: 'warning', message: `nested deeper than ${MAX_NIX_NESTING} levels: not read from here` });
  };
  const assignments = walkAssignments(source.root, { tooDeep });
  const roots = serviceRoots(assignments);
  const unnamed = unnamedOwnerReporter(source, sink);
  const options = new Map<string, DeclaredOption>();
  for (const declaration of optionDeclarations(assignments)) {
    const owner = settingOwner(declaration.path, source.path, roots);
    if (owner?.service === '' && declaration.default) unnamed(owner, declaration.default.node);
    const ownsIt = owner?.kind === 'service' && owner.rest.length > 0 && owner.service !== '' && !describesRemotePort(declaration.description);
    options.set(declaration.path.join('.'), { declaration, owner: ownsIt ? owner : undefined });
  }
  const context: ModuleContext = { sink, options, roots, moduleService: declaredService(assignments, source.path, roots) };
  for (const option of options.values()) optionClaim(option, sink);
  // Under `options` a module declares; everywhere else it sets.
  for (const assignment of assignments) {
    if (assignment.path.includes('options')) continue;
    const owner = settingOwner(assignment.path, source.path, roots);
    if (owner?.service === '') unnamed(owner, assignment.value);
    else settingClaims(assignment, owner, context);
  }
  return { assignments, roots };
}

const OWNER_WORDS: Readonly<Record<SettingOwner['kind'], string>> = { service: 'service', systemd: 'systemd service', socket: 'systemd socket', process: 'process' };

/**
 * A name with no letter or digit (`services._`) names no service, so its settings claim
 * nothing; the file is told once per such name, where the name is written.
 */
function unnamedOwnerReporter(source: NixSource, sink: ClaimSink): (owner: SettingOwner, value: Node) => void {
  const told = new Set<string>();
  return (owner, value) => {
    const key = `${owner.kind}:${owner.settingPrefix}`;
    if (told.has(key)) return;
    told.add(key);
    const name = owner.settingPrefix.slice(owner.settingPrefix.lastIndexOf('.') + 1);
    const at = enclosingAttribute(value, name) ?? value;
    sink.diagnostics.push({ ...nodeLocation(source, at), severity: 'warning', message: unnamedServiceMessage(OWNER_WORDS[owner.kind], owner.settingPrefix) });
  };
}

/** The one service whose options the file declares (`options.services.x.enable = mkEnableOption ...`), if one. */
function declaredService(assignments: readonly Assignment[], file: string, roots: ServiceRoots): string | undefined {
  const services = new Set<string>();
  for (const { path } of assignments) {
    const at = path.indexOf('options');
    const owner = at >= 0 ? settingOwner(path.slice(at + 1), file, roots) : undefined;
    if (owner?.kind === 'service' && owner.service !== '') services.add(owner.service);
  }
  return services.size === 1 ? [...services][0] : undefined;
}

/** An option's default, when the option says it is a port (by type or name) or a listen address. */
function optionClaim({ declaration, owner }: DeclaredOption, sink: ClaimSink): void {
  if (owner && declaration.default) valueClaim(declaration.default, owner, { isDefault: true, portTyped: PORT_TYPES.has(declaration.typeName ?? ''), optionPath: optionPath(declaration.path) }, sink);
}

/** An option's path as a machine's configuration sets it: `config.` dropped. */
export function optionPath(path: readonly string[]): string {
  return (path[0] === 'config' ? path.slice(1) : path).join('.');
}

const COMMAND_SETTINGS = new Set(['ExecStart', 'script']);

function settingClaims(assignment: Assignment, owner: SettingOwner | undefined, context: ModuleContext): void {
  const leaf = assignment.path[assignment.path.length - 1];
  if (!owner) {
    // `serviceConfig.ExecStart` inside a helper's argument (`mkSystemdService cfg { ... }`).
    if (leaf !== undefined && COMMAND_SETTINGS.has(leaf)) commandClaims(assignment, undefined, context);
    return;
  }
  const { rest } = owner;
  if (owner.kind === 'process') {
    if (rest.length === 1 && rest[0] === 'command') commandClaims(assignment, owner, context);
    else if (rest.length === 2 && rest[0] === 'environment') environmentClaims(assignment, owner, context.sink);
    return;
  }
  if (owner.kind === 'systemd') {
    if (leaf !== undefined && COMMAND_SETTINGS.has(leaf)) commandClaims(assignment, owner, context);
    else if (rest[0] === 'environment' || (rest[0] === 'serviceConfig' && rest[1] === 'Environment')) environmentClaims(assignment, owner, context.sink);
    return;
  }
  if (owner.kind === 'socket') {
    if (rest.length === 1 && (rest[0] === 'listenStreams' || rest[0] === 'listenDatagrams')) socketClaim(assignment, owner, context.sink);
    return;
  }
  valueClaim(scoped(assignment), owner, { isDefault: assignment.isDefault, portTyped: false, optionPath: optionPath(assignment.path) }, context.sink);
}

interface ValueOptions {
  isDefault: boolean;
  /** The option's type says port (`types.port`), whatever its name. */
  portTyped: boolean;
  optionPath: string;
}

/**
 * A setting's value as a claim: a port where the setting's name or type says port
 * (`http_port = 3000`, `metrics.port`), a listen address where its name says bind, listen or
 * address, or wherever the address is a wildcard (`"0.0.0.0:6789"`). `cdn_endpoint =
 * "127.0.0.1:8081"` says neither: a client's. Nor is a setting whose place names another
 * program's port, a firewall rule or a URL's public port (settingPlace), nor a port written
 * beside another machine's `server`.
 */
function valueClaim(value: ScopedNode, owner: SettingOwner, { isDefault, portTyped, optionPath: path }: ValueOptions, sink: ClaimSink): void {
  const leaf = owner.rest[owner.rest.length - 1];
  if (leaf === undefined) return;
  const portNamed = portTyped || isPortName(leaf);
  const addressNamed = !portNamed && isAddressName(leaf);
  if (!portNamed && !addressNamed && !mayHoldWildcard(value)) return;
  const place = settingPlace(owner);
  if (place === 'elsewhere') return;
  const listens = place === 'own' || saysListen(leaf);
  const setting = settingName(owner);
  const rendered = renderValue(value);
  const base = { service: owner.service, setting, isDefault, protocol: protocolOfSetting(owner.rest), optionPath: path };
  if (portNamed) {
    if (!listens || besideRemoteServer(value.node)) return;
    const port = writtenPort(rendered, sink, isDefault ? `the default of ${setting}` : setting);
    if (port) sink.add({ ...base, ...port, hostIp: null });
    return;
  }
  const address = writtenAddress(rendered);
  if (address && (address.wildcard || (addressNamed && listens))) sink.add({ ...base, ...address });
}

/** Cheap test before rendering: only a string can spell `0.0.0.0` or `[::]`. */
function mayHoldWildcard(value: ScopedNode): boolean {
  const { node } = followNames(value);
  return node.type.endsWith('string_expression') && (node.text.includes('0.0.0.0') || node.text.includes('[::]'));
}

/** `systemd.sockets.x.listenStreams = [ "0.0.0.0:8080" ];`: socket activation listens for the service. */
function socketClaim(assignment: Assignment, owner: SettingOwner, sink: ClaimSink): void {
  const address = writtenAddress(renderValue(scoped(assignment)));
  if (!address) return;
  sink.add({
    ...address,
    service: owner.service,
    setting: settingName(owner),
    isDefault: assignment.isDefault,
    protocol: owner.rest[0] === 'listenDatagrams' ? 'udp' : 'tcp',
  });
}
