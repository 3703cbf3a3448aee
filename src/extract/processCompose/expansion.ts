// process-compose expands `${VAR}` in the whole file before it reads it (drone/envsubst over
// the text, from the `.env` beside it, then the shell environment; `$$` is a literal `$`),
// unless the file sets `disable_env_expansion`.
import type { Interpolation, VariableLookup } from '../interpolate.js';
import { type InterpolatedScalar, type LiteralPlace, readInterpolated } from '../interpolatedScalar.js';
import type { YamlFile } from '../yaml.js';
import type { ListenerPlace } from '../command/listenerBinding.js';
import type { Diagnostic } from '../../model/types.js';

export interface ProcessComposeFile {
  yaml: YamlFile;
  /** What `${VAR}` expands from; undefined when the file turns expansion off. */
  variables: VariableLookup | undefined;
  diagnostics: Diagnostic[];
}

/**
 * A scalar as process-compose reads it, expanded; undefined for a node that is not a scalar.
 * A variable that is neither in the `.env` nor defaulted expands to nothing, as it does for
 * process-compose run without it in the shell: a reference is never taken for a literal.
 */
export function readText(file: ProcessComposeFile, node: unknown): InterpolatedScalar | undefined {
  if (file.variables) return readInterpolated(file.yaml, node, file.variables);
  const raw = file.yaml.scalarText(node);
  if (raw === undefined) return undefined;
  return { node: file.yaml.resolve(node), raw, interpolation: asWritten(raw) };
}

/** The text unexpanded: every character is written where it stands. */
function asWritten(raw: string): Interpolation {
  const pieces = raw === '' ? [] : [{ start: 0, end: raw.length, origin: { kind: 'input' as const, offset: 0 } }];
  return { value: raw, pieces, problems: [] };
}

/** A literal's place as the location fields of a binding. */
export function bindingPlace(place: LiteralPlace): ListenerPlace {
  const { location, scattered: _scattered, ...variable } = place;
  return { ...location, ...variable };
}

/** process-compose decodes booleans (`disabled`) into Go bools, which take YAML 1.1's spellings too. */
export function isTrue(text: string | undefined): boolean {
  return text !== undefined && ['true', 'yes', 'on', 'y'].includes(text.toLowerCase());
}
