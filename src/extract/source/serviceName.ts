// The service a source listener belongs to: its package's name, else its folder's.
import { normalizeServiceName } from '../../model/service.js';
import type { ManifestFile, PackageManifest } from './packageManifest.js';

/** Folders named for what they hold rather than for the program: the name is further up. */
const GENERIC_FOLDERS = new Set(['src', 'source', 'lib', 'bin', 'cmd', 'app', 'apps', 'server', 'internal', 'pkg', 'main', 'packages', 'services']);

/**
 * A Go `cmd/<name>/` folder names a binary of its module (the Go convention for a module with
 * several programs), so it names the service before the module does; otherwise the nearest
 * package manifest names it, then the nearest folder whose name is not generic (`src`, `cmd`),
 * then the root.
 */
export function sourceServiceName(path: string, manifestFile: ManifestFile, manifest: PackageManifest | undefined, rootName: string): string {
  const name = (manifestFile === 'go.mod' ? goCommandName(path) : undefined) ?? manifest?.name ?? folderName(path) ?? rootName;
  return normalizeServiceName(name);
}

function goCommandName(path: string): string | undefined {
  const folders = path.split('/').slice(0, -1);
  const cmd = folders.lastIndexOf('cmd');
  return cmd >= 0 ? folders[cmd + 1] : undefined;
}

function folderName(path: string): string | undefined {
  return path
    .split('/')
    .slice(0, -1)
    .reverse()
    .find((folder) => !GENERIC_FOLDERS.has(folder.toLowerCase()));
}
