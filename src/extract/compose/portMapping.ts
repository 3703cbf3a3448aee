import type { Diagnostic } from '../../model/types.js';
import type { VariableLookup } from '../interpolate.js';
import { isEmptyNode, type YamlFile } from '../yaml.js';
import { isIpLiteral } from './hostIp.js';
import { type InterpolatedScalar, type LiteralPlace, placeOf, readInterpolated } from '../interpolatedScalar.js';
import { interpolationDiagnostics } from './interpolatedScalar.js';
import { parseDockerPortRange, parsePortSpec, type PortSpecProtocol } from './portSpec.js';

/** A port or range of one mapping, located where its literal is written. */
export interface PortClaim {
  start: number;
  end: number;
  place: LiteralPlace;
}

/** One port mapping in either syntax. */
export interface PortMapping {
  target: PortClaim;
  published: PortClaim | null;
  hostIp: string | null;
  protocol: PortSpecProtocol;
  soft: boolean;
}

/** What reading a service's port entries needs. */
export interface PortEntryReader {
  yaml: YamlFile;
  variables: VariableLookup;
  diagnostics: Diagnostic[];
  service: string;
}

/** `"[host_ip:][published:]target[/proto]"`, after interpolation. */
export function readShortSyntax(context: PortEntryReader, scalar: InterpolatedScalar, what: string): PortMapping | undefined {
  const subject = `service ${context.service}: ${what} "${scalar.raw}"`;
  if (scalar.interpolation.problems.length > 0) {
    context.diagnostics.push(...interpolationDiagnostics(context.yaml, scalar, subject));
    return undefined;
  }
  const parsed = parsePortSpec(scalar.interpolation.value);
  if (!parsed.ok) {
    const at = placeOf(context.yaml, scalar, parsed.index, 1).location;
    context.diagnostics.push({ ...at, severity: 'error', message: `${subject}: ${parsed.error}` });
    return undefined;
  }
  const { spec } = parsed;
  const claim = (range: { start: number; end: number; index: number; text: string }): PortClaim => ({
    start: range.start,
    end: range.end,
    place: placeOf(context.yaml, scalar, range.index, range.text.length),
  });
  return wholeLiterals(context, subject, {
    target: claim(spec.target),
    published: spec.published ? claim(spec.published) : null,
    hostIp: spec.hostIp,
    protocol: spec.protocol,
    soft: spec.soft,
  });
}

/** `{ target, published, host_ip, protocol, mode }`; `mode` does not change what the host sees. */
export function readLongSyntax(context: PortEntryReader, item: unknown): PortMapping | undefined {
  const { yaml } = context;
  const field = (key: string) => {
    const node = yaml.get(item, key);
    return isEmptyNode(yaml, node) ? undefined : readInterpolated(yaml, node, context.variables);
  };
  const target = field('target');
  const published = field('published');
  const hostIp = field('host_ip');
  const protocol = field('protocol');
  const subject = `service ${context.service}: port`;
  const unresolved = [target, published, hostIp, protocol].flatMap((scalar) =>
    scalar ? interpolationDiagnostics(yaml, scalar, `${subject} ${scalar.raw}`) : [],
  );
  if (unresolved.length > 0) {
    context.diagnostics.push(...unresolved);
    return undefined;
  }
  if (!target) {
    context.diagnostics.push({ ...yaml.locate(item), severity: 'error', message: `${subject} mapping has no target` });
    return undefined;
  }

  const targetText = target.interpolation.value;
  const targetRange = parseDockerPortRange(targetText);
  if (!targetRange || targetRange.start !== targetRange.end) return invalid(context, target, `Invalid containerPort: ${targetText}`);
  const publishedText = published?.interpolation.value ?? '';
  const publishedRange = publishedText === '' ? undefined : parseDockerPortRange(publishedText);
  if (published && publishedText !== '' && !publishedRange) return invalid(context, published, `Invalid hostPort: ${publishedText}`);
  const ip = hostIp?.interpolation.value ?? '';
  if (hostIp && ip !== '' && !isIpLiteral(ip)) return invalid(context, hostIp, `Invalid ip address: ${ip}`);
  const proto = protocol?.interpolation.value ?? 'tcp';
  const protocolName = proto.toLowerCase();
  if (protocol && protocolName !== 'tcp' && protocolName !== 'udp' && protocolName !== 'sctp') {
    return invalid(context, protocol, `Invalid proto: ${proto}`);
  }

  const claim = (scalar: InterpolatedScalar, range: { start: number; end: number }, text: string): PortClaim => ({
    ...range,
    place: placeOf(yaml, scalar, 0, text.length),
  });
  return wholeLiterals(context, subject, {
    target: claim(target, targetRange, targetText),
    published: published && publishedRange ? claim(published, publishedRange, publishedText) : null,
    hostIp: ip === '' ? null : ip,
    protocol: protocolName as PortSpecProtocol,
    soft: publishedRange !== undefined && publishedRange.end !== publishedRange.start,
  });
}

/** The mapping, unless one of its ports is assembled from several pieces that no one place holds. */
function wholeLiterals(context: PortEntryReader, subject: string, mapping: PortMapping): PortMapping | undefined {
  const scattered = [mapping.target, mapping.published].find((claim) => claim?.place.scattered);
  if (!scattered) return mapping;
  const message = `${subject}: port ${scattered.start} is assembled from several values (variables, defaults, literals), so no one place writes it; skipped`;
  context.diagnostics.push({ ...scattered.place.location, severity: 'warning', message });
  return undefined;
}

function invalid(context: PortEntryReader, scalar: InterpolatedScalar, error: string): undefined {
  const at = placeOf(context.yaml, scalar, 0, 1).location;
  context.diagnostics.push({ ...at, severity: 'error', message: `service ${context.service}: port: ${error}` });
  return undefined;
}
