// Registries kept as NixOS options: `options.<team>.ports = mkOption { type = attrsOf port;
// default = { ... }; }` (often beside an assertion that no two ports collide), and the values
// that modules and machines assign to one (`myorg.ports.grafana = 3100;`, `config.ports = {
// ... };`). Their entries are reported as facts of the file, not placed: which machine an
// assignment is an entry of depends on who imports the file, which only the topology knows.
import type { Node } from 'web-tree-sitter';
import type { Binding, Diagnostic } from '../../model/types.js';
import { type RegistryLeaf, readRegistryLeaves } from '../registry/nixRegistryEntries.js';
import { type Assignment, walkAssignments } from './attrWalk.js';
import type { NixSource } from './nixGrammar.js';
import { followNames, type ScopedNode } from './nixScope.js';
import { isAttrset } from './nixSyntax.js';
import { type OptionDeclaration, optionDeclarations } from './optionDeclarations.js';

/** NixOS's own top-level namespaces: their `ports` (`networking.ports`) are options of NixOS, not a team's registry. */
const NIXOS_NAMESPACES = new Set([
  'services', 'networking', 'systemd', 'virtualisation', 'containers', 'boot', 'environment', 'users', 'programs', 'security',
  'hardware', 'nix', 'nixpkgs', 'system', 'fileSystems', 'home-manager', 'home', 'imports', 'options', 'config', 'i18n', 'time',
]);

const NAMES_PORTS = /(?<![\w'-])ports(?![\w'-])/;

/**
 * `ports` or `<team>.ports`: where a registry option lives. A service's own `ports`
 * (`services.x.ports`, `myorg.ci.ports`) names its listeners, not a registry.
 */
export function isRegistryOptionPath(path: readonly string[]): boolean {
  if (path.length === 1) return path[0] === 'ports';
  return path.length === 2 && path[1] === 'ports' && !NIXOS_NAMESPACES.has(path[0] as string);
}

/**
 * The entries of the registry options a file declares (their defaults) and of those it assigns
 * to; a literal that is no port (`70000`, a range that ends before it starts) is a diagnostic.
 */
export function registryAssignments(source: NixSource, assignments: readonly Assignment[]): { bindings: Binding[]; diagnostics: Diagnostic[] } {
  // Most modules never name a `ports` attribute (`allowedTCPPorts` is not one): nothing to walk again.
  if (!NAMES_PORTS.test(source.text)) return { bindings: [], diagnostics: [] };
  const leavesByOption = new Map<string, RegistryLeaf[]>();
  const add = (option: string, leaf: RegistryLeaf): void => {
    const leaves = leavesByOption.get(option) ?? [];
    leaves.push(leaf);
    leavesByOption.set(option, leaves);
  };
  for (const declaration of optionDeclarations(assignments)) {
    const option = withoutConfig(declaration.path);
    const set = registryDefault(declaration);
    if (!isRegistryOptionPath(option) || !set) continue;
    for (const entry of walkAssignments(set.node, { scope: set.scope })) add(option.join('.'), leafOf(entry.path, { node: entry.value, scope: entry.scope }, true));
  }
  for (const assignment of assignments) {
    if (assignment.path.includes('options')) continue;
    const path = withoutConfig(assignment.path);
    const at = path.indexOf('ports');
    if (at < 0 || at > 1 || at === path.length - 1 || !isRegistryOptionPath(path.slice(0, at + 1))) continue;
    add(path.slice(0, at + 1).join('.'), leafOf(path.slice(at + 1), { node: assignment.value, scope: assignment.scope }, assignment.isDefault));
  }
  const readings = [...leavesByOption].map(([option, leaves]) => readRegistryLeaves(source, leaves, { settingPrefix: option, literalsOnly: true }));
  return { bindings: readings.flatMap((reading) => reading.bindings), diagnostics: readings.flatMap((reading) => reading.diagnostics) };
}

function withoutConfig(path: readonly string[]): string[] {
  return path[0] === 'config' ? path.slice(1) : [...path];
}

/** The default of an option that holds a set of ports (`attrsOf port`, or whatever type with a set as its default). */
function registryDefault(declaration: OptionDeclaration): ScopedNode | undefined {
  if (!declaration.default) return undefined;
  const value = followNames(declaration.default);
  return isAttrset(value.node) ? value : undefined;
}

/** A value under the registry, its `let` names followed to the literal. Where its names are written is not needed: no diagnostic names them. */
function leafOf(names: readonly string[], value: ScopedNode, isDefault: boolean): RegistryLeaf {
  const written: Node = followNames(value).node;
  return { keys: names.map((name) => ({ name, node: written })), value: written, ...(isDefault ? { isDefault: true } : {}) };
}
