// The commands a Nix file runs (`serviceConfig.ExecStart`, `script`, process-compose-flake's
// `command`) and the environment it gives them (`environment.PORT`).
import { findCommandListeners } from '../command/findCommandListeners.js';
import { isOwnPortVariable } from '../portVariables.js';
import type { Assignment } from './attrWalk.js';
import { type ClaimSink, writtenPort } from './claims.js';
import { type DeclaredOption, type ModuleContext, optionSettingName, scoped } from './moduleContext.js';
import { followNames } from './nixScope.js';
import { isWritten, type Rendered, renderValue } from './renderValue.js';
import type { SettingOwner } from './settingNames.js';

/**
 * The listener flags of a command, with `${toString cfg.metrics.port}` read as the default of
 * the option `metrics.port` when this file declares it with a literal: the port is then that
 * option's claim, located at its default (where a fix edits it), and attributed to the
 * option's service. Other references (`${toString ports.databases.redis}`, options declared in
 * another file) are not literals here, so they claim nothing.
 */
export function commandClaims(assignment: Assignment, owner: SettingOwner | undefined, context: ModuleContext): void {
  const rendered = renderValue(scoped(assignment), (path) => context.options.get(path.join('.'))?.declaration.default);
  for (const listener of findCommandListeners(rendered.text)) {
    if (!isWritten(rendered, listener.offset, listener.offset + listener.literal.length)) continue;
    const offset = rendered.offsets[listener.offset] as number;
    const option = optionHolding(offset, context.options);
    const service = option?.owner?.service ?? owner?.service ?? context.moduleService;
    if (service === undefined) continue;
    context.sink.add({
      service,
      port: listener.port,
      endPort: listener.endPort,
      protocol: listener.protocol,
      hostIp: listener.hostIp,
      offset,
      setting: option ? optionSettingName(option) : listener.flag,
      isDefault: option !== undefined || assignment.isDefault,
      stack: owner?.stack,
      soft: listener.soft,
    });
  }
}

/** The option whose default literal holds this file offset. */
function optionHolding(offset: number, options: ReadonlyMap<string, DeclaredOption>): DeclaredOption | undefined {
  for (const option of options.values()) {
    if (!option.declaration.default) continue;
    const { node } = followNames(option.declaration.default);
    if (node.startIndex <= offset && offset < node.endIndex) return option;
  }
  return undefined;
}

/**
 * `environment.PORT = "3000"` and `serviceConfig.Environment = [ "PORT=3000" ]`: the
 * process's own port variables (`PORT`, `<SERVICE>_PORT`, `HTTP_PORT`), as process-compose
 * reads them; `DB_PORT` is where it dials. `toString cfg.port` or a registry reference is not a
 * literal, so not a claim.
 */
export function environmentClaims(assignment: Assignment, owner: SettingOwner, sink: ClaimSink): void {
  const variable = environmentVariable(assignment, owner);
  if (!variable || !isOwnPortVariable(variable.name, owner.service)) return;
  const port = writtenPort(variable.value, sink, variable.name);
  if (!port) return;
  sink.add({ ...port, service: owner.service, protocol: 'tcp', hostIp: null, setting: variable.name, variable: variable.name, isDefault: assignment.isDefault, stack: owner.stack });
}

function environmentVariable(assignment: Assignment, owner: SettingOwner): { name: string; value: Rendered } | undefined {
  const { rest } = owner;
  const value = renderValue(scoped(assignment));
  if (rest.length === 2 && rest[0] === 'environment') return { name: rest[1] as string, value };
  if (rest.length !== 2 || rest[1] !== 'Environment') return undefined;
  const equals = value.text.indexOf('=');
  if (equals <= 0 || !isWritten(value, 0, equals)) return undefined;
  return { name: value.text.slice(0, equals).trim(), value: { text: value.text.slice(equals + 1), offsets: value.offsets.slice(equals + 1) } };
}
