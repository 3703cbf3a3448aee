// The port registry kept as a Nix attribute set (seed 001's `lib/ports.nix`), by depth:
//   { pocket-id = 8080; }                           service -> port
//   { databases = { redis = 6379; }; }              category -> service -> port
//   { apps = { web = { http = 3000; }; }; }         category -> service -> named port
// A set with a `port` (`dns = { port = 53; protocol = "udp"; };`) is one entry with its
// metadata. Two levels are always read as category -> service, the seed's shape: a service
// with named ports needs its category.
import type { Node } from 'web-tree-sitter';
import { parsePortNumber } from '../../model/ports.js';
import type { Binding, Diagnostic, ExtractResult, Extractor, ParseBudget, Protocol, RegistryCategory, SourceFile } from '../../model/types.js';
import { type NixSource, nodeLocation, prepareNixGrammar, readNixTree, syntaxDiagnostics } from '../nix/nixGrammar.js';
import { nixServiceName } from '../nix/nixNames.js';
import { attrPathNames, bindingsOf, isAttrset, staticStringText, unwrapParentheses } from '../nix/nixSyntax.js';
import { isPartOfBrokenToken } from '../treeSitter/brokenTokens.js';
import { unnamedServiceMessage } from '../unnamedService.js';
import { registryBinding } from './documentRegistry.js';

export const NIX_REGISTRY_FORMAT = 'registry-nix';

/** `ports.nix` in any folder: the registry when its text has a registry's shape (see extract). */
export function isNixRegistryPath(path: string): boolean {
  return path.slice(path.lastIndexOf('/') + 1) === 'ports.nix';
}

/**
 * The registry's own place, as seed 001 keeps it: `ports.nix` at the root or in a `lib/` or
 * `nix/` folder. A file there is the registry unless its outline says otherwise (a NixOS
 * module), and every mistake in it is reported. Elsewhere (`lib/config/ports.nix`,
 * `hosts/alpha/ports.nix`) a file of that name is as likely a module that opens firewall
 * ports: it is a registry only when it is a plain set (no function header) all of which
 * reads as one, without a single complaint.
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

interface Reading {
  source: NixSource;
  bindings: Binding[];
  categories: Map<string, RegistryCategory>;
  diagnostics: Diagnostic[];
  /** Services with no usable name already reported, by where their name is written. */
  unnamedReported: Set<Node['id']>;
}

export function extractNixRegistry(file: SourceFile, budget?: ParseBudget): ExtractResult {
  const atPlace = isNixRegistryPlace(file.path);
  try {
    return readNixTree(file, budget, (source) => {
      const reading: Reading = { source, bindings: [], categories: new Map(), diagnostics: syntaxDiagnostics(source), unnamedReported: new Set() };
      const top = registrySet(source.root, atPlace);
      if (top) readSet(reading, top, []);
      else reading.diagnostics.push({ file: file.path, line: 1, column: 1, severity: 'error', message: 'port registry: expected an attribute set of ports' });
      const result: ExtractResult = { bindings: reading.bindings, diagnostics: reading.diagnostics, registry: { categories: [...reading.categories.values()], reserved: [] } };
      const isRegistry = top !== undefined && !isModule(top) && (atPlace || (result.bindings.length > 0 && result.diagnostics.length === 0));
      return isRegistry ? result : { ...result, declined: true };
    });
  } catch (error) {
    return { bindings: [], diagnostics: [{ file: file.path, severity: 'error', message: `port registry: could not read the file: ${error instanceof Error ? error.message : String(error)}` }] };
  }
}

/**
 * The set a registry file evaluates to, through `let ... in`, `with lib;` and, at the
 * registry's own place, a `{ lib, ... }:` header.
 */
function registrySet(root: Node, throughFunction: boolean): Node | undefined {
  const through = throughFunction ? ['function_expression', 'let_expression', 'with_expression', 'assert_expression'] : ['let_expression', 'with_expression', 'assert_expression'];
  let node: Node | null = root.childForFieldName('expression');
  while (node) {
    node = unwrapParentheses(node);
    if (isAttrset(node)) return node;
    if (!through.includes(node.type)) return undefined;
    node = node.childForFieldName('body');
  }
  return undefined;
}

/** `{ imports = [..]; networking.firewall.allowedTCPPorts = [ 80 ]; }`: a NixOS module's set. */
function isModule(set: Node): boolean {
  return bindingsOf(set).some((binding) => MODULE_KEYS.has(attrPathNames(binding.childForFieldName('attrpath'))?.[0] ?? ''));
}

interface Key {
  name: string;
  node: Node;
}

const MAX_DEPTH = 3;

function readSet(reading: Reading, set: Node, path: readonly Key[]): void {
  const entry = entryFields(set);
  if (entry && path.length > 0) return readPort(reading, entry.port, path, entry.protocol);
  for (const binding of bindingsOf(set)) {
    const names = attrPathNames(binding.childForFieldName('attrpath'));
    const value = binding.childForFieldName('expression');
    if (!names || !value) continue;
    const attrs = binding.childForFieldName('attrpath')?.childrenForFieldName('attr') ?? [];
    const keys = [...path, ...names.map((name, index) => ({ name, node: writtenKey(attrs[index], binding) }))];
    readValue(reading, unwrapParentheses(value), keys);
  }
}

/**
 * Where a key is written. A name that tree-sitter supplied to recover from a syntax error
 * (`{ = 3000; }`) is written nowhere: its binding's `=` stands for it.
 */
function writtenKey(attr: Node | undefined, binding: Node): Node {
  return attr && !attr.isMissing ? attr : (binding.children.find((child) => child.type === '=') ?? binding);
}

function readValue(reading: Reading, value: Node, keys: readonly Key[]): void {
  // Deeper than a registry goes, a set is one skipped entry: a file nested thousands deep is not walked.
  if (isAttrset(value) && keys.length <= MAX_DEPTH) return readSet(reading, value, keys);
  if (value.type === 'list_expression') {
    for (const element of value.childrenForFieldName('element')) readPort(reading, unwrapParentheses(element), keys, 'tcp');
    return;
  }
  // Free text beside the ports (`description = "..."`) is documentation, not an entry.
  if (value.type === 'string_expression' && !/^\d+$/.test(staticStringText(value) ?? '')) return;
  readPort(reading, value, keys, 'tcp');
}

/** `{ port = 5432; protocol = "udp"; }`: one entry with its metadata. */
function entryFields(set: Node): { port: Node; protocol: Protocol } | undefined {
  let port: Node | undefined;
  let protocol: Protocol = 'tcp';
  for (const binding of bindingsOf(set)) {
    const names = attrPathNames(binding.childForFieldName('attrpath'));
    const value = binding.childForFieldName('expression');
    if (names?.length !== 1 || !value) continue;
    if (names[0] === 'port') port = unwrapParentheses(value);
    if (names[0] === 'protocol' && staticStringText(unwrapParentheses(value))?.toLowerCase() === 'udp') protocol = 'udp';
  }
  return port && { port, protocol };
}

function readPort(reading: Reading, value: Node, keys: readonly Key[], protocol: Protocol): void {
  const where = { ...nodeLocation(reading.source, value), severity: 'error' as const };
  const name = keys.map((key) => key.name).join('.');
  if (keys.length > MAX_DEPTH) {
    reading.diagnostics.push({ ...where, message: `port registry: ${name} is nested deeper than category.service.port-name; entry skipped` });
    return;
  }
  if (value.type !== 'integer_expression') {
    reading.diagnostics.push({ ...where, message: `port registry: ${name} is not a port number literal; entry skipped` });
    return;
  }
  if (isPartOfBrokenToken(value)) {
    reading.diagnostics.push({ ...where, message: `port registry: ${name}: the number ${value.text} runs into a syntax error; entry skipped` });
    return;
  }
  const [first, second, third] = keys;
  const category = keys.length >= 2 ? first : undefined;
  const service = (keys.length >= 2 ? second : first) as Key;
  const serviceName = nixServiceName(service.name);
  if (serviceName === '') return reportUnnamed(reading, service);
  const port = parsePortNumber(value.text);
  if (port === undefined) {
    reading.diagnostics.push({ ...where, message: `port registry: ${name} = ${value.text} is not a port (1-65535)` });
    return;
  }
  if (category && !reading.categories.has(category.name)) reading.categories.set(category.name, { name: category.name, ...nodeLocation(reading.source, category.node) });
  const location = nodeLocation(reading.source, value);
  reading.bindings.push(registryBinding(NIX_REGISTRY_FORMAT, { service: serviceName, start: port, end: port, protocol, location, category: category?.name, portName: third?.name }));
}

/** A service whose name has no letter or digit (`_`, `""`) is no entry: said once, at its name, for all its ports. */
function reportUnnamed(reading: Reading, service: Key): void {
  if (reading.unnamedReported.has(service.node.id)) return;
  reading.unnamedReported.add(service.node.id);
  reading.diagnostics.push({ ...nodeLocation(reading.source, service.node), severity: 'error', message: `port registry: ${unnamedServiceMessage('service', service.name)}` });
}
