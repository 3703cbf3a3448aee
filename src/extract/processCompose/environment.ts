// process-compose `environment`: each variable's value, expanded, and where it is written.
import type { InterpolatedScalar } from '../interpolatedScalar.js';
import { isEmptyNode, isMap, isSeq } from '../yaml.js';
import { type ProcessComposeFile, readText } from './expansion.js';

// The Nix extractor reads process environments with the same rule; it imports it from here
// until it takes it from src/extract/portVariables.ts.

export interface EnvEntry {
  name: string;
  /** The value after expansion. */
  value: string;
  /** The scalar that holds the value: `NAME=value` in the list form, the value in the mapping form. */
  scalar: InterpolatedScalar;
  /** Where the value starts in the scalar's expanded text. */
  valueIndex: number;
}

/**
 * Reads `environment` in the list form process-compose documents (`- PORT=3000`) and in the
 * mapping form that Compose users write (`PORT: "3000"`).
 */
export function readEnvironment(file: ProcessComposeFile, node: unknown): EnvEntry[] {
  const { yaml } = file;
  if (isEmptyNode(yaml, node)) return [];
  const resolved = yaml.resolve(node);
  if (isSeq(resolved)) return yaml.items(resolved).flatMap((item) => listEntry(file, item));
  if (isMap(resolved)) {
    return yaml.entries(resolved).flatMap(([name, value]) => {
      const scalar = readText(file, value);
      return scalar ? [{ name, value: scalar.interpolation.value, scalar, valueIndex: 0 }] : [];
    });
  }
  file.diagnostics.push({ ...yaml.locate(resolved), severity: 'error', message: '`environment` must be a list of NAME=value or a mapping' });
  return [];
}

function listEntry(file: ProcessComposeFile, item: unknown): EnvEntry[] {
  const scalar = readText(file, item);
  const text = scalar?.interpolation.value ?? '';
  const eq = text.indexOf('=');
  if (!scalar || eq <= 0) return [];
  return [{ name: text.slice(0, eq), value: text.slice(eq + 1), scalar, valueIndex: eq + 1 }];
}
