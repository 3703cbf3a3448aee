import { formatPortRange } from '../model/ports.js';
import type { Binding, Conflict, ConflictLocation, ConflictRule, Protocol, Severity } from '../model/types.js';
import { serviceKey } from '../model/service.js';
import { ruleIndex } from '../rules/catalogue.js';
import type { DisplayName } from './describe.js';

export interface ConflictFacts {
  rule: ConflictRule;
  severity: Severity;
  scope: string;
  protocol: Protocol;
  port: number;
  endPort: number;
  /** In file order (see compareBindings). */
  bindings: Binding[];
  message: string;
  /** A specific address that tells this collision from another on the same ports. */
  address?: string | null;
}

/**
 * `<rule>:<scope>:<protocol>:<port>[-<endPort>]`, stable across runs. A collision confined
 * to one specific address carries it (`@127.0.0.1`): two pairs of services may collide on
 * one port at two addresses, and each is a conflict of its own.
 */
export function conflictId(facts: Omit<ConflictFacts, 'severity' | 'bindings' | 'message'>): string {
  const id = `${facts.rule}:${facts.scope}:${facts.protocol}:${formatPortRange(facts.port, facts.endPort)}`;
  return facts.address ? `${id}@${facts.address}` : id;
}

/** A new conflict, before compare gives it a status and allocate its suggestions. */
export function buildConflict(facts: ConflictFacts, displayName: DisplayName): Conflict {
  const services = [...new Set(facts.bindings.map(displayName))].sort(compareStrings);
  return {
    id: conflictId(facts),
    rule: facts.rule,
    severity: facts.severity,
    status: 'new',
    scope: facts.scope,
    protocol: facts.protocol,
    port: facts.port,
    endPort: facts.endPort,
    services,
    newServices: [...services],
    locations: locationsOf(facts.bindings, displayName),
    suggestions: [],
    message: facts.message,
    bindings: facts.bindings,
  };
}

/**
 * The name a conflict shows for a binding's service: `<project>/<name>` where the conflict
 * tells two projects' services apart, else the plain name (see makeDisplayName).
 */
export function displayNameIn(services: ReadonlySet<string>, binding: Pick<Binding, 'service' | 'project'>): string {
  const key = serviceKey(binding);
  return services.has(key) ? key : binding.service;
}

function locationsOf(bindings: readonly Binding[], displayName: DisplayName): ConflictLocation[] {
  const seen = new Set<string>();
  const locations: ConflictLocation[] = [];
  for (const binding of bindings) {
    const location = { service: displayName(binding), file: binding.file, line: binding.line, column: binding.column };
    const key = `${location.service}\u0000${location.file}\u0000${location.line}\u0000${location.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    locations.push(location);
  }
  return locations;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Report order: by port, then rule (the catalogue's order), then scope, then protocol, then the rest of the id. */
export function compareConflicts(a: Conflict, b: Conflict): number {
  return (
    a.port - b.port ||
    ruleIndex(a.rule) - ruleIndex(b.rule) ||
    compareStrings(a.scope, b.scope) ||
    compareStrings(a.protocol, b.protocol) ||
    a.endPort - b.endPort ||
    compareStrings(a.id, b.id)
  );
}

/**
 * A total order on bindings, file order first, so that the detector's output does not
 * depend on the order of its input.
 */
export function compareBindings(a: Binding, b: Binding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.service, b.service) ||
    compareStrings(a.project ?? '', b.project ?? '') ||
    compareStrings(a.scope, b.scope) ||
    compareStrings(a.protocol, b.protocol) ||
    a.port - b.port ||
    a.endPort - b.endPort ||
    compareStrings(a.kind, b.kind) ||
    compareStrings(a.hostIp ?? '', b.hostIp ?? '') ||
    compareStrings(a.stacks?.join(',') ?? '', b.stacks?.join(',') ?? '') ||
    compareStrings(JSON.stringify(a), JSON.stringify(b))
  );
}
