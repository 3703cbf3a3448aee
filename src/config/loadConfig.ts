import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EMPTY_CONFIG } from '../model/config.js';
import { parseConfig, type ConfigResult } from './parseConfig.js';

/** Looked for at the root, in this order, when no config is named. */
export const DEFAULT_CONFIG_FILES = ['.portcullis.yml', '.portcullis.yaml'] as const;

/**
 * Reads the config: `explicitPath` (resolved against the working directory, as a command
 * line argument is) must exist; without it, the first default file at `root` is read, and
 * a repository without one gets the empty config.
 */
export async function loadConfig(root: string, explicitPath?: string): Promise<ConfigResult> {
  if (explicitPath !== undefined) {
    const read = await readText(resolve(explicitPath));
    return 'text' in read ? parseConfig(explicitPath, read.text) : { error: `${explicitPath}: cannot read the config file (${read.reason})` };
  }
  for (const name of DEFAULT_CONFIG_FILES) {
    const read = await readText(join(root, name));
    if ('text' in read) return parseConfig(name, read.text);
    if (read.code !== 'ENOENT') return { error: `${name}: cannot read the config file (${read.reason})` };
  }
  return { config: structuredClone(EMPTY_CONFIG) };
}

type ReadResult = { text: string } | { code: string | undefined; reason: string };

async function readText(path: string): Promise<ReadResult> {
  try {
    return { text: await readFile(path, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { code, reason: READ_ERRORS[code ?? ''] ?? String(error) };
  }
}

const READ_ERRORS: Partial<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
};
