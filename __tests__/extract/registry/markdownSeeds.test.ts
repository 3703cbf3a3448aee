import { describe, expect, it } from '@jest/globals';
import type { ExtractResult } from '../../../src/model/types.js';
import { extractMarkdownRegistry, markdownRegistryExtractor } from '../../../src/extract/registry/markdown.js';

// Seeds 002 and 003 verbatim (/work/shared/seeds): the registries teams really keep.
const SEED_002 = `# ðŸ”Œ Service Ports Registry - Nix for Humanity

## Port Allocations

### Nix for Humanity Services

| Port | Service | Description | Status |
|------|---------|-------------|--------|
| **3456** | NLP Core API | Main REST API for intent processing | Active |
| **3457** | WebSocket Server | Real-time voice/text streaming | Active |
| **3458** | Learning GUI | Progressive interface server | Planned |
| **3459** | Metrics Server | Local metrics collection | Planned |
| **8080** | Development Server | Webpack dev server | Dev only |
| **8081** | Tauri Dev | Desktop app development | Dev only |

### Integration with Luminous-Dynamics Ecosystem

| Port | Service | Description | Owner |
|------|---------|-------------|-------|
| **3001** | The Weave | Agent coordination | 01-resonant-coherence |
| **3333** | Sacred Core | Core sacred API | 01-resonant-coherence |
| **3338** | Field Visualizer | Coherence display | 02-pan-sentient-flourishing |
| **7777** | Sacred Bridge | Consciousness bus | 05-universal-interconnectedness |
| **8080** | Codex | Glyph registry | 03-integral-wisdom |

### Testing & Development Ports

| Port | Purpose | Lifetime |
|------|---------|----------|
| **9000** | Test server | During tests only |
| **9001** | Mock NixOS API | During tests only |
| **9002** | WebSocket test server | During tests only |
| **6006** | Storybook | Development only |

## Port Selection Rationale

### Why 3456-3459 Range?
- Available in default NixOS firewall rules
- Not commonly used by other services
- Sequential for easy remembering
- Away from Sacred Core (3333) to avoid confusion

### Reserved Ranges to Avoid
- **3000-3010** - Common Node.js apps
- **8000-8090** - Common development servers
- **5000-5010** - Common Python/Flask apps
- **4200-4210** - Angular development
- **3306, 5432, 6379** - Database defaults

## NixOS Configuration

\`\`\`nix
# /etc/nixos/configuration.nix
networking.firewall = {
  allowedTCPPorts = [ 
    3456  # Nix for Humanity API
    3457  # Nix for Humanity WebSocket
  ];
};

# Service configuration
services.nix-for-humanity = {
  enable = true;
  api.port = 3456;
  websocket.port = 3457;
};
\`\`\`

## Docker Configuration

\`\`\`yaml
# docker-compose.yml
services:
  nlp-api:
    ports:
      - "3456:3456"
  
  websocket:
    ports:
      - "3457:3457"
\`\`\`

## Development Environment

\`\`\`bash
# .env
NLP_API_PORT=3456
WEBSOCKET_PORT=3457
LEARNING_GUI_PORT=3458
METRICS_PORT=3459

# Fallback for conflicts
NLP_API_PORT_ALT=13456
WEBSOCKET_PORT_ALT=13457
\`\`\`

## Conflict Resolution

### Check Port Availability
\`\`\`bash
# Check if port is in use
lsof -i :3456
netstat -tlnp | grep 3456
ss -tlnp | grep 3456

# Find available port in range
for port in {3456..3459}; do
  lsof -i :$port >/dev/null 2>&1 || echo "Port $port is available"
done
\`\`\`

### If Ports Conflict
1. Check \`SERVICE_PORTS_REGISTRY.md\` in main Luminous-Dynamics
2. Use alternative ports (13456-13459)
3. Update configuration files
4. Document in this file

## Integration with Port Registry

**Main Registry Location**: \`/srv/luminous-dynamics/00-sacred-foundation/tools/port-registry.json\`

### Register Our Ports
\`\`\`bash
# Use the sacred port registry tool
cd /srv/luminous-dynamics/00-sacred-foundation/tools
node sacred-port-registry.js register \\
  --name "nix-for-humanity" \\
  --port 3456 \\
  --description "Natural language interface for NixOS" \\
  --path "11-meta-consciousness/nix-for-humanity"
\`\`\`

### Check Port Availability
\`\`\`javascript
// Check Luminous-Dynamics port registry
const portRegistry = require('/srv/luminous-dynamics/00-sacred-foundation/tools/port-registry.json');

const checkPortAvailability = (port) => {
  // Check all service categories
  for (const category of Object.values(portRegistry.services)) {
    for (const service of Object.values(category)) {
      if (service.port === port) {
        return false; // Port is taken
      }
    }
  }
  
  // Check reserved ports
  if (Object.values(portRegistry.reserved).includes(port)) {
    return false;
  }
  
  return true; // Port is available
};
\`\`\`

## Service Discovery

\`\`\`javascript
// Service registration with Sacred Bridge
const registerService = async () => {
  await fetch('http://localhost:7777/api/services', {
    method: 'POST',
    body: JSON.stringify({
      name: 'nix-for-humanity',
      ports: {
        api: 3456,
        websocket: 3457
      },
      capabilities: ['nlp', 'voice', 'nixos-management']
    })
  });
};
\`\`\`

## Monitoring

\`\`\`bash
# Monitor all Nix for Humanity ports
watch -n 1 'lsof -i :3456-3459'

# Check service health
curl http://localhost:3456/health
curl http://localhost:3457/health
\`\`\`

## Emergency Procedures

### Port Already in Use
\`\`\`bash
# Find process using port
lsof -i :3456 | grep LISTEN

# Kill process (careful!)
kill $(lsof -t -i :3456)

# Or change to alternative port
export NLP_API_PORT=13456
\`\`\`

### Update All References
If changing ports, update:
- [ ] This file
- [ ] .env files
- [ ] docker-compose.yml
- [ ] NixOS configuration
- [ ] Documentation
- [ ] Tests

---

*Ports are sacred boundaries. Respect them, document them, and they will serve you well.*`;

const SEED_003 = `# Port Allocation

This document tracks all port assignments across the DriftOS ecosystem to prevent conflicts.

## DriftOS Core Services

### Main Application Ports
- **3000** - driftos-gateway (API Gateway - main entry point that proxies to other services)
- **3001** - driftos-core (LLM service)
  - Includes \`/metrics\` endpoint for Prometheus
- **3002** - driftos-embed-enterprise (Embedding/Vector service)

### Supporting Services

#### DriftOS Core Support (301x range)
- **3010** - Grafana (Monitoring dashboards for driftos-core)
  - **User/Pass**: admin/admin

#### DriftOS Embed Support (302x range)
- **3020** - Grafana (Monitoring dashboards for driftos-embed-enterprise)
  - **User/Pass**: admin/admin

#### Monitoring Infrastructure (9xxx range)
- **9091** - Prometheus (Metrics collection for driftos-core)

### Database
- **5433** - PostgreSQL (Docker container)
  - Internal container port: 5432
  - External/host port: 5433

### Other/Future Services
- **3004-3009** - Reserved for future DriftOS services (website, demo, etc.)
- **8100** - Embedding service (alternative/legacy)

## Port Organization Strategy

Services are organized by prefix:
- **3000**: Gateway (main entry point)
- **3001**: Core LLM service
- **3002**: Embed service
- **301x**: Core supporting services (Grafana, etc.)
- **302x**: Embed supporting services
- **9xxx**: Monitoring infrastructure (Prometheus, etc.)

## Port Conflict History

### Resolved Conflicts
1. **Core Grafana (3002 → 3010)**: Originally on 3002, conflicted with driftos-embed-enterprise. Moved to 3010 (301x range).
2. **Embed Grafana (3002 → 3020)**: Originally on 3002, conflicted with driftos-embed-enterprise service. Moved to 3020 (302x range).
3. **Gateway (3003 → 3000)**: Moved to 3000 to be the main entry point.

## Quick Reference

| Service | Port | Access |
|---------|------|--------|
| **Main Services** | | |
| driftos-gateway | 3000 | http://localhost:3000 |
| driftos-core | 3001 | http://localhost:3001 |
| driftos-embed-enterprise | 3002 | http://localhost:3002 |
| **Core Support (301x)** | | |
| Grafana (core monitoring) | 3010 | http://localhost:3010 |
| **Embed Support (302x)** | | |
| Grafana (embed monitoring) | 3020 | http://localhost:3020 |
| **Monitoring (9xxx)** | | |
| Prometheus | 9091 | http://localhost:9091 |
| **Database** | | |
| PostgreSQL | 5433 | localhost:5433 |
| **Other Services** | | |
| driftos-website | 3004 | http://localhost:3004 |
| driftos-demo | 3005 | http://localhost:3005 |
| Future services | 3006-3009 | |
| Embedding (alt/legacy) | 8100 | http://localhost:8100 |

## Environment Variables

To customize ports, set these in your \`.env\` file:

\`\`\`bash
# Application
PORT=3001

# Monitoring
GRAFANA_PORT=3010
PROMETHEUS_PORT=9091

# Database
# See DATABASE_URL for PostgreSQL connection string
\`\`\`

## Docker Compose Services

Services defined in \`docker/docker-compose.yml\`:
- **postgres**: 5433:5432
- **prometheus**: 9091:9090
- **grafana**: 3010:3000

## Notes

- All DriftOS services (core, embed, llm, gateway, website, demo) use ports in the **3000-3006** range
- Monitoring tools (Grafana, Prometheus) use separate port ranges
- PostgreSQL uses **5433** (not 5432) to avoid conflicts with local PostgreSQL installations
- The gateway (3003) is the main entry point and proxies to other services
- Health check endpoints should be public (no auth required) to detect service availability
`;

type Row = [service: string, port: number, endPort: number, line: number, column: number, category: string];

function rows(result: ExtractResult): Row[] {
  return result.bindings.map((b) => [b.service, b.port, b.endPort, b.line, b.column, b.category ?? '']);
}

function reservedRows(result: ExtractResult): Array<[number, number, number, number, string]> {
  return (result.registry?.reserved ?? []).map((r) => [r.start, r.end, r.line, r.column, r.reason ?? '']);
}

describe('seed 002: SERVICE_PORTS_REGISTRY.md', () => {
  const result = extractMarkdownRegistry({ path: 'SERVICE_PORTS_REGISTRY.md', text: SEED_002 });

  it('reads every row of its three tables at the port literal, past the bold markers', () => {
    expect(rows(result)).toEqual([
      ['nlp-core-api', 3456, 3456, 9, 5, 'nix-for-humanity-services'],
      ['websocket-server', 3457, 3457, 10, 5, 'nix-for-humanity-services'],
      ['learning-gui', 3458, 3458, 11, 5, 'nix-for-humanity-services'],
      ['metrics-server', 3459, 3459, 12, 5, 'nix-for-humanity-services'],
      ['development-server', 8080, 8080, 13, 5, 'nix-for-humanity-services'],
      ['tauri-dev', 8081, 8081, 14, 5, 'nix-for-humanity-services'],
      ['the-weave', 3001, 3001, 20, 5, 'integration-with-luminous-dynamics-ecosystem'],
      ['sacred-core', 3333, 3333, 21, 5, 'integration-with-luminous-dynamics-ecosystem'],
      ['field-visualizer', 3338, 3338, 22, 5, 'integration-with-luminous-dynamics-ecosystem'],
      ['sacred-bridge', 7777, 7777, 23, 5, 'integration-with-luminous-dynamics-ecosystem'],
      // The seed gives 8080 twice: detect reports that registry-duplicate, the extractor keeps both.
      ['codex', 8080, 8080, 24, 5, 'integration-with-luminous-dynamics-ecosystem'],
      // `| Port | Purpose | Lifetime |`: with no service column, the purpose names the holder.
      ['test-server', 9000, 9000, 30, 5, 'testing-development-ports'],
      ['mock-nixos-api', 9001, 9001, 31, 5, 'testing-development-ports'],
      ['websocket-test-server', 9002, 9002, 32, 5, 'testing-development-ports'],
      ['storybook', 6006, 6006, 33, 5, 'testing-development-ports'],
    ]);
  });

  it('gives every entry the registry binding shape', () => {
    expect(result.bindings[0]).toEqual({
      service: 'nlp-core-api',
      port: 3456,
      endPort: 3456,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'registry',
      format: 'registry-markdown',
      file: 'SERVICE_PORTS_REGISTRY.md',
      line: 9,
      column: 5,
      category: 'nix-for-humanity-services',
    });
    expect(markdownRegistryExtractor.format).toBe('registry-markdown');
  });

  it('reads the bullets under "Reserved Ranges to Avoid" as reserved blocks, one per literal', () => {
    expect(reservedRows(result)).toEqual([
      [3000, 3010, 44, 5, 'Common Node.js apps'],
      [8000, 8090, 45, 5, 'Common development servers'],
      [5000, 5010, 46, 5, 'Common Python/Flask apps'],
      [4200, 4210, 47, 5, 'Angular development'],
      [3306, 3306, 48, 5, 'Database defaults'],
      [5432, 5432, 48, 11, 'Database defaults'],
      [6379, 6379, 48, 17, 'Database defaults'],
    ]);
  });

  it('names the categories after the headings, located at the heading text', () => {
    expect(result.registry?.categories).toEqual([
      { file: 'SERVICE_PORTS_REGISTRY.md', line: 5, column: 5, name: 'nix-for-humanity-services' },
      { file: 'SERVICE_PORTS_REGISTRY.md', line: 16, column: 5, name: 'integration-with-luminous-dynamics-ecosystem' },
      { file: 'SERVICE_PORTS_REGISTRY.md', line: 26, column: 5, name: 'testing-development-ports' },
    ]);
  });

  it('takes nothing from code blocks, prose or curl URLs: only the table rows', () => {
    // `NLP_API_PORT_ALT=13456` (a .env block), `api.port = 3456` (Nix), `curl http://localhost:3457/health`.
    const ports = result.bindings.map((b) => b.port);
    expect(ports).not.toContain(13456);
    expect(ports).not.toContain(13457);
    expect(ports.filter((port) => port === 3456 || port === 3457 || port === 7777)).toEqual([3456, 3457, 7777]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('seed 003: PORTS.md', () => {
  const result = extractMarkdownRegistry({ path: 'PORTS.md', text: SEED_003 });

  it('reads the Quick Reference table with its section rows as categories; the Access URLs are not entries', () => {
    expect(rows(result)).toEqual([
      ['driftos-gateway', 3000, 3000, 57, 21, 'main-services'],
      ['driftos-core', 3001, 3001, 58, 18, 'main-services'],
      ['driftos-embed-enterprise', 3002, 3002, 59, 30, 'main-services'],
      // A parenthetical describes: both Grafanas are the service `grafana`, owning two ports.
      ['grafana', 3010, 3010, 61, 31, 'core-support'],
      ['grafana', 3020, 3020, 63, 32, 'embed-support'],
      ['prometheus', 9091, 9091, 65, 16, 'monitoring'],
      ['postgresql', 5433, 5433, 67, 16, 'database'],
      ['driftos-website', 3004, 3004, 69, 21, 'other-services'],
      ['driftos-demo', 3005, 3005, 70, 18, 'other-services'],
      ['embedding', 8100, 8100, 72, 28, 'other-services'],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('gives section rows their prefix ranges (301x, 302x, 9xxx) at the section text', () => {
    expect(result.registry?.categories).toEqual([
      { file: 'PORTS.md', line: 56, column: 5, name: 'main-services' },
      { file: 'PORTS.md', line: 60, column: 5, name: 'core-support', range: { start: 3010, end: 3019 } },
      { file: 'PORTS.md', line: 62, column: 5, name: 'embed-support', range: { start: 3020, end: 3029 } },
      { file: 'PORTS.md', line: 64, column: 5, name: 'monitoring', range: { start: 9000, end: 9999 } },
      { file: 'PORTS.md', line: 66, column: 5, name: 'database' },
      { file: 'PORTS.md', line: 68, column: 5, name: 'other-services' },
    ]);
  });

  it('reserves the bullet "Reserved for future" block and the table\'s "Future services" range', () => {
    expect(reservedRows(result)).toEqual([
      [3004, 3009, 32, 5, 'Reserved for future DriftOS services (website, demo, etc.)'],
      [3006, 3009, 71, 21, 'Future services'],
    ]);
  });

  it('reads the bullet list alone when the document has no registry table', () => {
    const lists = extractMarkdownRegistry({ path: 'PORTS.md', text: SEED_003.slice(0, SEED_003.indexOf('## Quick Reference')) });
    expect(rows(lists)).toEqual([
      ['driftos-gateway', 3000, 3000, 8, 5, 'main-application-ports'],
      ['driftos-core', 3001, 3001, 9, 5, 'main-application-ports'],
      ['driftos-embed-enterprise', 3002, 3002, 11, 5, 'main-application-ports'],
      ['grafana', 3010, 3010, 16, 5, 'driftos-core-support'],
      ['grafana', 3020, 3020, 20, 5, 'driftos-embed-support'],
      ['prometheus', 9091, 9091, 24, 5, 'monitoring-infrastructure'],
      ['postgresql', 5433, 5433, 27, 5, 'database'],
      ['embedding-service', 8100, 8100, 33, 5, 'other-future-services'],
    ]);
    expect(reservedRows(lists)).toEqual([[3004, 3009, 32, 5, 'Reserved for future DriftOS services (website, demo, etc.)']]);
    expect(lists.registry?.categories.map((c) => [c.name, c.line, c.column, c.range])).toEqual([
      ['main-application-ports', 7, 5, undefined],
      ['driftos-core-support', 15, 6, { start: 3010, end: 3019 }],
      ['driftos-embed-support', 19, 6, { start: 3020, end: 3029 }],
      ['monitoring-infrastructure', 23, 6, { start: 9000, end: 9999 }],
      ['database', 26, 5, undefined],
      ['other-future-services', 31, 5, undefined],
    ]);
    // "**3000**: Gateway" explains the numbering; "1. **Core Grafana (3002 → 3010)**" is history.
    expect(lists.bindings.filter((b) => b.port === 3000)).toHaveLength(1);
    expect(lists.bindings.some((b) => b.port === 3002 && b.service !== 'driftos-embed-enterprise')).toBe(false);
    expect(lists.diagnostics).toEqual([]);
  });
});
