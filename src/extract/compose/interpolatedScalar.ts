import type { Diagnostic, SourceLocation } from '../../model/types.js';
import { type Interpolation, interpolate, pieceAt, type VariableLookup } from '../interpolate.js';
import { isScalar, type YamlFile } from '../yaml.js';

/** A YAML scalar of a compose file with its variables interpolated. */
export interface InterpolatedScalar {
  node: unknown;
  /** The scalar's value as written (a number as its source text). */
  raw: string;
  interpolation: Interpolation;
}

/** Where a literal of an interpolated value is written, and the variable it came through. */
export interface LiteralPlace {
  location: SourceLocation;
  via?: SourceLocation;
  variable?: string;
  variableFile?: string;
}

/** Reads and interpolates a scalar node; undefined when the node is not a scalar. */
export function readInterpolated(yaml: YamlFile, node: unknown, variables: VariableLookup): InterpolatedScalar | undefined {
  const raw = yaml.scalarText(node);
  if (raw === undefined) return undefined;
  const resolved = yaml.resolve(node);
  return { node: resolved, raw, interpolation: interpolate(raw, variables) };
}

/**
 * Where output characters [index, index + length) of an interpolated scalar are written: in
 * the compose file, or (for a variable's value) where the variable is set, with the reference
 * as `via`. A default (`${PORT:-3000}`) is written in the compose file, inside the reference.
 */
export function placeOf(yaml: YamlFile, scalar: InterpolatedScalar, index: number, length: number): LiteralPlace {
  const piece = pieceAt(scalar.interpolation, index);
  if (!piece) return { location: yaml.locate(scalar.node) };
  const delta = index - piece.start;
  const span = Math.max(1, Math.min(length, piece.end - index));
  let location: SourceLocation;
  if (piece.origin.kind === 'input') {
    const offset = piece.origin.offset + delta;
    location = yaml.locateInScalar(scalar.node, offset, scalar.raw.slice(offset, offset + span));
  } else {
    const set = piece.origin.location;
    location = set ? { ...set, column: set.column + delta } : yaml.locate(scalar.node);
  }
  const reference = piece.reference;
  if (!reference) return { location };
  const via = yaml.locateInScalar(scalar.node, reference.start, scalar.raw.slice(reference.start, reference.end));
  const variableFile = piece.origin.kind === 'variable' ? piece.origin.location?.file : undefined;
  return { location, via, variable: reference.name, ...(variableFile === undefined ? {} : { variableFile }) };
}

/**
 * Diagnostics for what interpolation could not resolve, at each reference: a malformed
 * `${...}` is an error (Compose refuses the file); an unset or unmet required variable is a
 * warning, since the shell that runs Compose may set it.
 */
export function interpolationDiagnostics(yaml: YamlFile, scalar: InterpolatedScalar, subject: string): Diagnostic[] {
  return scalar.interpolation.problems.map((problem) => {
    const at = yaml.locateInScalar(scalar.node, problem.offset, scalar.raw.slice(problem.offset, problem.offset + 2));
    const reason = problem.kind === 'unset' ? `${problem.message} (no .env value, no default)` : problem.message;
    return {
      file: at.file,
      line: at.line,
      column: at.column,
      severity: problem.kind === 'invalid' ? 'error' : 'warning',
      message: `${subject}: ${reason}; skipped`,
    };
  });
}

/** Absent, or written empty (`ports:`, `~`, `null`): nothing to read. */
export function isEmptyNode(yaml: YamlFile, node: unknown): boolean {
  const resolved = yaml.resolve(node);
  return resolved == null || (isScalar(resolved) && resolved.value === null);
}
