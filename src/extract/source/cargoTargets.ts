// A Cargo package's targets. `[[example]]`, `[[bench]]` and `[[test]]` describe nothing that
// runs in production: their default folders (examples/, benches/, tests/) are skipped when
// files are discovered, and a target placed elsewhere with `path = ".."` is found here.
// Binaries are programs of their own: `src/bin/<name>.rs`, `src/bin/<name>/main.rs` and a
// `[[bin]]` with a path are the program `<name>`, while `src/main.rs`, `src/bin/main.rs`
// and the `default-run` binary carry the package's name.
import { parse as parseToml } from 'smol-toml';
import { type PackageManifest, pathInFolder } from './packageManifest.js';

const AUXILIARY_TARGETS = ['example', 'bench', 'test'];

/** True when the file is the root of an example, bench or test target of its package. */
export function isCargoAuxiliaryTarget(path: string, manifest: PackageManifest): boolean {
  return auxiliaryTargetPaths(manifest).includes(path);
}

/**
 * The binary a file is the program of, when that is not the package itself: its name, or
 * undefined for the package's own binary, its library and its modules.
 */
export function cargoBinaryOf(path: string, manifest: PackageManifest): string | undefined {
  const toml = readManifest(manifest);
  if (!toml) return undefined;
  const defaultRun = stringField(toml['package'], 'default-run');
  const named = (name: string | undefined) => (name === undefined || name === defaultRun || name === 'main' ? undefined : name);
  for (const target of targetsOf(toml, 'bin')) {
    const targetPath = stringField(target, 'path');
    if (targetPath !== undefined && normalizeRelativePath(pathInFolder(manifest.folder, targetPath)) === path) return named(stringField(target, 'name'));
  }
  const inBin = pathInFolder(manifest.folder, 'src/bin/');
  if (!path.startsWith(inBin)) return undefined;
  const rest = path.slice(inBin.length);
  const slash = rest.indexOf('/');
  return named(slash < 0 ? rest.replace(/\.rs$/, '') : rest.slice(0, slash));
}

function readManifest(manifest: PackageManifest): Record<string, unknown> | undefined {
  try {
    return parseToml(manifest.text);
  } catch {
    return undefined;
  }
}

function targetsOf(toml: Record<string, unknown>, kind: string): unknown[] {
  const targets = toml[kind];
  return Array.isArray(targets) ? targets : [];
}

function stringField(table: unknown, key: string): string | undefined {
  const value = typeof table === 'object' && table !== null ? (table as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function auxiliaryTargetPaths(manifest: PackageManifest): string[] {
  const toml = readManifest(manifest);
  if (!toml) return [];
  const paths: string[] = [];
  for (const kind of AUXILIARY_TARGETS) {
    for (const target of targetsOf(toml, kind)) {
      const path = stringField(target, 'path');
      if (path !== undefined) paths.push(normalizeRelativePath(pathInFolder(manifest.folder, path)));
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
