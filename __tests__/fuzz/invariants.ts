// The properties every extractor must keep on any input (issue 5): it never throws, it
// answers within MAX_INPUT_MS, it is deterministic, and every location it reports is real:
// diagnostics in the file it read, bindings at their port literals.
import { isDeepStrictEqual } from 'node:util';
import { normalizeServiceName } from '../../src/model/service.js';
import type { Binding, Diagnostic, Extractor, ExtractResult, RegistryFacts, SourceLocation } from '../../src/model/types.js';
import { cpuMillis, MAX_INPUT_MS } from './fuzzConfig.js';
import { portLiteralProblem, TextGrid } from './textGrid.js';

/** One file to extract, and the other files of the tree that the extractor may read. */
export interface ExtractionInput {
  path: string;
  text: string;
  siblings: Readonly<Record<string, string>>;
}

export function extractionViolations(extractor: Extractor, input: ExtractionInput, limitMs = MAX_INPUT_MS): string[] {
  const files: Record<string, string> = { ...input.siblings, [input.path]: input.text };
  const run = () => timed(() => extractor.extract({ path: input.path, text: input.text }, { rootName: 'repo', readFile: (path) => files[path] }));
  const first = run();
  if ('error' in first) return [`threw: ${first.error}`];
  // A diagnostic may point into a file the extractor reads besides its own (a compose port
  // whose bad value is written in the `.env`): at the line that a fix edits.
  const readable = [input.path, ...(extractor.dependencies?.(input.path) ?? [])];
  const violations = resultViolations(extractor.format, readable, files, first.value);
  if (first.ms > limitMs) violations.push(`took ${Math.round(first.ms)} ms (more than ${limitMs} ms)`);
  const second = run();
  if ('error' in second || !isDeepStrictEqual(first.value, second.value)) violations.push('a second extraction of the same input gave another result');
  return violations;
}

/** Runs `f`, measuring it; an exception is returned, not thrown. */
export function timed<T>(f: () => T): { value: T; ms: number } | { error: string } {
  const started = cpuMillis();
  try {
    const value = f();
    return { value, ms: cpuMillis() - started };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error) };
  }
}

/** `readable[0]` is the file extracted, the others the files it may also read. */
export function resultViolations(format: string, readable: readonly string[], files: Readonly<Record<string, string>>, result: ExtractResult): string[] {
  const grids = new Map(Object.entries(files).map(([name, text]) => [name, new TextGrid(text)]));
  const diagnosticGrids = new Map([...grids].filter(([name]) => readable.includes(name)));
  return [
    ...result.diagnostics.flatMap((diagnostic) => diagnosticViolations(diagnosticGrids, diagnostic).map((v) => `diagnostic ${JSON.stringify(diagnostic)}: ${v}`)),
    ...result.bindings.flatMap((binding) => bindingViolations(format, grids, binding).map((v) => `binding ${describeBinding(binding)}: ${v}`)),
    ...(result.registry ? registryViolations(grids, result.registry) : []),
  ];
}

/** `grids`: the files a diagnostic of this extraction may name. */
function diagnosticViolations(grids: ReadonlyMap<string, TextGrid>, diagnostic: Diagnostic): string[] {
  const violations: string[] = [];
  const grid = grids.get(diagnostic.file);
  if (!grid) return [`file ${diagnostic.file} is neither the file read nor one it depends on`];
  if (diagnostic.severity !== 'error' && diagnostic.severity !== 'warning') violations.push('severity is neither error nor warning');
  if (typeof diagnostic.message !== 'string' || diagnostic.message.trim() === '') violations.push('no message');
  const { line, column } = diagnostic;
  if (line !== undefined && grid.line(line) === undefined) violations.push(`line ${line} is not a line of the file (1-${grid.lineCount})`);
  if (column !== undefined && (line === undefined || !grid.contains(line, column, true))) violations.push(`column ${column} is not on line ${line}`);
  return violations;
}

const KINDS = new Set(['registry', 'listen', 'publish']);

function bindingViolations(format: string, grids: ReadonlyMap<string, TextGrid>, binding: Binding): string[] {
  const violations: string[] = [];
  const { port, endPort } = binding;
  if (!(Number.isInteger(port) && Number.isInteger(endPort) && port >= 1 && port <= endPort && endPort <= 65535)) {
    violations.push(`ports ${port}-${endPort} are not 1 <= port <= endPort <= 65535`);
  }
  if (binding.protocol !== 'tcp' && binding.protocol !== 'udp') violations.push(`protocol ${String(binding.protocol)}`);
  if (!KINDS.has(binding.kind)) violations.push(`kind ${String(binding.kind)}`);
  if (binding.format !== format) violations.push(`format ${binding.format} is not the extractor's ${format}`);
  if (binding.service === '' || normalizeServiceName(binding.service) !== binding.service) violations.push('service name is empty or not normalized');
  if (typeof binding.scope !== 'string' || binding.scope === '') violations.push('no scope');
  const grid = grids.get(binding.file);
  if (!grid) violations.push(`file ${binding.file} is not a file of the tree`);
  else {
    const problem = portLiteralProblem(grid, binding.line, binding.column, port);
    if (problem) violations.push(problem);
  }
  if (binding.via) violations.push(...locationViolations(grids, binding.via).map((v) => `via ${v}`));
  if (binding.variableFile !== undefined && !grids.has(binding.variableFile)) violations.push(`variableFile ${binding.variableFile} is not a file of the tree`);
  return violations;
}

function registryViolations(grids: ReadonlyMap<string, TextGrid>, registry: RegistryFacts): string[] {
  const violations: string[] = [];
  for (const category of registry.categories) {
    const where = `category ${JSON.stringify(category)}`;
    violations.push(...locationViolations(grids, category).map((v) => `${where}: ${v}`));
    if (category.range && !isRange(category.range.start, category.range.end, 0)) violations.push(`${where}: range is not 0 <= start <= end <= 65535`);
  }
  for (const reserved of registry.reserved) {
    const where = `reserved ${JSON.stringify(reserved)}`;
    if (!isRange(reserved.start, reserved.end, 0)) violations.push(`${where}: not 0 <= start <= end <= 65535`);
    const grid = grids.get(reserved.file);
    const problem = grid ? portLiteralProblem(grid, reserved.line, reserved.column, reserved.start) : `file ${reserved.file} is not a file of the tree`;
    if (problem) violations.push(`${where}: ${problem}`);
  }
  return violations;
}

function locationViolations(grids: ReadonlyMap<string, TextGrid>, location: SourceLocation): string[] {
  const grid = grids.get(location.file);
  if (!grid) return [`file ${location.file} is not a file of the tree`];
  return grid.contains(location.line, location.column) ? [] : [`${location.line}:${location.column} is outside ${location.file}`];
}

function isRange(start: number, end: number, min: number): boolean {
  return Number.isInteger(start) && Number.isInteger(end) && min <= start && start <= end && end <= 65535;
}

function describeBinding(binding: Binding): string {
  const { service, port, endPort, protocol, file, line, column } = binding;
  return `${service} ${port}-${endPort}/${protocol} @${file}:${line}:${column}`;
}
