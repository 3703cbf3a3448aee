import { normalizeServiceName } from '../../model/service.js';
import { unnamedServiceMessage } from '../unnamedService.js';
import { KUBERNETES_FORMAT, type ManifestReader } from './manifestReader.js';
import type { ObjectName } from './podPorts.js';

/** The API server's default `--service-node-port-range`. */
export const NODE_PORT_RANGE = { start: 30000, end: 32767 };

const NODE_PORT_TYPES = new Set(['NodePort', 'LoadBalancer']);

/**
 * A Service's ports. `port` is the Service's own (its virtual IP's), so it lives in the
 * Service's scope; `nodePort` is opened on every node of the cluster, so nodePorts of all
 * Services share the `cluster` scope. `targetPort` is a pod's port, already claimed by the
 * pod's containerPort: no new claim.
 */
export function readService(reader: ManifestReader, service: ObjectName, spec: unknown): void {
  const { file } = reader;
  const type = reader.text(spec, 'type') ?? 'ClusterIP';
  const name = normalizeServiceName(service.name);
  if (name === '') {
    reader.problem(spec, unnamedServiceMessage('Service', service.name), 'warning');
    return;
  }
  for (const entry of file.items(file.get(spec, 'ports'))) {
    const protocol = reader.protocol(entry);
    const port = reader.port(entry, 'port', 'required');
    const nodePort = reader.port(entry, 'nodePort', 'optional');
    if (!protocol) continue;
    const base = { service: name, protocol, hostIp: null, format: KUBERNETES_FORMAT };
    if (port) {
      const scope = `service:${service.namespace}/${service.name}`;
      reader.bindings.push({ ...base, ...port.location, port: port.port, endPort: port.port, scope, kind: 'listen' });
    }
    if (!nodePort) continue;
    const nodePortNode = file.get(entry, 'nodePort');
    if (!NODE_PORT_TYPES.has(type)) {
      reader.problem(nodePortNode, `nodePort is only allowed in Services of type NodePort or LoadBalancer, not ${type}`);
      continue;
    }
    if (nodePort.port < NODE_PORT_RANGE.start || nodePort.port > NODE_PORT_RANGE.end) {
      reader.problem(
        nodePortNode,
        `nodePort ${nodePort.port} is outside ${NODE_PORT_RANGE.start}-${NODE_PORT_RANGE.end}, the API server's default range: it is rejected unless the cluster's --service-node-port-range allows it`,
        'warning',
      );
    }
    reader.bindings.push({ ...base, ...nodePort.location, port: nodePort.port, endPort: nodePort.port, scope: 'cluster', kind: 'publish' });
  }
}
