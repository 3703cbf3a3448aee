import type { ComposeFileSetting } from '../../model/facts.js';
import { baseName, folderOf, resolveWrittenPath } from '../../model/paths.js';
import { parsePortRange } from '../../model/ports.js';
import { normalizeServiceName } from '../../model/service.js';
import type { Binding, Diagnostic, ExtractContext, Extractor, ExtractResult, PortRange, SourceFile } from '../../model/types.js';
import { isClientBundleVariable, portRangeBound, type PortRangeBound } from '../portVariables.js';
import { type DotenvVariable, dotenvVariables, type LiteralLocation } from './dotenvVariables.js';
import { type DotenvEntry, looksLikeDotenv, parseDotenv } from './parseDotenv.js';
import { unnamedServiceMessage } from '../unnamedService.js';

export const dotenvExtractor: Extractor = {
  format: 'dotenv',
  matches: isDotenvFile,
  extract: extractDotenv,
};

/**
 * Templates that developers copy into a `.env` (`.env.example`, `.env.sample`, `sample.env`)
 * describe nothing that runs, as DESIGN.md says of examples, and Compose never reads them:
 * reading them would report collisions between ports nobody binds. `.env.test` configures
 * test runs, which DESIGN.md leaves out with the tests themselves.
 */
const TEMPLATE_WORDS: ReadonlySet<string> = new Set(['example', 'examples', 'sample', 'template', 'tpl', 'dist', 'defaults', 'test']);

/** `.env.js`, `.env.json`, `.env.d.ts`, `.env.gpg`: code, data and encrypted files named after the environment, not dotenv files. */
const OTHER_FORMATS: ReadonlySet<string> = new Set(['js', 'cjs', 'mjs', 'ts', 'json', 'yml', 'yaml', 'toml', 'py', 'sh', 'md', 'gpg', 'age', 'enc']);

/** `.env`, `.env.<name>` and `<name>.env`, unless a name part marks a template or another format. */
export function isDotenvFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (base === '.env') return true;
  if (base.endsWith('.env') && base.length > '.env'.length) return !isTemplate(base.slice(0, -'.env'.length).split('.'));
  if (!base.startsWith('.env.')) return false;
  const parts = base.slice('.env.'.length).split('.');
  return !isTemplate(parts) && !OTHER_FORMATS.has((parts.at(-1) ?? '').toLowerCase());
}

function isTemplate(parts: readonly string[]): boolean {
  return parts.some((part) => TEMPLATE_WORDS.has(part.toLowerCase()));
}

/**
 * The service a port variable names: `NLP_API_PORT` -> `nlp-api`; bare `PORT` -> the service
 * of the folder. `<NAME>_PORT_ALT` (the seeds' fallback port for when the main one is taken)
 * is the same service's alternative, so it is that service's claim: another service on it
 * defeats the fallback, while the service's own two ports never collide with each other.
 * Any other variable is not a port of a service of its own (undefined).
 */
export function serviceOfPortVariable(variable: string, folderService: string): string | undefined {
  if (isClientBundleVariable(variable)) return undefined;
  const upper = variable.toUpperCase();
  if (upper === 'PORT' || upper === 'PORT_ALT') return folderService;
  for (const suffix of ['_PORT', '_PORT_ALT']) {
    if (!upper.endsWith(suffix)) continue;
    const service = normalizeServiceName(variable.slice(0, -suffix.length));
    return service === '' ? undefined : service;
  }
  return undefined;
}

function extractDotenv(file: SourceFile, context: ExtractContext): ExtractResult {
  // `.env.patch`, a template in another language: not dotenv, and nobody's mistake here.
  if (!looksLikeDotenv(file.text)) return { bindings: [], diagnostics: [], declined: true };
  const parsed = parseDotenv(file.text);
  const diagnostics: Diagnostic[] = parsed.problems.map((problem) => ({
    file: file.path,
    line: problem.line,
    column: problem.column,
    severity: 'error',
    message: `${problem.message} (Docker Compose refuses such a .env file)`,
  }));
  const bindings: Binding[] = [];
  const variables = dotenvVariables(parsed.entries, file.path);
  const folder = folderOf(file.path);
  const folderService = normalizeServiceName(baseName(folder, context.rootName));
  const ranges = new Map<string, Partial<Record<PortRangeBound['end'], RangeEnd>>>();

  for (const entry of parsed.entries) {
    const bound = isClientBundleVariable(entry.name) ? undefined : portRangeBound(entry.name);
    const service = bound ? rangeService(bound, folderService) : serviceOfPortVariable(entry.name, folderService);
    if (service === undefined) continue;
    const at = { file: file.path, line: entry.line, column: entry.column };
    if (service === '') {
      // A bare PORT names the folder's service: a folder named `_` names none.
      diagnostics.push({ ...at, severity: 'warning', message: unnamedServiceMessage('folder', baseName(folder, context.rootName)) });
      continue;
    }
    const value = portValue(entry, variables.get(entry.name), diagnostics);
    if (!value) continue;
    const binding: Binding = {
      service,
      port: value.range.start,
      endPort: value.range.end,
      protocol: 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'listen',
      format: 'dotenv',
      ...value.literal.location,
      ...(value.literal.via ? { via: value.literal.via } : {}),
      variable: entry.name,
      variableFile: file.path,
      setting: entry.name,
    };
    if (!bound) bindings.push(binding);
    else {
      const ends = ranges.get(bound.pair) ?? {};
      ends[bound.end] = { binding, entry };
      ranges.set(bound.pair, ends);
    }
  }
  for (const ends of ranges.values()) {
    const range = rangeBinding(ends, diagnostics);
    if (range) bindings.push(range);
  }
  const composeFiles = variables.get('COMPOSE_FILE');
  if (composeFiles === undefined || composeFiles.value.trim() === '') return { bindings, diagnostics };
  return { bindings, diagnostics, facts: { composeFileSetting: composeFileSetting(composeFiles, variables.get('COMPOSE_PATH_SEPARATOR')?.value, file.path) } };
}

/**
 * `COMPOSE_FILE=compose.yml:compose.prod.yml`: the files Compose reads in this folder, split
 * on `COMPOSE_PATH_SEPARATOR` (`:` on Linux, where the Action runs), relative to the folder.
 */
function composeFileSetting(variable: DotenvVariable, separator: string | undefined, path: string): ComposeFileSetting {
  const at = variable.location;
  // A `${VAR}` without a value leaves a hole in the paths: none of them is known.
  if (variable.problems.length > 0) return { files: [{ path: variable.entry.value, at, unresolved: `${variable.entry.value} is built from variables` }], at };
  const files = variable.value
    .split(separator || ':')
    .filter((written) => written.trim() !== '')
    .map((written) => {
      const resolved = resolveWrittenPath(folderOf(path), written);
      return 'path' in resolved ? { path: resolved.path, at } : { path: written, at, unresolved: resolved.unresolved };
    });
  return { files, at };
}

interface RangeEnd {
  binding: Binding;
  entry: DotenvEntry;
}

/** `RTC_MIN_PORT` -> `rtc`; a bare `MIN_PORT` is the folder's service's. */
function rangeService(bound: PortRangeBound, folderService: string): string {
  return bound.base === '' ? folderService : normalizeServiceName(bound.base);
}

/**
 * Both ends of a range make one binding, at the first port's literal, where a fix edits it;
 * one end alone bounds nothing that listens.
 */
function rangeBinding(ends: Partial<Record<PortRangeBound['end'], RangeEnd>>, diagnostics: Diagnostic[]): Binding | undefined {
  const { start, end } = ends;
  if (!start || !end || start.binding.port !== start.binding.endPort || end.binding.port !== end.binding.endPort) return undefined;
  if (start.binding.port > end.binding.port) {
    const at = { file: start.binding.file, line: start.entry.line, column: start.entry.column };
    diagnostics.push({ ...at, severity: 'warning', message: `${start.entry.name}=${start.binding.port} is above ${end.entry.name}=${end.binding.port}: not a port range; skipped` });
    return undefined;
  }
  return { ...start.binding, endPort: end.binding.port };
}

/** The port or range a variable holds, at its literal; what keeps it from being one is a diagnostic. */
function portValue(entry: DotenvEntry, variable: DotenvVariable | undefined, diagnostics: Diagnostic[]): { range: PortRange; literal: LiteralLocation } | undefined {
  if (variable === undefined) return undefined;
  const at = { file: variable.location.file, line: entry.line, column: entry.column };
  if (variable.entry !== entry) {
    const again = variable.entry.line;
    diagnostics.push({ ...at, severity: 'warning', message: `${entry.name} is set again on line ${again}; the last value counts` });
    return undefined;
  }
  if (variable.problems.length > 0) {
    for (const problem of variable.problems) {
      diagnostics.push({ ...at, severity: 'warning', message: `${entry.name}: ${problem.message}; skipped` });
    }
    return undefined;
  }
  if (variable.value === '') return undefined;
  const range = parsePortRange(variable.value);
  if (!range) {
    diagnostics.push({ ...at, severity: 'warning', message: `${entry.name}=${variable.value} is not a port (1-65535)` });
    return undefined;
  }
  // The first port's digits, where a fix would edit them (parsePortRange trims around them).
  const lead = variable.value.length - variable.value.trimStart().length;
  const digits = /^\d+/.exec(variable.value.slice(lead))?.[0] ?? '';
  const literal = variable.locateLiteral(lead, digits.length);
  if (!literal) {
    diagnostics.push({ ...at, severity: 'warning', message: `${entry.name}=${variable.value}: the port is not written as one literal (it is assembled from several values, or spelled with escapes); skipped` });
    return undefined;
  }
  return { range, literal };
}
