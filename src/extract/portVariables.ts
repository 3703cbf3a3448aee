// Which variables of a process's own environment are its ports: one rule for every format that
// gives a process an environment (process-compose, zinit, systemd).
import { normalizeServiceName } from '../model/service.js';

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

/**
 * The variable names the process itself: `API_PORT` or `API_METRICS_PORT` for `api`. Unlike
 * `PORT` or `HTTP_PORT`, such a name says whose port it is wherever it is set (a file-wide
 * environment shared by several processes, say).
 */
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
