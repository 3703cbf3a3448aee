// DESIGN.md "Command line": check, ports and suggest on the example repository (examples/),
// through runCli from source, as `npm start` shows it to a first-time user.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runCli } from '../../src/cli/run.js';
import type { JsonReport } from '../../src/report/json.js';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';
import { movesOf } from './scenario.js';

async function cli(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { cwd: process.cwd(), stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

describe('portcullis check examples', () => {
  it("finds the seeds' collisions, each with its proposal, and fails on the new errors", async () => {
    const { status, stdout } = await cli('check', 'examples', '--format', 'json');
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as JsonReport;
    expect(report.base).toBeNull();
    expect(report.diagnostics).toEqual([]);
    expect(report.conflicts.map((conflict) => [conflict.id, conflict.severity, conflict.services, movesOf(conflict)])).toEqual([
      ['registry-conflict:host:tcp:3000', 'error', ['api', 'gateway'], ['api@dev/process-compose.yaml:13:14 3000->3003']],
      ['registry-conflict:host:tcp:3002', 'error', ['embed', 'grafana'], ['grafana@observability/compose.yml:9:10 3002->3010']],
      ['registry-conflict:host:tcp:3456', 'error', ['docs', 'nlp-api'], ['docs@dev/process-compose.yaml:16:30 3456->3458']],
      ['duplicate-port:host:tcp:3457', 'warning', ['embed-cpu', 'websocket'], ['embed-cpu@nlp/compose.cpu.yml:13:10 3457->3459']],
      ['unregistered:host:tcp:3457', 'warning', ['embed-cpu', 'websocket'], []],
      ['registry-conflict:host:tcp:8765', 'error', ['constellation', 'spacedust'], ['spacedust@microcosm/spacedust/src/main.rs:6:16 8765->8766']],
    ]);
  });

  it('exits 0 with --fail-on none, and the text report marks no service new without a base', async () => {
    const { status, stdout } = await cli('check', 'examples', '--fail-on', 'none');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^6 new port collisions \(4 errors, 2 warnings\)\n/);
    // The alternative compose file's collision says why it is only a warning.
    expect(stdout).toContain('(only across the Compose stacks nlp/compose.cpu.yml and nlp/compose.yml, which may not run together)');
    expect(stdout).toContain('  services: embed, grafana\n  at observability/compose.yml:9:10 (grafana)\n  at ports.yml:11:18 (embed)\n  move grafana to 3010 at observability/compose.yml:9:10\n');
    expect(stdout).not.toMatch(/services: .*\(new\)/);
  });
});

describe('portcullis ports examples', () => {
  it('lists the whole inventory by where it runs, one row per binding, neighbours on one port together', async () => {
    const { status, stdout } = await cli('ports', 'examples');
    expect(status).toBe(0);
    const sections = stdout.trimEnd().split('\n\n');
    expect(sections[0]).toBe('31 bindings in 7 scopes');
    expect(sections.slice(1).map((section) => section.split('\n')[0])).toEqual([
      'host',
      'container nlp/embed-cpu',
      'container nlp/nlp-api',
      'container nlp/websocket',
      'container observability/grafana',
      'container observability/postgres',
      'container observability/prometheus',
    ]);
    const host = (sections[1] ?? '').split('\n');
    expect(host[1]).toMatch(/^ {2}PORT +ADDRESS +SERVICE +KIND +FORMAT +STACK +WHERE$/);
    expect(host.filter((row) => row.includes(' 3456/tcp '))).toEqual([
      expect.stringMatching(/ docs +listen +process-compose +process-compose stack dev\/process-compose\.yaml +dev\/process-compose\.yaml:16:30$/),
      expect.stringMatching(/ nlp-api +publish +compose +Compose stack nlp\/compose\.cpu\.yml +nlp\/\.env:1:14 \(via nlp\/compose\.cpu\.yml:9:10\)$/),
      expect.stringMatching(/ nlp-api +publish +compose +Compose stack nlp\/compose\.yml +nlp\/\.env:1:14 \(via nlp\/compose\.yml:5:10\)$/),
      expect.stringMatching(/ nlp-api +registry +registry +- +ports\.yml:12:20$/),
    ]);
    // The websocket's own listener runs in its container, as the same service.
    expect(sections.find((section) => section.startsWith('container nlp/websocket\n'))).toMatch(/ websocket +listen +python +Compose stack nlp\/compose\.yml +nlp\/ws\/server\.py:10:43/);
  });

  it('gives the same inventory as JSON, schema version 1', async () => {
    const { stdout } = await cli('ports', 'examples', '--format', 'json');
    const inventory = JSON.parse(stdout) as { schemaVersion: number; bindings: JsonReport['bindings'] };
    expect(inventory.schemaVersion).toBe(1);
    expect(inventory.bindings).toHaveLength(31);
    expect(inventory.bindings.find((binding) => binding.service === 'websocket' && binding.scope === 'host')).toEqual({
      service: 'websocket', port: 3457, endPort: 3457, protocol: 'tcp', hostIp: null, scope: 'host', kind: 'publish', format: 'compose',
      file: 'nlp/.env', line: 2, column: 16, via: { file: 'nlp/compose.yml', line: 9, column: 10 },
    });
  });
});

describe('portcullis suggest examples', () => {
  it("proposes ports inside the category's range, outside its reserved block and every claim", async () => {
    const { status, stdout } = await cli('suggest', 'examples', '--service', 'search', '--category', 'application', '--count', '3');
    expect(status).toBe(0);
    expect(stdout).toBe('3003\n3010\n3011\n');
  });

  it("starts above a registered service's own port, inside its category", async () => {
    expect((await cli('suggest', 'examples', '--service', 'redis', '--count', '2')).stdout).toBe('6380\n6381\n');
    // 9092 and 9093 are Kafka's and Alertmanager's well-known ports.
    expect((await cli('suggest', 'examples', '--service', 'prometheus')).stdout).toBe('9094\n');
  });

  it('refuses an unknown category with exit 2 and the categories the registry has', async () => {
    const { status, stderr } = await cli('suggest', 'examples', '--service', 'search', '--category', 'nope');
    expect(status).toBe(2);
    expect(stderr).toBe("portcullis: unknown category 'nope' (the registry has: application, databases, infrastructure)\n");
  });
});

describe('the config file', () => {
  let repo: ScratchRepo | undefined;
  afterEach(() => repo?.dispose());

  it('an ignore rule without a reason is a config error: exit 2 with one line that names the place', async () => {
    repo = scratchRepo();
    repo.write({ '.portcullis.yml': 'ignore:\n  - { rule: unregistered }\n' });
    const { status, stdout, stderr } = await cli('check', repo.root);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('portcullis: .portcullis.yml:2:5: ignore[0].reason: required\n');
  });
});
