// The words the generators draw from: what the formats mean (port specs, addresses, variable
// references, keys of each format) mixed with what breaks parsers (numbers out of range,
// other bases, unbalanced braces, unicode, long runs).
import fc from 'fast-check';
import { INTERESTING_CHARS } from './mutations.js';

const PORT_TEXTS = [
  '80', '443', '3000', '5432', '8080', '8765', '65535', '65536', '0', '00', '08080', '099999', '99999999999999999999',
  '-1', '+8080', '0x1F90', '0o17620', '0b1', '1_000', '8080.0', '1e3', '.inf', '8080 ', ' 8080', '８０８０', '٨٠',
  '8080:80', '127.0.0.1:8080:80', '[::1]:6001:6001', '::80', '0.0.0.0:80:80', '[::]:8082', '127.0.0.1::80',
  '8080:80/udp', '53/udp', '53/UDP', '80/sctp', '80/', '/udp', '8080/tcp/udp', '80:8080:', ':80', ':',
  '3000-3005', '9090-9091:8080-8081', '80-90:8081', '80-90:8080-8081', '3009-3006', '1-65535', '3000–3010', '3000 - 3010',
  '${PORT}', '${PORT:-3000}', '${PORT-3000}', '${PORT:?missing}', '${PORT:+80}', '$PORT', '$$PORT', '${', '${}', '${PORT',
  '${PORT:-${OTHER:-80}}', '${A:-8}0${B:-80}', '${HOST_IP}:${HOST_PORT}:80', '{{ .Values.port }}', '{{', '$(echo 80)',
  'localhost:8080', 'tcp://0.0.0.0:8080', 'http://localhost:3000/health', '0.0.0.0', '::', '[::]', 'vsock:2:80', '/run/a.sock', '@abstract',
  '~', 'null', 'true', 'yes', '', 'TCP', 'UDP', 'tcp', 'udp', 'host', 'bridge', 'service:web', 'NodePort', 'http', 'dns',
];

export const portText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...PORT_TEXTS) },
  { weight: 2, arbitrary: fc.integer({ min: -2, max: 70000 }).map(String) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 66000 }), fc.integer({ min: 0, max: 66000 })).map(([a, b]) => `${a}:${b}`) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...INTERESTING_CHARS), { maxLength: 8 }).map((chars) => chars.join('')) },
);

const NAMES = ['web', 'api', 'db', 'redis', 'nlp-api', 'NLP_API', 'my service', 'Web_App', 'a', '', '-', '_', 'ünïcode', '😀', 'x'.repeat(300), 'constructor', '__proto__', 'toString'];

export const name: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });

const VARIABLES = ['PORT', 'API_PORT', 'WEB_PORT', 'NLP_API_PORT', 'NLP_API_PORT_ALT', 'DB_PORT', 'PORT_ALT', 'HOST_IP', 'HOST_PORT', 'OTHER', 'COMPOSE_PROJECT_NAME', 'A', 'B'];

export const variableName: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...VARIABLES) },
  { weight: 1, arbitrary: fc.stringMatching(/^\w{1,9}$/) },
  { weight: 1, arbitrary: fc.constantFrom('MY PORT', 'a.b', 'a-b', '[x]', 'ÄPORT', '1PORT', '') },
);

/** Keys that one of the YAML formats gives a meaning to. */
const KEYS = [
  'services', 'ports', 'expose', 'target', 'published', 'host_ip', 'protocol', 'mode', 'network_mode', 'name', 'image', 'environment',
  'processes', 'command', 'entrypoint', 'disabled', 'replicas', 'readiness_probe', 'liveness_probe', 'http_get', 'host', 'port',
  'disable_env_expansion', 'apiVersion', 'kind', 'metadata', 'namespace', 'spec', 'template', 'containers', 'initContainers',
  'containerPort', 'hostPort', 'hostIP', 'nodePort', 'targetPort', 'hostNetwork', 'items', 'jobTemplate', 'type', 'categories',
  'reserved', 'range', 'reason', 'category', 'exec', 'env', 'test', 'PORT', 'API_PORT', 'x-base', 'version', 'web', 'api', '<<',
];

export const key: fc.Arbitrary<string> = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: name });

export const anyText: fc.Arbitrary<string> = fc.oneof(portText, name, key, fc.string({ unit: 'grapheme', maxLength: 20 }));
