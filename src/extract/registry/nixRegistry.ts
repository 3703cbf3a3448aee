// The port registry kept as a Nix attribute set (seed 001's `lib/ports.nix`), by depth:
//   { pocket-id = 8080; }                           service -> port
//   { databases = { redis = 6379; }; }              category -> service -> port
//   { alpha = { grafana = 3000; }; }                machine -> service -> port, the same way
//   { apps = { web = { http = 3000; }; }; }         category -> service -> named port
// A set with a `port` (`dns = { port = 53; protocol = "udp"; };`) is one entry with its
// metadata, `{ from = 1714; to = 1764; }` one range (see nixRegistryEntries.ts). Two levels are
// always read as category -> service, the seed's shape: a service with named ports needs its
// category. A registry kept under a team's namespace (`{ myorg.ports = { ... }; }`) or exported
// beside its checks (`let ports = { ... }; in { inherit ports; assertions = ...; }`) is read
// below its `ports`.
import type { Node } from 'web-tree-sitter';
import type { Diagnostic, ExtractResult, Extractor, ParseBudget, RegistryCategory, SourceFile } from '../../model/types.js';
import { walkAssignments } from '../nix/attrWalk.js';
import { type NixSource, nodeLocation, prepareNixGrammar, readNixTree, syntaxDiagnostics } from '../nix/nixGrammar.js';
import { registryAssignments } from '../nix/registryOptions.js';
import { attrPathNames, bindingsOf, isAttrset, unwrapParentheses } from '../nix/nixSyntax.js';
import { NIX_REGISTRY_FORMAT, type RegistryKey, type RegistryLeaf, readRegistryLeaves } from './nixRegistryEntries.js';

export { NIX_REGISTRY_FORMAT };
/** `ports.nix` in any folder: the registry when its text has a registry's shape (see extract). */
export function isNixRegistryPath(path: string): boolean {
  return path.slice(path.lastIndexOf('/') + 1) === 'ports.nix';
}

/**
 * The registry's own place, as seed 001 keeps it: `ports.nix` at the root or in a `lib/` or
 * `nix/` folder. A file there is the registry unless its outline says otherwise (a NixOS
 * module), and every mistake in it is reported. Elsewhere (`lib/config/ports.nix`,
 * `hosts/alpha/ports.nix`) a file of that name is as likely a module that opens firewall
 * ports: it is a registry only when all of it reads as one, without a single complaint, and
 * it is a plain set or, under a `{ lib }:` header, exports its `ports` (`inherit ports;`).
 */
export function isNixRegistryPlace(path: string): boolean {
  const parts = path.split('/');
  const folder = parts[parts.length - 2];
  return folder === undefined || folder === 'lib' || folder === 'nix';
}

export const nixRegistryExtractor: Extractor = {
  format: NIX_REGISTRY_FORMAT,
  matches: isNixRegistryPath,
  prepare: prepareNixGrammar,
  extract: (file, context) => extractNixRegistry(file, context.parseBudget),
};

/** Top-level names of a NixOS module, which no registry uses as a category or service. */
const MODULE_KEYS = new Set(['imports', 'options', 'config', 'networking', 'systemd', 'boot', 'environment', 'users', 'virtualisation', 'programs', 'security', 'hardware', 'nix', 'nixpkgs', 'system', 'fileSystems']);

/** Arguments a registry's header takes only to use the library (`{ lib, ... }:`); any other is an allocator's parameter. */
const LIBRARY_ARGUMENTS = new Set(['lib', 'pkgs', 'config', 'options', 'inputs', 'self', 'system', 'nixpkgs', 'modulesPath', 'specialArgs', 'utils']);

export function extractNixRegistry(file: SourceFile, budget?: ParseBudget): ExtractResult {
  const atPlace = isNixRegistryPlace(file.path);
  try {
    return readNixTree(file, budget, (source) => {
      const diagnostics = syntaxDiagnostics(source);
      const top = registrySet(source.root, atPlace);
      if (top === undefined || top === 'allocator') {
        const message = top === 'allocator' ? 'port registry: a function of its own parameters (a port allocator) computes ports, it does not list them' : 'port registry: expected an attribute set of ports';
        return { bindings: [], diagnostics: [...diagnostics, { file: file.path, line: 1, column: 1, severity: 'error', message }], registry: { categories: [], reserved: [] }, declined: true };
      }
      if (isModule(top.set)) return { ...moduleRegistry(source, diagnostics), declined: true };
      const root = registryRoot(top);
      const leaves: RegistryLeaf[] = [];
      collectLeaves(root, [], leaves);
      const reading = readRegistryLeaves(source, leaves);
      const categories: RegistryCategory[] = [...reading.categories.values()].map((key) => ({ name: key.name, ...nodeLocation(source, key.node) }));
      const result: ExtractResult = { bindings: reading.bindings, diagnostics: [...diagnostics, ...reading.diagnostics], registry: { categories, reserved: [] } };
      // Elsewhere, a header (`{ lib }:`) is a registry's only around the `ports` it exports.
      const isRegistry = atPlace || ((!top.header || root.exported) && result.bindings.length > 0 && result.diagnostics.length === 0);
      return isRegistry ? result : { ...result, declined: true };
    });
  } catch (error) {
    return { bindings: [], diagnostics: [{ file: file.path, severity: 'error', message: `port registry: could not read the file: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/**
 * A NixOS module is the module reader's; read as a registry only where a user names it one
 * (`--registry`): then its registry is the options it declares or assigns (`options.<team>.ports`).
 */
function moduleRegistry(source: NixSource, diagnostics: readonly Diagnostic[]): ExtractResult {
  const found = registryAssignments(source, walkAssignments(source.root));
  const none: Diagnostic[] = found.bindings.length > 0 ? [] : [{ file: source.path, line: 1, column: 1, severity: 'error', message: 'port registry: a NixOS module that declares and assigns no registry option (`options.<team>.ports`)' }];
  return { bindings: found.bindings, diagnostics: [...diagnostics, ...found.diagnostics, ...none], registry: { categories: [], reserved: [] } };
}

interface TopSet {
  set: Node;
  /** The `let`s around it, innermost last: where `inherit ports;` finds its value. */
  lets: Node[];
  /** Reached through a `{ lib, ... }:` header. */
  header: boolean;
}

const THROUGH = new Set(['function_expression', 'let_expression', 'with_expression', 'assert_expression']);

/**
 * The set a registry file evaluates to, through `let ... in`, `with lib;` and a `{ lib, ... }:`
 * header. A function of other parameters (`{ base ? 3000 }:`, `name:`) computes ports: at the
 * registry's own place, an allocator; elsewhere, no registry either.
 */
function registrySet(root: Node, atPlace: boolean): TopSet | 'allocator' | undefined {
  const lets: Node[] = [];
  let header = false;
  let node: Node | null = root.childForFieldName('expression');
  while (node) {
    node = unwrapParentheses(node);
    if (isAttrset(node)) return { set: node, lets, header };
    if (!THROUGH.has(node.type)) return undefined;
    if (node.type === 'function_expression') {
      if (!takesOnlyLibrary(node)) return atPlace ? 'allocator' : undefined;
      header = true;
    }
    if (node.type === 'let_expression') lets.push(node);
    node = node.childForFieldName('body');
  }
  return undefined;
}

function takesOnlyLibrary(fn: Node): boolean {
  const universal = fn.childForFieldName('universal');
  const formals = fn.childForFieldName('formals')?.childrenForFieldName('formal') ?? [];
  if (universal && !LIBRARY_ARGUMENTS.has(universal.text)) return false;
  return formals.every((formal) => !formal.childForFieldName('default') && LIBRARY_ARGUMENTS.has(formal.childForFieldName('name')?.text ?? ''));
}

const MAX_NAMESPACE = 3;

/**
 * Where the entries start: below the `ports` that a set exports beside its checks
 * (`{ ports = { ... }; assertions = ...; }`, `{ inherit ports; }` from a `let`) or that a team
 * namespace holds (`{ myorg.ports = { ... }; }`, `{ myorg = { ports = { ... }; }; }`); else
 * the set itself, whose every binding under one `<team>.ports` (dotted) is read below it.
 */
function registryRoot(top: TopSet): RegistryRoot {
  let current = top.set;
  for (let depth = 0; depth < MAX_NAMESPACE; depth++) {
    const exported = exportedPorts(current, top.lets);
    if (exported) return { set: exported, dotted: [], exported: true };
    const bindings = bindingsOf(current);
    const only = bindings.length === 1 ? bindings[0] : undefined;
    const names = only && attrPathNames(only.childForFieldName('attrpath'));
    const value = only?.childForFieldName('expression');
    const inner = value && unwrapParentheses(value);
    if (!names || !inner || !isAttrset(inner) || names.length > 2 || (names.length === 2 && names[1] !== 'ports')) break;
    if (names.length === 2) return { set: inner, dotted: [], exported: true };
    current = inner;
  }
  // A chain of single names that reaches no `ports` is the registry's own categories.
  const dotted = dottedNamespace(top.set);
  return { set: top.set, dotted: dotted ?? [], exported: dotted !== undefined };
}

interface RegistryRoot {
  set: Node;
  /** A namespace that each binding of the set writes before its keys (`myorg.ports`). */
  dotted: readonly string[];
  /** The entries are below a `ports` that the file names. */
  exported: boolean;
}

/** `ports = { ... };` or `inherit ports;` (its value a set of an enclosing `let`) in `set`. */
function exportedPorts(set: Node, lets: readonly Node[]): Node | undefined {
  for (const binding of bindingsOf(set)) {
    const names = attrPathNames(binding.childForFieldName('attrpath'));
    const value = binding.childForFieldName('expression');
    const inner = value && unwrapParentheses(value);
    if (names?.length === 1 && names[0] === 'ports' && inner && isAttrset(inner)) return inner;
  }
  const inherits = set.children.find((child) => child.type === 'binding_set')?.children.filter((child) => child.type === 'inherit') ?? [];
  if (!inherits.some((inherit) => inherit.childForFieldName('attrs')?.childrenForFieldName('attr').some((attr) => attr.text === 'ports'))) return undefined;
  for (const scope of [set, ...[...lets].reverse()]) {
    for (const binding of bindingsOf(scope)) {
      const names = attrPathNames(binding.childForFieldName('attrpath'));
      const value = binding.childForFieldName('expression');
      const inner = value && unwrapParentheses(value);
      if (names?.length === 1 && names[0] === 'ports' && inner && isAttrset(inner)) return inner;
    }
  }
  return undefined;
}

/** `{ myorg.ports.alpha.grafana = 3000; myorg.ports.beta.grafana = 3000; }`: the `myorg.ports` every binding starts with. */
function dottedNamespace(set: Node): string[] | undefined {
  let common: string[] | undefined;
  for (const binding of bindingsOf(set)) {
    const names = attrPathNames(binding.childForFieldName('attrpath')) ?? [];
    const at = names.indexOf('ports');
    if (at < 0 || at > 1 || at === names.length - 1) return undefined;
    const prefix = names.slice(0, at + 1);
    if (common && common.join('.') !== prefix.join('.')) return undefined;
    common = prefix;
  }
  return common;
}

/** `{ imports = [..]; networking.firewall.allowedTCPPorts = [ 80 ]; }`: a NixOS module's set. */
function isModule(set: Node): boolean {
  return bindingsOf(set).some((binding) => MODULE_KEYS.has(attrPathNames(binding.childForFieldName('attrpath'))?.[0] ?? ''));
}

/** Deeper than a registry goes, a set is one leaf (reported as nested too deep): a file nested thousands deep is not walked. */
const MAX_DEPTH = 3;

/** Every value below the registry's root with the names above it; a list is one leaf per element. */
function collectLeaves(root: RegistryRoot, path: readonly RegistryKey[], leaves: RegistryLeaf[]): void {
  for (const binding of bindingsOf(root.set)) {
    const attrs = binding.childForFieldName('attrpath')?.childrenForFieldName('attr') ?? [];
    const all = attrPathNames(binding.childForFieldName('attrpath'));
    const value = binding.childForFieldName('expression');
    if (!all || !value) continue;
    // The namespace's own names, written on each binding (`myorg.ports.alpha.grafana`), are no keys.
    const skip = root.dotted.every((name, index) => all[index] === name) ? root.dotted.length : 0;
    const keys = [...path, ...all.slice(skip).map((name, index) => ({ name, node: writtenKey(attrs[skip + index], binding) }))];
    collectValue(unwrapParentheses(value), keys, leaves);
  }
}

function collectValue(value: Node, keys: readonly RegistryKey[], leaves: RegistryLeaf[]): void {
  if (isAttrset(value) && keys.length <= MAX_DEPTH) return collectLeaves({ set: value, dotted: [], exported: false }, keys, leaves);
  if (value.type === 'list_expression') {
    for (const element of value.childrenForFieldName('element')) leaves.push({ keys, value: unwrapParentheses(element) });
    return;
  }
  leaves.push({ keys, value });
}

/**
 * Where a key is written. A name that tree-sitter supplied to recover from a syntax error
 * (`{ = 3000; }`) is written nowhere: its binding's `=` stands for it.
 */
function writtenKey(attr: Node | undefined, binding: Node): Node {
  return attr && !attr.isMissing ? attr : (binding.children.find((child) => child.type === '=') ?? binding);
}
