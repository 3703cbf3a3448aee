import { isIP } from 'node:net';

export type HostIpResult = { ok: true; ip: string } | { ok: false; error: string };

/**
 * The host address of a Compose short-syntax port, checked as compose-go checks it (through
 * docker/go-connections v0.4.0, the version compose-go pins): brackets are stripped the way
 * Go's `net.SplitHostPort(raw + ":")` strips them, so an unbracketed IPv6 address is
 * refused ("too many colons"), and what remains must parse as an IP literal (no host names,
 * no zones, no leading zeros). Newer go-connections (>= v0.5.0) accept `::1:80:80`; Compose
 * does not yet, so neither do we.
 */
export function parseHostIp(raw: string): HostIpResult {
  const split = splitHostForPort(raw);
  if ('why' in split) return { ok: false, error: `Invalid ip address ${raw}: address ${raw}:: ${split.why}` };
  const ip = split.host;
  if (ip !== '' && !isIpLiteral(ip)) return { ok: false, error: `Invalid ip address: ${ip}` };
  return { ok: true, ip };
}

/** True for an IPv4 or IPv6 literal as Go's `net.ParseIP` accepts it. */
export function isIpLiteral(text: string): boolean {
  return !text.includes('%') && isIP(text) !== 0;
}

/** Go's `net.SplitHostPort(raw + ":")`, reduced to the host and the reason it fails. */
function splitHostForPort(raw: string): { host: string } | { why: string } {
  if (!raw.startsWith('[')) {
    if (raw.includes(':')) return { why: 'too many colons in address' };
    if (raw.includes('[')) return { why: "unexpected '[' in address" };
    if (raw.includes(']')) return { why: "unexpected ']' in address" };
    return { host: raw };
  }
  const close = raw.indexOf(']');
  if (close < 0) return { why: "missing ']' in address" };
  if (close !== raw.length - 1) {
    return raw[close + 1] === ':' ? { why: 'too many colons in address' } : { why: 'missing port in address' };
  }
  const host = raw.slice(1, close);
  if (host.includes('[')) return { why: "unexpected '[' in address" };
  return { host };
}
