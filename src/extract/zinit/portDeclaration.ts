import { parsePortNumber, parsePortRange } from '../../model/ports.js';
import type { PortRange, Protocol, SourceLocation } from '../../model/types.js';

/** A text value of the file, and the way back to the file from a token found at an index in it. */
export interface LocatedText {
  text: string;
  locate: (index: number, token: string) => SourceLocation;
}

/**
 * One entry of a service's `ports` list, as the TOML or YAML reader found it. zinit itself
 * takes TCP port numbers only (`ports = [8080, 8443]`); beyond its limits we also read
 *   - a range as a string: `"8000-8100"`;
 *   - a protocol suffix: `"53/udp"`, `"8000-8100/udp"`, `"8080/tcp"`;
 *   - a table: `{ port = 53, protocol = "udp" }` (`port` a number or a range string).
 * That is the Compose spelling (`"53/udp"`) and Compose's long syntax, so nothing new to learn.
 */
export type PortEntry =
  | { kind: 'integer'; literal: string; location: SourceLocation }
  | ({ kind: 'string' } & LocatedText)
  | { kind: 'table'; port: PortEntry | undefined; protocol: string | undefined; location: SourceLocation }
  | { kind: 'other'; location: SourceLocation };

export type DeclaredPort =
  | { range: PortRange; protocol: Protocol; location: SourceLocation }
  | { error: string; location: SourceLocation };

export function readPortEntry(entry: PortEntry): DeclaredPort {
  switch (entry.kind) {
    case 'integer': {
      const port = parsePortNumber(entry.literal);
      if (port === undefined) return { error: `ports: ${entry.literal} is not a port (1-65535)`, location: entry.location };
      return { range: { start: port, end: port }, protocol: 'tcp', location: entry.location };
    }
    case 'string':
      return readPortString(entry);
    case 'table':
      return readPortTable(entry);
    case 'other':
      return { error: 'ports: an entry must be a port number, a "N-M[/udp]" string or { port, protocol }', location: entry.location };
  }
}

function readPortString({ text, locate }: LocatedText): DeclaredPort {
  const slash = text.indexOf('/');
  const portText = slash < 0 ? text : text.slice(0, slash);
  const protocolText = slash < 0 ? 'tcp' : text.slice(slash + 1);
  const protocol = parseProtocolName(protocolText);
  if (protocol === undefined) return { error: `ports: "${text}": the protocol must be tcp or udp`, location: locate(slash + 1, protocolText) };
  const leading = portText.length - portText.trimStart().length;
  const location = locate(leading, portText.trim());
  const range = parsePortRange(portText);
  if (!range) return { error: `ports: "${text}" is not a port or a port range (1-65535)`, location };
  return { range, protocol, location };
}

function readPortTable(entry: Extract<PortEntry, { kind: 'table' }>): DeclaredPort {
  const protocol = entry.protocol === undefined ? 'tcp' : parseProtocolName(entry.protocol);
  if (protocol === undefined) return { error: `ports: protocol "${entry.protocol}" must be tcp or udp`, location: entry.location };
  const port = entry.port;
  const needsPort = 'ports: a table entry needs `port`, a number or a "N-M" range';
  if (!port) return { error: needsPort, location: entry.location };
  if (port.kind === 'table' || port.kind === 'other') return { error: needsPort, location: port.location };
  if (port.kind === 'string' && port.text.includes('/')) {
    return { error: 'ports: give the protocol in `protocol`, not as a suffix of `port`', location: port.locate(0, port.text) };
  }
  const declared = readPortEntry(port);
  return 'error' in declared ? declared : { ...declared, protocol };
}

export function parseProtocolName(text: string): Protocol | undefined {
  const name = text.trim().toLowerCase();
  return name === 'tcp' || name === 'udp' ? name : undefined;
}
