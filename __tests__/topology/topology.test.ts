import { describe, expect, it } from '@jest/globals';
import type { ComposeFileFacts, ComposeRun } from '../../src/model/facts.js';
import { formComposeStacks } from '../../src/topology/composeStacks.js';
import { ContainerMap, type ContainerHome } from '../../src/topology/containers.js';
import { nameGoProgram } from '../../src/topology/processes.js';
import { binding } from '../detect/fixtures.js';

const at = (file: string, line = 1) => ({ file, line, column: 1 });

function composeFile(project: string, extra: Partial<ComposeFileFacts> = {}): ComposeFileFacts {
  return { project, services: [], includes: [], ...extra };
}

function stacksOf(files: Record<string, ComposeFileFacts>, runs: ComposeRun[] = [], settings = new Map()) {
  const layout = formComposeStacks({ files: new Map(Object.entries(files)), settings, runs, exists: (path) => path in files });
  return { ids: layout.stacks.map((stack) => stack.id), layout };
}

describe('formComposeStacks', () => {
  it("a folder's default file and its first override are one stack; every other file is a stack of its own", () => {
    const { ids } = stacksOf({
      'a/compose.yml': composeFile('a'),
      'a/docker-compose.yml': composeFile('a'),
      'a/compose.override.yml': composeFile('a'),
      'a/docker-compose.override.yml': composeFile('a'),
      'a/compose.prod.yml': composeFile('a'),
    });
    expect(ids).toEqual([
      'compose:a/compose.yml+a/compose.override.yml',
      'compose:a/compose.prod.yml',
      'compose:a/docker-compose.override.yml',
      'compose:a/docker-compose.yml',
    ]);
  });

  it('a run names a set once however often it is written; a file is in every set that reads it', () => {
    const run = (line: number): ComposeRun => ({ files: [{ written: 'compose.yml', at: at('Makefile', line) }, { written: 'compose.dev.yml', at: at('Makefile', line) }], folders: ['.'], at: at('Makefile', line) });
    const { ids, layout } = stacksOf({ 'compose.yml': composeFile('repo'), 'compose.dev.yml': composeFile('repo') }, [run(2), run(4)]);
    expect(ids).toEqual(['compose:compose.yml', 'compose:compose.yml+compose.dev.yml']);
    expect(layout.stacksOf.get('compose.yml')?.map((stack) => stack.id)).toEqual(ids);
    expect(layout.stacksOf.get('compose.dev.yml')?.map((stack) => stack.id)).toEqual(['compose:compose.yml+compose.dev.yml']);
  });

  it("resolves a script's files against its own folder, else the root", () => {
    const run: ComposeRun = { files: [{ written: 'deploy/a.yml', at: at('scripts/up.sh') }, { written: 'deploy/b.yml', at: at('scripts/up.sh') }], folders: ['scripts', '.'], at: at('scripts/up.sh') };
    expect(stacksOf({ 'deploy/a.yml': composeFile('deploy'), 'deploy/b.yml': composeFile('deploy') }, [run]).ids).toEqual(['compose:deploy/a.yml+deploy/b.yml']);
  });

  it('takes the project of the first file of a set', () => {
    const run: ComposeRun = { files: [{ written: 'b/x.yml', at: at('Makefile') }, { written: 'a/compose.yml', at: at('Makefile') }], folders: ['.'], at: at('Makefile') };
    const { layout } = stacksOf({ 'a/compose.yml': composeFile('a'), 'b/x.yml': composeFile('b') }, [run]);
    expect(layout.stacks.map((stack) => [stack.id, stack.project])).toEqual([
      ['compose:a/compose.yml', 'a'],
      ['compose:b/x.yml+a/compose.yml', 'b'],
    ]);
  });

  it('includes files into the including set; a file only extended from runs nothing of its own', () => {
    const { ids } = stacksOf({
      'compose.yml': composeFile('repo', { includes: [{ path: 'infra/db.yml', at: at('compose.yml', 2) }] }),
      'infra/db.yml': composeFile('infra'),
      'common.yml': composeFile('repo'),
      'web.yml': composeFile('repo', { services: [{ name: 'web', at: at('web.yml'), profiles: [], hostNetwork: false, extends: { service: 'base', file: { path: 'common.yml', at: at('web.yml', 3) }, at: at('web.yml', 3) } }] }),
    });
    expect(ids).toEqual(['compose:compose.yml+infra/db.yml', 'compose:web.yml']);
  });
});

describe('nameGoProgram', () => {
  const layout = { mainFolders: new Set(['.', 'cmd/api', 'ingest', 'tools/cmd']), moduleRoots: new Set(['.']) };
  const named = (file: string) => nameGoProgram(binding({ service: 'acme', port: 9090, file, format: 'go' }), layout, 'repo').service;

  it('names a program after its folder, and code below a program folder after that program', () => {
    expect(named('cmd/api/main.go')).toBe('api');
    expect(named('ingest/main.go')).toBe('ingest');
    expect(named('ingest/cmd/root.go')).toBe('ingest');
  });

  it('keeps the module name at the module root, for code no program holds, and for a program in a folder named for what it holds', () => {
    expect(named('main.go')).toBe('acme');
    expect(named('tools/cmd/main.go')).toBe('acme');
    const library = nameGoProgram(binding({ service: 'acme', port: 9090, file: 'pkg/http/listen.go', format: 'go' }), { mainFolders: new Set(['cmd/api']), moduleRoots: new Set(['.']) }, 'repo');
    expect(library.service).toBe('acme');
  });
});

describe('ContainerMap', () => {
  const home = (context: string, dockerfileFolder: string, service: string): ContainerHome => ({ context, dockerfileFolder, service, scope: `container:p/${service}` });

  it('takes the nearest build context above a file, and among its homes those whose Dockerfile is nearest above the file', () => {
    const map = new ContainerMap([home('.', 'services/api', 'api'), home('.', 'services/worker', 'worker'), home('web', 'web', 'web')]);
    const services = (path: string) => map.homesOf(path).map((found) => found.service);
    expect(services('web/src/server.ts')).toEqual(['web']);
    expect(services('services/api/main.go')).toEqual(['api']);
    expect(services('services/worker/sub/x.go')).toEqual(['worker']);
    // No Dockerfile above a shared library: it is built into both images.
    expect(services('lib/common.go')).toEqual(['api', 'worker']);
  });

  it('has nothing for a file outside every context', () => {
    expect(new ContainerMap([home('web', 'web', 'web')]).homesOf('api/main.go')).toEqual([]);
  });
});

