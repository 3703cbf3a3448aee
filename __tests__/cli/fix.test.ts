// portcullis fix in process: what it refuses to write.
import { afterEach, describe, expect, it } from '@jest/globals';
import { lstatSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFix } from '../../src/cli/fix.js';
import { openWorkingTree } from '../../src/discover/tree.js';
import { EMPTY_CONFIG } from '../../src/model/config.js';
import { type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

let repo: ScratchRepo;
afterEach(() => repo?.dispose());

function io(): { stdout: string[]; stderr: string[]; stdoutFn: (text: string) => void; stderrFn: (text: string) => void } {
  const out = { stdout: [] as string[], stderr: [] as string[] };
  return { ...out, stdoutFn: (text) => out.stdout.push(text), stderrFn: (text) => out.stderr.push(text) };
}

describe('portcullis fix', () => {
  it('refuses a file that changed after the check read it, and writes every other one', async () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n', 'b/.env': 'WORKER_PORT=3000\n', 'c/.env': 'QUEUE_PORT=4000\n', 'd/.env': 'MAIL_PORT=4000\n' });
    const tree = await openWorkingTree(repo.root);
    // An editor saves b/.env while the check runs: the check saw the old text.
    const changing = { paths: tree.paths, read: async (paths: readonly string[], max: number) => {
      const result = await tree.read(paths, max);
      writeFileSync(join(repo.root, 'b/.env'), 'WORKER_PORT=3000 # edited\n');
      return result;
    } };
    const out = io();
    const status = await runFix({ root: repo.root, config: EMPTY_CONFIG, registry: [], dryRun: false, quiet: false, tree: changing }, { stdout: out.stdoutFn, stderr: out.stderrFn });
    expect(status).toBe(1);
    expect(out.stderr.join('')).toBe('portcullis: b/.env:1:13: worker not moved to 3001: changed since the check: run portcullis fix again\n');
    expect(readFileSync(join(repo.root, 'b/.env'), 'utf8')).toBe('WORKER_PORT=3000 # edited\n');
    expect(readFileSync(join(repo.root, 'd/.env'), 'utf8')).toBe('MAIL_PORT=4001\n');
    expect(out.stdout.join('')).toBe('d/.env:1:11: mail 4000 -> 4001\n');
  });

  it('never writes through a symbolic link, even one that appeared after the check read a file there', async () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n', 'z/.env': 'WORKER_PORT=3000\n', 'targets/worker.txt': 'WORKER_PORT=3000\n' });
    const tree = await openWorkingTree(repo.root);
    const swapping = { paths: tree.paths, read: async (paths: readonly string[], max: number) => {
      const result = await tree.read(paths, max);
      // The same text, now behind a link to another file of the root.
      rmSync(join(repo.root, 'z/.env'));
      symlinkSync('../targets/worker.txt', join(repo.root, 'z/.env'));
      return result;
    } };
    const out = io();
    const status = await runFix({ root: repo.root, config: EMPTY_CONFIG, registry: [], dryRun: false, quiet: false, tree: swapping }, { stdout: out.stdoutFn, stderr: out.stderrFn });
    expect(out.stderr.join('')).toBe('portcullis: z/.env:1:13: worker not moved to 3001: a symbolic link: never written through\n');
    expect(status).toBe(1);
    expect(readFileSync(join(repo.root, 'targets/worker.txt'), 'utf8')).toBe('WORKER_PORT=3000\n');
    expect(lstatSync(join(repo.root, 'z/.env')).isSymbolicLink()).toBe(true);
  });

  it('never writes through a folder that became a symbolic link', async () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n', 'z/.env': 'WORKER_PORT=3000\n' });
    const tree = await openWorkingTree(repo.root);
    const swapping = { paths: tree.paths, read: async (paths: readonly string[], max: number) => {
      const result = await tree.read(paths, max);
      renameSync(join(repo.root, 'z'), join(repo.root, 'elsewhere'));
      symlinkSync('elsewhere', join(repo.root, 'z'));
      return result;
    } };
    const out = io();
    expect(await runFix({ root: repo.root, config: EMPTY_CONFIG, registry: [], dryRun: false, quiet: false, tree: swapping }, { stdout: out.stdoutFn, stderr: out.stderrFn })).toBe(1);
    expect(out.stderr.join('')).toBe('portcullis: z/.env:1:13: worker not moved to 3001: a folder on its path is a symbolic link: never written through\n');
    expect(readFileSync(join(repo.root, 'elsewhere/.env'), 'utf8')).toBe('WORKER_PORT=3000\n');
  });

  it('keeps a byte order mark, and says so when there is nothing to fix', async () => {
    repo = scratchRepo();
    repo.write({ 'a/.env': 'API_PORT=3000\n', 'b/.env': '\uFEFFWORKER_PORT=3000\r\n' });
    const out = io();
    expect(await runFix({ root: repo.root, config: EMPTY_CONFIG, registry: [], dryRun: false, quiet: false }, { stdout: out.stdoutFn, stderr: out.stderrFn })).toBe(0);
    expect(readFileSync(join(repo.root, 'b/.env'), 'utf8')).toBe('\uFEFFWORKER_PORT=3001\r\n');
    const again = io();
    expect(await runFix({ root: repo.root, config: EMPTY_CONFIG, registry: [], dryRun: false, quiet: false }, { stdout: again.stdoutFn, stderr: again.stderrFn })).toBe(0);
    expect(again.stdout.join('')).toBe('Nothing to fix: no new conflict has a proposed port.\n');
  });
});
