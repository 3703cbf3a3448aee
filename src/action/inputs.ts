// The step's `with:` inputs, read when the run starts (never at import time) and checked
// before anything else happens, so a typo fails with one clear line.

import { leavesRoot } from '../config/configSchema.js';

export type FailOn = 'new' | 'any' | 'none';
/** An incomplete check (a limit left something unread) fails the step, or only says so. */
export type IncompletePolicy = 'fail' | 'warn';
export type CommentMode = 'always' | 'on-conflict' | 'never';

export interface ActionInputs {
  token: string;
  /** Registry files, root-relative; empty means auto-detection. */
  registry: string[];
  config: string | undefined;
  failOn: FailOn;
  incomplete: IncompletePolicy;
  comment: CommentMode;
  review: boolean;
  annotations: boolean;
  /** Where to write SARIF, relative to the workspace; undefined writes none. */
  sarifFile: string | undefined;
}

export class InputError extends Error {}

/** `getInput` returns the trimmed value of `INPUT_<NAME>`, or '' when it is unset (as @actions/core does). */
export function readInputs(getInput: (name: string) => string): ActionInputs {
  const token = getInput('github-token');
  if (token === '') throw new InputError("input 'github-token' is empty: pass ${{ github.token }} or a token that can read the repository");
  return {
    token,
    registry: splitList(getInput('registry')).map((path) => insideWorkspace('registry', path)),
    config: optionalPath('config', getInput('config')),
    failOn: oneOf('fail-on', getInput('fail-on'), ['new', 'any', 'none'], 'new'),
    incomplete: oneOf('incomplete', getInput('incomplete'), ['fail', 'warn'], 'fail'),
    comment: oneOf('comment', getInput('comment'), ['always', 'on-conflict', 'never'], 'on-conflict'),
    review: booleanInput('review', getInput('review'), true),
    annotations: booleanInput('annotations', getInput('annotations'), true),
    sarifFile: optionalPath('sarif-file', getInput('sarif-file')),
  };
}

/** Paths one per line or separated by commas, as YAML block scalars and flow lists give them. */
export function splitList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A path input: read and written only inside the workspace. */
function optionalPath(name: string, value: string): string | undefined {
  return value === '' ? undefined : insideWorkspace(name, value);
}

function insideWorkspace(name: string, path: string): string {
  if (leavesRoot(path)) throw new InputError(`input '${name}' must be a path inside the workspace (got '${path}')`);
  return path;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[], fallback: T): T {
  if (value === '') return fallback;
  const found = allowed.find((candidate) => candidate === value.toLowerCase());
  if (found === undefined) throw new InputError(`input '${name}' must be one of ${allowed.join(', ')} (got '${value}')`);
  return found;
}

// The YAML 1.2 core schema's booleans, which is what @actions/core's getBooleanInput accepts.
const TRUE = new Set(['true', 'True', 'TRUE']);
const FALSE = new Set(['false', 'False', 'FALSE']);

function booleanInput(name: string, value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new InputError(`input '${name}' must be true or false (got '${value}')`);
}
