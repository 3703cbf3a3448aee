const NOT_ZINIT_TOML = new Set(['Cargo.toml', 'pyproject.toml']);

/**
 * Which files are zinit's:
 *   - YAML under a `zinit/` folder (zinit reads `/etc/zinit/*.yaml`, and repositories mirror
 *     that folder) or named `*.zinit.yaml`: the format has no marker of its own (`exec:` is a
 *     common word), so the path is what can tell it apart.
 *   - TOML anywhere, decided by content (see extractZinit): files that cannot be zinit's
 *     (`Cargo.toml`, `pyproject.toml`) are not read at all.
 */
export function zinitFileKind(path: string): 'toml' | 'yaml' | undefined {
  const base = baseName(path);
  if (base.endsWith('.toml')) return NOT_ZINIT_TOML.has(base) ? undefined : 'toml';
  if (!base.endsWith('.yaml') && !base.endsWith('.yml')) return undefined;
  return isUnderZinitFolder(path) || base.endsWith('.zinit.yaml') || base.endsWith('.zinit.yml') ? 'yaml' : undefined;
}

/** `etc/zinit/redis.yaml` and `redis.zinit.yaml` are the service `redis`. */
export function serviceNameFromFile(path: string): string {
  const base = baseName(path);
  const stem = base.slice(0, base.lastIndexOf('.'));
  return stem.endsWith('.zinit') ? stem.slice(0, -'.zinit'.length) : stem;
}

export function isUnderZinitFolder(path: string): boolean {
  return path.split('/').slice(0, -1).includes('zinit');
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
