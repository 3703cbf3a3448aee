import type { PortRange } from '../model/types.js';

/**
 * A set of ports kept as sorted, disjoint, non-adjacent inclusive intervals, so that a
 * search can jump over a whole occupied run at once instead of testing port by port.
 */
export class PortSet {
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];

  static of(ranges: Iterable<PortRange>): PortSet {
    const set = new PortSet();
    // Sorted input makes every insertion an append.
    for (const range of [...ranges].sort((a, b) => a.start - b.start)) set.add(range);
    return set;
  }

  add(range: PortRange): void {
    const first = this.#firstEndingAtOrAfter(range.start - 1);
    let last = first;
    let start = range.start;
    let end = range.end;
    // Absorb every interval that overlaps or touches the new one.
    while (last < this.#starts.length && (this.#starts[last] as number) <= range.end + 1) {
      start = Math.min(start, this.#starts[last] as number);
      end = Math.max(end, this.#ends[last] as number);
      last++;
    }
    this.#starts.splice(first, last - first, start);
    this.#ends.splice(first, last - first, end);
  }

  /** The lowest interval of the set that shares a port with `range`, if any. */
  firstOverlap(range: PortRange): PortRange | undefined {
    const index = this.#firstEndingAtOrAfter(range.start);
    const start = this.#starts[index];
    const end = this.#ends[index];
    return start !== undefined && end !== undefined && start <= range.end ? { start, end } : undefined;
  }

  #firstEndingAtOrAfter(port: number): number {
    let low = 0;
    let high = this.#ends.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#ends[middle] as number) < port) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
