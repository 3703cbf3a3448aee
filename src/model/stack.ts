// A stack: the services one tool starts together (a Compose file set, a process-compose file).
// Its id, `<kind>:<files joined by +>`, is what bindings carry; messages describe it.
import { joinWithAnd } from './words.js';

export type StackKind = 'compose' | 'process-compose' | 'sample';

export function stackId(kind: StackKind, where: string): string {
  return `${kind}:${where}`;
}

/** How a message names stacks of each kind, one and several. */
const KIND_NOUNS: Readonly<Record<StackKind, readonly [string, string]>> = {
  compose: ['Compose stack', 'Compose stacks'],
  'process-compose': ['process-compose stack', 'process-compose stacks'],
  sample: ['sample program', 'sample programs'],
};

/**
 * `the Compose stacks docker-compose.yml and docker-compose.prod.yml`; `the Compose stack
 * compose.yml + compose.override.yml and the process-compose stack dev/process-compose.yaml`:
 * a stack is named by the files it starts. An id of no known kind is named as it is.
 */
export function describeStacks(ids: readonly string[]): string {
  const byKind = new Map<string, string[]>();
  for (const id of ids) {
    const colon = id.indexOf(':');
    const kind = colon > 0 && id.slice(0, colon) in KIND_NOUNS ? id.slice(0, colon) : '';
    const files = kind === '' ? id : id.slice(colon + 1).split('+').join(' + ');
    byKind.set(kind, [...(byKind.get(kind) ?? []), files]);
  }
  const groups = [...byKind].map(([kind, places]) => {
    const [one, several] = KIND_NOUNS[kind as StackKind] ?? ['stack', 'stacks'];
    return `the ${places.length > 1 ? several : one} ${joinWithAnd(places)}`;
  });
  return joinWithAnd(groups);
}
