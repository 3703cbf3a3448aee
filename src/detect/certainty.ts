// Whether a claim certainly holds its port where it is placed (DESIGN "Severity: certain or
// possible"), and the words that say why one does not. Shared by the rules.
import type { Binding } from '../model/types.js';
import { compareText } from '../model/order.js';

/** A claim certain to hold its port where it is placed: not a published range the runtime picks from, not a claim that only may run there. */
export function isFirm(binding: Binding): boolean {
  return binding.soft !== true && binding.uncertain === undefined;
}

const SOFT_NOTE = '; a published range lets the runtime pick another port';

/** `; x (a/main.go) only may run there: ...` for each claim that is not certain, and the soft-range note. */
export function uncertaintyNote(bindings: readonly Binding[]): string {
  const reasons = [...new Set(bindings.flatMap((binding) => (binding.uncertain === undefined ? [] : [binding.uncertain])))].sort(compareText);
  const note = reasons.map((reason) => `; ${reason}`).join('');
  return bindings.some((binding) => binding.soft === true) ? note + SOFT_NOTE : note;
}

/** Why a claim only may run where it is placed, as a note; undefined when it certainly runs there. */
export function placementNote(binding: Binding): string | undefined {
  return binding.uncertain === undefined ? undefined : `; ${binding.uncertain}`;
}
