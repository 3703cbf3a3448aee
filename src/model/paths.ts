// Root-relative paths as every stage writes them: `/` separators, no `./`, `.` for the root.

/** The folder of a root-relative path: `.` at the root. */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '.' : path.slice(0, slash);
}

/** A root-relative path to `name` in `folder`. */
export function pathIn(folder: string, name: string): string {
  return folder === '.' || folder === '' ? name : `${folder}/${name}`;
}

/** The last segment of a path: the root's name when the path is `.`. */
export function baseName(path: string, rootName: string): string {
  return path === '.' ? rootName : path.slice(path.lastIndexOf('/') + 1);
}

/** True when `path` is `folder` itself or lies below it. */
export function isWithin(folder: string, path: string): boolean {
  return folder === '.' || path === folder || path.startsWith(`${folder}/`);
}

/** `a/b/c.txt` -> `a/b`, `a`, `.`: the folders that hold a path, nearest first. */
export function foldersAbove(path: string): string[] {
  const folders: string[] = [];
  for (let folder = folderOf(path); ; folder = folderOf(folder)) {
    folders.push(folder);
    if (folder === '.') return folders;
  }
}

export type RelativePath = { path: string } | { unresolved: string };

/**
 * A path written in a file, relative to `folder`, as a root-relative path. A path that is
 * absolute, leaves the repository, names a URL or is built from variables names nothing in
 * the repository: it comes back with the reason.
 */
export function resolveWrittenPath(folder: string, written: string): RelativePath {
  const text = written.trim();
  if (text === '') return { unresolved: 'an empty path' };
  if (/\$\{?[a-z_]/i.test(text) || text.includes('$(') || text.includes('`')) return { unresolved: `${text} is built from variables` };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('git@')) return { unresolved: `${text} is a URL, not a folder of this repository` };
  if (text.startsWith('/') || text.startsWith('~') || /^[a-z]:[\\/]/i.test(text)) return { unresolved: `${text} is an absolute path` };
  const segments = folder === '.' ? [] : folder.split('/');
  for (const segment of text.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') segments.push(segment);
    else if (segments.pop() === undefined) return { unresolved: `${text} leaves the repository` };
  }
  return { path: segments.length === 0 ? '.' : segments.join('/') };
}
