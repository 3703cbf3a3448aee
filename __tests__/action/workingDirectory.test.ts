import { afterAll, describe, expect, it } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { changedFilesUnderRoot } from '../../src/action/base.js';
import { InputError } from '../../src/action/inputs.js';
import { reportInRepository, repositoryPath, rootPath } from '../../src/action/repositoryPaths.js';
import { openWorkingDirectory } from '../../src/action/workingDirectory.js';
import { makeScratchDir, scratchRepo } from '../helpers/scratchRepo.js';
import { fixtureReport } from '../report/fixture.js';

describe('repository paths of a root at `services/api`', () => {
  it('prefixes a root-relative path, and takes it off again; a path outside the root is none of the check’s', () => {
    expect(repositoryPath('services/api', 'compose.yml')).toBe('services/api/compose.yml');
    expect(repositoryPath('services/api', '.')).toBe('services/api');
    expect(repositoryPath('', 'compose.yml')).toBe('compose.yml');
    expect(rootPath('services/api', 'services/api/compose.yml')).toBe('compose.yml');
    expect(rootPath('services/api', 'services/api-v2/compose.yml')).toBeUndefined();
    expect(rootPath('services/api', 'ports.yml')).toBeUndefined();
    expect(rootPath('', 'ports.yml')).toBe('ports.yml');
  });

  it('names every path of the report from the repository’s top: locations, proposals, bindings, diagnostics and the places messages quote', () => {
    const report = fixtureReport();
    const conflict = report.conflicts.find((candidate) => candidate.id === 'duplicate-port:host:tcp:8080');
    if (conflict === undefined) throw new Error('fixture changed');
    conflict.message = 'a/web (apps/a/compose.yml:7) and b/web (apps/b/compose.yml:6) both publish 8080 (two stacks)';
    const moved = reportInRepository(report, 'services/api');
    const same = moved.conflicts.find((candidate) => candidate.id === conflict.id);
    expect(same?.locations.map((location) => location.file)).toEqual(['services/api/apps/a/compose.yml', 'services/api/apps/b/.env']);
    expect(same?.suggestions.map((suggestion) => suggestion.file)).toEqual(['services/api/apps/b/.env']);
    expect(same?.bindings.map((binding) => [binding.file, binding.via?.file])).toEqual([
      ['services/api/apps/a/compose.yml', undefined],
      ['services/api/apps/b/.env', 'services/api/apps/b/compose.yml'],
    ]);
    // `(two stacks)` names no file of the conflict: left alone.
    expect(same?.message).toBe('a/web (services/api/apps/a/compose.yml:7) and b/web (services/api/apps/b/compose.yml:6) both publish 8080 (two stacks)');
    expect(moved.diagnostics.map((diagnostic) => diagnostic.file)).toEqual(['services/api/docker/compose.yml', 'services/api/big.json', 'services/api/PORTS.md']);
    expect(moved.bindings.every((binding) => binding.file.startsWith('services/api/'))).toBe(true);
    expect(reportInRepository(report, '')).toBe(report);
  });

  it("keeps the pull request's changed files inside the root, by root-relative paths; a rename across the root's edge is an add or a removal", () => {
    expect(
      changedFilesUnderRoot(
        [
          { path: 'services/api/compose.yml', status: 'modified' },
          { path: 'services/web/compose.yml', status: 'added' },
          { path: 'services/api/new.env', status: 'renamed', previousPath: 'services/api/old.env' },
          { path: 'services/api/moved-in.yml', status: 'renamed', previousPath: 'elsewhere/moved-in.yml' },
          { path: 'elsewhere/moved-out.yml', status: 'renamed', previousPath: 'services/api/moved-out.yml' },
        ],
        'services/api',
      ),
    ).toEqual([
      { path: 'compose.yml', status: 'modified' },
      { path: 'new.env', status: 'renamed', previousPath: 'old.env' },
      { path: 'moved-in.yml', status: 'added' },
      { path: 'moved-out.yml', status: 'removed' },
    ]);
  });
});

describe('openWorkingDirectory', () => {
  const repo = scratchRepo();
  repo.write({ 'services/api/compose.yml': 'services: {}\n', 'README.md': 'x\n' });
  repo.commit('tree');
  const outside = makeScratchDir();
  symlinkSync(outside, join(repo.root, 'escape'));
  symlinkSync(join(repo.root, 'services'), join(repo.root, 'alias'));
  afterAll(() => repo.dispose());

  it('is the workspace itself by default, and a folder of it with its path from the repository’s top', async () => {
    expect(await openWorkingDirectory(repo.root, '')).toEqual({ path: repo.root, prefix: '' });
    expect(await openWorkingDirectory(repo.root, 'services/api')).toEqual({ path: join(repo.root, 'services', 'api'), prefix: 'services/api' });
  });

  it('measures the prefix from the git top, not the workspace, when the checkout is a folder of it', async () => {
    expect((await openWorkingDirectory(join(repo.root, 'services'), 'api')).prefix).toBe('services/api');
  });

  it('refuses a folder reached through a symbolic link, in or out of the workspace, a missing one and a file', async () => {
    await expect(openWorkingDirectory(repo.root, 'escape')).rejects.toThrow(new InputError("input 'working-directory': escape is reached through a symbolic link: not followed (it must be a folder of the checkout)"));
    await expect(openWorkingDirectory(repo.root, 'alias/api')).rejects.toThrow(/alias\/api is reached through a symbolic link/);
    await expect(openWorkingDirectory(repo.root, 'nowhere')).rejects.toThrow(new InputError("input 'working-directory': no such folder in the workspace: nowhere"));
    await expect(openWorkingDirectory(repo.root, 'README.md')).rejects.toThrow(new InputError("input 'working-directory': README.md is not a folder"));
  });
});
