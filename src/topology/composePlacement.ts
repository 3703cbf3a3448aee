// Compose claims on the map: each in the stacks its file runs in, under the project of its
// set, with the profiles its service is started by; the ports a service inherits through
// `extends:` are its claims too, at the lines where they are written.
import type { ComposeServiceFacts } from '../model/facts.js';
import type { Binding, Diagnostic } from '../model/types.js';
import type { ComposeLayout, ComposeStack } from './composeStacks.js';

/** A compose service as it runs: where its file runs, under which project, in which namespace. */
export interface RunningComposeService {
  file: string;
  facts: ComposeServiceFacts;
  stacks: readonly ComposeStack[];
  project: string;
  profiles: readonly string[];
  /** Where its container ports live: its own container, another service's, or the host. */
  scope: string;
}

export interface ComposePlacement {
  bindings: Binding[];
  services: RunningComposeService[];
  diagnostics: Diagnostic[];
}

/**
 * Places the bindings each compose file gave (by the path of that file: a port that comes
 * through a variable is located at the `.env` line that sets it).
 */
export function placeComposeClaims(bindingsByFile: ReadonlyMap<string, readonly Binding[]>, servicesByFile: ReadonlyMap<string, readonly ComposeServiceFacts[]>, layout: ComposeLayout): ComposePlacement {
  const claimsOf = new Map<string, Binding[]>();
  for (const [file, bindings] of bindingsByFile) for (const binding of bindings) {
    const key = serviceKeyIn(file, binding.service);
    const list = claimsOf.get(key);
    if (list) list.push(binding);
    else claimsOf.set(key, [binding]);
  }
  const diagnostics: Diagnostic[] = [];
  const reportedCycles = new Set<string>();
  const services: RunningComposeService[] = [];
  const bindings: Binding[] = [];
  for (const [file, facts] of servicesByFile) {
    const stacks = layout.stacksOf.get(file);
    if (!stacks || stacks.length === 0) continue;
    const first = stacks[0] as ComposeStack;
    const profiles = profilesIn(first, servicesByFile);
    for (const service of facts) {
      const running: RunningComposeService = { file, facts: service, stacks, project: first.project, profiles: profiles.get(service.name) ?? [], scope: containerScope(first.project, service) };
      services.push(running);
      const own = claimsOf.get(serviceKeyIn(file, service.name)) ?? [];
      const inherited = service.extends ? inheritedClaims({ file, service }, { claimsOf, servicesByFile, diagnostics, reportedCycles }) : [];
      for (const binding of [...own, ...inherited]) bindings.push(placed(binding, running));
    }
  }
  return { bindings, services, diagnostics };
}

/** `container:<project>/<service>`, another service's container under `network_mode: service:`, or the host. */
function containerScope(project: string, service: ComposeServiceFacts): string {
  return service.hostNetwork ? 'host' : `container:${project}/${service.networkOf ?? service.name}`;
}

function placed(binding: Binding, service: RunningComposeService): Binding {
  const result: Binding = {
    ...binding,
    service: service.facts.name,
    project: service.project,
    stacks: service.stacks.map((stack) => stack.id),
    scope: binding.scope === 'host' ? 'host' : service.scope,
  };
  if (service.profiles.length > 0) result.profiles = service.profiles;
  else delete result.profiles;
  return result;
}

/**
 * The profiles of each service of a set: Compose merges the set's files in order, and a
 * later file's `profiles:` replaces an earlier one's.
 */
function profilesIn(stack: ComposeStack, servicesByFile: ReadonlyMap<string, readonly ComposeServiceFacts[]>): Map<string, readonly string[]> {
  const profiles = new Map<string, readonly string[]>();
  for (const file of stack.files) {
    for (const service of servicesByFile.get(file) ?? []) {
      if (service.profiles.length > 0) profiles.set(service.name, service.profiles);
    }
  }
  return profiles;
}

interface ExtendsLookup {
  claimsOf: ReadonlyMap<string, readonly Binding[]>;
  servicesByFile: ReadonlyMap<string, readonly ComposeServiceFacts[]>;
  diagnostics: Diagnostic[];
  /** Cycles already reported (by their members), so that each is said once. */
  reportedCycles: Set<string>;
}

/** The claims a service inherits through `extends:`, following chains; a broken link or a cycle is reported at its `extends:`. */
function inheritedClaims(start: { file: string; service: ComposeServiceFacts }, lookup: ExtendsLookup): Binding[] {
  const { claimsOf, servicesByFile, diagnostics } = lookup;
  const claims: Binding[] = [];
  const visited = new Set<string>([serviceKeyIn(start.file, start.service.name)]);
  let current = start;
  for (;;) {
    const link = current.service.extends;
    if (!link) return claims;
    if (link.file?.unresolved !== undefined) {
      diagnostics.push({ ...link.at, severity: 'warning', message: `extends names ${link.file.unresolved}: the ports it inherits are not known` });
      return claims;
    }
    const baseFile = link.file?.path ?? current.file;
    const base = servicesByFile.get(baseFile)?.find((candidate) => candidate.name === link.service);
    if (!base) {
      const where = servicesByFile.has(baseFile) ? `${baseFile} defines no service ${link.service}` : `${baseFile} is not read as a compose file`;
      diagnostics.push({ ...link.at, severity: 'warning', message: `extends ${link.service}, but ${where}: the ports it inherits are not known` });
      return claims;
    }
    const key = serviceKeyIn(baseFile, base.name);
    if (visited.has(key)) {
      const cycle = [...visited].sort().join('\n');
      if (!lookup.reportedCycles.has(cycle)) diagnostics.push({ ...link.at, severity: 'error', message: `extends loop through service ${base.name} of ${baseFile} (Compose refuses it)` });
      lookup.reportedCycles.add(cycle);
      return claims;
    }
    visited.add(key);
    claims.push(...(claimsOf.get(key) ?? []));
    current = { file: baseFile, service: base };
  }
}

function serviceKeyIn(file: string, service: string): string {
  return `${file}\u0000${service}`;
}
