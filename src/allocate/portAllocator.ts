import type { Binding, PortRange, RegistryModel } from '../model/types.js';
import { findFreeRange, proposalWindows } from './freeRange.js';
import { PortSet } from './portSet.js';
import { WELL_KNOWN_PORTS } from './wellKnownPorts.js';

/** A service's claim on a port range in one scope: everything that must move together. */
export interface Claim {
  /** The service's canonical key. */
  service: string;
  scope: string;
  port: number;
  endPort: number;
  category: PortRange | undefined;
}

/**
 * Hands out proposed ports, each distinct from every earlier one. What is occupied is built
 * once: one interval set per scope, and one set of what no proposal may take anywhere
 * (registry ports, reserved ranges, well-known ports).
 */
export class PortAllocator {
  readonly #occupiedByScope: Map<string, PortSet>;
  readonly #forbidden: PortSet;
  readonly #proposed = new PortSet();
  readonly #targets = new Map<string, PortRange | undefined>();

  constructor(bindings: readonly Binding[], registry: RegistryModel) {
    this.#occupiedByScope = occupiedByScope(bindings);
    this.#forbidden = PortSet.of([
      ...registry.entries.map((entry) => ({ start: entry.port, end: entry.endPort })),
      ...registry.reserved.map((reserved) => ({ start: reserved.start, end: reserved.end })),
      ...[...WELL_KNOWN_PORTS.keys()].map((port) => ({ start: port, end: port })),
    ]);
  }

  /**
   * The proposed range for a claim: the same one each time the claim is asked for (it may be
   * written in several files, or meet several conflicts), undefined when nothing fits.
   */
  targetFor(claim: Claim): PortRange | undefined {
    const key = `${claim.service}\u0000${claim.scope}\u0000${claim.port}-${claim.endPort}`;
    if (this.#targets.has(key)) return this.#targets.get(key);
    const target = this.take({ scope: claim.scope, category: claim.category, from: claim.port + 1, length: claim.endPort - claim.port + 1 });
    this.#targets.set(key, target);
    return target;
  }

  /**
   * Takes exactly `range` when no earlier proposal has it. The caller answers for the rest:
   * a service's own registered port is occupied and forbidden only by that service itself.
   */
  takeExactly(scope: string, range: PortRange): boolean {
    if (this.#proposed.firstOverlap(range)) return false;
    this.#proposed.add(range);
    this.#occupied(scope).add(range);
    return true;
  }

  /** The free range nearest at or above `from` (wrapping around), now taken by the caller. */
  take(request: { scope: string; category: PortRange | undefined; from: number; length: number }): PortRange | undefined {
    const occupied = this.#occupied(request.scope);
    const target = findFreeRange({
      from: request.from,
      length: request.length,
      windows: proposalWindows(request.scope, request.category),
      blocked: [occupied, this.#forbidden, this.#proposed],
    });
    if (target === undefined) return undefined;
    this.#proposed.add(target);
    // The moved service will hold it there; keeping it in the scope's own set also merges
    // the runs a crowd of proposals makes, so later searches jump over them in one step.
    occupied.add(target);
    return target;
  }

  #occupied(scope: string): PortSet {
    let occupied = this.#occupiedByScope.get(scope);
    if (occupied === undefined) this.#occupiedByScope.set(scope, (occupied = new PortSet()));
    return occupied;
  }
}

/** Every port held in each scope, whatever its protocol or address: a proposal must avoid them all. */
export function occupiedByScope(bindings: readonly Binding[]): Map<string, PortSet> {
  const ranges = new Map<string, PortRange[]>();
  for (const binding of bindings) {
    let scoped = ranges.get(binding.scope);
    if (scoped === undefined) ranges.set(binding.scope, (scoped = []));
    scoped.push({ start: binding.port, end: binding.endPort });
  }
  return new Map([...ranges].map(([scope, scoped]) => [scope, PortSet.of(scoped)]));
}
