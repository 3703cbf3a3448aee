// Where services start in a file's attribute paths. Most NixOS services are `services.<name>`,
// but modules also nest (`services.blacksky.pds`) or use a namespace of their own
// (`options.blacksky.firehose`), and a service's settings nest too (`services.x.metrics.port`):
// the file itself says which is which.
import { type Assignment, COMPUTED_NAME } from './attrWalk.js';
import { EMPTY_SCOPE, type Scope } from './nixScope.js';
import { configPath } from './renderValue.js';

export class ServiceRoots {
  private readonly roots: string[][];

  constructor(roots: readonly string[][]) {
    const unique = new Map(roots.map((root) => [root.join('.'), root]));
    this.roots = [...unique.values()].sort((a, b) => a.length - b.length);
  }

  /** The shortest root that `path` (read from index `from`) lies under. */
  rootOf(path: readonly string[], from: number): string[] | undefined {
    return this.roots.find((root) => root.length < path.length - from && root.every((name, index) => path[from + index] === name));
  }
}

/**
 * The roots a file shows:
 * - what a module calls `cfg`: `let cfg = config.services.blacksky.pds;` (the NixOS idiom);
 * - a set a host enables: `services.blacksky.pds.enable = true;`;
 * - in a module without `cfg`, a set that declares `enable` (`options.blacksky.firehose.enable`);
 *   beside a `cfg`, a declared `enable` is more likely a feature's (`metrics.enable`).
 * The shortest root of a path wins, so `services.x.metrics.enable` never splits `x`.
 */
export function serviceRoots(assignments: readonly Assignment[]): ServiceRoots {
  const declared = assignments.filter(({ path }) => path.includes('options')).map(({ path }) => path.slice(path.indexOf('options') + 1));
  const declares = (prefix: readonly string[]): boolean => declared.some((path) => prefix.every((name, index) => path[index] === name));
  const bound = letBoundConfigPaths(assignments).filter((path) => path[0] === 'services' || declares(path));
  const roots: string[][] = [...bound];
  for (const { path } of assignments) {
    const at = path.indexOf('services');
    if (path[path.length - 1] === 'enable' && !path.includes('options') && at >= 0 && path[at - 1] !== 'systemd') roots.push(path.slice(at, -1));
  }
  if (bound.length === 0) roots.push(...declared.filter((path) => path[path.length - 1] === 'enable').map((path) => path.slice(0, -1)));
  // A computed name (`options.${name}`) could be any service: no root of one.
  return new ServiceRoots(roots.filter((path) => path.length >= (path[0] === 'services' ? 2 : 1) && !path.includes(COMPUTED_NAME)));
}

/** `cfg = config.services.x;` in a `let` around any assignment: the config paths a module names. */
function letBoundConfigPaths(assignments: readonly Assignment[]): string[][] {
  const scopes = new Set<Scope>();
  for (const { scope } of assignments) {
    for (let current: Scope | undefined = scope; current && !scopes.has(current); current = current.parent) scopes.add(current);
  }
  const paths: string[][] = [];
  for (const scope of scopes) {
    for (const bound of scope.names.values()) {
      if (bound?.node.type !== 'select_expression') continue;
      const path = configPath({ node: bound.node, scope: EMPTY_SCOPE });
      if (path && path.length > 0) paths.push(path);
    }
  }
  return paths;
}
