import type { SourceLocation } from '../../model/types.js';
import { type InterpolationProblem, interpolate, MAX_INTERPOLATED_LENGTH, pieceAt, type VariableValue } from '../interpolate.js';

/**
 * What all the expanded values of one `.env` may add up to: each is bounded by
 * MAX_INTERPOLATED_LENGTH, and ten thousand lines of such values must not be either.
 */
export const MAX_EXPANDED_PER_FILE = 4 * 1024 * 1024;
import type { DotenvEntry } from './parseDotenv.js';

export interface DotenvVariable extends VariableValue {
  /** Where the value's first character is written: this entry, or the entry or default it expands from. */
  location: SourceLocation;
  /**
   * Where `value[index, index + length)` is written as one run of characters (a port literal),
   * and, when that is another entry's value, `via` the reference of this entry it came
   * through; undefined when no one place holds it: it is assembled from several
   * (`${A:-80}80`) or spelled with escapes.
   */
  locateLiteral(index: number, length: number): LiteralLocation | undefined;
  entry: DotenvEntry;
  /** What went wrong expanding `${...}` in the value (an unset variable, say). */
  problems: InterpolationProblem[];
}

export interface LiteralLocation {
  location: SourceLocation;
  via?: SourceLocation;
}

/**
 * The variables a `.env` sets, as Compose sees them: values expand `${VAR}` from the entries
 * above them (Compose would look in the shell environment first, which a static check does
 * not have), and the last assignment of a name wins.
 */
export function dotenvVariables(entries: readonly DotenvEntry[], file: string): Map<string, DotenvVariable> {
  const variables = new Map<string, DotenvVariable>();
  let budget = MAX_EXPANDED_PER_FILE;
  for (const entry of entries) {
    const written = (index: number, length: number): LiteralLocation | undefined => {
      const location = writtenRun(entry, file, index, length);
      return location && { location };
    };
    const at: SourceLocation = { file, ...entry.locate(0) };
    if (!entry.expands || !entry.value.includes('$')) {
      variables.set(entry.name, { value: entry.value, location: at, locateLiteral: written, entry, problems: [] });
      continue;
    }
    // The variables this value refers to, as they were when it was read (`A=${A}1` reads the earlier A).
    const referenced = new Map<string, DotenvVariable>();
    const expanded = interpolate(
      entry.value,
      (name) => {
        const variable = variables.get(name);
        if (variable) referenced.set(name, variable);
        return variable;
      },
      Math.min(MAX_INTERPOLATED_LENGTH, budget),
    );
    budget -= expanded.value.length;
    const locateLiteral = (index: number, length: number): LiteralLocation | undefined => {
      const piece = pieceAt(expanded, index);
      if (!piece || index + length > piece.end) return undefined;
      const delta = index - piece.start;
      if (piece.origin.kind === 'input') return written(piece.origin.offset + delta, length);
      const { reference } = piece;
      const found = reference && referenced.get(reference.name)?.locateLiteral(delta, length);
      return found && reference && { location: found.location, via: { file, ...entry.locate(reference.start) } };
    };
    const first = pieceAt(expanded, 0);
    let location = at;
    if (first?.origin.kind === 'input') location = { file, ...entry.locate(first.origin.offset) };
    else if (first?.origin.location) location = first.origin.location;
    variables.set(entry.name, { value: expanded.value, location, locateLiteral, entry, problems: expanded.problems });
  }
  return variables;
}

/** The place of `entry.value[index, index + length)` when its characters stand side by side on one line. */
function writtenRun(entry: DotenvEntry, file: string, index: number, length: number): SourceLocation | undefined {
  const start = entry.locate(index);
  for (let k = 1; k < length; k++) {
    const next = entry.locate(index + k);
    if (next.line !== start.line || next.column !== start.column + k) return undefined;
  }
  return { file, ...start };
}
