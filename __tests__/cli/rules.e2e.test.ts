// `rules:` in `.portcullis.yml`, through the bundled CLI: a rule turned off leaves the
// report, a raised one fails the check, and a collision that is only possible stays a
// warning whatever the config says.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';
import { CLI, NODE, runCliJson, runCliText } from './bundle.js';

// web's registered port lies outside its category; alpha and beta, whom the registry does
// not list, publish one port from two Compose projects, which may be alternatives.
const FILES = {
  'ports.yml': 'categories:\n  application: { range: "3000-3999" }\nservices:\n  web: { port: 8080, category: application }\n',
  'web/compose.yml': 'services:\n  web:\n    image: web\n    ports:\n      - "8080:80"\n',
  'a/compose.yml': 'services:\n  alpha:\n    image: alpha\n    ports:\n      - "5000:5000"\n',
  'b/compose.yml': 'services:\n  beta:\n    image: beta\n    ports:\n      - "5000:5000"\n',
};

let repo: ScratchRepo;
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build');
});
afterEach(() => repo?.dispose());

function severities(config: string | undefined): { status: number | null; conflicts: Array<[string, string]> } {
  repo = scratchRepo();
  repo.write(config === undefined ? FILES : { ...FILES, '.portcullis.yml': config });
  const { status, json } = runCliJson(['check', repo.root]);
  return { status, conflicts: json.conflicts.map((conflict) => [conflict.rule, conflict.severity]) };
}

describe('portcullis check with rules: in .portcullis.yml', () => {
  it('without it, reports every rule at its default severity and passes on warnings', () => {
    expect(severities(undefined)).toEqual({
      status: 0,
      conflicts: [
        ['duplicate-port', 'warning'],
        ['unregistered', 'warning'],
        ['out-of-range', 'warning'],
      ],
    });
  });

  it('drops an off rule, fails on a raised one, and keeps a collision across stacks a warning', () => {
    const config = 'rules:\n  unregistered: off\n  out-of-range: error\n  duplicate-port: error\n';
    expect(severities(config)).toEqual({
      status: 1,
      conflicts: [
        ['duplicate-port', 'warning'],
        ['out-of-range', 'error'],
      ],
    });
    const text = runCliText(['check', repo.root]);
    expect(text).toContain('error: out-of-range on 8080/tcp in host (new)');
    expect(text).toContain('warning: duplicate-port on 5000/tcp in host (new)');
    expect(text).toContain('(only across the Compose stacks a/compose.yml and b/compose.yml, which may not run together)');
    expect(text).not.toContain('unregistered');
  });

  it('makes every conflict of a lowered rule a warning, so that a certain collision no longer fails', () => {
    const oneStack = { 'c/compose.yml': 'services:\n  api:\n    image: api\n    ports: ["6000:6000"]\n  admin:\n    image: admin\n    ports: ["6000:6001"]\n' };
    repo = scratchRepo();
    repo.write({ ...FILES, ...oneStack });
    const before = runCliJson(['check', repo.root]);
    expect([before.status, before.json.conflicts.filter((c) => c.rule === 'duplicate-port').map((c) => [c.port, c.severity])]).toEqual([1, [[5000, 'warning'], [6000, 'error']]]);
    repo.write({ '.portcullis.yml': 'rules: { duplicate-port: warning }\n' });
    const after = runCliJson(['check', repo.root]);
    expect([after.status, after.json.conflicts.filter((c) => c.rule === 'duplicate-port').map((c) => [c.port, c.severity])]).toEqual([0, [[5000, 'warning'], [6000, 'warning']]]);
  });

  it('refuses a mistyped rule with its line and the rule meant, as a usage error', () => {
    repo = scratchRepo();
    repo.write({ ...FILES, '.portcullis.yml': 'exclude: [legacy/**]\nrules:\n  unregistred: off\n' });
    const child = spawnSync(NODE, [CLI, 'check', repo.root], { encoding: 'utf8' });
    expect(child.status).toBe(2);
    expect(child.stderr).toBe('portcullis: .portcullis.yml:3:3: rules.unregistred: no rule of that name (did you mean "unregistered"?)\n');
    expect(child.stdout).toBe('');
  });
});
