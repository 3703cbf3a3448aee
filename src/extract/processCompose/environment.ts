// process-compose `environment`: which variables are the process's own port, and where
// each value is written.
import { isMap, isScalar, isSeq, type YamlFile } from '../yaml.js';
import { normalizeServiceName } from '../../model/service.js';
import type { Diagnostic } from '../../model/types.js';

export interface EnvEntry {
  name: string;
  value: string;
  /** The scalar that holds the value. */
  node: unknown;
  /** Where the value starts in that scalar's value (after `NAME=` in the list form). */
  valueIndex: number;
}

/**
 * Reads `environment` in the list form process-compose documents (`- PORT=3000`) and in the
 * mapping form that Compose users write (`PORT: "3000"`).
 */
export function readEnvironment(yaml: YamlFile, node: unknown, diagnostics: Diagnostic[]): EnvEntry[] {
  const resolved = yaml.resolve(node);
  if (isAbsent(resolved)) return [];
  if (isSeq(resolved)) return yaml.items(resolved).flatMap((item) => listEntry(yaml, item));
  if (isMap(resolved)) {
    return yaml.entries(resolved).flatMap(([name, value]) => {
      const text = yaml.scalarText(value);
      return text === undefined ? [] : [{ name, value: text, node: yaml.resolve(value), valueIndex: 0 }];
    });
  }
  diagnostics.push({ ...yaml.locate(resolved), severity: 'error', message: '`environment` must be a list of NAME=value or a mapping' });
  return [];
}

function listEntry(yaml: YamlFile, item: unknown): EnvEntry[] {
  const text = yaml.scalarText(item);
  const eq = text === undefined ? -1 : text.indexOf('=');
  if (text === undefined || eq <= 0) return [];
  return [{ name: text.slice(0, eq), value: text.slice(eq + 1), node: item, valueIndex: eq + 1 }];
}

/** A port role that names no other service: `HTTP_PORT` is the process's own HTTP listener. */
const OWN_ROLES = ['HTTP', 'HTTPS', 'GRPC', 'METRICS', 'ADMIN', 'LISTEN', 'SERVER'];

/**
 * `PORT`, `<PROCESS>_PORT` and the role forms `HTTP_PORT`, `<PROCESS>_METRICS_PORT` are the
 * process's own ports. A variable that names another service (`DB_PORT`, `REDIS_PORT`) tells
 * a client where to dial (DESIGN.md: "a variable that names another service is a client
 * setting"), so it is not.
 */
export function isOwnPortVariable(variable: string, service: string): boolean {
  const prefix = portVariablePrefix(variable);
  if (prefix === undefined) return false;
  return prefix === '' || OWN_ROLES.includes(prefix) || namesProcessPort(variable, service);
}

/** The variable names the process itself: `API_PORT` or `API_METRICS_PORT` for `api`. */
export function namesProcessPort(variable: string, service: string): boolean {
  const prefix = portVariablePrefix(variable);
  if (!prefix) return false;
  if (namesService(prefix, service)) return true;
  const role = OWN_ROLES.find((r) => prefix.endsWith(`_${r}`));
  return role !== undefined && namesService(prefix.slice(0, -role.length - 1), service);
}

/** `''` for `PORT`, `NLP_API` for `NLP_API_PORT`, undefined for a variable that holds no port. */
function portVariablePrefix(variable: string): string | undefined {
  const name = variable.toUpperCase();
  if (name === 'PORT') return '';
  return name.endsWith('_PORT') ? name.slice(0, -'_PORT'.length) : undefined;
}

function namesService(prefix: string, service: string): boolean {
  return normalizeServiceName(prefix) === service;
}

/** A key that is missing or written with no value (`environment:`). */
export function isAbsent(node: unknown): boolean {
  return node === undefined || node === null || (isScalar(node) && node.value === null);
}
