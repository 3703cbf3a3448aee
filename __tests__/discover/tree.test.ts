import { afterEach, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { changedSince, openRevisionTree, openWorkingTree, workingTreeOf } from '../../src/discover/tree.js';
import { makeScratchDir, type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

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

  it('never follows a link, inside the root or out of it, and says so without printing what it points at', async () => {
    repo = scratchRepo({ git: false });
    repo.write({ 'inside.env': 'PORT=1\n' });
    symlinkSync('/proc/self/environ', join(repo.root, 'environ.env'));
    symlinkSync('/etc/passwd', join(repo.root, 'passwd.env'));
    symlinkSync('/dev/urandom', join(repo.root, 'random.env'));
    symlinkSync('/dev/stdin', join(repo.root, 'stdin.env'));
    symlinkSync('..', join(repo.root, 'up.env'));
    symlinkSync('inside.env', join(repo.root, 'ok.env'));
    const tree = await openWorkingTree(repo.root);
    const names = ['environ.env', 'passwd.env', 'random.env', 'stdin.env', 'up.env', 'ok.env'];
    const { texts, diagnostics } = await tree.read([...names, 'inside.env'], 1024);
    expect([...texts.keys()]).toEqual(['inside.env']);
    expect(diagnostics).toEqual(names.map((file) => ({ file, severity: 'warning', message: 'symbolic link: not followed (Portcullis reads only regular files)' })));
    expect(JSON.stringify(diagnostics)).not.toMatch(/PATH=|root:/);
  });

  it('reads nothing through a folder that is a link, even when git lists a path below it', async () => {
    repo = scratchRepo({ git: false });
    const outside = makeScratchDir();
    writeFileSync(join(outside, '.env'), 'SECRET_PORT=4444\n');
    symlinkSync(outside, join(repo.root, 'linked'));
    const { texts, diagnostics } = await (await workingTreeOf(repo.root, ['linked/.env'])).read(['linked/.env'], 1024);
    expect(texts.size).toBe(0);
    expect(diagnostics).toEqual([{ file: 'linked/.env', severity: 'warning', message: 'lies in a folder reached through a symbolic link: not read (Portcullis reads only inside the root)' }]);
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
    expect(diagnostics).toEqual([{ file: 'big.env', severity: 'warning', message: "file is larger than the 1000 bytes limit (2.7 KiB): not read (raise limits.maxFileBytes in .portcullis.yml)", limit: 'file-size' }]);
  });

  it('reads a file with NUL bytes, UTF-16 or invalid UTF-8 and says so, instead of dropping it in silence', async () => {
    repo = scratchRepo({ git: false });
    writeFileSync(join(repo.root, 'nul.env'), Buffer.from('A=1\nWEB_PORT=8080\0\n'));
    writeFileSync(join(repo.root, 'utf16.env'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('WEB_PORT=8080\n', 'utf16le')]));
    writeFileSync(join(repo.root, 'latin1.env'), Buffer.from([...Buffer.from('# caf'), 0xe9, 10, ...Buffer.from('WEB_PORT=8080\n')]));
    const { texts, diagnostics } = await (await openWorkingTree(repo.root)).read(['nul.env', 'utf16.env', 'latin1.env'], 1000);
    expect(Object.fromEntries(texts)).toEqual({ 'nul.env': 'A=1\nWEB_PORT=8080\0\n', 'utf16.env': 'WEB_PORT=8080\n', 'latin1.env': '# caf\ufffd\nWEB_PORT=8080\n' });
    expect(diagnostics).toEqual([
      { file: 'nul.env', line: 2, severity: 'warning', message: 'holds NUL bytes (binary data, or UTF-16 without a byte order mark): read as text all the same' },
      { file: 'utf16.env', line: 1, severity: 'warning', message: 'encoded in UTF-16LE (it starts with a byte order mark): decoded as such' },
      { file: 'latin1.env', line: 1, severity: 'warning', message: 'not valid UTF-8: read with U+FFFD in place of the bytes that are not (an editor saving in another encoding?)' },
    ]);
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
