// What a Nix file says about the machines of a fleet, for the topology stage: the files it
// imports, the machines it defines (a flake's nixosConfigurations, a colmena hive), the
// enable options it declares and sets, and the options it sets. Only its own file: which
// machine runs what is the topology's to join.
import type { Node } from 'web-tree-sitter';
import type { NixFileFacts, NixMachine, PathReference } from '../../model/facts.js';
import { folderOf, resolveWrittenPath } from '../../model/paths.js';
import type { Diagnostic } from '../../model/types.js';
import { type Assignment, COMPUTED_NAME } from './attrWalk.js';
import { type ClaimSink, writtenNumber } from './claims.js';
import { type ModuleReading, optionPath } from './moduleClaims.js';
import { type NixSource, nodeLocation, offsetLocation } from './nixGrammar.js';
import { followNames } from './nixScope.js';
import { applicationParts, calleeName, staticStringText, unwrapParentheses } from './nixSyntax.js';
import { renderValue } from './renderValue.js';

/** Nodes of a colmena hive that are settings of the hive, not machines. */
const HIVE_SETTINGS = new Set(['meta', 'defaults']);

export function nixFileFacts(source: NixSource, reading: ModuleReading, sink: ClaimSink): NixFileFacts {
  const facts: NixFileFacts = { imports: [], machines: [], machineFolders: [], enableOptions: [], enables: [], settings: [], defaults: sink.defaults };
  const machines = new Map<string, NixMachine>();
  const hiveImports: PathReference[] = [];
  const isHive = source.path === 'hive.nix' || source.path.endsWith('/hive.nix');
  for (const assignment of reading.assignments) {
    const { path } = assignment;
    const configurations = path.indexOf('nixosConfigurations');
    const hive = path.indexOf('colmena');
    if (configurations >= 0) {
      flakeMachine(source, assignment, path.slice(configurations + 1), machines, facts, sink.diagnostics);
    } else if (hive >= 0 || isHive) {
      hiveNode(source, assignment, path.slice(hive + 1), machines, hiveImports);
    } else if (path.length === 1 && path[0] === 'imports') {
      const reference = importedPath(source, assignment.value);
      if (reference) facts.imports.push(reference);
    } else if (path.includes(COMPUTED_NAME)) {
      // `options.${name}.enable`, `services.${name}.port`: which option, only evaluation knows.
      continue;
    } else if (path.includes('options')) {
      if (path[path.length - 1] === 'enable') facts.enableOptions.push(optionPath(path.slice(path.indexOf('options') + 1)));
    } else {
      setting(source, assignment, facts);
    }
  }
  // A hive's `defaults` are every node's.
  for (const machine of machines.values()) machine.modules.push(...hiveImports);
  facts.machines = [...machines.values()];
  return facts;
}

/** `services.x.enable = true` and every other option set, with its port when the value is one. */
function setting(source: NixSource, assignment: Assignment, facts: NixFileFacts): void {
  const path = optionPath(assignment.path);
  const value = followNames({ node: assignment.value, scope: assignment.scope }).node;
  if (assignment.path[assignment.path.length - 1] === 'enable') {
    if (value.type === 'variable_expression' && value.text === 'true') facts.enables.push(path);
    return;
  }
  if (assignment.isDefault) return;
  const number = writtenNumber(renderValue({ node: assignment.value, scope: assignment.scope }));
  facts.settings.push(number?.port !== undefined ? { path, port: { port: number.port, at: offsetLocation(source, number.offset) } } : { path });
}

/**
 * `nixosConfigurations.alpha = nixpkgs.lib.nixosSystem { modules = [ ./hosts/alpha ]; }`
 * (the walk flattens the call's set into `alpha.modules`), `nixosConfigurations.alpha =
 * mkHost "alpha"` (no modules known: the topology looks for its folder), and a whole set
 * built over a folder (`mapAttrs ... (readDir ./hosts)`) or over a list of names.
 */
function flakeMachine(source: NixSource, assignment: Assignment, rest: readonly string[], machines: Map<string, NixMachine>, facts: NixFileFacts, diagnostics: Diagnostic[]): void {
  const [name, ...inner] = rest;
  const at = nodeLocation(source, assignment.value);
  if (name === undefined || name === '') {
    const computed = computedMachines(source, assignment.value);
    if (computed.folders.length + computed.names.length === 0) {
      diagnostics.push({ ...at, severity: 'warning', message: 'nixosConfigurations is computed in a way this check cannot follow: its machines are not known, and their claims are placed on the host' });
    }
    facts.machineFolders.push(...computed.folders);
    for (const named of computed.names) machineNamed(machines, named, at);
    return;
  }
  const machine = machineNamed(machines, name, at);
  if (inner.length === 1 && inner[0] === 'modules') {
    const reference = importedPath(source, assignment.value);
    if (reference) machine.modules.push(reference);
  } else if (inner.length === 0 && assignment.value.type === 'apply_expression') {
    // `alpha = mkHost ./hosts/alpha;`: a helper given the machine's folder.
    for (const arg of applicationParts(assignment.value).args) {
      const reference = importedPath(source, arg);
      if (reference) machine.modules.push(reference);
    }
  }
}

/** A colmena node (`colmena.alpha = { imports = [...]; }`), or the hive's `defaults.imports`. */
function hiveNode(source: NixSource, assignment: Assignment, rest: readonly string[], machines: Map<string, NixMachine>, defaults: PathReference[]): void {
  const [name, ...inner] = rest;
  if (name === undefined || name === '') return;
  const isImport = inner.length === 1 && inner[0] === 'imports';
  if (HIVE_SETTINGS.has(name)) {
    const reference = name === 'defaults' && isImport ? importedPath(source, assignment.value) : undefined;
    if (reference) defaults.push(reference);
    return;
  }
  const machine = machineNamed(machines, name, nodeLocation(source, assignment.value));
  const reference = isImport ? importedPath(source, assignment.value) : undefined;
  if (reference) machine.modules.push(reference);
}

function machineNamed(machines: Map<string, NixMachine>, name: string, at: NixMachine['at']): NixMachine {
  let machine = machines.get(name);
  if (!machine) machines.set(name, (machine = { name, modules: [], at }));
  return machine;
}

/** The folders read with `readDir ./hosts` and the names listed for `genAttrs [ "a" "b" ]` in an expression. */
function computedMachines(source: NixSource, root: Node): { folders: PathReference[]; names: string[] } {
  const folders: PathReference[] = [];
  const names: string[] = [];
  const pending = [root];
  for (let visited = 0; pending.length > 0 && visited < 10_000; visited++) {
    const node = pending.pop() as Node;
    const name = calleeName(node);
    const { args } = node.type === 'apply_expression' ? applicationParts(node) : { args: [] };
    if (name === 'readDir' && args[0]) {
      const reference = importedPath(source, args[0]);
      if (reference) folders.push(reference);
    } else if (name === 'genAttrs' && args[0] && unwrapParentheses(args[0]).type === 'list_expression') {
      for (const element of unwrapParentheses(args[0]).childrenForFieldName('element')) {
        const text = element.type === 'string_expression' ? staticStringText(element) : undefined;
        if (text) names.push(text);
      }
    }
    for (const child of node.namedChildren) if (child) pending.push(child);
  }
  return { folders, names };
}

/**
 * A path a module list names: `./hosts/alpha`, `../modules/grafana.nix`, `(import ./x.nix)`.
 * External modules (`inputs.x.nixosModules.y`) and expressions name nothing here: undefined.
 * A path that leaves the repository or is built from variables is kept with the reason.
 */
function importedPath(source: NixSource, raw: Node): PathReference | undefined {
  let node = unwrapParentheses(raw);
  if (calleeName(node) === 'import') node = unwrapParentheses(applicationParts(node).args[0] ?? node);
  const at = nodeLocation(source, node);
  if (node.type === 'path_expression') {
    if (node.text.includes('${')) return { path: node.text, at, unresolved: `${node.text} is built from variables` };
    const resolved = resolveWrittenPath(folderOf(source.path), node.text);
    return 'path' in resolved ? { path: resolved.path, at } : { path: node.text, at, unresolved: resolved.unresolved };
  }
  if (node.type === 'string_expression' && node.text.includes('${')) return { path: node.text, at, unresolved: `${node.text} is built from variables` };
  return undefined;
}

/** Facts that say nothing about machines: a file that neither imports, defines, enables nor sets a thing. */
export function isEmptyNixFacts(facts: NixFileFacts): boolean {
  return facts.imports.length + facts.machines.length + facts.machineFolders.length + facts.enableOptions.length + facts.enables.length + facts.settings.length + facts.defaults.length === 0;
}
