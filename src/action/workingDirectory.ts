// The `working-directory` input: the folder the check treats as its root. It must be a real
// folder inside the workspace, reached without a symbolic link (a pull request can commit
// `services -> /`); and since GitHub names files from the repository's top, every path the
// Action shows on GitHub carries the folder's place in the repository as a prefix.
import { realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gitTopLevel } from '../discover/git.js';
import { InputError } from './inputs.js';

export interface CheckedRoot {
  /** The folder to check, absolute. */
  path: string;
  /** Its path from the repository's top (`services/api`), '' at the top: what GitHub's paths start with. */
  prefix: string;
}

/**
 * The folder `workingDirectory` (normalized by readInputs) names in the workspace, refused
 * when it is missing, no folder, or reached through a symbolic link.
 */
export async function openWorkingDirectory(workspace: string, workingDirectory: string): Promise<CheckedRoot> {
  const realWorkspace = realpathSync.native(workspace);
  if (workingDirectory === '') return { path: workspace, prefix: await prefixInRepository(realWorkspace, realWorkspace) };
  const path = join(workspace, ...workingDirectory.split('/'));
  let real: string;
  try {
    real = realpathSync.native(path);
  } catch {
    throw new InputError(`input 'working-directory': no such folder in the workspace: ${workingDirectory}`);
  }
  // The real path of a folder reached without a link is the workspace's real path joined with the same names.
  if (real !== join(realWorkspace, ...workingDirectory.split('/'))) {
    throw new InputError(`input 'working-directory': ${workingDirectory} is reached through a symbolic link: not followed (it must be a folder of the checkout)`);
  }
  if (!statSync(real).isDirectory()) throw new InputError(`input 'working-directory': ${workingDirectory} is not a folder`);
  return { path, prefix: await prefixInRepository(real, realWorkspace) };
}

/**
 * The folder's path from its git work tree's top; outside a checkout, the workspace is taken
 * for the repository's top.
 */
async function prefixInRepository(realFolder: string, realWorkspace: string): Promise<string> {
  const top = await gitTopLevel(realFolder);
  const within = relative(top === undefined ? realWorkspace : realpathSync.native(top), realFolder);
  return within.split(sep).join('/');
}
