// A stack: the services one tool starts together (a Compose file set, a process-compose file).
// Its id, `<kind>:<files joined by +>`, is what bindings carry; messages describe it.
import { joinWithAnd } from './words.js';

export type StackKind = 'compose' | 'process-compose';

export function stackId(kind: StackKind, where: string): string {
  return `${kind}:${where}`;
}

const KIND_NAMES: Readonly<Record<StackKind, string>> = { compose: 'Compose', 'process-compose': 'process-compose' };

/**
 * `the Compose stacks docker-compose.yml and docker-compose.prod.yml`; `the Compose stack
 * compose.yml + compose.override.yml and the process-compose stack dev/process-compose.yaml`:
 * a stack is named by the files it starts. An id of no known kind is named as it is.
 */
export function describeStacks(ids: readonly string[]): string {
  const byKind = new Map<string, string[]>();
  for (const id of ids) {
    const colon = id.indexOf(':');
    const known = colon > 0 && id.slice(0, colon) in KIND_NAMES;
    const kind = known ? KIND_NAMES[id.slice(0, colon) as StackKind] : '';
    const files = known ? id.slice(colon + 1).split('+').join(' + ') : id;
    byKind.set(kind, [...(byKind.get(kind) ?? []), files]);
  }
  const groups = [...byKind].map(([kind, places]) => `the ${kind === '' ? '' : `${kind} `}stack${places.length > 1 ? 's' : ''} ${joinWithAnd(places)}`);
  return joinWithAnd(groups);
}
