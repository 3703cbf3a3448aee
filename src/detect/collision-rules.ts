import { formatPortRange } from '../model/ports.js';
import { belongsToAnyOf, sameService } from '../model/service.js';
import type { Binding, Severity } from '../model/types.js';
import type { Collision } from './collisions.js';
import { compareStrings, type ConflictFacts } from './conflict.js';
import { describeStacks } from '../model/stack.js';
import { joinWithAnd } from '../model/words.js';
import { describeClaims, describePorts, servicesOf, verb, type DisplayName } from './describe.js';
import { PartnerIndex, toClaim } from './partners.js';

/**
 * The most specific rule for one collision, its severity and its sentence: two registry
 * owners among the services make a `registry-duplicate`, one a `registry-conflict`, none a
 * `duplicate-port`.
 */
export function classifyCollision(
  collision: Collision,
  scope: string,
  protocol: Binding['protocol'],
  displayName: DisplayName,
): ConflictFacts {
  const entries = collision.bindings.filter((binding) => binding.kind === 'registry');
  const owners = servicesOf(entries, displayName);
  const where = describePorts(collision.port, collision.endPort, protocol, scope);
  const base = { ...collision, scope, protocol };
  if (owners.length >= 2) {
    const message = registryDuplicateMessage(where, collision.bindings, displayName);
    return { ...base, rule: 'registry-duplicate', severity: 'error', message };
  }
  const [owner] = entries;
  if (owner) {
    const others = collision.bindings.filter((binding) => !sameService(binding, owner));
    const severity: Severity = others.every((binding) => !isFirm(binding)) ? 'warning' : 'error';
    const given = joinWithAnd([...new Set(entries.map((entry) => formatPortRange(entry.port, entry.endPort)))]);
    const collide = verb('collides', 'collide', servicesOf(others, displayName).length);
    const message = `${where}: ${describeClaims(others, displayName)} ${collide} with ${displayName(owner)}, which the registry gives ${given}`;
    return { ...base, rule: 'registry-conflict', severity, message: severity === 'warning' ? message + uncertaintyNote(others) : message };
  }
  const severity = duplicatePortSeverity(collision.bindings);
  const quantifier = servicesOf(collision.bindings, displayName).length === 2 ? 'both' : 'all';
  const ports = formatPortRange(collision.port, collision.endPort);
  const message = `${where}: ${describeClaims(collision.bindings, displayName)} ${quantifier} bind ${ports}`;
  return {
    ...base,
    rule: 'duplicate-port',
    severity,
    message: severity === 'warning' ? message + warningNote(collision.bindings) : message,
  };
}

function registryDuplicateMessage(where: string, bindings: readonly Binding[], displayName: DisplayName): string {
  const entries = bindings.filter((binding) => binding.kind === 'registry');
  const isRegistered = belongsToAnyOf(entries);
  const others = bindings.filter((binding) => !isRegistered(binding));
  const message = `${where}: the registry gives it to ${describeClaims(entries, displayName)}`;
  if (others.length === 0) return message;
  const bind = verb('binds', 'bind', servicesOf(others, displayName).length);
  return `${message}, and ${describeClaims(others, displayName)} ${bind} it too`;
}

/**
 * A `duplicate-port` is an error only where it is certain to bite: some two claims of
 * different services that overlap and meet (claimsMeet: a shared stack and profile, or
 * either host-level), both firm (not a published range the runtime picks from, not a claim
 * that only may run there), and not both defaults users override by design. Otherwise a
 * warning.
 */
function duplicatePortSeverity(bindings: readonly Binding[]): Severity {
  const firm = bindings.filter(isFirm).map((binding) => ({ binding, claim: toClaim(binding) }));
  const index = new PartnerIndex(firm.map(({ claim }) => claim), true);
  return firm.some(({ binding, claim }) => binding.isDefault !== true && index.hasPartner(claim)) ? 'error' : 'warning';
}

/** A claim certain to hold its port where it is placed. */
function isFirm(binding: Binding): boolean {
  return binding.soft !== true && binding.uncertain === undefined;
}

const SOFT_NOTE = '; a published range lets the runtime pick another port';

/** Why a duplicate-port is only a warning, in the words a reader needs. */
function warningNote(bindings: readonly Binding[]): string {
  const reasons: string[] = [];
  const stacks = [...new Set(bindings.flatMap((binding) => binding.stacks ?? []))];
  if (stacks.length >= 2 && !bindings.some((binding) => binding.stacks === undefined)) {
    reasons.push(`across ${describeStacks(stacks.sort(compareStrings))}, which may not run together`);
  }
  const profiles = exclusiveProfiles(bindings);
  if (profiles.length >= 2) reasons.push(`in profiles ${profiles.join(' / ')}, which never run together`);
  if (bindings.some((binding) => binding.isDefault === true)) reasons.push('between defaults that users override');
  const note = reasons.length === 0 ? '' : ` (only ${reasons.join(', or ')})`;
  return note + uncertaintyNote(bindings);
}

/** The profile sets of the claims that name profiles, when no two of them share one. */
function exclusiveProfiles(bindings: readonly Binding[]): string[] {
  const sets = bindings.filter((binding) => (binding.profiles?.length ?? 0) > 0).map((binding) => [...(binding.profiles ?? [])].sort(compareStrings));
  const seen = new Map<string, string>();
  for (const set of sets) {
    for (const profile of set) {
      const owner = seen.get(profile);
      if (owner !== undefined && owner !== set.join(',')) return [];
    }
    for (const profile of set) seen.set(profile, set.join(','));
  }
  return [...new Set(sets.map((set) => set.join(', ')))].sort(compareStrings);
}

/** `; x (a/main.go) only may run there: ...` for each claim that is not certain, and the soft-range note. */
function uncertaintyNote(bindings: readonly Binding[]): string {
  const reasons = [...new Set(bindings.flatMap((binding) => (binding.uncertain === undefined ? [] : [binding.uncertain])))].sort(compareStrings);
  const note = reasons.map((reason) => `; ${reason}`).join('');
  return bindings.some((binding) => binding.soft === true) ? note + SOFT_NOTE : note;
}
