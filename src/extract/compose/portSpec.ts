// The Compose short port syntax, `[[host_ip:]published:]target[/proto]`, parsed as
// compose-go parses it (types.ParsePortConfig over docker/go-connections v0.4.0's
// nat.ParsePortSpec): same accepted forms, same checks in the same order, same messages.
// Where Docker tools disagree (docker/cli's swarm loader expands `80-82:8080` into three
// mappings; go-connections >= v0.5.0 accepts unbracketed IPv6), compose-go is followed,
// because that is what `docker compose` runs.
import { parseHostIp } from './hostIp.js';

export type PortSpecProtocol = 'tcp' | 'udp' | 'sctp';

/** A port or port range as written in a spec. */
export interface PortSpecRange {
  start: number;
  end: number;
  /** Offset of the range's text in the spec string. */
  index: number;
  /** The range as written (`9090-9091`). */
  text: string;
}

export interface PortSpec {
  /** The host address without IPv6 brackets; null when the spec names none (every address). */
  hostIp: string | null;
  /** The host port(s); null when none is published (`"3000"`, `"127.0.0.1::80"`). */
  published: PortSpecRange | null;
  target: PortSpecRange;
  protocol: PortSpecProtocol;
  /**
   * A published range for a single container port (`80-90:8080`): the runtime binds one
   * free port of the range, so the claim on any one of them is not certain.
   */
  soft: boolean;
}

export type PortSpecResult = { ok: true; spec: PortSpec } | { ok: false; error: string; index: number };

const PROTOCOLS: readonly string[] = ['tcp', 'udp', 'sctp'];

export function parsePortSpec(spec: string): PortSpecResult {
  const parts = splitPortSpecParts(spec);
  const { proto, port: containerText } = splitProtoPort(parts.container.text);

  let hostIp: string | null = null;
  if (parts.ip.text !== '') {
    const ip = parseHostIp(parts.ip.text);
    if (!ip.ok) return { ok: false, error: ip.error, index: parts.ip.index };
    hostIp = ip.ip;
  }
  if (containerText === '') return { ok: false, error: `No port specified: ${spec}<empty>`, index: parts.container.index };

  const target = parseDockerPortRange(containerText);
  if (!target) return { ok: false, error: `Invalid containerPort: ${containerText}`, index: parts.container.index };

  let published: PortSpecRange | null = null;
  if (parts.host.text !== '') {
    const host = parseDockerPortRange(parts.host.text);
    if (!host) return { ok: false, error: `Invalid hostPort: ${parts.host.text}`, index: parts.host.index };
    published = { ...host, index: parts.host.index, text: parts.host.text };
  }

  const targetIsRange = target.end !== target.start;
  if (published && targetIsRange && published.end - published.start !== target.end - target.start) {
    return {
      ok: false,
      error: `Invalid ranges specified for container and host Ports: ${containerText} and ${parts.host.text}`,
      index: parts.host.index,
    };
  }

  const protocol = proto.toLowerCase();
  if (!PROTOCOLS.includes(protocol)) {
    return { ok: false, error: `Invalid proto: ${proto}`, index: parts.container.index + containerText.length + 1 };
  }

  return {
    ok: true,
    spec: {
      hostIp,
      published,
      target: { ...target, index: parts.container.index, text: containerText },
      protocol: protocol as PortSpecProtocol,
      soft: published !== null && !targetIsRange && published.end !== published.start,
    },
  };
}

/**
 * A port or `start-end` range as go-connections v0.4.0 reads it: decimal digits (leading
 * zeros allowed) up to 65535, 0 included; text after a second `-` is ignored, as there.
 */
export function parseDockerPortRange(text: string): { start: number; end: number } | undefined {
  const dash = text.indexOf('-');
  if (dash < 0) {
    const port = parseUint16(text);
    return port === undefined ? undefined : { start: port, end: port };
  }
  const second = text.indexOf('-', dash + 1);
  const start = parseUint16(text.slice(0, dash));
  const end = parseUint16(text.slice(dash + 1, second < 0 ? undefined : second));
  if (start === undefined || end === undefined || end < start) return undefined;
  return { start, end };
}

/** Go's strconv.ParseUint(text, 10, 16). */
function parseUint16(text: string): number | undefined {
  if (text === '' || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 65535 ? value : undefined;
}

interface SpecPart {
  text: string;
  index: number;
}

/**
 * go-connections' splitParts: the container part follows the last `:`, the host port the one
 * before; everything earlier is the address (which is how `[::1]:80:80` keeps its colons).
 */
function splitPortSpecParts(spec: string): { ip: SpecPart; host: SpecPart; container: SpecPart } {
  const last = spec.lastIndexOf(':');
  const container = { text: spec.slice(last + 1), index: last + 1 };
  if (last < 0) return { ip: { text: '', index: 0 }, host: { text: '', index: 0 }, container };
  const previous = last > 0 ? spec.lastIndexOf(':', last - 1) : -1;
  const host = { text: spec.slice(previous + 1, last), index: previous + 1 };
  const ip = previous < 0 ? { text: '', index: 0 } : { text: spec.slice(0, previous), index: 0 };
  return { ip, host, container };
}

/** go-connections' SplitProtoPort: `80/udp` -> udp, `80` and `80/` -> tcp, `/udp` -> no port. */
function splitProtoPort(raw: string): { proto: string; port: string } {
  const parts = raw.split('/');
  const port = parts[0] ?? '';
  if (port === '') return { proto: '', port: '' };
  const proto = parts[1];
  return { proto: proto === undefined || proto === '' ? 'tcp' : proto, port };
}
