import type { Binding, RegistryModel } from '../../src/model/types.js';

export { binding, entry } from '../helpers/bindings.js';

export function registry(entries: Binding[], extra: Partial<RegistryModel> = {}): RegistryModel {
  return { present: true, entries, categories: [], reserved: [], ...extra };
}

export const NO_REGISTRY: RegistryModel = { present: false, entries: [], categories: [], reserved: [] };

/** A deterministic pseudo-random generator (mulberry32), so large fixtures are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
