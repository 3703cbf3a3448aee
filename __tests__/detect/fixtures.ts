import type { Binding, RegistryModel } from '../../src/model/types.js';

/** A listener binding on the host with every field a test does not care about defaulted. */
export function binding(fields: Partial<Binding> & Pick<Binding, 'service' | 'port'>): Binding {
  return {
    endPort: fields.port,
    protocol: 'tcp',
    hostIp: null,
    scope: 'host',
    kind: 'listen',
    format: 'test',
    file: `${fields.service}.yml`,
    line: 1,
    column: 1,
    ...fields,
  };
}

/** A registry entry as the registry extractors produce it: kind `registry`, scope `host`. */
export function entry(fields: Partial<Binding> & Pick<Binding, 'service' | 'port'>): Binding {
  return binding({ kind: 'registry', format: 'registry', file: 'ports.yml', ...fields });
}

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
