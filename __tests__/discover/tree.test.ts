import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedSince, openRevisionTree, openWorkingTree } from '../../src/discover/tree.js';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

let repo: ScratchRepo;
afterEach(() => repo.dispose());

describe('the working tree', () => {
  it('lists tracked and untracked files but not ignored ones, in a git checkout', async () => {
    repo = scratchRepo();
    repo.write({ '.gitignore': 'build/\n', 'a/compose.yml': 'services: {}\n', 'build/compose.yml': 'x', 'new.env': 'PORT=1\n' });
    repo.commit('first');
    const tree = await openWorkingTree(repo.root);
    expect(tree.paths).toEqual(['.gitignore', 'a/compose.yml', 'new.env']);
  });

  it('lists files outside git, skipping node_modules, vendor and .git', async () => {
    repo = scratchRepo({ git: false });
    repo.write({ 'compose.yml': 'x', 'node_modules/p/compose.yml': 'x', 'vendor/compose.yml': 'x', 'x/.env': 'PORT=1' });
    const tree = await openWorkingTree(repo.root);
    expect(tree.paths).toEqual(['compose.yml', 'x/.env']);
  });

  it('lists a folder that the enclosing repository ignores as a plain folder', async () => {
    repo = scratchRepo();
    repo.write({ '.gitignore': 'scratch/\n', 'scratch/copy/compose.yml': 'x', 'scratch/copy/.env': 'PORT=1\n' });
    repo.commit('first');
    const tree = await openWorkingTree(join(repo.root, 'scratch', 'copy'));
    expect(tree.paths).toEqual(['.env', 'compose.yml']);
  });

  it('keeps names with spaces, newlines, Unicode and leading dashes intact', async () => {
    repo = scratchRepo();
    const names = ['with space/.env', 'new\nline/.env', 'ünïcode/.env', '-dash/.env'];
    repo.write(Object.fromEntries(names.map((name) => [name, 'PORT=3000\n'])));
    repo.commit('names');
    const tree = await openWorkingTree(repo.root);
    expect([...tree.paths].sort()).toEqual([...names].sort());
    const { texts } = await tree.read(names, 1024);
    expect([...texts.keys()].sort()).toEqual([...names].sort());
    const base = await openRevisionTree(repo.root, 'HEAD');
    const baseRead = await base.read(names, 1024);
    expect(baseRead.texts.get('new\nline/.env')).toBe('PORT=3000\n');
  });

  it('does not follow a link that leaves the root, and says so', async () => {
    repo = scratchRepo({ git: false });
    repo.write({ 'inside.env': 'PORT=1\n' });
    symlinkSync('/etc/passwd', join(repo.root, 'passwd.env'));
    symlinkSync('..', join(repo.root, 'up.env'));
    symlinkSync('inside.env', join(repo.root, 'ok.env'));
    const tree = await openWorkingTree(repo.root);
    const { texts, diagnostics } = await tree.read(['passwd.env', 'up.env', 'ok.env'], 1024);
    expect([...texts.keys()]).toEqual(['ok.env']);
    expect(diagnostics.map((d) => d.file).sort()).toEqual(['passwd.env', 'up.env']);
    expect(diagnostics[0]?.message).toMatch(/leaves the root/);
  });

  it('follows a link inside the root to a file over the size limit no further than the limit', async () => {
    repo = scratchRepo({ git: false });
    repo.write({ 'big.env': 'PORT=1\n'.repeat(400) });
    symlinkSync('big.env', join(repo.root, 'link.env'));
    const { texts, diagnostics } = await (await openWorkingTree(repo.root)).read(['link.env'], 1000);
    expect(texts.size).toBe(0);
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^file is larger than the 1000 bytes limit/)]);
  });

  it('skips a FIFO or a folder named like a config, without waiting on it', async () => {
    repo = scratchRepo({ git: false });
    execFileSync('mkfifo', [join(repo.root, 'pipe.env')]);
    mkdirSync(join(repo.root, 'folder.env'));
    const { texts, diagnostics } = await (await openWorkingTree(repo.root)).read(['pipe.env', 'folder.env'], 1000);
    expect(texts.size).toBe(0);
    expect(diagnostics).toEqual([]);
  });

  it('reports a file over the size limit instead of reading it', async () => {
    repo = scratchRepo({ git: false });
    writeFileSync(join(repo.root, 'big.env'), 'PORT=1\n'.repeat(400));
    const { texts, diagnostics } = await (await openWorkingTree(repo.root)).read(['big.env'], 1000);
    expect(texts.size).toBe(0);
    expect(diagnostics).toEqual([{ file: 'big.env', severity: 'warning', message: "file is larger than the 1000 bytes limit (2.7 KiB): not read (raise limits.maxFileBytes in .portcullis.yml)" }]);
  });

  it('skips binary files', async () => {
    repo = scratchRepo({ git: false });
    writeFileSync(join(repo.root, 'bin.env'), Buffer.from([80, 0, 1]));
    const { texts, diagnostics } = await (await openWorkingTree(repo.root)).read(['bin.env'], 1000);
    expect(texts.size).toBe(0);
    expect(diagnostics).toEqual([]);
  });
});

describe('a revision tree', () => {
  it('reads the files of a commit, relative to a root inside the repository, and what changed since', async () => {
    repo = scratchRepo();
    repo.write({ 'svc/.env': 'PORT=1\n', 'svc/compose.yml': 'a', 'other/.env': 'PORT=2\n' });
    const first = repo.commit('first');
    repo.write({ 'svc/.env': 'PORT=3\n' });
    repo.commit('second');
    repo.write({ 'svc/compose.yml': 'b' });
    const root = join(repo.root, 'svc');
    const tree = await openRevisionTree(root, first);
    expect(tree.paths).toEqual(['.env', 'compose.yml']);
    expect((await tree.read(['.env'], 100)).texts.get('.env')).toBe('PORT=1\n');
    expect([...(await changedSince(root, first))].sort()).toEqual(['.env', 'compose.yml']);
  });
});
