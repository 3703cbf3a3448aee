// The text of one string literal read as a listen address, and the names that say listen.
import { isIP } from 'node:net';
import type { Protocol } from '../../model/types.js';
import { parseListenAddress } from '../command/addresses.js';

export interface AddressText {
  /** The host as written and normalized; undefined when the text names no host (`8080`). */
  host: string | null | undefined;
  port: number;
  /** Where the port digits start in the text. */
  index: number;
  protocol: Protocol;
}

/**
 * `8080`, `:8080`, `0.0.0.0:8080`, `[::]:8080`, `localhost:8080`, `tcp://0.0.0.0:8080`. A host
 * that is a DNS name is another machine (a client's address), and text with white space is
 * prose (`"listening on 0.0.0.0:8765"`): neither is a listen address.
 */
export function parseAddressText(text: string): AddressText | undefined {
  if (text === '' || /\s/.test(text)) return undefined;
  const address = parseListenAddress(text);
  if (!address?.port) return undefined;
  let host: string | null | undefined;
  if (address.host !== undefined) {
    const written = hostOfAddressText(text, address.port.index);
    host = parseHostText(written);
    if (host === undefined) return undefined;
  }
  return { host, port: address.port.port, index: address.port.index, protocol: address.port.protocol };
}

function hostOfAddressText(text: string, portIndex: number): string {
  const schemeEnd = text.indexOf('://');
  const hostText = text.slice(schemeEnd < 0 ? 0 : schemeEnd + 3, portIndex - 1);
  return hostText.startsWith('[') && hostText.endsWith(']') ? hostText.slice(1, -1) : hostText;
}

/**
 * A host literal: an IP address, `localhost`, or a wildcard (empty, `*`, `0.0.0.0`, `::`),
 * which is null: every address. Undefined for anything else (a DNS name, an expression).
 */
export function parseHostText(text: string): string | null | undefined {
  const host = text.toLowerCase();
  if (host === '' || host === '*' || host === '0.0.0.0' || host === '::') return null;
  if (host === 'localhost') return '127.0.0.1';
  return isIP(host) === 0 ? undefined : host;
}

const LISTENER_WORDS = new Set(['port', 'listen', 'bind', 'addr', 'address']);
/** Words that make a port setting point at another service: the setting of a client. */
const CLIENT_WORDS = new Set(['db', 'database', 'redis', 'postgres', 'postgresql', 'pg', 'mysql', 'mongo', 'mongodb', 'upstream', 'remote', 'target', 'endpoint', 'url', 'uri', 'connect', 'peer', 'client', 'backend']);

/** `metrics_port`, `listenAddr`, `--bind-address`: a setting whose name says this process listens there. */
export function namesListenerSetting(name: string): boolean {
  const words = settingWords(name);
  return words.some((word) => LISTENER_WORDS.has(word)) && !words.some((word) => CLIENT_WORDS.has(word));
}

function settingWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}
