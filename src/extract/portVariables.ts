// Which variables of a process's own environment are its ports: one rule for every format that
// gives a process an environment (process-compose, zinit, systemd, Nix, .env).
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
  if (isClientBundleVariable(variable)) return false;
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
  if (isClientBundleVariable(variable)) return false;
  const prefix = portVariablePrefix(variable);
  if (!prefix) return false;
  if (namesService(prefix, service)) return true;
  const role = OWN_ROLES.find((r) => prefix.endsWith(`_${r}`));
  return role !== undefined && namesService(prefix.slice(0, -role.length - 1), service);
}

/**
 * The prefixes that front-end frameworks build into a browser or mobile bundle (Next.js, Nuxt,
 * Vite, Expo, Create React App, Vue CLI, Gatsby): such a variable tells the client where to
 * reach a server (`NEXT_PUBLIC_API_PORT`, `VITE_PORT`), it binds nothing (DESIGN "What counts
 * as a binding").
 */
const CLIENT_BUNDLE_PREFIXES = ['NEXT_PUBLIC_', 'NUXT_PUBLIC_', 'VITE_', 'EXPO_PUBLIC_', 'REACT_APP_', 'VUE_APP_', 'GATSBY_'];

export function isClientBundleVariable(variable: string): boolean {
  const name = variable.toUpperCase();
  return CLIENT_BUNDLE_PREFIXES.some((prefix) => name.startsWith(prefix));
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

/** One end of a port range held in two variables: `RTC_MIN_PORT` and `RTC_MAX_PORT`. */
export interface PortRangeBound {
  /** What the two ends share (`RTC_`, `RTC_PORT_`, or `''` for a bare `MIN_PORT`): the pair's key. */
  pair: string;
  /** `RTC` for both `RTC_MIN_PORT` and `RTC_PORT_MIN`; `''` for `MIN_PORT`. */
  base: string;
  end: 'start' | 'end';
}

/**
 * `<X>_MIN_PORT`/`<X>_MAX_PORT` (vsftpd's `PASV_MIN_PORT`), `<X>_PORT_MIN`/`<X>_PORT_MAX`
 * (`WEBRTC_PORT_MIN`), `<X>_START_PORT`/`<X>_END_PORT` and `<X>_PORT_START`/`<X>_PORT_END`, as
 * they are written in real `.env` files: the two ends of one range that `<X>` listens on
 * (DESIGN: "A pair `X_MIN_PORT`/`X_MAX_PORT` is one range"). Each spelling pairs only with its
 * own (`MIN` with `MAX`, `START` with `END`, the word on the same side of `PORT`).
 */
export function portRangeBound(variable: string): PortRangeBound | undefined {
  const match = /^(?:(.*)_)?(?:(MIN|MAX|START|END)_PORT|PORT_(MIN|MAX|START|END))$/.exec(variable.toUpperCase());
  if (!match) return undefined;
  const base = match[1] ?? '';
  const word = (match[2] ?? match[3]) as string;
  const family = word === 'MIN' || word === 'MAX' ? 'MIN/MAX' : 'START/END';
  const side = match[2] === undefined ? 'after' : 'before';
  return { pair: `${base}\0${family}\0${side}`, base, end: word === 'MIN' || word === 'START' ? 'start' : 'end' };
}
