// A YAML scalar of a file that its tool interpolates (`${VAR:-default}` in Compose and
// process-compose files), and the way back from a character of the interpolated value to the
// place where it is written.
import type { SourceLocation } from '../model/types.js';
import { type Interpolation, interpolate, pieceAt, type VariableLookup } from './interpolate.js';
import type { YamlFile } from './yaml.js';

/** A YAML scalar with its variables interpolated. */
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
  /** The template (`.env.example`) the literal's variable got its value from, when no `.env` sets it. */
  template?: string;
  /**
   * The literal's characters are not written side by side (`${A:-80}80`, `${HOST}${PORT}`):
   * `location` is where its first one is, and no one place holds the literal to point a fix at.
   */
  scattered?: true;
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
 * the YAML file, or (for a variable's value) where the variable is set, with the reference
 * as `via`. A default (`${PORT:-3000}`) is written in the YAML file, inside the reference.
 */
export function placeOf(yaml: YamlFile, scalar: InterpolatedScalar, index: number, length: number): LiteralPlace {
  const piece = pieceAt(scalar.interpolation, index);
  if (!piece) return { location: yaml.locate(scalar.node) };
  const delta = index - piece.start;
  const span = Math.max(1, Math.min(length, piece.end - index));
  let location: SourceLocation;
  let written = true;
  if (piece.origin.kind === 'input') {
    const offset = piece.origin.offset + delta;
    location = yaml.locateInScalar(scalar.node, offset, scalar.raw.slice(offset, offset + span));
  } else {
    const { location: set, locateLiteral } = piece.origin;
    // A `.env` value knows where each of its characters is, across its escapes and line breaks.
    const found = locateLiteral?.(delta, span);
    written = !locateLiteral || found !== undefined;
    location = found?.location ?? (set ? { ...set, column: set.column + delta } : yaml.locate(scalar.node));
  }
  const scattered = index + length > piece.end || !written ? { scattered: true as const } : {};
  const reference = piece.reference;
  if (!reference) return { location, ...scattered };
  const via = yaml.locateInScalar(scalar.node, reference.start, scalar.raw.slice(reference.start, reference.end));
  const variableFile = piece.origin.kind === 'variable' ? piece.origin.location?.file : undefined;
  const template = piece.origin.kind === 'variable' ? piece.origin.template : undefined;
  return { location, via, variable: reference.name, ...(variableFile === undefined ? {} : { variableFile }), ...(template === undefined ? {} : { template }), ...scattered };
}
