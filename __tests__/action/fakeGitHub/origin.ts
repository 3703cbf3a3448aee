// The repository a pull request's checkout is cloned from, and the fake GitHub that serves it:
// started once per test file, stopped with the clones the file made.
import { execFileSync } from 'node:child_process';
import { OWNER, REPO } from '../payloads.js';
import { scratchRepo, type ScratchRepo } from '../../helpers/scratchRepo.js';
import { GitSource } from './gitSource.js';
import { FakeGitHub } from './server.js';

export interface Origin {
  repo: ScratchRepo;
  /** The base commit: `files`, committed. */
  main: string;
  fake: FakeGitHub;
}

export async function startOrigin(token: string, files: Record<string, string>): Promise<Origin> {
  const repo = scratchRepo({ name: 'origin' });
  repo.write(files);
  const main = repo.commit('base');
  const fake = new FakeGitHub(token, OWNER, REPO, new GitSource(repo.root));
  await fake.start();
  return { repo, main, fake };
}

export async function stopOrigin(origin: Partial<Origin>, clones: string): Promise<void> {
  await origin.fake?.stop();
  origin.repo?.dispose();
  execFileSync('rm', ['-rf', clones]);
}
