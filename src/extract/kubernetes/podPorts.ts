import type { WorkloadFacts } from '../../model/facts.js';
import { normalizeServiceName } from '../../model/service.js';
import { KUBERNETES_FORMAT, type ManifestReader } from './manifestReader.js';

export interface ObjectName {
  namespace: string;
  name: string;
}

/**
 * The ports of a pod spec's containers. Each container is the service `<workload>/<container>`;
 * its `containerPort`s live in the pod's own network namespace (`pod:<ns>/<workload>`), where
 * its sibling containers can collide with it, or on the host with `hostNetwork: true`. A
 * `hostPort` publishes on the node, so it is a host claim.
 *
 * Plain init containers run one at a time and exit before the app containers start, so their
 * ports never coexist with anyone's: they claim nothing. A sidecar (an init container with
 * `restartPolicy: Always`) keeps running beside the app containers: it counts.
 */
export function readPodSpec(reader: ManifestReader, workload: ObjectName, spec: unknown): void {
  const { file } = reader;
  const hostNetwork = reader.isTrue(spec, 'hostNetwork');
  const sidecars = file.items(file.get(spec, 'initContainers')).filter((init) => reader.text(init, 'restartPolicy') === 'Always');
  const facts: WorkloadFacts = { scope: hostNetwork ? 'host' : podScopeOf(workload), containers: [] };
  reader.workloads.push(facts);
  for (const container of [...file.items(file.get(spec, 'containers')), ...sidecars]) {
    const containerName = reader.text(container, 'name');
    if (containerName === undefined) {
      reader.problem(container, 'a container needs a name');
      continue;
    }
    const service = normalizeServiceName(`${workload.name}/${containerName}`);
    const image = reader.text(container, 'image');
    if (image !== undefined) facts.containers.push({ service, image });
    for (const port of file.items(file.get(container, 'ports'))) readContainerPort(reader, port, { workload, service, hostNetwork });
  }
}

function podScopeOf(workload: ObjectName): string {
  return `pod:${workload.namespace}/${workload.name}`;
}

function readContainerPort(reader: ManifestReader, port: unknown, owner: { workload: ObjectName; service: string; hostNetwork: boolean }): void {
  const protocol = reader.protocol(port);
  const containerPort = reader.port(port, 'containerPort', 'required');
  const hostPort = reader.port(port, 'hostPort', 'optional');
  if (!protocol || !containerPort) return;
  const base = { service: owner.service, protocol, format: KUBERNETES_FORMAT };
  const podScope = podScopeOf(owner.workload);
  reader.bindings.push({
    ...base,
    ...containerPort.location,
    port: containerPort.port,
    endPort: containerPort.port,
    hostIp: null,
    scope: owner.hostNetwork ? 'host' : podScope,
    kind: 'listen',
  });
  if (!hostPort) return;
  if (owner.hostNetwork) {
    // The container already listens on the host; the API server requires hostPort to say the same.
    if (hostPort.port !== containerPort.port) reader.problem(reader.file.get(port, 'hostPort'), 'with hostNetwork: true, hostPort must equal containerPort');
    return;
  }
  reader.bindings.push({
    ...base,
    ...hostPort.location,
    port: hostPort.port,
    endPort: hostPort.port,
    hostIp: reader.text(port, 'hostIP') ?? null,
    scope: 'host',
    kind: 'publish',
  });
}
