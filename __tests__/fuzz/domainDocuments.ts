// YAML trees shaped like each YAML format's documents, so that random values reach the code
// that reads ports rather than stopping at the first "not a mapping". Every field is optional
// and any field may hold any tree instead.
import fc from 'fast-check';
import { commandLine } from './shellCommands.js';
import { anyText, key, name, portText, variableName } from './vocabulary.js';
import { alias, anyNode, fields, map, scalar, seq, type YamlNode } from './yamlDocuments.js';

const noise = anyNode(key, anyText);
const extra = fc.tuple(key, noise);
const port = scalar(portText);
const text = scalar(anyText);
const orNoise = (node: fc.Arbitrary<YamlNode>) => fc.oneof({ weight: 5, arbitrary: node }, { weight: 1, arbitrary: noise });
const listOf = (item: fc.Arbitrary<YamlNode>, maxLength = 4) => orNoise(seq(fc.array(item, { maxLength })));
const named = (value: fc.Arbitrary<YamlNode>, maxLength = 3) => orNoise(map(fc.array(fc.tuple(name, value), { maxLength })));

const longPort = fields([['target', port], ['published', port], ['host_ip', port], ['protocol', port], ['mode', scalar(fc.constantFrom('host', 'ingress'))]], extra);
const path = scalar(fc.constantFrom('.', './api', '../out', '/abs', '${DIR}/x', 'https://github.com/a/b.git', 'api/Dockerfile', 'common.yml', 'a/../../b'));
const composeService = fields(
  [
    ['ports', listOf(fc.oneof(port, longPort, alias))],
    ['expose', listOf(port)],
    ['network_mode', scalar(fc.constantFrom('host', 'bridge', 'service:web', '${NET:-host}', 'none'))],
    ['image', text],
    ['build', fc.oneof(path, fields([['context', path], ['dockerfile', path]], extra))],
    ['profiles', listOf(text)],
    ['extends', fc.oneof(scalar(name), fields([['service', scalar(name)], ['file', path]], extra))],
  ],
  extra,
);

export const composeDocument: fc.Arbitrary<YamlNode> = fields(
  [['services', named(composeService)], ['name', text], ['x-base', composeService], ['include', listOf(fc.oneof(path, fields([['path', fc.oneof(path, listOf(path))]], extra)))]],
  extra,
);

export const skaffoldDocument: fc.Arbitrary<YamlNode> = fields(
  [
    ['apiVersion', text],
    ['build', fields([['artifacts', listOf(fields([['image', scalar(name)], ['context', path], ['docker', fields([['dockerfile', path]], extra)]], extra))]], extra)],
  ],
  extra,
);

/** A compose run as people write it, in a Makefile, a script or a step. */
const composeRun = fc
  .tuple(fc.constantFrom('docker compose', 'docker-compose', 'podman compose', 'COMPOSE_FILE=a.yml:b.yml docker compose', 'sudo docker --context x compose'), fc.array(fc.constantFrom('-f a.yml', '--file=b.yml', '-fc.yml', '-f $(X)', '-f "d e.yml"', '--profile gpu', '-p name'), { maxLength: 4 }), fc.constantFrom('up -d', 'down', ''))
  .map(([program, options, command]) => [program, ...options, command].join(' '));
export const launcherScript: fc.Arbitrary<string> = fc
  .array(fc.oneof(composeRun, commandLine, composeRun.map((run) => `COMPOSE = ${run}`), composeRun.map((run) => `up:\n\t${run}`)), { maxLength: 6 })
  .map((commands) => commands.join('\n'));
export const packageDocument: fc.Arbitrary<YamlNode> = fields([['name', text], ['scripts', named(orNoise(scalar(composeRun)))]], extra);
export const workflowDocument: fc.Arbitrary<YamlNode> = fields(
  [['jobs', named(fields([['steps', listOf(fields([['run', scalar(composeRun)], ['working-directory', path]], extra))]], extra))]],
  extra,
);
export const anyDockerfile: fc.Arbitrary<string> = fc.array(fc.constantFrom('FROM node', 'EXPOSE 8080', 'CMD ["node", "server.js"]', 'COPY . .'), { maxLength: 5 }).map((lines) => lines.join('\n'));

const environment = orNoise(
  fc.oneof(
    seq(fc.array(scalar(fc.tuple(variableName, portText).map(([k, v]) => `${k}=${v}`)), { maxLength: 3 })),
    map(fc.array(fc.tuple(variableName, port), { maxLength: 3 })),
  ),
);
const probe = fields([['http_get', fields([['host', text], ['port', port], ['path', text]], extra)], ['exec', fields([['command', scalar(commandLine)]], extra)]], extra);
const processDefinition = fields(
  [
    ['command', scalar(commandLine)],
    ['entrypoint', listOf(scalar(fc.oneof(commandLine, portText)), 6)],
    ['environment', environment],
    ['disabled', scalar(fc.constantFrom('true', 'false', '${OFF:-false}'))],
    ['replicas', port],
    ['readiness_probe', probe],
    ['liveness_probe', probe],
  ],
  extra,
);

export const processComposeDocument: fc.Arbitrary<YamlNode> = fields(
  [['processes', named(processDefinition)], ['environment', environment], ['disable_env_expansion', scalar(fc.constantFrom('true', 'false'))], ['version', text]],
  extra,
);

const containerPort = fields([['containerPort', port], ['hostPort', port], ['hostIP', port], ['protocol', port], ['name', text]], extra);
const container = fields([['name', scalar(name)], ['ports', listOf(containerPort)], ['command', listOf(scalar(commandLine))], ['args', listOf(text)]], extra);
const podSpec = fields([['containers', listOf(container)], ['initContainers', listOf(container)], ['hostNetwork', scalar(fc.constantFrom('true', 'false'))]], extra);
const servicePort = fields([['port', port], ['targetPort', port], ['nodePort', port], ['protocol', port], ['name', text]], extra);
const KINDS = ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'PodTemplate', 'Service', 'List', 'ConfigMap', 'ServiceList'];

export const kubernetesDocument: fc.Arbitrary<YamlNode> = fc.letrec<{ object: YamlNode }>((tie) => ({
  object: fields(
    [
      ['apiVersion', scalar(fc.constantFrom('v1', 'apps/v1', 'batch/v1'))],
      ['kind', scalar(fc.constantFrom(...KINDS))],
      ['metadata', fields([['name', scalar(name)], ['namespace', scalar(name)]], extra)],
      [
        'spec',
        fields(
          [
            ['template', fields([['spec', podSpec]], extra)],
            ['jobTemplate', fields([['spec', fields([['template', fields([['spec', podSpec]], extra)]], extra)]], extra)],
            ['containers', listOf(container)],
            ['ports', listOf(servicePort)],
            ['type', scalar(fc.constantFrom('NodePort', 'ClusterIP', 'LoadBalancer'))],
          ],
          extra,
        ),
      ],
      ['items', seq(fc.array(tie('object'), { maxLength: 2 }))],
    ],
    extra,
  ),
})).object;

const registryService = fc.oneof(
  port,
  fields([['port', port], ['ports', named(port)], ['category', text], ['protocol', port], ['altPort', port], ['description', text]], extra),
);

/** Portcullis's own registry (ports.yml) and the seeds' port-registry.json share most fields. */
export const registryDocument: fc.Arbitrary<YamlNode> = fields(
  [
    ['categories', named(fields([['range', port]], extra))],
    ['reserved', listOf(fc.oneof(port, fields([['port', port], ['reason', text], ['range', port]], extra)))],
    ['services', named(fc.oneof(registryService, named(registryService)))],
  ],
  extra,
);

export const zinitYamlDocument: fc.Arbitrary<YamlNode> = fields(
  [['exec', scalar(commandLine)], ['test', scalar(commandLine)], ['ports', listOf(fc.oneof(port, fields([['port', port], ['protocol', port]], extra)))], ['env', named(port)]],
  extra,
);
