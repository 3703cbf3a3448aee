// A hand-built report with every case the renderers must get right: a new error against
// the registry, a warning across two compose stacks whose projects share the service name
// `web` (and whose proposal goes to the `.env` line that sets the variable), a reserved
// range, an existing UDP collision, a hostile service name in a path with a space and a
// `%`, and diagnostics with and without a line.
import type { Binding, Conflict, Report } from '../../src/model/types.js';

export const HOSTILE = 'evil|`x`<script>alert(1)</script>@someone #12 <!-- portcullis -->\nnext';
export const HOSTILE_FILE = 'tools/dev env/process-compose 100%.yml';

const embed: Binding = {
  service: 'embed', port: 3002, endPort: 3002, protocol: 'tcp', hostIp: null, scope: 'host',
  kind: 'registry', format: 'markdown-registry', file: 'PORTS.md', line: 12, column: 5, category: 'application',
};
const grafanaEmbed: Binding = {
  service: 'grafana-embed', port: 3002, endPort: 3002, protocol: 'tcp', hostIp: null, scope: 'host',
  kind: 'publish', format: 'compose', file: 'docker/compose.yml', line: 8, column: 9, project: 'docker', stacks: ['compose:docker/compose.yml'],
};
const webA: Binding = {
  service: 'web', port: 8080, endPort: 8080, protocol: 'tcp', hostIp: null, scope: 'host',
  kind: 'publish', format: 'compose', file: 'apps/a/compose.yml', line: 7, column: 11, project: 'a', stacks: ['compose:apps/a/compose.yml'],
};
const webB: Binding = {
  service: 'web', port: 8080, endPort: 8080, protocol: 'tcp', hostIp: null, scope: 'host',
  kind: 'publish', format: 'compose', file: 'apps/b/.env', line: 1, column: 10,
  via: { file: 'apps/b/compose.yml', line: 6, column: 12 },
  project: 'b', stacks: ['compose:apps/b/compose.yml'], variable: 'WEB_PORT', variableFile: 'apps/b/.env', setting: 'WEB_PORT',
};
const dns: Binding = {
  service: 'dns', port: 53, endPort: 53, protocol: 'udp', hostIp: null, scope: 'host',
  kind: 'listen', format: 'nix', file: 'hosts/dns.nix', line: 4, column: 20, isDefault: false, setting: 'port',
};
const resolver: Binding = {
  service: 'resolver', port: 53, endPort: 53, protocol: 'udp', hostIp: '0.0.0.0', scope: 'host',
  kind: 'listen', format: 'systemd', file: 'systemd/resolver.socket', line: 5, column: 16,
};
const metrics: Binding = {
  service: 'metrics', port: 3004, endPort: 3005, protocol: 'tcp', hostIp: '127.0.0.1', scope: 'host',
  kind: 'publish', format: 'compose', file: 'deploy/compose.yml', line: 5, column: 19, project: 'deploy', stacks: ['compose:deploy/compose.yml'], soft: false,
};
const spacedust: Binding = {
  service: 'spacedust', port: 8765, endPort: 8765, protocol: 'tcp', hostIp: '0.0.0.0', scope: 'host',
  kind: 'listen', format: 'rust', file: 'spacedust/src/main.rs', line: 12, column: 16,
};
const hostile: Binding = {
  service: HOSTILE, port: 8765, endPort: 8765, protocol: 'tcp', hostIp: null, scope: 'host',
  kind: 'listen', format: 'process-compose', file: HOSTILE_FILE, line: 9, column: 14, stacks: [`process-compose:${HOSTILE_FILE}`], setting: 'PORT',
};
const apiRegistry: Binding = {
  service: 'api', port: 3000, endPort: 3000, protocol: 'tcp', hostIp: null, scope: 'host',
  kind: 'registry', format: 'markdown-registry', file: 'PORTS.md', line: 10, column: 5, category: 'application', portName: 'http',
};
const apiContainer: Binding = {
  service: 'api', port: 80, endPort: 80, protocol: 'tcp', hostIp: null, scope: 'container:docker/api',
  kind: 'listen', format: 'compose', file: 'docker/compose.yml', line: 20, column: 17, project: 'docker', stacks: ['compose:docker/compose.yml'],
};

const registryConflict: Conflict = {
  id: 'registry-conflict:host:tcp:3002', rule: 'registry-conflict', severity: 'error', status: 'new',
  scope: 'host', protocol: 'tcp', port: 3002, endPort: 3002,
  services: ['embed', 'grafana-embed'], newServices: ['grafana-embed'],
  locations: [
    { service: 'embed', file: 'PORTS.md', line: 12, column: 5 },
    { service: 'grafana-embed', file: 'docker/compose.yml', line: 8, column: 9 },
  ],
  suggestions: [{ service: 'grafana-embed', file: 'docker/compose.yml', line: 8, column: 9, from: 3002, to: 3003, toEnd: 3003 }],
  message: 'grafana-embed publishes 3002, which the registry gives to embed',
  bindings: [embed, grafanaEmbed],
};
const hostileDuplicate: Conflict = {
  id: 'duplicate-port:host:tcp:8765', rule: 'duplicate-port', severity: 'error', status: 'new',
  scope: 'host', protocol: 'tcp', port: 8765, endPort: 8765,
  services: [HOSTILE, 'spacedust'], newServices: [HOSTILE],
  locations: [
    { service: 'spacedust', file: 'spacedust/src/main.rs', line: 12, column: 16 },
    { service: HOSTILE, file: HOSTILE_FILE, line: 9, column: 14 },
  ],
  suggestions: [{ service: HOSTILE, file: HOSTILE_FILE, line: 9, column: 14, from: 8765, to: 8766, toEnd: 8766 }],
  message: `${HOSTILE} and spacedust both listen on 8765`,
  bindings: [spacedust, hostile],
};
const crossStack: Conflict = {
  id: 'duplicate-port:host:tcp:8080', rule: 'duplicate-port', severity: 'warning', status: 'new',
  scope: 'host', protocol: 'tcp', port: 8080, endPort: 8080,
  services: ['a/web', 'b/web'], newServices: ['b/web'],
  locations: [
    { service: 'a/web', file: 'apps/a/compose.yml', line: 7, column: 11 },
    { service: 'b/web', file: 'apps/b/.env', line: 1, column: 10 },
  ],
  suggestions: [{ service: 'b/web', file: 'apps/b/.env', line: 1, column: 10, from: 8080, to: 8081, toEnd: 8081 }],
  message: 'a/web and b/web both publish 8080 (two stacks, which may be alternatives)',
  bindings: [webA, webB],
};
const reservedRange: Conflict = {
  id: 'reserved-port:host:tcp:3004-3005', rule: 'reserved-port', severity: 'warning', status: 'new',
  scope: 'host', protocol: 'tcp', port: 3004, endPort: 3005,
  services: ['metrics'], newServices: ['metrics'],
  locations: [{ service: 'metrics', file: 'deploy/compose.yml', line: 5, column: 19 }],
  suggestions: [{ service: 'metrics', file: 'deploy/compose.yml', line: 5, column: 19, from: 3004, to: 3011, toEnd: 3012 }],
  message: 'metrics publishes 3004-3005, inside the reserved range 3004-3009 (future services)',
  bindings: [metrics],
};
const existingUdp: Conflict = {
  id: 'duplicate-port:host:udp:53', rule: 'duplicate-port', severity: 'error', status: 'existing',
  scope: 'host', protocol: 'udp', port: 53, endPort: 53,
  services: ['dns', 'resolver'], newServices: [],
  locations: [
    { service: 'dns', file: 'hosts/dns.nix', line: 4, column: 20 },
    { service: 'resolver', file: 'systemd/resolver.socket', line: 5, column: 16 },
  ],
  suggestions: [{ service: 'resolver', file: 'systemd/resolver.socket', line: 5, column: 16, from: 53, to: 1024, toEnd: 1024 }],
  message: 'dns and resolver both listen on 53/udp',
  bindings: [dns, resolver],
};

/** Conflicts deliberately out of display order: renderers group new errors, new warnings, existing. */
export function fixtureReport(): Report {
  return {
    schemaVersion: 1,
    base: 'abc1234',
    stats: { files: 12, bindings: 11, durationMs: 35 },
    bindings: [embed, grafanaEmbed, webA, webB, dns, resolver, metrics, spacedust, hostile, apiRegistry, apiContainer],
    conflicts: [existingUdp, crossStack, registryConflict, reservedRange, hostileDuplicate],
    diagnostics: [
      { file: 'docker/compose.yml', line: 14, column: 7, severity: 'error', message: 'invalid port "70000:80": 70000 is not a port (1-65535)' },
      { file: 'big.json', severity: 'warning', message: 'file is larger than 1 MiB; skipped' },
      { file: 'PORTS.md', line: 40, severity: 'warning', message: 'table row has no port: `| <b>x</b> |`' },
    ],
    incomplete: [],
  };
}

export function emptyReport(): Report {
  return { schemaVersion: 1, base: null, stats: { files: 3, bindings: 1, durationMs: 4 }, bindings: [], conflicts: [], diagnostics: [], incomplete: [] };
}

/** A report whose check hit limits, with names that look like workflow commands. */
export function incompleteReport(): Report {
  return {
    ...emptyReport(),
    diagnostics: [{ file: '::error file=a::forged', severity: 'warning', message: 'file is larger than the 1 MiB limit (2 MiB): not read', limit: 'file-size' }],
    incomplete: [
      { reason: 'file-size', message: '1 file larger than limits.maxFileBytes not read: ::error file=a::forged' },
      { reason: 'rest-file-list', message: 'GitHub lists 3,000 of the files this pull request changes, and the base could not be fetched: the files past them were compared with nothing' },
    ],
  };
}
