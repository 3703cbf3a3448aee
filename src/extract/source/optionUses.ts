// Where a command-line option's value goes. A `--port` default is a listener's only if the
// program listens with it: a script that only connects with its `--port`
// (`requests.get(f"http://localhost:{args.port}")`) tells where another program listens
// (DESIGN "What counts as a binding"). Each language says what the code around a use of the
// value does with it; this file walks from each use to the first ancestor that says.
import type { Node } from 'web-tree-sitter';

/** What the code around a use does with the value. */
export type UseRole =
  | 'listener'
  | 'client'
  /** Passed somewhere this file does not show (a function of another module): it may listen. */
  | 'other'
  /** No use: the name being assigned or declared. */
  | 'none'
  /** Assigned to this name: its uses decide. */
  | { follow: string };

export interface UseReader {
  /**
   * The role `ancestor` (holding the use, `child` being the ancestor's child on the way) gives
   * the value, or undefined to keep climbing (a conversion, a parenthesis, an argument list).
   */
  roleOf(ancestor: Node, child: Node): UseRole | undefined;
  /** The node a use starts from, for the token its pattern matched (undefined: no use, a declaration, say). */
  useOf(token: Node): Node | undefined;
}

/** How far a use climbs before it counts as `other`: past that, it is no expression a reader follows. */
const MAX_CLIMB = 8;
/** How many assignments are followed from the option to its uses. */
const MAX_FOLLOW = 2;

/**
 * True when the file uses the value (found by `pattern`, outside `definition`) and every use
 * only connects to it: builds a URL or dials. Any use that listens, or that this file cannot
 * follow, keeps the option a listener's.
 */
export function onlyConnectsWith(root: Node, text: string, pattern: RegExp, definition: Node, reader: UseReader): boolean {
  const roles = useRoles(root, text, pattern, definition, reader, 0);
  return roles.size > 0 && roles.has('client') && !roles.has('listener') && !roles.has('other');
}

function useRoles(root: Node, text: string, pattern: RegExp, definition: Node, reader: UseReader, depth: number): Set<string> {
  const roles = new Set<string>();
  for (const match of text.matchAll(pattern)) {
    if (match.index >= definition.startIndex && match.index < definition.endIndex) continue;
    const token = root.descendantForIndex(match.index);
    const use = token && reader.useOf(token);
    if (!use) continue;
    const role = climb(use, reader);
    if (role === 'none') continue;
    if (typeof role === 'string') roles.add(role);
    else if (depth >= MAX_FOLLOW) roles.add('other');
    else for (const followed of useRoles(root, text, namePattern(role.follow, 'bare'), definition, reader, depth + 1)) roles.add(followed);
  }
  return roles;
}

/** The first role an ancestor gives; `other` when none does near enough. */
function climb(use: Node, reader: UseReader): UseRole {
  let child = use;
  for (let level = 0, node = use.parent; node && level < MAX_CLIMB; level++, child = node, node = node.parent) {
    const role = reader.roleOf(node, child);
    if (role !== undefined) return role;
  }
  return 'other';
}

/**
 * Where a name is used: `bare` alone (`port`, `cfg.Port`, not `x.port`), `field` after a dot
 * (`args.port`), `any` both. The name is escaped, so the pattern is a literal word (linear).
 */
export function namePattern(name: string, where: 'bare' | 'field' | 'any'): RegExp {
  const before = where === 'bare' ? '(?<![\\w.$])' : where === 'field' ? '\\.' : '(?<![\\w$])';
  return new RegExp(`${before}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g');
}

/** `://` in a string: the value builds a URL, which only a client dials. */
export function buildsUrl(text: string): boolean {
  return text.includes('://');
}
