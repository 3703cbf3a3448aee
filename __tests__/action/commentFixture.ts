// A pull request's report as the Action's comment shows it, in repository paths: two new
// errors (one among three services, each at a 40-character path, the width a comment must
// hold), three warnings (one in a pod, so only that table has a scope column), one
// collision older than the change, a registry in YAML that lists neither newcomer, and a
// diagnostic.
import type { Binding, Conflict, Report } from '../../src/model/types.js';

export const REGISTRY_FILE = 'infra/platform/shared-registry/ports.yml';
export const SPACEDUST_FILE = 'services/spacedust/src/bin/mainserver.rs';
export const RELAY_FILE = 'services/jetstream-relay/ops/compose.yml';
export const EXPORTER_FILE = 'platform/observability/k8s/exporter.yaml';
export const HEAD = '9f1c2d3e4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d';

const claim = (fields: Partial<Binding> & Pick<Binding, 'service' | 'port' | 'file' | 'line' | 'column' | 'kind' | 'format'>): Binding => ({
  endPort: fields.port,
  protocol: 'tcp',
  hostIp: null,
  scope: 'host',
  ...fields,
});

const constellation = claim({ service: 'constellation', port: 8765, kind: 'registry', format: 'registry', file: REGISTRY_FILE, line: 14, column: 18 });
const grafanaEntry = claim({ service: 'grafana', port: 3000, kind: 'registry', format: 'registry', file: REGISTRY_FILE, line: 9, column: 12 });
const spacedust = claim({ service: 'spacedust', port: 8765, kind: 'listen', format: 'rust', file: SPACEDUST_FILE, line: 12, column: 16 });
const relay = claim({ service: 'jetstream-relay', port: 8765, kind: 'publish', format: 'compose', file: RELAY_FILE, line: 9, column: 11, project: 'ops' });
const billing = claim({ service: 'billing-db', port: 5433, kind: 'publish', format: 'compose', file: 'services/billing/compose.yml', line: 7, column: 11, project: 'billing' });
const ledger = claim({
  service: 'ledger-db', port: 5433, kind: 'publish', format: 'compose', file: 'services/ledger/.env', line: 3, column: 13,
  via: { file: 'services/ledger/compose.yml', line: 8, column: 11 }, project: 'ledger', variable: 'LEDGER_DB_PORT',
});
const exporter = claim({ service: 'node-exporter', port: 9102, kind: 'listen', format: 'kubernetes', file: EXPORTER_FILE, line: 21, column: 25, scope: 'pod:observability/node-exporter' });
const grafana = claim({ service: 'grafana', port: 3000, kind: 'publish', format: 'compose', file: 'dashboards/grafana/compose.yml', line: 6, column: 11, project: 'grafana' });
const webDashboard = claim({ service: 'web-dashboard', port: 3000, kind: 'publish', format: 'compose', file: 'dashboards/web/compose.yml', line: 5, column: 11, project: 'web' });
const dns = claim({ service: 'dns', port: 53, protocol: 'udp', kind: 'listen', format: 'nix', file: 'hosts/dns.nix', line: 4, column: 20 });
const resolver = claim({ service: 'resolver', port: 53, protocol: 'udp', kind: 'listen', format: 'systemd', file: 'systemd/resolver.socket', line: 5, column: 16 });

const threeServices: Conflict = {
  id: 'registry-conflict:host:tcp:8765', rule: 'registry-conflict', severity: 'error', status: 'new',
  scope: 'host', protocol: 'tcp', port: 8765, endPort: 8765,
  services: ['constellation', 'jetstream-relay', 'spacedust'], newServices: ['jetstream-relay'],
  locations: [
    { service: 'constellation', file: REGISTRY_FILE, line: 14, column: 18 },
    { service: 'jetstream-relay', file: RELAY_FILE, line: 9, column: 11 },
    { service: 'spacedust', file: SPACEDUST_FILE, line: 12, column: 16 },
  ],
  suggestions: [
    { service: 'jetstream-relay', file: RELAY_FILE, line: 9, column: 11, from: 8765, to: 8766, toEnd: 8766 },
    { service: 'spacedust', file: SPACEDUST_FILE, line: 12, column: 16, from: 8765, to: 8767, toEnd: 8767 },
  ],
  message: `jetstream-relay (${RELAY_FILE}:9) and spacedust (${SPACEDUST_FILE}:12) bind 8765, which the registry gives to constellation`,
  bindings: [constellation, relay, spacedust],
};
const databases: Conflict = {
  id: 'duplicate-port:host:tcp:5433', rule: 'duplicate-port', severity: 'error', status: 'new',
  scope: 'host', protocol: 'tcp', port: 5433, endPort: 5433,
  services: ['billing-db', 'ledger-db'], newServices: ['ledger-db'],
  locations: [
    { service: 'billing-db', file: 'services/billing/compose.yml', line: 7, column: 11 },
    { service: 'ledger-db', file: 'services/ledger/.env', line: 3, column: 13 },
  ],
  suggestions: [{ service: 'ledger-db', file: 'services/ledger/.env', line: 3, column: 13, from: 5433, to: 5434, toEnd: 5434 }],
  message: 'billing-db (services/billing/compose.yml:7) and ledger-db (services/ledger/.env:3) both publish 5433',
  bindings: [billing, ledger],
};
const unregistered: Conflict = {
  id: 'unregistered:pod:observability/node-exporter:tcp:9102', rule: 'unregistered', severity: 'warning', status: 'new',
  scope: 'pod:observability/node-exporter', protocol: 'tcp', port: 9102, endPort: 9102,
  services: ['node-exporter'], newServices: ['node-exporter'],
  locations: [{ service: 'node-exporter', file: EXPORTER_FILE, line: 21, column: 25 }],
  suggestions: [],
  message: 'node-exporter listens on 9102, which the registry does not list',
  bindings: [exporter],
};
const twoStacks: Conflict = {
  id: 'duplicate-port:host:tcp:3000', rule: 'duplicate-port', severity: 'warning', status: 'new',
  scope: 'host', protocol: 'tcp', port: 3000, endPort: 3000,
  services: ['grafana', 'web-dashboard'], newServices: ['web-dashboard'],
  locations: [
    { service: 'grafana', file: 'dashboards/grafana/compose.yml', line: 6, column: 11 },
    { service: 'web-dashboard', file: 'dashboards/web/compose.yml', line: 5, column: 11 },
  ],
  suggestions: [{ service: 'web-dashboard', file: 'dashboards/web/compose.yml', line: 5, column: 11, from: 3000, to: 3001, toEnd: 3001 }],
  message: 'grafana and web-dashboard both publish 3000 (two stacks, which may be alternatives)',
  bindings: [grafana, webDashboard],
};
const reserved: Conflict = {
  id: 'reserved-port:host:tcp:3005', rule: 'reserved-port', severity: 'warning', status: 'new',
  scope: 'host', protocol: 'tcp', port: 3005, endPort: 3005,
  services: ['web-dashboard'], newServices: ['web-dashboard'],
  locations: [{ service: 'web-dashboard', file: 'dashboards/web/compose.yml', line: 6, column: 11 }],
  suggestions: [{ service: 'web-dashboard', file: 'dashboards/web/compose.yml', line: 6, column: 11, from: 3005, to: 3011, toEnd: 3011 }],
  message: 'web-dashboard publishes 3005, inside the reserved range 3004-3010 (future services)',
  bindings: [{ ...webDashboard, port: 3005, endPort: 3005, line: 6 }],
};
const older: Conflict = {
  id: 'duplicate-port:host:udp:53', rule: 'duplicate-port', severity: 'error', status: 'existing',
  scope: 'host', protocol: 'udp', port: 53, endPort: 53,
  services: ['dns', 'resolver'], newServices: [],
  locations: [
    { service: 'dns', file: 'hosts/dns.nix', line: 4, column: 20 },
    { service: 'resolver', file: 'systemd/resolver.socket', line: 5, column: 16 },
  ],
  suggestions: [{ service: 'resolver', file: 'systemd/resolver.socket', line: 5, column: 16, from: 53, to: 1053, toEnd: 1053 }],
  message: 'dns (hosts/dns.nix:4) and resolver (systemd/resolver.socket:5) both listen on 53/udp',
  bindings: [dns, resolver],
};

export function pullRequestReport(): Report {
  return {
    schemaVersion: 1,
    base: 'b4se5ha0000000000000000000000000000000000',
    stats: { files: 214, bindings: 57, durationMs: 412 },
    bindings: [constellation, grafanaEntry, spacedust, relay, billing, ledger, exporter, grafana, webDashboard, dns, resolver],
    conflicts: [older, unregistered, twoStacks, threeServices, reserved, databases],
    diagnostics: [{ file: 'platform/observability/k8s/collector.yaml', line: 40, column: 3, severity: 'warning', message: 'duplicate key "ports": the later value is read' }],
    incomplete: [],
  };
}

export const headLink = (file: string, line: number): string => `https://github.com/acme/platform/blob/${HEAD}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;
