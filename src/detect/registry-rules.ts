import { formatPortRange, MAX_PORT, rangesOverlap } from '../model/ports.js';
import { sameService } from '../model/service.js';
import type { Binding, ConflictRule, PortRange, Protocol, RegistryModel } from '../model/types.js';
import { compareBindings, conflictId, type ConflictFacts } from './conflict.js';
import { joinWithAnd } from '../model/words.js';
import { describeClaims, describePorts, servicesOf, verb, type DisplayName } from './describe.js';
import { isHostLikeScope } from './scopes.js';

type BindingRule = Extract<ConflictRule, 'registry-drift' | 'reserved-port' | 'out-of-range' | 'unregistered'>;

/** One binding that breaks a rule of the registry, with what its sentence needs to say. */
interface Finding {
  rule: BindingRule;
  binding: Binding;
  port: number;
  endPort: number;
  /** The rule's detail: registered ports, reserved range, category range. */
  detail: string;
}

/**
 * The registry's per-binding rules (`registry-drift`, `reserved-port`, `out-of-range`,
 * `unregistered`) over the bindings and the registry's own entries. Bindings that break
 * one rule on the same ports of one scope are one conflict. Only host-like scopes are the
 * registry's business: a container's own ports are not.
 */
export function registryRuleConflicts(
  bindings: readonly Binding[],
  registry: RegistryModel,
  displayName: DisplayName,
  collided: ReadonlySet<Binding> = new Set(),
): ConflictFacts[] {
  const index = new RegistryIndex(registry);
  const findings = [
    ...registry.entries.flatMap((entry) => (isHostLikeScope(entry.scope) ? outOfRange(entry, [entry], index) : [])),
    ...bindings.flatMap((binding) => (isHostLikeScope(binding.scope) ? bindingFindings(binding, index, collided.has(binding)) : [])),
  ];
  const byId = new Map<string, [Finding, ...Finding[]]>();
  for (const finding of findings) {
    const id = conflictId({ ...placeOf(finding), rule: finding.rule });
    const group = byId.get(id);
    if (group) group.push(finding);
    else byId.set(id, [finding]);
  }
  return [...byId.values()].map((group) => toConflictFacts(group, displayName));
}

/**
 * What one binding breaks. A registered service drifts when none of its registered ports
 * is the one it binds, unless the claim collides (its collision moves it already); an
 * unregistered service is `unregistered` when no registry entry holds its port (when one
 * does, that is a `registry-conflict`, not a second report).
 */
function bindingFindings(binding: Binding, index: RegistryIndex, collides: boolean): Finding[] {
  const findings = reservedPort(binding, index.registry);
  const entries = index.entriesOf(binding);
  const whole = { binding, port: binding.port, endPort: binding.endPort };
  if (entries.length === 0) {
    // A claim that only may run (a module no machine imports) is no service to register yet.
    if (index.registry.present && binding.uncertain === undefined && !index.lists(binding)) findings.push({ ...whole, rule: 'unregistered', detail: '' });
    return findings;
  }
  const matching = entries.filter((entry) => rangesOverlap(rangeOf(entry), rangeOf(binding)));
  if (matching.length > 0) return [...findings, ...outOfRange(binding, matching, index)];
  if (collides) return findings;
  const given = joinWithAnd([...new Set(entries.map((entry) => formatPortRange(entry.port, entry.endPort)))]);
  return [...findings, { ...whole, rule: 'registry-drift', detail: `${binding.service} ${given}` }];
}

/** The parts of the binding's ports that fall in a reserved range, each with its reason. */
function reservedPort(binding: Binding, registry: RegistryModel): Finding[] {
  return registry.reserved
    .filter((range) => rangesOverlap(range, rangeOf(binding)))
    .map((range) => ({
      rule: 'reserved-port',
      binding,
      port: Math.max(range.start, binding.port),
      endPort: Math.min(range.end, binding.endPort),
      detail: formatPortRange(range.start, range.end) + (range.reason ? `: ${range.reason}` : ''),
    }));
}

/** A binding outside the range of the category its registry entries (`entries`) give it. */
function outOfRange(binding: Binding, entries: readonly Binding[], index: RegistryIndex): Finding[] {
  const outside = new Set<string>();
  for (const entry of entries) {
    const range = entry.category === undefined ? undefined : index.categoryRanges.get(entry.category);
    if (range && (binding.port < range.start || binding.endPort > range.end)) {
      outside.add(`the ${entry.category ?? ''} range ${formatPortRange(range.start, range.end)}`);
    }
  }
  if (outside.size === 0) return [];
  return [{ rule: 'out-of-range', binding, port: binding.port, endPort: binding.endPort, detail: joinWithAnd([...outside]) }];
}

/** Lookups into the registry that every binding needs. */
class RegistryIndex {
  readonly categoryRanges = new Map<string, PortRange>();
  private readonly entriesByName = new Map<string, Binding[]>();
  /** Per protocol, see coveredPortCounts. */
  private readonly listed = new Map<Protocol, Int32Array>();

  constructor(readonly registry: RegistryModel) {
    for (const category of registry.categories) {
      if (category.range) this.categoryRanges.set(category.name, category.range);
    }
    for (const entry of registry.entries) {
      const entries = this.entriesByName.get(entry.service);
      if (entries) entries.push(entry);
      else this.entriesByName.set(entry.service, [entry]);
    }
    for (const protocol of new Set(registry.entries.map((entry) => entry.protocol))) {
      const ranges = registry.entries.filter((entry) => entry.protocol === protocol).map(rangeOf);
      this.listed.set(protocol, coveredPortCounts(ranges));
    }
  }

  /** The registry entries of the binding's service (see sameService) that speak for its machine: every machine's, and its own. */
  entriesOf(binding: Binding): Binding[] {
    return (this.entriesByName.get(binding.service) ?? []).filter((entry) => sameService(entry, binding) && (entry.scope === 'host' || entry.scope === binding.scope));
  }

  /** True when some registry entry of the binding's protocol lists one of its ports. */
  lists(binding: Binding): boolean {
    const counts = this.listed.get(binding.protocol);
    if (!counts) return false;
    return (counts[binding.endPort] ?? 0) - (counts[binding.port - 1] ?? 0) > 0;
  }
}

/**
 * For each port p, how many ports from 0 to p some range covers: then a range [a, b] holds
 * a covered port when counts[b] - counts[a - 1] > 0, in constant time.
 */
export function coveredPortCounts(ranges: readonly PortRange[]): Int32Array {
  const counts = new Int32Array(MAX_PORT + 2);
  for (const range of ranges) {
    counts[range.start] = (counts[range.start] ?? 0) + 1;
    counts[range.end + 1] = (counts[range.end + 1] ?? 0) - 1;
  }
  let depth = 0;
  let covered = 0;
  for (let port = 0; port < counts.length; port++) {
    depth += counts[port] ?? 0;
    if (depth > 0) covered++;
    counts[port] = covered;
  }
  return counts;
}

function rangeOf(binding: Binding): PortRange {
  return { start: binding.port, end: binding.endPort };
}

function placeOf(finding: Finding): { scope: string; protocol: Protocol; port: number; endPort: number } {
  const { scope, protocol } = finding.binding;
  return { scope, protocol, port: finding.port, endPort: finding.endPort };
}

function toConflictFacts(findings: readonly [Finding, ...Finding[]], displayName: DisplayName): ConflictFacts {
  const [first] = findings;
  const place = placeOf(first);
  const bindings = [...new Set(findings.map((finding) => finding.binding))].sort(compareBindings);
  const claims = describeClaims(bindings, displayName);
  const count = servicesOf(bindings, displayName).length;
  const details = joinWithAnd([...new Set(findings.map((finding) => finding.detail))]);
  const ports = formatPortRange(place.port, place.endPort);
  const sentence: Record<BindingRule, string> = {
    'registry-drift': `${claims} ${verb('binds', 'bind', count)} ${ports}, but the registry gives ${details}`,
    'reserved-port': `${claims} ${verb('binds', 'bind', count)} ${ports}, which the registry reserves (${details})`,
    'out-of-range': `${claims} ${verb('is', 'are', count)} outside ${details}`,
    unregistered: `${claims} ${verb('binds', 'bind', count)} ${ports}, which the registry does not list`,
  };
  return {
    ...place,
    rule: first.rule,
    severity: 'warning',
    bindings,
    message: `${describePorts(place.port, place.endPort, place.protocol, place.scope)}: ${sentence[first.rule]}`,
  };
}
