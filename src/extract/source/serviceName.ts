// The service a source listener belongs to: its package's name, else its folder's.
import { normalizeServiceName } from '../../model/service.js';
import type { ManifestFile, PackageManifest } from './packageManifest.js';

/** Folders named for what they hold rather than for the program: the name is further up. */
const GENERIC_FOLDERS = new Set(['src', 'source', 'lib', 'bin', 'cmd', 'app', 'apps', 'server', 'internal', 'pkg', 'main', 'packages', 'services']);

/**
 * A Go `cmd/<name>/` folder names a binary of its module (the Go convention for a module with
 * several programs), so it names the service before the module does; otherwise the nearest
 * package manifest names it, then the nearest folder whose name is not generic (`src`, `cmd`),
 * then the root. A name with no letter or digit (`-`, `_`) names nothing, so the next one
 * names the service, as when that name is not written at all; '' when none names it.
 */
export function sourceServiceName(path: string, manifestFile: ManifestFile, manifest: PackageManifest | undefined, rootName: string): string {
  const candidates = [manifestFile === 'go.mod' ? goCommandName(path) : undefined, manifest?.name, ...namingFolders(path), rootName];
  for (const candidate of candidates) {
    const service = candidate === undefined ? '' : normalizeServiceName(candidate);
    if (service !== '') return service;
  }
  return '';
}

function goCommandName(path: string): string | undefined {
  const folders = path.split('/').slice(0, -1);
  const cmd = folders.lastIndexOf('cmd');
  return cmd >= 0 ? folders[cmd + 1] : undefined;
}

/** The file's folders that may name it, nearest first. */
function namingFolders(path: string): string[] {
  return path
    .split('/')
    .slice(0, -1)
    .reverse()
    .filter((folder) => !GENERIC_FOLDERS.has(folder.toLowerCase()));
}
