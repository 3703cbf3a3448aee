// Cargo's `[[example]]`, `[[bench]]` and `[[test]]` targets describe nothing that runs in
// production. Their default folders (examples/, benches/, tests/) are skipped when files are
// discovered; a target placed elsewhere with `path = ".."` is found here.
import { parse as parseToml } from 'smol-toml';
import { type PackageManifest, pathInFolder } from './packageManifest.js';

const AUXILIARY_TARGETS = ['example', 'bench', 'test'];

/** True when the file is the root of an example, bench or test target of its package. */
export function isCargoAuxiliaryTarget(path: string, manifest: PackageManifest): boolean {
  return auxiliaryTargetPaths(manifest).includes(path);
}

function auxiliaryTargetPaths(manifest: PackageManifest): string[] {
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(manifest.text);
  } catch {
    return [];
  }
  const paths: string[] = [];
  for (const kind of AUXILIARY_TARGETS) {
    const targets = toml[kind];
    if (!Array.isArray(targets)) continue;
    for (const target of targets as unknown[]) {
      const path = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)['path'] : undefined;
      if (typeof path === 'string') paths.push(normalizeRelativePath(pathInFolder(manifest.folder, path)));
    }
  }
  return paths;
}

/** `crate/./src/../demo.rs` -> `crate/demo.rs`. */
function normalizeRelativePath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split(/[/\\]/)) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}
