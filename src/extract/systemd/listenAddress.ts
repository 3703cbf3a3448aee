import { isIP, isIPv4 } from 'node:net';
import { parsePortNumber } from '../../model/ports.js';

/**
 * A `ListenStream=`/`ListenDatagram=` value read with systemd.socket(5) rules: a bare port
 * (every address, dual stack), `v.w.x.y:port`, `[ipv6]:port` (each optionally `%interface`);
 * a path (`/run/x.sock`), an abstract socket (`@name`) or `vsock:cid:port` is no IP port.
 */
export type ListenAddress =
  | { kind: 'port'; port: number; hostIp: string | null; literal: string; offset: number }
  | { kind: 'not-a-port' }
  | { kind: 'invalid'; message: string };

export function parseListenAddress(value: string): ListenAddress {
  if (value.startsWith('/') || value.startsWith('@') || value.startsWith('vsock:')) return { kind: 'not-a-port' };
  if (value.startsWith('[')) {
    const close = value.indexOf(']');
    if (close < 0 || value[close + 1] !== ':') return invalid(value, 'expected [address]:port');
    const host = withoutInterface(value.slice(1, close));
    if (isIP(host) !== 6) return invalid(value, `"${host}" is not an IPv6 address`);
    return portAt(value, close + 2, host);
  }
  const colon = value.lastIndexOf(':');
  if (colon < 0) return portAt(value, 0, null);
  const host = value.slice(0, colon);
  if (!isIPv4(host)) return invalid(value, `"${host}" is not a numeric IPv4 address (systemd resolves no host names)`);
  return portAt(value, colon + 1, host);
}

function portAt(value: string, offset: number, hostIp: string | null): ListenAddress {
  const literal = withoutInterface(value.slice(offset));
  const port = parsePortNumber(literal);
  if (port === undefined) return invalid(value, `"${literal}" is not a port (1-65535)`);
  return { kind: 'port', port, hostIp, literal, offset };
}

function withoutInterface(text: string): string {
  const percent = text.indexOf('%');
  return percent < 0 ? text : text.slice(0, percent);
}

function invalid(value: string, reason: string): ListenAddress {
  return { kind: 'invalid', message: `invalid socket address "${value}": ${reason}` };
}
