import { formatPortRange } from '../../model/ports.js';
import { normalizeServiceName } from '../../model/service.js';
import type { Binding, Diagnostic, Protocol } from '../../model/types.js';
import type { VariableLookup } from '../interpolate.js';
import { isEmptyNode, isMap, isScalar, isSeq, type YamlFile } from '../yaml.js';
import { readInterpolated } from '../interpolatedScalar.js';
import { unnamedServiceMessage } from '../unnamedService.js';
import { type PortClaim, type PortMapping, readLongSyntax, readShortSyntax } from './portMapping.js';

/** What one compose file shares among its services. */
export interface ComposeFileContext {
  yaml: YamlFile;
  project: string;
  variables: VariableLookup;
  bindings: Binding[];
  diagnostics: Diagnostic[];
}

interface ServiceContext extends ComposeFileContext {
  service: string;
  /** The network namespace the service's container ports live in. */
  containerScope: string;
  hostNetwork: boolean;
}

/**
 * The claims of one compose service: each published port (host scope), each container port
 * of `ports:` and `expose:` (the container's scope, or the host's under `network_mode: host`).
 * False when the definition is no service (no name, not a mapping), after saying so.
 */
export function extractServicePorts(file: ComposeFileContext, name: string, definition: unknown): boolean {
  const { yaml } = file;
  const service = normalizeServiceName(name);
  if (service === '') {
    report(file, definition, 'warning', unnamedServiceMessage('service', name));
    return false;
  }
  if (!isMap(yaml.resolve(definition))) {
    report(file, definition, 'error', `service ${name} must be a mapping`);
    return false;
  }
  const fields = new Map(yaml.entries(definition).map(([key, value, keyNode]) => [key, { value, keyNode }]));
  const networkMode = readNetworkMode(file, fields.get('network_mode')?.value);
  const hostNetwork = networkMode === 'host';
  const sharedWith = networkMode?.startsWith('service:') ? normalizeServiceName(networkMode.slice('service:'.length)) : undefined;
  const context: ServiceContext = {
    ...file,
    service,
    hostNetwork,
    containerScope: hostNetwork ? 'host' : `container:${file.project}/${sharedWith ?? service}`,
  };

  const ports = fields.get('ports');
  if (ports && !isEmptyNode(yaml, ports.value)) {
    if (!isSeq(yaml.resolve(ports.value))) {
      report(file, ports.value, 'error', `ports of service ${name} must be a list`);
    } else {
      if (hostNetwork && yaml.items(ports.value).length > 0) {
        report(file, ports.keyNode, 'warning', `service ${name} uses network_mode: host, so Compose ignores its published ports; its container ports listen on the host`);
      }
      for (const item of yaml.items(ports.value)) readPortEntry(context, item);
    }
  }

  const expose = fields.get('expose');
  if (expose && !isEmptyNode(yaml, expose.value)) {
    if (!isSeq(yaml.resolve(expose.value))) report(file, expose.value, 'error', `expose of service ${name} must be a list`);
    else for (const item of yaml.items(expose.value)) readExposeEntry(context, item);
  }
  return true;
}

function readNetworkMode(file: ComposeFileContext, node: unknown): string | undefined {
  const scalar = node === undefined ? undefined : readInterpolated(file.yaml, node, file.variables);
  return scalar?.interpolation.value.trim();
}

function readPortEntry(context: ServiceContext, item: unknown): void {
  if (isMap(item)) {
    const mapping = readLongSyntax(context, item);
    if (mapping) claimMapping(context, mapping);
    return;
  }
  const scalar = isScalar(item) ? readInterpolated(context.yaml, item, context.variables) : undefined;
  if (!scalar) {
    report(context, item, 'error', `service ${context.service}: a port must be a string, a number or a mapping`);
    return;
  }
  const mapping = readShortSyntax(context, scalar, 'port');
  if (mapping) claimMapping(context, mapping);
}

function readExposeEntry(context: ServiceContext, item: unknown): void {
  const scalar = isScalar(item) ? readInterpolated(context.yaml, item, context.variables) : undefined;
  if (!scalar) {
    report(context, item, 'error', `service ${context.service}: an exposed port must be a string or a number`);
    return;
  }
  const mapping = readShortSyntax(context, scalar, 'exposed port');
  if (!mapping) return;
  if (mapping.published || mapping.hostIp !== null) {
    report(context, item, 'error', `service ${context.service}: exposed port "${scalar.interpolation.value}" names a host port; expose takes container ports only`);
    return;
  }
  claimMapping(context, mapping);
}

function claimMapping(context: ServiceContext, mapping: PortMapping): void {
  if (mapping.protocol === 'sctp') {
    const at = mapping.target.place.location;
    context.diagnostics.push({
      ...at,
      severity: 'warning',
      message: `service ${context.service}: SCTP port ${formatPortRange(mapping.target.start, mapping.target.end)} is not checked (only TCP and UDP ports are compared)`,
    });
    return;
  }
  const protocol: Protocol = mapping.protocol;
  if (isFixedPort(context, mapping.target, 'container port')) {
    context.bindings.push(binding(context, mapping.target, { protocol, hostIp: null, scope: context.containerScope, kind: 'listen' }));
  }
  const published = mapping.published;
  if (!published || context.hostNetwork || !isFixedPort(context, published, 'published port')) return;
  context.bindings.push({
    ...binding(context, published, { protocol, hostIp: mapping.hostIp, scope: 'host', kind: 'publish' }),
    ...(mapping.soft ? { soft: true } : {}),
  });
}

/** Port 0 asks Docker for any free port: it claims nothing fixed. */
function isFixedPort(context: ServiceContext, claim: PortClaim, what: string): boolean {
  if (claim.start !== 0) return true;
  context.diagnostics.push({
    ...claim.place.location,
    severity: 'warning',
    message: `service ${context.service}: ${what} 0 is not a fixed port (Docker picks any free one); skipped`,
  });
  return false;
}

function binding(
  context: ServiceContext,
  claim: PortClaim,
  fields: Pick<Binding, 'protocol' | 'hostIp' | 'scope' | 'kind'>,
): Binding {
  const { location, via, variable, variableFile, template } = claim.place;
  return {
    service: context.service,
    port: claim.start,
    endPort: claim.end,
    ...fields,
    format: 'compose',
    ...location,
    ...(via ? { via } : {}),
    project: context.project,
    ...(variable === undefined ? {} : { variable, setting: variable }),
    ...(variableFile === undefined ? {} : { variableFile }),
    ...(template === undefined ? {} : { uncertain: `${variable ?? 'its variable'} takes its value from ${template}, a template: your own .env may set another` }),
  };
}

function report(context: ComposeFileContext, node: unknown, severity: Diagnostic['severity'], message: string): void {
  context.diagnostics.push({ ...context.yaml.locate(node), severity, message });
}
