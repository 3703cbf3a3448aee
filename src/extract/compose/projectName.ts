import { posix } from 'node:path';
import type { ExtractContext } from '../../model/types.js';
import { interpolate, type VariableLookup } from '../interpolate.js';
import { isMap, parseYaml, type YamlFile } from '../yaml.js';
import { COMPOSE_DEFAULT_FILES, COMPOSE_OVERRIDE_FILES } from '../../model/compose.js';
import { pathIn } from '../../model/paths.js';

/**
 * compose-go's NormalizeProjectName: lower case, only `[a-z0-9_-]`, no leading `_`/`-`.
 * docker-compose v1 named a project `default` when nothing was left, and so do we.
 */
export function normalizeProjectName(name: string): string {
  let kept = '';
  for (const char of name.toLowerCase()) {
    if ((char >= 'a' && char <= 'z') || (char >= '0' && char <= '9') || char === '_' || char === '-') kept += char;
  }
  let start = 0;
  while (kept[start] === '_' || kept[start] === '-') start++;
  return kept.slice(start) || 'default';
}

/** The last non-empty top-level `name:` of a compose file's documents, as written. */
export function topLevelName(yaml: YamlFile): string | undefined {
  let name: string | undefined;
  for (const document of yaml.documents) {
    const root = yaml.resolve(document.contents);
    if (!isMap(root)) continue;
    const value = yaml.scalarText(yaml.get(root, 'name'));
    if (value) name = value;
  }
  return name;
}

/**
 * The project of every compose file in `folder`, so that a folder is one project as it is
 * one stack: `COMPOSE_PROJECT_NAME` from the `.env`, else the `name:` of the files Compose
 * loads by default (its override file last, as Compose merges them), else this file's own
 * `name:`, else the folder's name (the root's name for a file at the root).
 */
export function composeProjectName(
  path: string,
  ownName: string | undefined,
  context: ExtractContext,
  variables: VariableLookup,
): string {
  const fromEnv = variables('COMPOSE_PROJECT_NAME')?.value;
  if (fromEnv) return normalizeProjectName(fromEnv);
  const folder = posix.dirname(path);
  const named = defaultFilesName(folder, path, ownName, context) ?? ownName;
  if (named !== undefined) {
    const interpolated = interpolate(named, variables).value;
    if (interpolated !== '') return normalizeProjectName(interpolated);
  }
  return normalizeProjectName(folder === '.' ? context.rootName : posix.basename(folder));
}

function defaultFilesName(folder: string, path: string, ownName: string | undefined, context: ExtractContext): string | undefined {
  let name: string | undefined;
  for (const candidates of [COMPOSE_DEFAULT_FILES, COMPOSE_OVERRIDE_FILES]) {
    for (const candidate of candidates) {
      const candidatePath = pathIn(folder, candidate);
      if (candidatePath === path) {
        name = ownName ?? name;
        break;
      }
      const text = context.readFile(candidatePath);
      if (text === undefined) continue;
      name = siblingName(candidatePath, text) ?? name;
      break;
    }
  }
  return name;
}

function siblingName(path: string, text: string): string | undefined {
  // Most compose files have no `name:` at all: skip parsing them.
  if (!text.includes('name')) return undefined;
  try {
    return topLevelName(parseYaml(path, text));
  } catch {
    // A hostile sibling (alias bomb) is reported by its own extraction; it names nothing here.
    return undefined;
  }
}
