// A listener on a wildcard address (none given, `0.0.0.0`, `::`) takes the port on every
// address, and on a dual-stack host `[::]` takes it for IPv4 too: so every wildcard overlaps
// every address, while two specific addresses overlap only when they are the same address
// (`127.0.0.1` and `127.0.0.2` are two listeners; so are `::1` and `127.0.0.1`).

/** The key of every wildcard address. */
export const WILDCARD = '*';

/**
 * The canonical form of a host address, so that one address has one key: brackets dropped,
 * IPv6 compressed as RFC 5952 writes it, an IPv4-mapped IPv6 address as its IPv4 form, and
 * `*` for a wildcard. Anything that is no IP address (a host name) is only lower-cased.
 */
export function addressKey(hostIp: string | null): string {
  if (hostIp === null) return WILDCARD;
  const text = stripBrackets(hostIp.trim()).toLowerCase();
  if (text === '' || text === WILDCARD) return WILDCARD;
  const canonical = canonicalIPv4(text) ?? canonicalIPv6(text) ?? text;
  return canonical === '0.0.0.0' || canonical === '::' ? WILDCARD : canonical;
}

export function isWildcardAddress(hostIp: string | null): boolean {
  return addressKey(hostIp) === WILDCARD;
}

export function addressesOverlap(a: string | null, b: string | null): boolean {
  const keyA = addressKey(a);
  const keyB = addressKey(b);
  return keyA === WILDCARD || keyB === WILDCARD || keyA === keyB;
}

function stripBrackets(text: string): string {
  return text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
}

/** Dotted quad with decimal octets, leading zeros dropped; undefined for anything else. */
function canonicalIPv4(text: string): string | undefined {
  const octets = parseIPv4(text);
  return octets?.join('.');
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    octets.push(octet);
  }
  return octets;
}

/**
 * RFC 5952 text of an IPv6 address (lower case, no leading zeros, the longest run of two or
 * more zero groups as `::`), or dotted IPv4 for an IPv4-mapped address; undefined when the
 * text is no IPv6 address. A zone (`%eth0`) is kept.
 */
function canonicalIPv6(text: string): string | undefined {
  const percent = text.indexOf('%');
  const zone = percent < 0 ? '' : text.slice(percent);
  const groups = parseIPv6Groups(percent < 0 ? text : text.slice(0, percent));
  if (!groups) return undefined;
  if (isIPv4Mapped(groups)) {
    const [high = 0, low = 0] = groups.slice(6);
    return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}${zone}`;
  }
  return compressIPv6(groups) + zone;
}

function parseIPv6Groups(text: string): number[] | undefined {
  if (!text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroupList(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroupList(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  const count = head.length + tail.length;
  if (halves.length === 2 ? count > 7 : count !== 8) return undefined;
  return [...head, ...new Array<number>(8 - count).fill(0), ...tail];
}

/** `a:b:c` or `a:b:1.2.3.4` (an embedded IPv4 address is two groups); `''` is no group. */
function parseGroupList(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const octets = parseIPv4(part);
      if (!octets) return undefined;
      const [a = 0, b = 0, c = 0, d = 0] = octets;
      groups.push((a << 8) | b, (c << 8) | d);
    } else if (/^[0-9a-f]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function isIPv4Mapped(groups: readonly number[]): boolean {
  return groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
}

function compressIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < groups.length; start++) {
    let length = 0;
    while (start + length < groups.length && groups[start + length] === 0) length++;
    if (length > bestLength) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
