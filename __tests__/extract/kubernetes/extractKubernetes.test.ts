import { describe, expect, it } from '@jest/globals';
import { readersOf } from '../../../src/extract/index.js';
import { extractKubernetes, kubernetesExtractor } from '../../../src/extract/kubernetes/extractKubernetes.js';
import type { Binding, ExtractResult } from '../../../src/model/types.js';

const PATH = 'deploy/app.yaml';

function extract(lines: string[], path = PATH): ExtractResult {
  return extractKubernetes({ path, text: lines.join('\n') });
}

/** The public facts of a binding, for compact expectations. */
function brief(binding: Binding): string {
  const host = binding.hostIp === null ? '' : `${binding.hostIp}:`;
  return `${binding.kind} ${binding.scope} ${binding.service} ${host}${binding.port}/${binding.protocol} @${binding.line}:${binding.column}`;
}

function briefs(result: ExtractResult): string[] {
  return result.bindings.map(brief);
}

function problems(result: ExtractResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.line ?? '-'}:${d.column ?? '-'} ${d.message}`);
}

const DEPLOYMENT = [
  'apiVersion: apps/v1', //                     1
  'kind: Deployment', //                        2
  'metadata:', //                               3
  '  name: web', //                             4
  '  namespace: shop', //                       5
  'spec:', //                                   6
  '  template:', //                             7
  '    spec:', //                               8
  '      containers:', //                       9
  '        - name: app', //                    10
  '          ports:', //                       11
  '            - containerPort: 8080', //      12
  '            - containerPort: 9090', //      13
  '              hostPort: 19090', //          14
  '              hostIP: 127.0.0.1', //        15
  '        - name: dns', //                    16
  '          ports:', //                       17
  '            - containerPort: 53', //        18
  '              protocol: UDP', //            19
  '              hostPort: 53', //             20
];

describe('kubernetes workloads', () => {
  it('puts containerPorts in the pod scope and hostPorts on the host, at the exact literal', () => {
    const result = extract(DEPLOYMENT);
    expect(problems(result)).toEqual([]);
    expect(briefs(result)).toEqual([
      'listen pod:shop/web web/app 8080/tcp @12:30',
      'listen pod:shop/web web/app 9090/tcp @13:30',
      'publish host web/app 127.0.0.1:19090/tcp @14:25',
      'listen pod:shop/web web/dns 53/udp @18:30',
      'publish host web/dns 53/udp @20:25',
    ]);
    expect(result.bindings[0]).toMatchObject({ file: PATH, format: 'kubernetes', endPort: 8080, hostIp: null });
  });

  it('names two containers of one pod as two services of one scope, so they can collide', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: duo }',
      'spec:',
      '  containers:',
      '    - { name: a, ports: [{ containerPort: 80 }] }',
      '    - { name: b, ports: [{ containerPort: 80 }] }',
    ]);
    expect(briefs(result)).toEqual(['listen pod:default/duo duo/a 80/tcp @6:43', 'listen pod:default/duo duo/b 80/tcp @7:43']);
  });

  it('gives two pods two scopes: both may listen on 80', () => {
    const pod = (name: string) => ['apiVersion: v1', 'kind: Pod', `metadata: { name: ${name} }`, 'spec:', '  containers: [{ name: c, ports: [{ containerPort: 80 }] }]'];
    const result = extract([...pod('one'), '---', ...pod('two')]);
    expect(result.bindings.map((b) => b.scope)).toEqual(['pod:default/one', 'pod:default/two']);
  });

  it('puts the containerPorts of a hostNetwork pod on the host, and checks hostPort equals containerPort', () => {
    const result = extract([
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: { name: agent, namespace: ops }',
      'spec:',
      '  template:',
      '    spec:',
      '      hostNetwork: true',
      '      containers:',
      '        - name: node-exporter',
      '          ports:',
      '            - containerPort: 9100',
      '              hostPort: 9100',
      '            - containerPort: 9101',
      '              hostPort: 9999',
    ]);
    expect(briefs(result)).toEqual(['listen host agent/node-exporter 9100/tcp @11:30', 'listen host agent/node-exporter 9101/tcp @13:30']);
    expect(problems(result)).toEqual(['error 14:25 with hostNetwork: true, hostPort must equal containerPort']);
  });

  it('reads Pods, Jobs, CronJobs (jobTemplate), StatefulSets, ReplicaSets and PodTemplates', () => {
    const template = (indent: string) => [`${indent}containers: [{ name: c, ports: [{ containerPort: 7000 }] }]`];
    const result = extract([
      'apiVersion: batch/v1',
      'kind: CronJob',
      'metadata: { name: nightly }',
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      ...template('          '),
      '---',
      'apiVersion: batch/v1',
      'kind: Job',
      'metadata: { generateName: migrate- }',
      'spec: { template: { spec: { containers: [{ name: c, ports: [{ containerPort: 7001 }] }] } } }',
      '---',
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata: { name: db, namespace: data }',
      'spec: { template: { spec: { containers: [{ name: pg, ports: [{ containerPort: 5432 }] }] } } }',
      '---',
      'apiVersion: apps/v1',
      'kind: ReplicaSet',
      'metadata: { name: rs }',
      'spec: { template: { spec: { containers: [{ name: c, ports: [{ containerPort: 7002 }] }] } } }',
      '---',
      'apiVersion: v1',
      'kind: PodTemplate',
      'metadata: { name: tpl }',
      'template: { spec: { containers: [{ name: c, ports: [{ containerPort: 7003 }] }] } }',
    ]);
    expect(briefs(result)).toEqual([
      'listen pod:default/nightly nightly/c 7000/tcp @9:60',
      'listen pod:default/migrate- migrate-/c 7001/tcp @14:78',
      'listen pod:data/db db/pg 5432/tcp @19:79',
      'listen pod:default/rs rs/c 7002/tcp @24:78',
      'listen pod:default/tpl tpl/c 7003/tcp @29:70',
    ]);
  });

  it('reads each item of a List', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: List',
      'items:',
      '  - apiVersion: v1',
      '    kind: Pod',
      '    metadata: { name: p, namespace: a }',
      '    spec: { containers: [{ name: c, ports: [{ containerPort: 81 }] }] }',
      '  - apiVersion: v1',
      '    kind: Service',
      '    metadata: { name: s, namespace: a }',
      '    spec: { ports: [{ port: 82 }] }',
    ]);
    expect(briefs(result)).toEqual(['listen pod:a/p p/c 81/tcp @7:62', 'listen service:a/s s 82/tcp @11:29']);
  });

  it('counts sidecars (init containers with restartPolicy: Always) but not plain init containers', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec:',
      '  initContainers:',
      '    - { name: setup, ports: [{ containerPort: 8080 }] }',
      '    - { name: proxy, restartPolicy: Always, ports: [{ containerPort: 15001 }] }',
      '  containers:',
      '    - { name: app, ports: [{ containerPort: 8080 }] }',
    ]);
    expect(briefs(result)).toEqual(['listen pod:default/p p/app 8080/tcp @9:45', 'listen pod:default/p p/proxy 15001/tcp @7:70']);
  });
});

describe('kubernetes services', () => {
  const service = (type: string, ports: string[]) => [
    'apiVersion: v1',
    'kind: Service',
    'metadata: { name: api, namespace: shop }',
    'spec:',
    `  type: ${type}`,
    '  ports:',
    ...ports,
  ];

  it("puts port in the Service's scope and nodePort in the cluster scope; targetPort is the pod's", () => {
    const result = extract(
      service('NodePort', [
        '    - port: 80', //                       7
        '      targetPort: 8080', //               8
        '      nodePort: 30080', //                9
        '    - port: 53', //                      10
        '      targetPort: dns', //               11
        '      protocol: UDP', //                 12
      ]),
    );
    expect(problems(result)).toEqual([]);
    expect(briefs(result)).toEqual(['listen service:shop/api api 80/tcp @7:13', 'publish cluster api 30080/tcp @9:17', 'listen service:shop/api api 53/udp @10:13']);
  });

  it('warns about a nodePort outside the default range and keeps it', () => {
    const result = extract(service('LoadBalancer', ['    - port: 80', '      nodePort: 8080']));
    expect(briefs(result)).toEqual(['listen service:shop/api api 80/tcp @7:13', 'publish cluster api 8080/tcp @8:17']);
    expect(problems(result)).toEqual([
      "warning 8:17 nodePort 8080 is outside 30000-32767, the API server's default range: it is rejected unless the cluster's --service-node-port-range allows it",
    ]);
  });

  it('rejects a nodePort on a ClusterIP Service, as the API server does', () => {
    const result = extract(service('ClusterIP', ['    - port: 80', '      nodePort: 30001']));
    expect(briefs(result)).toEqual(['listen service:shop/api api 80/tcp @7:13']);
    expect(problems(result)).toEqual(['error 8:17 nodePort is only allowed in Services of type NodePort or LoadBalancer, not ClusterIP']);
  });

  it('takes nodePort 0 as "allocate one for me": no claim', () => {
    const result = extract(service('NodePort', ['    - port: 80', '      nodePort: 0']));
    expect(briefs(result)).toEqual(['listen service:shop/api api 80/tcp @7:13']);
    expect(problems(result)).toEqual([]);
  });
});

describe('kubernetes field validation', () => {
  const pod = (ports: string[]) => ['apiVersion: v1', 'kind: Pod', 'metadata: { name: p }', 'spec:', '  containers:', '    - name: c', '      ports:', ...ports];

  it('reports bad ports with their line and column and keeps the good ones', () => {
    const result = extract(
      pod([
        '        - containerPort: 0', //                8
        '        - containerPort: 70000', //            9
        "        - containerPort: '8080'", //          10
        '        - containerPort: 8081', //            11
        '          protocol: tcp', //                  12
        '        - containerPort: 8082', //            13
        '          protocol: SCTP', //                 14
        '        - name: http', //                     15
        '        - containerPort: 8083', //            16
        '          hostPort: 99999', //                17
      ]),
    );
    expect(briefs(result)).toEqual(['listen pod:default/p p/c 8083/tcp @16:26']);
    expect(problems(result)).toEqual([
      'error 8:26 containerPort 0 must be between 1 and 65535, inclusive',
      'error 9:26 containerPort 70000 must be between 1 and 65535, inclusive',
      `error 10:26 containerPort must be an integer, not "'8080'"`,
      'error 12:21 protocol "tcp" is not one of "TCP", "UDP", "SCTP"',
      'warning 14:21 SCTP ports are not checked (only TCP and UDP are)',
      'error 15:11 containerPort is required',
      'error 17:21 hostPort 99999 must be between 1 and 65535, inclusive',
    ]);
  });

  it('reports a container without a name and an object without metadata.name', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec: { containers: [{ ports: [{ containerPort: 80 }] }] }',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'spec: { ports: [{ port: 80 }] }',
    ]);
    expect(result.bindings).toEqual([]);
    expect(problems(result)).toEqual(['error 4:22 a container needs a name', 'warning 6:1 Service has no metadata.name: its ports are not checked']);
  });

  it('keeps the other documents of a file when one is malformed', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: broken',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: fine }',
      'spec: { ports: [{ port: 443 }] }',
    ]);
    expect(briefs(result)).toEqual(['listen service:default/fine fine 443/tcp @8:25']);
    // yaml notices the unclosed flow map where the document ends.
    expect(problems(result)).toEqual(['error 4:1 invalid YAML: Flow map in block collection must be sufficiently indented and end with a }']);
  });

  it('follows anchors and merge keys', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec:',
      '  containers:',
      '    - &base { name: a, ports: [{ containerPort: 80 }] }',
      '    - { <<: *base, name: b }',
    ]);
    expect(briefs(result)).toEqual(['listen pod:default/p p/a 80/tcp @6:49', 'listen pod:default/p p/b 80/tcp @6:49']);
  });

  it('stops at the alias budget with one diagnostic and keeps what it read before', () => {
    const items = Array.from({ length: 1100 }, () => '  - *pod');
    const result = extract([
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: first }',
      'spec: { ports: [{ port: 80 }] }',
      '---',
      'apiVersion: v1',
      'kind: List',
      'pod: &pod { apiVersion: v1, kind: Pod, metadata: { name: p }, spec: { containers: [{ name: c, ports: [{ containerPort: 80 }] }] } }',
      'items:',
      ...items,
    ]);
    expect(briefs(result)).toEqual(['listen service:default/first first 80/tcp @4:25']);
    expect(problems(result)).toEqual(['error -:- more than 1000 YAML aliases followed: rest of the file not checked']);
  });
});

describe('things that are not bindings', () => {
  it('ignores YAML that is no manifest', () => {
    expect(extract(['name: ci', 'on: push', 'jobs: { build: { runs-on: ubuntu-latest } }'])).toEqual({ bindings: [], diagnostics: [] });
    expect(extract(['kind: Deployment', 'spec: { template: { spec: { containers: [{ name: c, ports: [{ containerPort: 1 }] }] } } }'])).toEqual({
      bindings: [],
      diagnostics: [],
    });
  });

  it('claims nothing for readiness probes, targetPorts, ConfigMaps or Ingresses', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: p }',
      'spec:',
      '  containers:',
      '    - name: c',
      '      readinessProbe: { httpGet: { port: 8080 } }',
      '      env: [{ name: PORT, value: "8080" }]',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: cfg }',
      'data: { port: "9000" }',
      '---',
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata: { name: ing }',
      'spec: { rules: [{ http: { paths: [{ backend: { service: { name: s, port: { number: 80 } } } }] } }] }',
    ]);
    expect(result).toEqual({ bindings: [], diagnostics: [] });
  });
});

describe('templated manifests', () => {
  it('skips a Helm template with one warning at its first template action', () => {
    const result = extract([
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: {{ include "chart.fullname" . }}',
      '  labels:',
      '    {{- include "chart.labels" . | nindent 4 }}',
      'spec:',
      '  template: { spec: { containers: [{ name: c, ports: [{ containerPort: 8080 }] }] } }',
    ]);
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        file: PATH,
        line: 6,
        severity: 'warning',
        message: 'a template (Helm, Go template or envsubst placeholders), not a manifest: its ports are decided when it is rendered, so it is not checked',
      },
    ]);
  });

  it('skips a template that breaks YAML, with the warning at its first `{{`', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: {{ .Release.Name }}-web',
      'spec: { ports: [{ port: 80 }] }',
    ]);
    expect(result.bindings).toEqual([]);
    expect(problems(result)).toEqual([
      'warning 4:- a template (Helm, Go template or envsubst placeholders), not a manifest: its ports are decided when it is rendered, so it is not checked',
    ]);
  });

  it('skips a file whose port fields are placeholders, even when it parses as YAML', () => {
    const helm = extract([
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: s }',
      'spec:',
      '  ports:',
      '    - port: 80',
      '    - port: {{ .Values.service.port }}',
    ]);
    expect(helm.bindings).toEqual([]);
    expect(problems(helm)).toEqual([
      'warning 7:- a template (Helm, Go template or envsubst placeholders), not a manifest: its ports are decided when it is rendered, so it is not checked',
    ]);
    const envsubst = extract(['apiVersion: v1', 'kind: Service', 'metadata: { name: s }', 'spec: { ports: [{ port: "${PORT}" }] }']);
    expect(envsubst.bindings).toEqual([]);
    expect(envsubst.diagnostics).toHaveLength(1);
    expect(envsubst.diagnostics[0]).toMatchObject({ line: 4, severity: 'warning' });
  });

  it('reads a manifest whose ConfigMap data carries Go templates (alert text), since those are not its ports', () => {
    const result = extract([
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: alerts }',
      'data:',
      '  rules.yaml: |',
      '    summary: "{{ $labels.instance }} is down"',
      '  slack.tmpl: |',
      '    {{ define "slack.title" }}',
      '    {{ .CommonLabels.alertname }}',
      '    {{ end }}',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: prometheus }',
      'spec: { ports: [{ port: 9090 }] }',
    ]);
    expect(problems(result)).toEqual([]);
    expect(briefs(result)).toEqual(['listen service:default/prometheus prometheus 9090/tcp @15:25']);
  });
});

describe('which reader takes a YAML file', () => {
  // The catalogue decides: compose, process-compose, zinit, skaffold files and registries are
  // theirs by name; any other YAML is offered to the compose reader by shape, which declines
  // what is no compose document, and then to the manifest reader, which reads what names
  // apiVersion and kind. A reader that never declines ends the chain in effect.
  it.each([
    ['k8s/deployment.yaml', 'compose > kubernetes'],
    ['deploy/app.yml', 'compose > kubernetes'],
    ['charts/web/templates/deployment.yaml', 'compose > kubernetes'],
    ['composer.yaml', 'compose > kubernetes'],
    ['compose.yml', 'compose > compose > kubernetes'],
    ['apps/a/docker-compose.override.yml', 'compose > compose > kubernetes'],
    ['process-compose.yaml', 'process-compose > compose > kubernetes'],
    ['etc/zinit/redis.yaml', 'zinit > compose > kubernetes'],
    ['ports.yml', 'registry > compose > kubernetes'],
    ['skaffold.yaml', 'skaffold > compose > kubernetes'],
    ['.github/workflows/ci.yml', 'launcher'],
  ])('%s -> %s', (path, chain) => {
    expect(readersOf(path).map((reader) => reader.format).join(' > ')).toBe(chain);
  });

  it('never offers the config, lock files, workflows or JSON to the manifest reader', () => {
    for (const path of ['.portcullis.yml', 'pnpm-lock.yaml', '.github/workflows/ci.yml', 'deploy/app.json']) expect(kubernetesExtractor.matches(path)).toBe(false);
  });

  it('offers a YAML file to the compose reader by shape before the manifest reader', () => {
    expect(readersOf('kafka/zk-single-kafka-single.yml').map((reader) => reader.format)).toEqual(['compose', 'kubernetes']);
  });
});
