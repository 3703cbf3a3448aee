// `.portcullis.yml` is what the user tells Portcullis, so a mistake in it is a usage error
// (exit 2), given as one line that names the place: `.portcullis.yml:7:5: ignore[0].reason: required`.
import { EMPTY_CONFIG, type PortcullisConfig } from '../model/config.js';
import type { SourceLocation } from '../model/types.js';
import { AliasBudgetExceeded, isMap, parseYaml, type YamlFile } from '../extract/yaml.js';
import {
  describeValue,
  formatProblem,
  issueProblem,
  problemLocation,
  validateAt,
  yamlToPlain,
} from '../extract/zodYaml.js';
import { configSchema } from './configSchema.js';

export type ConfigResult = { config: PortcullisConfig } | { error: string };

/** Parses and validates a config file's text; `path` is how the error names the file. */
export function parseConfig(path: string, text: string): ConfigResult {
  try {
    return parseConfigYaml(parseYaml(path, text));
  } catch (error) {
    if (error instanceof AliasBudgetExceeded) return { error: `${path}: ${error.message}` };
    throw error;
  }
}

function parseConfigYaml(yaml: YamlFile): ConfigResult {
  // Duplicate keys are reported by path when the config is validated.
  const syntaxErrors = yaml.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && !yaml.duplicateKeys.includes(diagnostic));
  const firstSyntaxError = syntaxErrors[0];
  if (firstSyntaxError) {
    const at = { file: yaml.path, line: firstSyntaxError.line ?? 1, column: firstSyntaxError.column ?? 1 };
    return { error: oneLine(at, firstSyntaxError.message, syntaxErrors.length - 1) };
  }
  const [document, extra] = yaml.documents;
  if (extra) {
    return { error: oneLine({ file: yaml.path, ...yaml.position(extra.range[0]) }, 'expected one YAML document', 0) };
  }
  const root = document?.contents ?? null;
  const { value, problems } = yamlToPlain(yaml, root);
  if (value === null) return { config: structuredClone(EMPTY_CONFIG) };
  if (!isMap(yaml.resolve(root))) return { error: oneLine(yaml.locate(root), `expected a mapping, got ${describeValue(value)}`, 0) };

  const result = validateAt(configSchema, value, []);
  if (result.issues === undefined && problems.length === 0) return { config: result.data };
  const all = [...problems, ...(result.issues ?? []).map((issue) => issueProblem(yaml, root, issue))];
  const located = all
    .map((problem) => ({ problem, at: problemLocation(yaml, problem) }))
    .sort((a, b) => a.at.line - b.at.line || a.at.column - b.at.column);
  const [first, ...rest] = located;
  return { error: first ? oneLine(first.at, formatProblem(first.problem), rest.length) : `${yaml.path}: invalid config` };
}

function oneLine(at: SourceLocation, message: string, more: number): string {
  const rest = more === 0 ? '' : ` (and ${more} more problem${more === 1 ? '' : 's'})`;
  return `${at.file}:${at.line}:${at.column}: ${message}${rest}`;
}

