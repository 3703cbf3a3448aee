// The published package as a developer gets it: `npm pack`, installed into a scratch folder
// with the network out of reach, then run with npx, as the README's "Working locally" shows,
// and as pre-commit runs its hook.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { parse } from 'yaml';
import { makeScratchDir, SCRATCH_GIT_ENV } from '../helpers/scratchRepo.js';

interface PackedFile {
  path: string;
}
interface Packed {
  filename: string;
  size: number;
  entryCount: number;
  files: PackedFile[];
}

let scratch: string;
let app: string;
let packed: Packed;
/** npm with no cache, no registry it can reach, and none of the settings of the `npm test` that runs this. */
let offline: NodeJS.ProcessEnv;

function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  return { ...env, NO_COLOR: '1', ...extra };
}

beforeAll(() => {
  if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js is missing: npm run build');
  scratch = makeScratchDir('portcullis-package-');
  const [result] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { encoding: 'utf8', env: cleanEnv({}) })) as Packed[];
  if (!result) throw new Error('npm pack gave no package');
  packed = result;
  app = join(scratch, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "scratch-app", "private": true }\n');
  const cache = join(scratch, 'empty-cache');
  mkdirSync(cache);
  offline = cleanEnv({ npm_config_offline: 'true', npm_config_cache: cache, npm_config_registry: 'http://127.0.0.1:9/', npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' });
  execFileSync('npm', ['install', join(scratch, packed.filename)], { cwd: app, encoding: 'utf8', env: offline, stdio: 'pipe' });
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

function gitRepo(name: string): { root: string; git: (...args: string[]) => string; write: (files: Record<string, string>) => void } {
  const root = join(app, name);
  mkdirSync(root);
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...SCRATCH_GIT_ENV, HOME: scratch } });
  git('init', '-q', '-b', 'main');
  const write = (files: Record<string, string>): void => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
  };
  return { root, git, write };
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): { status: number | null; stdout: string; stderr: string } {
  const child = spawnSync('sh', ['-c', command], { cwd, encoding: 'utf8', env });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const REGISTRY = 'services:\n  web: 8080\n';
const WEB = 'services:\n  web:\n    image: web\n    ports:\n      - "8080:80"\n';
const API = 'processes:\n  api:\n    command: ./api --port 8080\n';

describe('the package', () => {
  it('is publishable, with a portcullis command and no runtime dependency', () => {
    const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
    expect(manifest.private).toBeUndefined();
    expect(manifest.bin).toEqual({ portcullis: 'dist/cli.js' });
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.license).toBe('MIT');
  });

  it('holds the bundle, the grammars, the schemas, the README and the LICENSE, and nothing else', () => {
    const paths = packed.files.map((file) => file.path).sort();
    expect(paths).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/cli.js', 'dist/worker.js', 'dist/wasm/tree-sitter-nix.wasm', 'dist/wasm/web-tree-sitter.wasm', 'dist/schemas/portcullis.schema.json', 'dist/schemas/ports.schema.json', 'dist/schemas/report.schema.json']));
    expect(paths.filter((path) => !/^(?:LICENSE|README\.md|package\.json|dist\/(?:cli|worker)\.js|dist\/wasm\/[\w-]+\.wasm|dist\/schemas\/[\w.]+\.schema\.json)$/.test(path))).toEqual([]);
    expect(readFileSync('LICENSE', 'utf8')).toMatch(/^MIT License\n/);
  });

  it('has bundles that import nothing but Node built-ins, so they run without node_modules', () => {
    const builtins = new Set(builtinModules);
    for (const bundle of ['dist/cli.js', 'dist/worker.js', 'dist/index.js']) {
      const text = readFileSync(bundle, 'utf8');
      const specifiers = [...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
      expect(specifiers.length).toBeGreaterThan(0);
      expect(specifiers.filter((specifier) => !specifier.startsWith('node:') && !builtins.has(specifier) && !specifier.startsWith('.'))).toEqual([]);
    }
  });

  it('installs from its tarball without the network and runs with npx', () => {
    const repo = gitRepo('installed');
    repo.write({ 'ports.yml': REGISTRY, 'web/compose.yml': WEB, 'api/process-compose.yaml': API });
    const check = sh('npx --offline --no portcullis check', repo.root, offline);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('error: registry-conflict on 8080/tcp in host (new)');
    expect(check.stdout).toContain('move api to 8081 at api/process-compose.yaml:3:27');
    // The grammars load from the installed package: a listener in Rust and a NixOS module.
    repo.write({ 'svc/Cargo.toml': '[package]\nname = "svc"\n', 'svc/src/main.rs': 'fn main() {\n    let port = 9300;\n    serve(TcpListener::bind(("0.0.0.0", port)));\n}\n', 'hosts/a.nix': '{ services.other.port = 9300; }\n' });
    // The command npx ran, straight from the installed package.
    const bin = join(app, 'node_modules', '.bin', 'portcullis');
    expect(sh(`${bin} --version`, repo.root, offline).stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    const json = sh(`${bin} check --format json --fail-on none`, repo.root, offline);
    expect(json.status).toBe(0);
    const report = JSON.parse(json.stdout) as { conflicts: Array<{ services: string[] }>; diagnostics: unknown[] };
    expect(report.diagnostics).toEqual([]);
    expect(report.conflicts.map((conflict) => conflict.services)).toContainEqual(['other', 'svc']);
  });
});

/** The "Working locally" section of the README: its code blocks, in order. */
function localSection(): Array<{ lang: string; text: string }> {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('\n## Working locally\n');
  const end = readme.indexOf('\n## ', start + 1);
  if (start < 0) throw new Error('the README has no "Working locally" section');
  return [...readme.slice(start, end).matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1] ?? '', text: match[2] ?? '' }));
}

describe("the README's Working locally section", () => {
  it('shows npx, then pre-commit, then fix', () => {
    const blocks = localSection().map((block) => block.text);
    const npx = blocks.findIndex((text) => text.includes('npx portcullis check'));
    const preCommit = blocks.findIndex((text) => text.includes('.pre-commit-config.yaml'));
    const fix = blocks.findIndex((text) => text.includes('npx portcullis fix'));
    expect(npx).toBeGreaterThanOrEqual(0);
    expect(preCommit).toBeGreaterThan(npx);
    expect(fix).toBeGreaterThan(preCommit);
  });

  it('shows commands that each do what the README says, run in order on a branch with a new collision', () => {
    const repo = gitRepo('readme');
    repo.write({ 'ports.yml': REGISTRY, 'web/compose.yml': WEB });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'main');
    repo.git('checkout', '-qb', 'feature');
    repo.write({ 'api/process-compose.yaml': API, 'worker/.env': 'WORKER_PORT=9100\n' });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'feature');

    const commands = localSection()
      .filter((block) => block.lang === 'sh')
      .flatMap((block) => block.text.split('\n'))
      .map((line) => (line.includes(' #') ? line.slice(0, line.indexOf(' #')) : line).trim())
      .filter((line) => line !== '');
    expect(commands.length).toBeGreaterThanOrEqual(5);
    let fixed = false;
    for (const command of commands) {
      const result = sh(command, repo.root, offline);
      const outcome = { command, status: result.status };
      if (command === 'npx portcullis check' || command === 'npx portcullis check --base main') {
        expect(outcome).toEqual({ command, status: fixed ? 0 : 1 });
        if (!fixed) expect(result.stdout).toContain('move api to 8081 at api/process-compose.yaml:3:27');
      } else if (command === 'npx portcullis fix --dry-run') {
        expect(outcome).toEqual({ command, status: 0 });
        expect(result.stdout).toMatch(/^--- a\/api\/process-compose\.yaml\n/);
        expect(repo.git('status', '--porcelain')).toBe('');
      } else if (command === 'npx portcullis fix') {
        expect(outcome).toEqual({ command, status: 0 });
        expect(readFileSync(join(repo.root, 'api/process-compose.yaml'), 'utf8')).toBe(API.replace('8080', '8081'));
        fixed = true;
      } else {
        throw new Error(`the README shows a command this test does not know what to expect of: ${command}`);
      }
    }
    expect(fixed).toBe(true);
  });

  it('gives a pre-commit config that names the hook of .pre-commit-hooks.yaml', () => {
    const block = localSection().find((candidate) => candidate.text.startsWith('# .pre-commit-config.yaml'));
    const config = parse(block?.text ?? '') as { repos: Array<{ repo: string; rev: string; hooks: Array<{ id: string }> }> };
    const hooks = parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Array<{ id: string }>;
    expect(config.repos).toHaveLength(1);
    expect(config.repos[0]?.repo).toMatch(/\/portcullis$/);
    expect(config.repos[0]?.hooks.map((hook) => hook.id)).toEqual(['portcullis']);
    expect(hooks.map((hook) => hook.id)).toContain('portcullis');
  });
});

describe('the pre-commit hook', () => {
  interface Hook {
    id: string;
    entry: string;
    language: string;
    args?: string[];
    pass_filenames?: boolean;
    always_run?: boolean;
  }

  it("fails a commit that adds a collision and passes one that adds none, run as pre-commit runs it (entry and args from the hook's own file)", () => {
    const [hook] = (parse(readFileSync('.pre-commit-hooks.yaml', 'utf8')) as Hook[]).filter((candidate) => candidate.id === 'portcullis');
    if (!hook) throw new Error('no portcullis hook');
    expect(hook).toMatchObject({ language: 'node', pass_filenames: false, always_run: true });
    // pre-commit splits the entry as a shell would (shlex) and runs it with the package's bin on PATH.
    expect(hook.entry).not.toMatch(/["'\\$`]/);
    const argv = [...hook.entry.split(/\s+/), ...(hook.args ?? [])];
    const env = { ...offline, PATH: [join(app, 'node_modules', '.bin'), process.env['PATH'] ?? ''].join(delimiter) };
    const runHook = (cwd: string) => spawnSync(argv[0] ?? '', argv.slice(1), { cwd, encoding: 'utf8', env });

    const repo = gitRepo('hooked');
    // A collision that HEAD already has does not block a commit.
    repo.write({ 'a/.env': 'API_PORT=3000\n', 'b/.env': 'WORKER_PORT=3000\n' });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'existing collision');
    repo.write({ 'README.md': 'docs\n' });
    repo.git('add', '-A');
    expect(runHook(repo.root).status).toBe(0);

    repo.write({ 'c/.env': 'QUEUE_PORT=3000\n' });
    repo.git('add', '-A');
    const failing = runHook(repo.root);
    expect(failing.status).toBe(1);
    expect(failing.stdout).toContain('queue (new)');
  });
});
