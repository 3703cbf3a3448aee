// The step's `with:` inputs, read when the run starts (never at import time) and checked
// before anything else happens, so a typo fails with one clear line.

import { leavesRoot } from '../config/configSchema.js';
import type { FailOn, IncompletePolicy } from '../pipeline/check.js';

export type CommentMode = 'always' | 'on-conflict' | 'never';
/** Which conflicts get an annotation: new ones at lines the change touched, every one, or none. */
export type AnnotationMode = 'changed' | 'all' | 'none';

export interface ActionInputs {
  token: string;
  /** Registry files, root-relative; empty means auto-detection. */
  registry: string[];
  config: string | undefined;
  failOn: FailOn;
  incomplete: IncompletePolicy;
  comment: CommentMode;
  review: boolean;
  annotations: AnnotationMode;
  /**
   * The folder to check, relative to the workspace, `/`-separated, without `./` or a trailing
   * slash; '' for the workspace itself.
   */
  workingDirectory: string;
  /** Tells this step's sticky comment from another step's on the same pull request; undefined: the working directory does. */
  commentId: string | undefined;
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
    annotations: annotationMode(getInput('annotations')),
    workingDirectory: workingDirectory(getInput('working-directory')),
    commentId: commentId(getInput('comment-id')),
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

/**
 * `changed`, `all` or `none`; `true` and `false`, what the input took before it had modes,
 * still mean `all` and `none`, so workflows written then keep working.
 */
function annotationMode(value: string): AnnotationMode {
  if (TRUE.has(value)) return 'all';
  if (FALSE.has(value)) return 'none';
  return oneOf('annotations', value, ['changed', 'all', 'none'], 'changed');
}

/** The folder as one spelling (`./services/api/` is `services/api`), refused when it leaves the workspace. */
export function workingDirectory(value: string): string {
  const path = value.replace(/\\/g, '/');
  if (leavesRoot(path)) throw new InputError(`input 'working-directory' must be a folder inside the workspace (got '${value}')`);
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  return parts.join('/');
}

// Kept in a hidden HTML comment: short, and of characters that cannot end it.
const COMMENT_ID = /^[\w./-]{1,64}$/;

function commentId(value: string): string | undefined {
  if (value === '') return undefined;
  if (!COMMENT_ID.test(value)) throw new InputError(`input 'comment-id' must be 1 to 64 letters, digits, '.', '_', '-' or '/' (got '${value}')`);
  return value;
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
