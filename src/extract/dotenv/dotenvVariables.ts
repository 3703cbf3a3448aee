import type { SourceLocation } from '../../model/types.js';
import { type InterpolationProblem, interpolate, pieceAt, type VariableValue } from '../interpolate.js';
import type { DotenvEntry } from './parseDotenv.js';

export interface DotenvVariable extends VariableValue {
  /** Where the value's first character is written: this entry, or the entry or default it expands from. */
  location: SourceLocation;
  entry: DotenvEntry;
  /** What went wrong expanding `${...}` in the value (an unset variable, say). */
  problems: InterpolationProblem[];
}

/**
 * The variables a `.env` sets, as Compose sees them: values expand `${VAR}` from the entries
 * above them (Compose would look in the shell environment first, which a static check does
 * not have), and the last assignment of a name wins.
 */
export function dotenvVariables(entries: readonly DotenvEntry[], file: string): Map<string, DotenvVariable> {
  const variables = new Map<string, DotenvVariable>();
  for (const entry of entries) {
    const at: SourceLocation = { file, line: entry.line, column: entry.column };
    if (!entry.expands || !entry.value.includes('$')) {
      variables.set(entry.name, { value: entry.value, location: at, entry, problems: [] });
      continue;
    }
    const expanded = interpolate(entry.value, (name) => variables.get(name));
    const first = pieceAt(expanded, 0);
    let location = at;
    if (first?.origin.kind === 'input') location = { ...at, column: at.column + first.origin.offset };
    else if (first?.origin.location) location = first.origin.location;
    variables.set(entry.name, { value: expanded.value, location, entry, problems: expanded.problems });
  }
  return variables;
}
