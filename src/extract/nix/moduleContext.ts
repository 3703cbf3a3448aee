// What the readers of one module share: where claims go, and the options the module declares.
import type { Assignment } from './attrWalk.js';
import type { ClaimSink } from './claims.js';
import type { ScopedNode } from './nixScope.js';
import type { OptionDeclaration } from './optionDeclarations.js';
import type { SettingOwner } from './settingNames.js';
import type { ServiceRoots } from './serviceRoots.js';

export interface DeclaredOption {
  declaration: OptionDeclaration;
  /** The service the option configures, when its path names one. */
  owner: SettingOwner | undefined;
}

export interface ModuleContext {
  sink: ClaimSink;
  /** Option declarations of this file, by path (`services.x.metrics.port`). */
  options: ReadonlyMap<string, DeclaredOption>;
  roots: ServiceRoots;
  /** The service a command outside `systemd.services.<name>` belongs to: the module's one declared service. */
  moduleService: string | undefined;
}

/** `microcosm-ufos.metrics.port`: how a binding names the setting that holds it. */
export function settingName(owner: SettingOwner): string {
  return [owner.settingPrefix, ...owner.rest].join('.');
}

/** The setting an option's default is claimed under: its service's setting, else its own path. */
export function optionSettingName(option: DeclaredOption): string {
  return option.owner ? settingName(option.owner) : option.declaration.path.join('.');
}

export function scoped(assignment: Assignment): ScopedNode {
  return { node: assignment.value, scope: assignment.scope };
}
