// Each review comment carries a hidden fingerprint of what it proposes, so that a rerun
// can tell which proposals an earlier run already posted and never posts them twice.
import { createHash } from 'node:crypto';
import type { PortEdit } from '../fix/portLiterals.js';

const PREFIX = '<!-- portcullis:suggestion:';
const SUFFIX = ' -->';
const FINGERPRINT = /^[0-9a-f]{16}$/;

/**
 * The same proposal for the same line gives the same fingerprint on every run; a new
 * proposed port, or the literal on another line, gives a new one.
 */
export function suggestionFingerprint(file: string, line: number, edits: readonly PortEdit[]): string {
  const facts = [...edits]
    .sort((a, b) => a.column - b.column)
    .map((edit) => [edit.column, edit.from, edit.fromEnd, edit.to, edit.toEnd]);
  return createHash('sha256').update(JSON.stringify([file, line, facts])).digest('hex').slice(0, 16);
}

/** The first line of a review comment's body. */
export function fingerprintMarker(fingerprint: string): string {
  return `${PREFIX}${fingerprint}${SUFFIX}`;
}

/**
 * The fingerprint of a comment this Action wrote: only a marker at the very start counts,
 * so a line quoted inside a suggestion block can never pass for one.
 */
export function fingerprintOf(body: string): string | undefined {
  if (!body.startsWith(PREFIX)) return undefined;
  const end = body.indexOf(SUFFIX, PREFIX.length);
  const fingerprint = end < 0 ? '' : body.slice(PREFIX.length, end);
  return FINGERPRINT.test(fingerprint) ? fingerprint : undefined;
}
