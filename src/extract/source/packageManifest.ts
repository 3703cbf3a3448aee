// The package a source file belongs to: the nearest manifest of its language that names a
// package (Cargo.toml, go.mod, package.json, pyproject.toml), found by walking up folders.
import { parse as parseToml } from 'smol-toml';
import type { ExtractContext } from '../../model/types.js';

export type ManifestFile = 'Cargo.toml' | 'go.mod' | 'package.json' | 'pyproject.toml';

export interface PackageManifest {
  /** Root-relative folder of the manifest; '' at the root. */
  folder: string;
  name: string;
  text: string;
}

/** `a/b/main.rs` -> `a/b`, `a`, `` (nearest first). */
function ancestorFolders(path: string): string[] {
  const folders: string[] = [];
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) folders.push(path.slice(0, slash));
  folders.push('');
  return folders;
}

export function pathInFolder(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

/** Every place the file's manifest may be: what the extractor reads besides the file. */
export function manifestCandidates(path: string, manifest: ManifestFile): string[] {
  return ancestorFolders(path).map((folder) => pathInFolder(folder, manifest));
}

export function nearestPackageManifest(path: string, manifest: ManifestFile, context: ExtractContext): PackageManifest | undefined {
  for (const folder of ancestorFolders(path)) {
    const text = context.readFile(pathInFolder(folder, manifest));
    const name = text === undefined ? undefined : packageName(manifest, text);
    if (name !== undefined && text !== undefined) return { folder, name, text };
  }
  return undefined;
}

/**
 * The package name a manifest declares, or undefined (none, or a file that does not parse).
 * An npm scope is dropped (`@acme/api` is `api`): a scope names the organization, the same
 * for every package of a repository. A Go module is named by its last path segment that is
 * not a major version (`github.com/acme/api/v2` is `api`).
 */
export function packageName(manifest: ManifestFile, text: string): string | undefined {
  try {
    switch (manifest) {
      case 'Cargo.toml':
        return stringAt(parseToml(text), ['package', 'name']);
      case 'pyproject.toml': {
        const toml = parseToml(text);
        return stringAt(toml, ['project', 'name']) ?? stringAt(toml, ['tool', 'poetry', 'name']);
      }
      case 'package.json': {
        const name = stringAt(JSON.parse(text), ['name']);
        return name?.startsWith('@') && name.includes('/') ? name.slice(name.indexOf('/') + 1) : name;
      }
      case 'go.mod':
        return goModuleName(text);
    }
  } catch {
    return undefined;
  }
}

function goModuleName(text: string): string | undefined {
  for (const line of text.split('\n')) {
    const words = line.replace(/\/\/.*/, '').trim().split(/\s+/);
    if (words[0] !== 'module' || words[1] === undefined) continue;
    const segments = words[1].replace(/^"|"$/g, '').split('/');
    const named = segments.filter((segment, index) => index === 0 || !/^v\d+$/.test(segment));
    return named.pop() || undefined;
  }
  return undefined;
}

function stringAt(value: unknown, keys: readonly string[]): string | undefined {
  let current = value;
  for (const key of keys) {
    if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current.trim() !== '' ? current : undefined;
}
