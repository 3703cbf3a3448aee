// The address and port-mapping values that listener flags take, each parsed from one
// shell word's text. Every function returns where the port literal sits in that text.
import { isIP } from 'node:net';
import { parsePortNumber, parsePortRange } from '../../model/ports.js';
import type { Protocol } from '../../model/types.js';

/** A host as a binding records it: an IP literal, or null for every address. */
export interface HostIp {
  ip: string | null;
  /** A DNS name other than localhost: a `--host` flag naming another machine marks a client. */
  remote: boolean;
}

export interface PortLiteral {
  port: number;
  endPort: number;
  /** Where the literal starts in the parsed text. */
  index: number;
  literal: string;
  protocol: Protocol;
}

export interface ListenAddress {
  /** Undefined when the value names no host (`8080`): the command's `--host` then applies. */
  host: HostIp | undefined;
  /** Undefined when the value is a host alone (`--bind 0.0.0.0`). */
  port: PortLiteral | undefined;
}

/** `localhost` is 127.0.0.1; `*`, an empty host and anything unresolvable (`$HOST`) mean every address. */
export function normalizeHost(text: string): HostIp {
  const host = text.toLowerCase();
  if (host === 'localhost') return { ip: '127.0.0.1', remote: false };
  if (isIP(host) !== 0) return { ip: host, remote: false };
  const remote = host !== '' && host !== '*' && /^[a-z0-9][a-z0-9.-]*$/.test(host);
  return { ip: null, remote };
}

const LISTEN_SCHEMES: Record<string, Protocol> = { tcp: 'tcp', tcp4: 'tcp', tcp6: 'tcp', udp: 'udp', udp4: 'udp', udp6: 'udp' };
const WEB_SCHEMES = new Set(['http', 'https']);

/**
 * Parses a listen address: `8080`, `:8080`, `0.0.0.0:8080`, `[::]:8080`, `localhost:8080`,
 * `tcp://0.0.0.0:8080`, or a host alone (`0.0.0.0`). An `http://` URL is a listen address only
 * where the flag's own name says listen or bind (`allowWebUrl`): elsewhere a URL is a client's.
 * Undefined for anything else, including a port that is no literal (`:$PORT`) or out of range.
 */
export function parseListenAddress(text: string, allowWebUrl = false): ListenAddress | undefined {
  let protocol: Protocol = 'tcp';
  let base = 0;
  const schemeEnd = text.indexOf('://');
  if (schemeEnd >= 0) {
    const scheme = text.slice(0, schemeEnd).toLowerCase();
    const listenProtocol = LISTEN_SCHEMES[scheme];
    if (listenProtocol) protocol = listenProtocol;
    else if (!(allowWebUrl && WEB_SCHEMES.has(scheme))) return undefined;
    base = schemeEnd + 3;
  }
  const slash = text.indexOf('/', base);
  const authority = text.slice(base, slash < 0 ? text.length : slash);
  if (slash >= 0 && schemeEnd < 0) return undefined; // a path: a unix socket, not a port
  const split = splitHostPort(authority);
  if (!split) return undefined;
  const host = split.host === undefined ? undefined : normalizeHost(split.host);
  if (split.portText === undefined) return host === undefined ? undefined : { host, port: undefined };
  const port = parsePortNumber(split.portText);
  if (port === undefined) return undefined;
  return { host, port: { port, endPort: port, index: base + split.portIndex, literal: split.portText, protocol } };
}

interface HostPort {
  host: string | undefined;
  portText: string | undefined;
  portIndex: number;
}

function splitHostPort(authority: string): HostPort | undefined {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return undefined;
    const host = authority.slice(1, close);
    const rest = authority.slice(close + 1);
    if (rest === '') return { host, portText: undefined, portIndex: 0 };
    return rest.startsWith(':') ? { host, portText: rest.slice(1), portIndex: close + 2 } : undefined;
  }
  const colon = authority.indexOf(':');
  if (colon < 0) {
    return /^\d+$/.test(authority)
      ? { host: undefined, portText: authority, portIndex: 0 }
      : { host: authority, portText: undefined, portIndex: 0 };
  }
  if (authority.indexOf(':', colon + 1) >= 0) {
    // Bare IPv6 (`::1`) carries no port: a port needs brackets.
    return isIP(authority) === 6 ? { host: authority, portText: undefined, portIndex: 0 } : undefined;
  }
  return { host: authority.slice(0, colon), portText: authority.slice(colon + 1), portIndex: colon + 1 };
}

/** A port or `N-M` as Docker reads it (strconv, no white space anywhere); undefined otherwise. */
function publishedRange(text: string): { start: number; end: number } | undefined {
  return /^\d+(?:-\d+)?$/.test(text) ? parsePortRange(text) : undefined;
}

export interface PublishedPort extends PortLiteral {
  host: HostIp;
  /** A host range for one container port (`8000-8010:80`): Docker binds one free port of it. */
  soft: boolean;
}

/**
 * Docker's `-p`/`--publish` value, `[ip:][hostPort:]containerPort[/proto]`: the host port is
 * the listener. A container port alone and an empty host port (`127.0.0.1::80`) claim no host
 * port; a host range mapped to one container port is a soft claim.
 */
export function parsePublishSpec(text: string): PublishedPort | undefined {
  const slash = text.indexOf('/');
  const protocolText = slash < 0 ? 'tcp' : text.slice(slash + 1).toLowerCase();
  if (protocolText !== 'tcp' && protocolText !== 'udp') return undefined;
  const body = slash < 0 ? text : text.slice(0, slash);
  let ipText = '';
  let mapping = body;
  let mappingIndex = 0;
  if (body.startsWith('[')) {
    const close = body.indexOf(']:');
    if (close < 0) return undefined;
    ipText = body.slice(1, close);
    mapping = body.slice(close + 2);
    mappingIndex = close + 2;
  } else {
    const parts = body.split(':');
    if (parts.length > 2) {
      const hostPortsAt = body.lastIndexOf(':', body.lastIndexOf(':') - 1);
      ipText = body.slice(0, hostPortsAt);
      mapping = body.slice(hostPortsAt + 1);
      mappingIndex = hostPortsAt + 1;
    }
  }
  const colon = mapping.indexOf(':');
  if (colon <= 0) return undefined;
  const hostText = mapping.slice(0, colon);
  const hostRange = publishedRange(hostText);
  const containerRange = publishedRange(mapping.slice(colon + 1));
  if (!hostRange || !containerRange) return undefined;
  const soft = containerRange.start === containerRange.end && hostRange.start !== hostRange.end;
  if (!soft && hostRange.end - hostRange.start !== containerRange.end - containerRange.start) return undefined;
  return {
    port: hostRange.start,
    endPort: hostRange.end,
    index: mappingIndex,
    literal: hostText,
    protocol: protocolText,
    host: normalizeHost(ipText),
    soft,
  };
}
