// A stack: the services one tool starts together (a Compose project, a process-compose file).
// Its id, `<kind>:<where>`, is what bindings and the JSON report carry; messages describe it.
import { joinWithAnd } from './words.js';

export type StackKind = 'compose' | 'process-compose';

export function stackId(kind: StackKind, where: string): string {
  return `${kind}:${where}`;
}

const KIND_NAMES: Readonly<Record<StackKind, string>> = { compose: 'Compose', 'process-compose': 'process-compose' };

/**
 * `the Compose stacks of apps/a and apps/b`; `the Compose stack of the root folder and the
 * process-compose stack of dev/process-compose.yaml`. An id of no known kind is named as it is.
 */
export function describeStacks(ids: readonly string[]): string {
  const byKind = new Map<string, string[]>();
  for (const id of ids) {
    const colon = id.indexOf(':');
    const kind = colon > 0 && id.slice(0, colon) in KIND_NAMES ? KIND_NAMES[id.slice(0, colon) as StackKind] : '';
    const where = kind === '' ? id : id.slice(colon + 1) || 'the root folder';
    byKind.set(kind, [...(byKind.get(kind) ?? []), where]);
  }
  const groups = [...byKind].map(([kind, places]) => `the ${kind === '' ? '' : `${kind} `}stack${places.length > 1 ? 's' : ''} ${kind === '' ? '' : 'of '}${joinWithAnd(places)}`);
  return joinWithAnd(groups);
}
