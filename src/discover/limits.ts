/**
 * What one run may read. The Action reads files that strangers write, so every cap is
 * explicit, and hitting one is a diagnostic that names it, never a silent truncation.
 */
export interface ReadLimits {
  /** Largest file read, in bytes. */
  maxFileBytes: number;
  /** Most candidate files read in one tree. */
  maxFiles: number;
  /** Most bytes read in one tree. */
  maxTotalBytes: number;
  /** Longest line, in characters: a longer one is minified data or hostile, not a config. */
  maxLineLength: number;
  /** Longest one file's syntax tree may take to build, in milliseconds: tree-sitter's recovery is quadratic on some hostile input. */
  maxParseMillis: number;
  /** Longest all syntax trees of a run may take to build, in seconds. */
  maxParseSeconds: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 1024 * 1024,
  maxFiles: 50_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxLineLength: 100_000,
  maxParseMillis: 5_000,
  maxParseSeconds: 300,
};

/** How a diagnostic tells the user to raise a limit. */
export function raiseHint(limit: keyof ReadLimits): string {
  return `raise limits.${limit} in .portcullis.yml`;
}
