// What a Nix attribute set of ports says, wherever it is written: a registry file
// (`lib/ports.nix`), the default of a registry declared as a NixOS option, the values a
// machine assigns to one. Its readers hand over its leaves (each value with the names above
// it, below the registry's own root); this reads them by depth:
//   grafana = 3000;                          service -> port
//   databases.redis = 6379;                  category (or machine) -> service -> port
//   apps.web.http = 3000;                    category -> service -> named port
// and by the shapes an entry takes:
//   dns = { port = 53; protocol = "udp"; };  one entry with its metadata
//   kdeconnect = { from = 1714; to = 1764; };  one range
//   dn42-mesh-min = 19000; dn42-mesh-max = 19999;  one range, as a pair of bounds
// A port allocator's parameters (`minPort`, `maxPort`, `basePort`), its helper functions and
// free text beside the ports are no entries.
import type { Node } from 'web-tree-sitter';
import { parsePortNumber } from '../../model/ports.js';
import type { Binding, Diagnostic, Protocol } from '../../model/types.js';
import { type NixSource, nodeLocation } from '../nix/nixGrammar.js';
import { attributeWords, nixServiceName } from '../nix/nixNames.js';
import { staticStringText } from '../nix/nixSyntax.js';
import { isPartOfBrokenToken } from '../treeSitter/brokenTokens.js';
import { unnamedServiceMessage } from '../unnamedService.js';
import { registryBinding } from './documentRegistry.js';

export const NIX_REGISTRY_FORMAT = 'registry-nix';

/** A name above a value, and where it is written (or, when unknown, the value). */
export interface RegistryKey {
  name: string;
  node: Node;
}

export interface RegistryLeaf {
  keys: readonly RegistryKey[];
  /** The value as written, parentheses and `let` names already followed. */
  value: Node;
  /** Under `mkDefault`, or an option's `default`: a value that machines override. */
  isDefault?: boolean;
}

export interface RegistryReading {
  bindings: Binding[];
  /** The category (or machine) of each entry, by name, where it is first written. */
  categories: Map<string, RegistryKey>;
  diagnostics: Diagnostic[];
}

export interface ReadOptions {
  /** Put before the keys in each entry's `setting` (`myorg.ports` -> `myorg.ports.grafana`). */
  settingPrefix?: string;
  /**
   * Values that are no port literal (`config.x.port`) or nested deeper than a registry goes
   * are skipped without a word: a module refers to ports more often than it writes them.
   */
  literalsOnly?: boolean;
}

const MAX_DEPTH = 3;

/** Keys of a set that is one entry: its port or its range, and what describes them. */
const ENTRY_FIELDS = new Set(['port', 'from', 'to', 'protocol']);

/** Words of a bound or step of a port allocator, which no service is named by. */
const ALLOCATOR_WORDS = new Set(['min', 'max', 'base', 'start', 'end', 'first', 'last', 'lowest', 'highest', 'offset', 'step', 'next', 'range']);

/** Reads the leaves in source order; every problem with a value is a diagnostic, every entry a binding. */
export function readRegistryLeaves(source: NixSource, leaves: readonly RegistryLeaf[], options: ReadOptions = {}): RegistryReading {
  const reading: RegistryReading = { bindings: [], categories: new Map(), diagnostics: [] };
  const unnamedReported = new Set<Node['id']>();
  const add = (keys: readonly RegistryKey[], at: Node, start: number, end: number, protocol: Protocol, isDefault: boolean | undefined): void => {
    const [first, second, third] = keys;
    const category = keys.length >= 2 ? first : undefined;
    const service = (keys.length >= 2 ? second : first) as RegistryKey;
    const name = nixServiceName(service.name);
    if (name === '') {
      if (!unnamedReported.has(service.node.id)) reading.diagnostics.push({ ...nodeLocation(source, service.node), severity: 'error', message: `port registry: ${unnamedServiceMessage('service', service.name)}` });
      unnamedReported.add(service.node.id);
      return;
    }
    if (category && !reading.categories.has(category.name)) reading.categories.set(category.name, category);
    const entry = registryBinding(NIX_REGISTRY_FORMAT, { service: name, start, end, protocol, location: nodeLocation(source, at), category: category?.name, portName: third?.name });
    const setting = options.settingPrefix === undefined ? undefined : [options.settingPrefix, ...keys.map((key) => key.name)].join('.');
    reading.bindings.push({ ...entry, ...(setting === undefined ? {} : { setting }), ...(isDefault ? { isDefault: true } : {}) });
  };
  const port: PortOf = (leaf, keys) => portOf(source, leaf.value, keys, reading.diagnostics, options.literalsOnly === true);
  const range: RangeOf = (from, to, keys) => {
    const start = port(from, keys);
    const end = port(to, keys);
    if (start === undefined || end === undefined) return undefined;
    if (end >= start) return { start, end };
    reading.diagnostics.push({ ...nodeLocation(source, from.value), severity: 'error', message: `port registry: ${keys.map((key) => key.name).join('.')}: the range ${start}-${end} ends before it starts; entry skipped` });
    return undefined;
  };

  const groups = entryGroups(leaves);
  const bounds = boundPairs(leaves);
  for (const leaf of leaves) {
    const group = groups.get(leaf);
    if (group) {
      if (group.first === leaf) readEntrySet(group, leaf.keys.slice(0, -1), port, range, add);
      continue;
    }
    const pair = bounds.get(leaf);
    if (pair) {
      if (pair.min === leaf) readBounds(pair, range, add);
      continue;
    }
    if (isQuiet(leaf)) continue;
    const value = port(leaf, leaf.keys);
    if (value !== undefined) add(leaf.keys, leaf.value, value, value, 'tcp', leaf.isDefault);
  }
  return reading;
}

/** Leaves that are no entry and no mistake: free text, helper functions, an allocator's parameters. */
function isQuiet(leaf: RegistryLeaf): boolean {
  const { value } = leaf;
  if (value.type === 'function_expression') return true;
  if (value.type === 'string_expression' && !/^\d+$/.test(staticStringText(value) ?? '')) return true;
  const last = leaf.keys[leaf.keys.length - 1];
  return last !== undefined && isAllocatorParameter(last.name);
}

/** `minPort`, `max_port`, `basePort`, `portRangeStart`: a bound or step of an allocator, naming no service. */
export function isAllocatorParameter(name: string): boolean {
  const words = attributeWords(name);
  const rest = words.filter((word) => word !== 'port' && word !== 'ports');
  return rest.length < words.length && rest.length > 0 && rest.every((word) => ALLOCATOR_WORDS.has(word));
}

interface EntryGroup {
  first: RegistryLeaf;
  fields: Map<string, RegistryLeaf[]>;
}

const DATA_TYPES = new Set(['integer_expression', 'string_expression', 'indented_string_expression']);

/**
 * The leaves of sets that are one entry (a `port`, or a `from` and a `to`), by leaf. A set at
 * the registry's top is no entry: `port = 3000;` there is a service called `port`.
 */
function entryGroups(leaves: readonly RegistryLeaf[]): Map<RegistryLeaf, EntryGroup> {
  const byParent = new Map<string, RegistryLeaf[]>();
  for (const leaf of leaves) {
    if (leaf.keys.length < 2) continue;
    const parent = parentKey(leaf);
    const siblings = byParent.get(parent) ?? [];
    siblings.push(leaf);
    byParent.set(parent, siblings);
  }
  const groups = new Map<RegistryLeaf, EntryGroup>();
  for (const siblings of byParent.values()) {
    const fields = new Map<string, RegistryLeaf[]>();
    for (const leaf of siblings) {
      const name = (leaf.keys[leaf.keys.length - 1] as RegistryKey).name;
      if (ENTRY_FIELDS.has(name)) fields.set(name, [...(fields.get(name) ?? []), leaf]);
    }
    if (!fields.has('port') && !(fields.has('from') && fields.has('to'))) continue;
    // Beside an entry's port stand its description and protocol; `enable = true` beside a `port` is a module's service.
    if (!siblings.every((leaf) => DATA_TYPES.has(leaf.value.type))) continue;
    const group = { first: siblings[0] as RegistryLeaf, fields };
    for (const leaf of siblings) groups.set(leaf, group);
  }
  return groups;
}

function parentKey(leaf: RegistryLeaf): string {
  return leaf.keys
    .slice(0, -1)
    .map((key) => key.name)
    .join('\0');
}

type AddEntry = (keys: readonly RegistryKey[], at: Node, start: number, end: number, protocol: Protocol, isDefault: boolean | undefined) => void;
type PortOf = (leaf: RegistryLeaf, keys: readonly RegistryKey[]) => number | undefined;
type RangeOf = (from: RegistryLeaf, to: RegistryLeaf, keys: readonly RegistryKey[]) => { start: number; end: number } | undefined;

/** `{ port = 53; protocol = "udp"; }` or `{ from = 1714; to = 1764; }`; an allocator's `portRange = { from; to; }` is none. */
function readEntrySet(group: EntryGroup, keys: readonly RegistryKey[], port: PortOf, range: RangeOf, add: AddEntry): void {
  const name = keys[keys.length - 1]?.name;
  if (name !== undefined && isAllocatorParameter(name)) return;
  const protocolLeaf = group.fields.get('protocol')?.[0];
  const protocolText = protocolLeaf?.value.type === 'string_expression' ? staticStringText(protocolLeaf.value) : undefined;
  const protocol: Protocol = protocolText?.toLowerCase() === 'udp' ? 'udp' : 'tcp';
  const ports = group.fields.get('port');
  if (ports) {
    for (const leaf of ports) {
      const value = port(leaf, keys);
      if (value !== undefined) add(keys, leaf.value, value, value, protocol, leaf.isDefault);
    }
    return;
  }
  const from = group.fields.get('from')?.[0] as RegistryLeaf;
  const to = group.fields.get('to')?.[0] as RegistryLeaf;
  const found = range(from, to, keys);
  if (found) add(keys, from.value, found.start, found.end, protocol, from.isDefault);
}

interface BoundPair {
  min: RegistryLeaf;
  max: RegistryLeaf;
  /** The service both bounds name: `dn42-mesh` of `dn42-mesh-min`. */
  name: string;
}

/** `x-min`/`x-max` (or `x_min`, `xMin`) of one set: one range of the service `x`, as for `X_MIN_PORT`/`X_MAX_PORT`. */
function boundPairs(leaves: readonly RegistryLeaf[]): Map<RegistryLeaf, BoundPair> {
  const open = new Map<string, { min?: RegistryLeaf; max?: RegistryLeaf }>();
  for (const leaf of leaves) {
    const last = leaf.keys[leaf.keys.length - 1];
    const bound = last && boundOf(last.name);
    if (!bound) continue;
    const key = `${parentKey(leaf)}\0${bound.name}`;
    const pair = open.get(key) ?? {};
    if (pair[bound.side] === undefined) pair[bound.side] = leaf;
    open.set(key, pair);
  }
  const pairs = new Map<RegistryLeaf, BoundPair>();
  for (const [key, { min, max }] of open) {
    if (!min || !max) continue;
    const pair = { min, max, name: key.slice(key.lastIndexOf('\0') + 1) };
    pairs.set(min, pair);
    pairs.set(max, pair);
  }
  return pairs;
}

function boundOf(attribute: string): { side: 'min' | 'max'; name: string } | undefined {
  const words = attributeWords(attribute);
  const last = words[words.length - 1];
  if ((last !== 'min' && last !== 'max') || words.length < 2 || words.slice(0, -1).every((word) => word === 'port' || word === 'ports')) return undefined;
  return { side: last, name: words.slice(0, -1).join('-') };
}

function readBounds(pair: BoundPair, range: RangeOf, add: AddEntry): void {
  const keys = [...pair.min.keys.slice(0, -1), { name: pair.name, node: (pair.min.keys[pair.min.keys.length - 1] as RegistryKey).node }];
  const found = range(pair.min, pair.max, keys);
  if (found) add(keys, pair.min.value, found.start, found.end, 'tcp', pair.min.isDefault);
}

/** The port a value writes, or a diagnostic at the value saying why it is none. */
function portOf(source: NixSource, value: Node, keys: readonly RegistryKey[], diagnostics: Diagnostic[], literalsOnly: boolean): number | undefined {
  const where = { ...nodeLocation(source, value), severity: 'error' as const };
  const name = keys.map((key) => key.name).join('.');
  if (keys.length > MAX_DEPTH) {
    if (!literalsOnly) diagnostics.push({ ...where, message: `port registry: ${name} is nested deeper than category.service.port-name; entry skipped` });
    return undefined;
  }
  if (value.type !== 'integer_expression') {
    if (!literalsOnly) diagnostics.push({ ...where, message: `port registry: ${name} is not a port number literal; entry skipped` });
    return undefined;
  }
  // Only a tree with a syntax error has broken tokens; asking costs two searches from the root.
  if (value.tree.rootNode.hasError && isPartOfBrokenToken(value)) {
    diagnostics.push({ ...where, message: `port registry: ${name}: the number ${value.text} runs into a syntax error; entry skipped` });
    return undefined;
  }
  const port = parsePortNumber(value.text);
  if (port === undefined) diagnostics.push({ ...where, message: `port registry: ${name} = ${value.text} is not a port (1-65535)` });
  return port;
}
