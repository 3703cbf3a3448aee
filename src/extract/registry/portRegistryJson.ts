// The JSON registry of seed 002 (`port-registry.json`): `services` grouped by category, each
// service `{ port, ... }` beside free-form metadata, and `reserved` ports. Read through the YAML
// AST (JSON is YAML) so every diagnostic and binding has its exact line and column.
import { normalizeServiceName } from '../../model/service.js';
import type { Binding, Diagnostic, ExtractResult, Extractor, Protocol, RegistryCategory, ReservedRange, SourceFile } from '../../model/types.js';
import { isMap, isScalar, isSeq, parseYaml, type YamlFile } from '../yaml.js';
import { isPortSpecProblem, parsePortSpec, parseProtocols, type PortSpec, registryBinding } from './documentRegistry.js';
import { unnamedServiceMessage } from '../unnamedService.js';

export const REGISTRY_JSON_FORMAT = 'registry-json';

const FILE_NAMES = new Set(['port-registry.json', 'ports-registry.json', 'port_registry.json', 'ports_registry.json']);

/** `port-registry.json` as seed 002 names it, with the spellings a team might use instead. */
export function isPortRegistryJsonPath(path: string): boolean {
  return FILE_NAMES.has(path.slice(path.lastIndexOf('/') + 1).toLowerCase());
}

export const portRegistryJsonExtractor: Extractor = {
  format: REGISTRY_JSON_FORMAT,
  matches: isPortRegistryJsonPath,
  extract: extractPortRegistryJson,
};

// Seed 002 keeps `NLP_API_PORT_ALT=13456` "for conflicts": a registered fallback is the
// service's port too. Compared with `_` and `-` removed and in lower case.
const ALTERNATE_PORT_KEYS = new Set(['altport', 'alternateport', 'alternativeport', 'fallbackport']);
const PORT_KEYS = new Set(['port', 'ports']);
const REASON_KEYS = ['reason', 'description', 'name'];

interface Reading {
  yaml: YamlFile;
  bindings: Binding[];
  categories: RegistryCategory[];
  reserved: ReservedRange[];
  diagnostics: Diagnostic[];
  /** The document has the registry's shape (an object with `services` or `reserved`). */
  shaped: boolean;
}

export function extractPortRegistryJson(file: SourceFile): ExtractResult {
  const yaml = parseYaml(file.path, file.text);
  const parseErrors = yaml.diagnostics.map((d) => ({ ...d, message: d.message.replace(/^invalid YAML/, 'invalid JSON') }));
  // What the parser recovers from broken JSON is guesswork (`"3001 \"reserved\""` as a key):
  // report the syntax and read nothing rather than misreport the entries.
  if (yaml.malformed) return { bindings: [], diagnostics: parseErrors };
  const reading: Reading = { yaml, bindings: [], categories: [], reserved: [], diagnostics: parseErrors, shaped: false };
  try {
    readRegistry(reading, yaml.documents[0]?.contents);
  } catch (error) {
    // The alias budget, or anything else a hostile document finds: keep what was read.
    problem(reading, undefined, `could not read the registry: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { bindings, categories, reserved, diagnostics, shaped } = reading;
  // A file of another shape is no registry: it must not switch on `unregistered` warnings, and
  // it is nobody's mistake to report (unless it is named as a registry).
  return shaped ? { bindings, diagnostics, registry: { categories, reserved } } : { bindings, diagnostics, declined: true };
}

function problem(reading: Reading, node: unknown, message: string): void {
  const at = node === undefined ? { file: reading.yaml.path, line: 1, column: 1 } : reading.yaml.locate(node);
  reading.diagnostics.push({ ...at, severity: 'error', message: `port registry: ${message}` });
}

function readRegistry(reading: Reading, root: unknown): void {
  const { yaml } = reading;
  if (!isMap(yaml.resolve(root))) return problem(reading, root ?? undefined, 'expected a JSON object with `services` and `reserved`');
  const services = yaml.get(root, 'services');
  const reserved = yaml.get(root, 'reserved');
  if (services === undefined && reserved === undefined) return problem(reading, root, 'no `services` or `reserved`: not shaped like port-registry.json');
  reading.shaped = true;
  if (services !== undefined) readServices(reading, services);
  if (reserved !== undefined) readReserved(reading, reserved);
}

/** A service is a port or an object with one; any other object is a category of services. */
function isService(yaml: YamlFile, node: unknown): boolean {
  const resolved = yaml.resolve(node);
  return isScalar(resolved) || (isMap(resolved) && yaml.entries(resolved).some(([key]) => PORT_KEYS.has(key) || isAlternatePortKey(key)));
}

function isAlternatePortKey(key: string): boolean {
  return ALTERNATE_PORT_KEYS.has(key.toLowerCase().replace(/[-_]/g, ''));
}

function readServices(reading: Reading, services: unknown): void {
  const { yaml } = reading;
  if (!isMap(yaml.resolve(services))) return problem(reading, services, 'services: expected an object of categories');
  for (const [key, value, keyNode] of yaml.entries(services)) {
    if (isService(yaml, value)) {
      readService(reading, { name: key, path: `services.${key}` }, value);
    } else if (isMap(yaml.resolve(value))) {
      const category = normalizeServiceName(key);
      reading.categories.push({ ...yaml.locate(keyNode), name: category });
      for (const [name, service] of yaml.entries(value)) readService(reading, { name, path: `services.${key}.${name}`, category }, service);
    } else {
      problem(reading, value, `services.${key}: expected a category of services or a service with a \`port\``);
    }
  }
}

interface ServiceRef {
  name: string;
  path: string;
  category?: string;
}

function readService(reading: Reading, ref: ServiceRef, node: unknown): void {
  const { yaml } = reading;
  if (normalizeServiceName(ref.name) === '') return problem(reading, node, `${ref.path}: ${unnamedServiceMessage('service', ref.name)}`);
  const resolved = yaml.resolve(node);
  if (isScalar(resolved)) return addPort(reading, ref, node, ref.path, ['tcp']);
  if (!isMap(resolved)) return problem(reading, node, `${ref.path}: expected a port or an object with \`port\``);
  const protocolText = yaml.scalarText(yaml.get(resolved, 'protocol'));
  const protocols = (protocolText === undefined ? undefined : parseProtocols(protocolText)) ?? ['tcp'];
  let found = false;
  for (const [key, value] of yaml.entries(resolved)) {
    const path = `${ref.path}.${key}`;
    if (key === 'port') addPort(reading, ref, value, path, protocols);
    else if (key === 'ports') readPortList(reading, ref, value, path, protocols);
    else if (isAlternatePortKey(key)) addPort(reading, { ...ref, portName: 'alt' }, value, path, protocols);
    else continue;
    found = true;
  }
  if (!found) problem(reading, node, `${ref.path}: no \`port\``);
}

/** `ports: [3000, 3001]` or `ports: { http: 3000, metrics: 9100 }` (named ports). */
function readPortList(reading: Reading, ref: ServiceRef, node: unknown, path: string, protocols: Protocol[]): void {
  const { yaml } = reading;
  const resolved = yaml.resolve(node);
  if (isSeq(resolved)) yaml.items(resolved).forEach((item, i) => addPort(reading, ref, item, `${path}[${i}]`, protocols));
  else if (isMap(resolved)) for (const [name, value] of yaml.entries(resolved)) addPort(reading, { ...ref, portName: name }, value, `${path}.${name}`, protocols);
  else problem(reading, node, `${path}: expected a list or an object of ports`);
}

function addPort(reading: Reading, ref: ServiceRef & { portName?: string }, node: unknown, path: string, protocols: Protocol[]): void {
  const spec = portSpecAt(reading, node, path);
  if (!spec) return;
  const location = reading.yaml.locateInScalar(reading.yaml.resolve(node), spec.index, spec.literal);
  for (const protocol of spec.protocol ? [spec.protocol] : protocols) {
    reading.bindings.push(
      registryBinding(REGISTRY_JSON_FORMAT, {
        service: normalizeServiceName(ref.name),
        start: spec.start,
        end: spec.end,
        protocol,
        location,
        category: ref.category,
        portName: ref.portName,
      }),
    );
  }
}

function portSpecAt(reading: Reading, node: unknown, path: string): PortSpec | undefined {
  const text = reading.yaml.scalarText(node);
  if (text === undefined) {
    problem(reading, node, `${path}: expected a port`);
    return undefined;
  }
  const spec = parsePortSpec(text);
  if (!isPortSpecProblem(spec)) return spec;
  problem(reading, node, `${path}: ${spec.problem}`);
  return undefined;
}

/**
 * `reserved` as a list (`[5432, "3000-3010", { "port": 6379, "reason": "..." }]`) or as the
 * object that seed 002's `Object.values(portRegistry.reserved)` reads, whose keys are the reasons.
 */
function readReserved(reading: Reading, node: unknown): void {
  const { yaml } = reading;
  const resolved = yaml.resolve(node);
  if (isSeq(resolved)) yaml.items(resolved).forEach((item, i) => readReservation(reading, item, `reserved[${i}]`, undefined));
  else if (isMap(resolved)) for (const [key, value] of yaml.entries(resolved)) readReservation(reading, value, `reserved.${key}`, key);
  else problem(reading, node, 'reserved: expected a list or an object of ports and ranges');
}

function readReservation(reading: Reading, node: unknown, path: string, key: string | undefined): void {
  const { yaml } = reading;
  const resolved = yaml.resolve(node);
  if (isScalar(resolved)) return addReservation(reading, node, path, key);
  if (!isMap(resolved)) return problem(reading, node, `${path}: expected a port, a range or an object with \`port\` or \`range\``);
  const reason = REASON_KEYS.map((k) => yaml.scalarText(yaml.get(resolved, k))).find((text) => text !== undefined) ?? key;
  const portKey = ['port', 'range'].find((k) => yaml.get(resolved, k) !== undefined);
  if (portKey === undefined) return problem(reading, node, `${path}: no \`port\` or \`range\``);
  addReservation(reading, yaml.get(resolved, portKey), `${path}.${portKey}`, reason);
}

function addReservation(reading: Reading, node: unknown, path: string, reason: string | undefined): void {
  const spec = portSpecAt(reading, node, path);
  if (!spec) return;
  const location = reading.yaml.locateInScalar(reading.yaml.resolve(node), spec.index, spec.literal);
  reading.reserved.push({ ...location, start: spec.start, end: spec.end, ...(reason === undefined ? {} : { reason }) });
}
