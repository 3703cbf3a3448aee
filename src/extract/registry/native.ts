// Portcullis's own registry: `ports.yml`, `ports.yaml` or `ports.json` (JSON is read as
// YAML, so both forms get positions from one code path). A registry is repository data:
// a bad entry is a diagnostic and every other entry still counts.
import type * as z from 'zod';
import type {
  Binding,
  Diagnostic,
  Extractor,
  ExtractResult,
  RegistryCategory,
  ReservedRange,
  SourceFile,
  SourceLocation,
} from '../../model/types.js';
import { normalizeServiceName } from '../../model/service.js';
import { AliasBudgetExceeded, isMap, parseYaml, type YamlFile } from '../yaml.js';
import {
  describeValue,
  formatProblem,
  issueProblem,
  nodeAtPath,
  problemLocation,
  validateAt,
  yamlToPlain,
  type YamlPath,
  type YamlProblem,
} from '../zodYaml.js';
import {
  categoryEntrySchema,
  registryDocumentSchema,
  registrySectionSchemas,
  reservedEntrySchema,
  serviceEntrySchema,
  type ServiceEntry,
} from './nativeSchema.js';

const FORMAT = 'registry';
const NATIVE_REGISTRY_NAMES = new Set(['ports.yml', 'ports.yaml', 'ports.json']);
const REGISTRY_SECTIONS = Object.keys(registrySectionSchemas);

/** True for a file named like a native registry, in any folder. */
export function isNativeRegistryFileName(path: string): boolean {
  return NATIVE_REGISTRY_NAMES.has(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * The registry's own place: `ports.*` at the root or in `.portcullis/`. A file there is the
 * registry when its outline is one (a mapping with `services`, `categories` or `reserved`), and
 * every mistake inside it is reported. Elsewhere a file of that name is as likely a Helm
 * values fragment or a tool's data: it is a registry only when all of it reads as one, without
 * a single complaint; otherwise it is declined, quietly, for whatever reader fits it.
 */
export function isRegistryPlace(path: string): boolean {
  const folder = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  return folder === '' || folder === '.portcullis';
}

export const nativeRegistryExtractor: Extractor = {
  format: FORMAT,
  matches: isNativeRegistryFileName,
  extract(file: SourceFile): ExtractResult {
    let reading: Reading;
    try {
      reading = extractNativeRegistry(parseYaml(file.path, file.text));
    } catch (error) {
      const message =
        error instanceof AliasBudgetExceeded ? `${error.message}: registry skipped` : `registry could not be read: ${String(error)}`;
      reading = { outline: 'unknown', bindings: [], diagnostics: [{ file: file.path, severity: 'error', message }] };
    }
    const { outline: _outline, ...read } = reading;
    const result = file.path.endsWith('.json') ? { ...read, diagnostics: read.diagnostics.map(asJsonDiagnostic) } : read;
    return isNativeRegistryShape(file.path, reading) ? result : { ...result, declined: true };
  },
};

/**
 * What a reading found, and whether the document's outline is a registry's: `unknown` when the
 * file could not be read as YAML at all.
 */
interface Reading extends ExtractResult {
  outline: 'registry' | 'other' | 'unknown';
}

/** Whether a reading is of a registry, by the rule of the file's place (see isRegistryPlace). */
function isNativeRegistryShape(path: string, reading: Reading): boolean {
  if (isRegistryPlace(path)) return reading.outline !== 'other';
  const facts = reading.registry;
  const entries = reading.bindings.length + (facts?.categories.length ?? 0) + (facts?.reserved.length ?? 0);
  return reading.outline === 'registry' && entries > 0 && reading.diagnostics.length === 0;
}

// JSON is read as YAML 1.2, but its author should read about JSON.
function asJsonDiagnostic(diagnostic: Diagnostic): Diagnostic {
  return { ...diagnostic, message: diagnostic.message.replace(/^invalid YAML:/, 'invalid JSON:') };
}

function extractNativeRegistry(yaml: YamlFile): Reading {
  // Duplicate keys are reported by path when the registry is validated.
  const diagnostics: Diagnostic[] = yaml.diagnostics.filter((diagnostic) => !yaml.duplicateKeys.includes(diagnostic));
  if (yaml.malformed) return { outline: 'unknown', bindings: [], diagnostics };
  const [document, ...extra] = yaml.documents;
  const extraDocument = extra[0];
  if (extraDocument) {
    const start = { file: yaml.path, ...yaml.position(extraDocument.range[0]) };
    diagnostics.push({ ...start, severity: 'warning', message: 'a registry is one YAML document; later documents are ignored' });
  }
  const root = yaml.resolve(document?.contents ?? null);
  if (!isMap(root)) {
    const what = root === null || root === undefined ? 'an empty document' : describeValue(yamlToPlain(yaml, root).value);
    diagnostics.push({ ...yaml.locate(root), severity: 'error', message: `expected a mapping with categories, reserved and services, got ${what}` });
    return { outline: 'other', bindings: [], diagnostics };
  }
  // A mapping with none of the registry's sections is some other document (see isRegistryPlace).
  if (!REGISTRY_SECTIONS.some((section) => yaml.get(root, section) !== undefined)) {
    diagnostics.push({ ...yaml.locate(root), severity: 'error', message: 'expected a mapping with categories, reserved and services: it has none of them' });
    return { outline: 'other', bindings: [], diagnostics };
  }

  return { outline: 'registry', ...new RegistryReader(yaml, root, diagnostics).read() };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

class RegistryReader {
  constructor(
    private readonly yaml: YamlFile,
    private readonly root: unknown,
    private readonly diagnostics: Diagnostic[],
  ) {}

  read(): ExtractResult {
    const { value, problems } = yamlToPlain(this.yaml, this.root);
    problems.forEach((problem) => this.report(problem));
    this.reportIssues(validateAt(registryDocumentSchema, value, []).issues);
    const document = value as Record<string, unknown>;
    // A section of the wrong shape was reported above; the others still count.
    const { categories, reserved, services } = registrySectionSchemas;
    const registry = {
      categories: this.categories(categories.safeParse(document['categories']).data ?? {}),
      reserved: this.reserved(reserved.safeParse(document['reserved']).data ?? []),
    };
    const bindings = this.services(services.safeParse(document['services']).data ?? {});
    return { bindings, diagnostics: this.diagnostics.sort(byPosition), registry };
  }

  private categories(entries: Record<string, unknown>): RegistryCategory[] {
    const categories: RegistryCategory[] = [];
    for (const [name, value] of Object.entries(entries)) {
      const path = ['categories', name];
      const category = this.validate(categoryEntrySchema, value, path);
      if (category) categories.push({ ...this.keyLocation(path), name, ...category });
    }
    return categories;
  }

  private reserved(items: unknown[]): ReservedRange[] {
    const reserved: ReservedRange[] = [];
    items.forEach((value, index) => {
      const path = ['reserved', index];
      const entry = this.validate(reservedEntrySchema, value, path);
      if (!entry) return;
      const location = this.literalLocation([...path, ...entry.at]);
      reserved.push({ ...location, ...entry.range, ...(entry.reason === undefined ? {} : { reason: entry.reason }) });
    });
    return reserved;
  }

  private services(entries: Record<string, unknown>): Binding[] {
    const bindings: Binding[] = [];
    for (const [key, value] of Object.entries(entries)) {
      const path = ['services', key];
      const service = normalizeServiceName(key);
      if (service === '') {
        this.report({ path, node: nodeAtPath(this.yaml, this.root, path).keyNode, message: 'expected a service name' });
        continue;
      }
      const entry = this.validate(serviceEntrySchema, value, path);
      if (entry) bindings.push(...this.serviceBindings(service, entry, path));
    }
    return bindings;
  }

  private serviceBindings(service: string, entry: ServiceEntry, path: YamlPath): Binding[] {
    return entry.ports.map((port) => ({
      service,
      port: port.range.start,
      endPort: port.range.end,
      protocol: port.protocol ?? entry.protocol ?? 'tcp',
      hostIp: null,
      scope: 'host',
      kind: 'registry',
      format: FORMAT,
      ...this.literalLocation([...path, ...port.at]),
      ...(entry.category === undefined ? {} : { category: entry.category }),
      ...(port.name === undefined ? {} : { portName: port.name }),
    }));
  }

  private validate<T>(schema: z.ZodType<T>, value: unknown, path: YamlPath): T | undefined {
    const result = validateAt(schema, value, path);
    this.reportIssues(result.issues);
    return result.data;
  }

  private reportIssues(issues: z.core.$ZodIssue[] | undefined): void {
    for (const issue of issues ?? []) this.report(issueProblem(this.yaml, this.root, issue));
  }

  private report(problem: YamlProblem): void {
    this.diagnostics.push({ ...problemLocation(this.yaml, problem), severity: 'error', message: formatProblem(problem) });
  }

  private keyLocation(path: YamlPath): SourceLocation {
    return this.yaml.locate(nodeAtPath(this.yaml, this.root, path).keyNode);
  }

  /** The first digit of the literal, inside quotes when the port is written as a string. */
  private literalLocation(path: YamlPath): SourceLocation {
    const node = nodeAtPath(this.yaml, this.root, path).node;
    const text = this.yaml.scalarText(node);
    const digits = text === undefined ? null : /\d+/.exec(text);
    return digits ? this.yaml.locateInScalar(node, digits.index, digits[0]) : this.yaml.locate(node);
  }
}
