import { posix } from 'node:path';
import { stackId } from '../../model/stack.js';

/** The files `docker compose` loads on its own, in its order of preference (compose-go cli). */
export const COMPOSE_DEFAULT_FILES: readonly string[] = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
export const COMPOSE_OVERRIDE_FILES: readonly string[] = [
  'compose.override.yml',
  'compose.override.yaml',
  'docker-compose.override.yml',
  'docker-compose.override.yaml',
];

/** `compose.yml`, `docker-compose.yaml`, and their variants `compose.<name>.yml` (override files), in any folder. */
export function isComposeFile(path: string): boolean {
  return /^(?:docker-)?compose(?:\.[^/]+)?\.ya?ml$/.test(posix.basename(path));
}

/** The folder of a root-relative path: `.` at the root. */
export function folderOf(path: string): string {
  return posix.dirname(path);
}

/** A root-relative path to `name` in `folder`. */
export function pathIn(folder: string, name: string): string {
  return folder === '.' ? name : `${folder}/${name}`;
}

/** One stack per folder: a compose file, its override files and the `.env` beside them are started as one. */
export function composeStack(folder: string): string {
  return stackId('compose', folder);
}
