import { join, resolve } from 'node:path';
import { decodeText } from '../discover/decode.js';
import { DEFAULT_LIMITS } from '../discover/limits.js';
import { readRegularFile } from '../discover/workspaceFiles.js';
import { EMPTY_CONFIG } from '../model/config.js';
import { parseConfig, type ConfigResult } from './parseConfig.js';

/** Looked for at the root, in this order, when no config is named. */
export const DEFAULT_CONFIG_FILES = ['.portcullis.yml', '.portcullis.yaml'] as const;

/**
 * Reads the config: `explicitPath` (resolved against the working directory, as a command
 * line argument is) must exist; without it, the first default file at `root` is read, and
 * a repository without one gets the empty config. The file is the repository's, so a pull
 * request can make it a link to the runner's secrets or a device: only a regular file is
 * read, and no more than the size limit of every file.
 */
export async function loadConfig(root: string, explicitPath?: string): Promise<ConfigResult> {
  if (explicitPath !== undefined) {
    const read = readConfigFile(resolve(explicitPath));
    return 'text' in read ? parseConfig(explicitPath, read.text) : { error: `${explicitPath}: ${read.reason}` };
  }
  for (const name of DEFAULT_CONFIG_FILES) {
    const read = readConfigFile(join(root, name));
    if ('text' in read) return parseConfig(name, read.text);
    if (!read.missing) return { error: `${name}: ${read.reason}` };
  }
  return { config: structuredClone(EMPTY_CONFIG) };
}

type ConfigRead = { text: string } | { missing: boolean; reason: string };

/** The text of a config file, or why it is not read (a sentence that quotes nothing of the file). */
export function readConfigFile(path: string): ConfigRead {
  let read: ReturnType<typeof readRegularFile>;
  try {
    read = readRegularFile(path, DEFAULT_LIMITS.maxFileBytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { missing: false, reason: `cannot read the config file (${code === 'EACCES' ? 'permission denied' : (code ?? String(error))})` };
  }
  switch (read.kind) {
    case 'bytes':
      return { text: decodeText(read.bytes).text };
    case 'missing':
      return { missing: true, reason: 'cannot read the config file (no such file)' };
    case 'link':
      return { missing: false, reason: 'a symbolic link: not followed (the config must be a regular file in the repository)' };
    case 'not-a-file':
      return { missing: false, reason: 'not a regular file' };
    case 'too-large':
      return { missing: false, reason: `larger than the ${DEFAULT_LIMITS.maxFileBytes / (1024 * 1024)} MiB a file may be: not read` };
  }
}
