// Helpers shared by the registries that teams keep as documents (Markdown, port-registry.json):
// the port spellings they use and the registry binding they all produce.
import { MAX_PORT, MIN_PORT } from '../../model/ports.js';
import type { Binding, Protocol, SourceLocation } from '../../model/types.js';

/** A port or a range as a document writes it: `3000`, `3006-3009`, `53/udp`. */
export interface PortSpec {
  start: number;
  end: number;
  /** Only when the literal names one (`53/udp`). */
  protocol?: Protocol;
  /** Index of the first digit in the text given to parsePortSpec. */
  index: number;
  /** The first port's literal as written, which is what a location points at. */
  literal: string;
}

export interface PortSpecProblem {
  problem: string;
  /** True when the text has the shape of a port or range but wrong numbers (`70000`, `3009-3006`). */
  shaped: boolean;
}

// Anchored, and every quantified part is followed by a character class it cannot match: linear.
const PORT_SPEC = /^(\d+)(?:[ \t]*[-–][ \t]*(\d+))?(?:[ \t]*\/[ \t]*([a-z]+))?$/i;

/**
 * Parses `N`, `N-M` (hyphen or en dash) and either with `/tcp` or `/udp`. `minPort` is 0 only
 * for category ranges, which documents write as `0-1023`.
 */
export function parsePortSpec(text: string, minPort = MIN_PORT): PortSpec | PortSpecProblem {
  const trimmed = text.trim();
  const match = PORT_SPEC.exec(trimmed);
  if (!match) return { problem: `\`${trimmed}\` is not a port or a port range`, shaped: false };
  const [, first = '', last, protocolText] = match;
  const start = portValue(first, minPort);
  const end = last === undefined ? start : portValue(last, minPort);
  if (start === undefined) return { problem: `${first} is not a port (${minPort}-${MAX_PORT})`, shaped: true };
  if (end === undefined) return { problem: `${last ?? ''} is not a port (${minPort}-${MAX_PORT})`, shaped: true };
  if (end < start) return { problem: `${trimmed}: the range ends before it starts`, shaped: true };
  const spec: PortSpec = { start, end, index: text.indexOf(first), literal: first };
  if (protocolText === undefined) return spec;
  const protocol = protocolText.toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp') return { problem: `${trimmed}: unknown protocol \`${protocolText}\``, shaped: true };
  return { ...spec, protocol };
}

export function isPortSpecProblem(value: PortSpec | PortSpecProblem): value is PortSpecProblem {
  return 'problem' in value;
}

function portValue(digits: string, minPort: number): number | undefined {
  if (digits.length > 5) return undefined;
  const port = Number(digits);
  return port >= minPort && port <= MAX_PORT ? port : undefined;
}

/**
 * The protocols a protocol column or field names: `TCP`, `udp`, `TCP/UDP`, `both`. Application
 * protocols (`HTTP`, `gRPC`) run over TCP, so a text naming neither transport gives undefined and
 * the caller keeps TCP.
 */
export function parseProtocols(text: string): Protocol[] | undefined {
  const words = text.toLowerCase().split(/[^a-z]+/);
  const tcp = words.includes('tcp') || words.includes('both');
  const udp = words.includes('udp') || words.includes('both');
  if (tcp && udp) return ['tcp', 'udp'];
  if (udp) return ['udp'];
  return tcp ? ['tcp'] : undefined;
}

export interface RegistryEntry {
  service: string;
  start: number;
  end: number;
  protocol: Protocol;
  location: SourceLocation;
  category?: string | undefined;
  portName?: string | undefined;
}

/** A registry entry as every registry format reports it: a host-level claim at its literal. */
export function registryBinding(format: string, entry: RegistryEntry): Binding {
  return {
    service: entry.service,
    port: entry.start,
    endPort: entry.end,
    protocol: entry.protocol,
    hostIp: null,
    scope: 'host',
    kind: 'registry',
    format,
    ...entry.location,
    ...(entry.category === undefined ? {} : { category: entry.category }),
    ...(entry.portName === undefined ? {} : { portName: entry.portName }),
  };
}
