// Validating YAML (and JSON, read as YAML) with zod. A document becomes a plain value for
// the schema, and each zod issue's path is walked back through the YAML nodes, so every
// message carries the line and column of the value (or key) it is about.
import * as z from 'zod';
import { MAX_PORT, MIN_PORT, parsePortRange } from '../model/ports.js';
import type { PortRange, SourceLocation } from '../model/types.js';
import { noteLimitHit } from './limitsHit.js';
import { isMap, isScalar, isSeq, MAX_YAML_DEPTH, type YamlFile } from './yaml.js';

export type YamlPath = ReadonlyArray<string | number>;

/**
 * What a hand-checked schema accepts, for the JSON Schemas that editors use. byShape and
 * portRangeSchema take `unknown` and check it in a transform (for their error messages),
 * which z.toJSONSchema can only render as "anything": each records the shape it accepts
 * here, and the schema generator (src/schemas/) renders that instead.
 */
const acceptedInputs = new WeakMap<object, z.core.$ZodType>();

export function acceptedInputOf(schema: object): z.core.$ZodType | undefined {
  return acceptedInputs.get(schema);
}

/** `schema`, which the JSON Schemas render as `accepted` (a hand-checked schema's shape). */
export function renderedAs<T extends object>(schema: T, accepted: z.core.$ZodType): T {
  acceptedInputs.set(schema, accepted);
  return schema;
}

/** Something wrong at a place in a document: `node` is what the location points at. */
export interface YamlProblem {
  path: YamlPath;
  node: unknown;
  message: string;
}

export interface PlainValue {
  value: unknown;
  /** Duplicate keys (the first occurrence counts) and nesting beyond MAX_YAML_DEPTH. */
  problems: YamlProblem[];
}

// Only plain decimal literals are numbers: `0x1F90` or `1e3` stays the text the user wrote,
// so a schema rejects it by what is on the line rather than by a value nobody wrote.
const DECIMAL_LITERAL = /^[-+]?\d+(?:\.\d+)?$/;

/**
 * The plain value of a node: mappings become null-prototype objects (merge keys expanded),
 * sequences arrays. Throws AliasBudgetExceeded, as YamlFile.resolve does.
 */
export function yamlToPlain(yaml: YamlFile, node: unknown): PlainValue {
  const problems: YamlProblem[] = [];
  const convert = (current: unknown, path: YamlPath): unknown => {
    const resolved = yaml.resolve(current);
    if (path.length > MAX_YAML_DEPTH) {
      noteLimitHit('parse-budget');
      problems.push({ path, node: resolved, message: `nested deeper than ${MAX_YAML_DEPTH} levels` });
      return undefined;
    }
    if (isMap(resolved)) {
      const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      const firstKeys = new Map<string, unknown>();
      for (const [key, value, keyNode] of yaml.entries(resolved)) {
        const first = firstKeys.get(key);
        if (first !== undefined) {
          const line = yaml.locate(first).line;
          problems.push({ path: [...path, key], node: keyNode, message: `duplicate key (first at line ${line})` });
          continue;
        }
        firstKeys.set(key, keyNode);
        object[key] = convert(value, [...path, key]);
      }
      return object;
    }
    if (isSeq(resolved)) return yaml.items(resolved).map((item, index) => convert(item, [...path, index]));
    return plainScalar(yaml, resolved);
  };
  return { value: convert(node, []), problems };
}

function plainScalar(yaml: YamlFile, node: unknown): unknown {
  if (!isScalar(node)) return null;
  const { value } = node;
  if (typeof value !== 'number' && typeof value !== 'bigint') return value;
  const literal = yaml.scalarText(node) ?? String(value);
  return DECIMAL_LITERAL.test(literal) ? Number(value) : literal;
}

export interface NodeAtPath {
  /** The deepest node the path reaches. */
  node: unknown;
  /** Its key node, when it is a mapping value. */
  keyNode: unknown;
  /** How many leading segments of the path exist in the document. */
  matched: number;
}

/** Walks a path (mapping keys and sequence indexes) from `root`, as far as the document goes. */
export function nodeAtPath(yaml: YamlFile, root: unknown, path: YamlPath): NodeAtPath {
  let at: NodeAtPath = { node: yaml.resolve(root), keyNode: undefined, matched: 0 };
  for (const segment of path) {
    const child = childNode(yaml, at.node, segment);
    if (!child) break;
    at = { ...child, matched: at.matched + 1 };
  }
  return at;
}

interface ChildNode {
  node: unknown;
  keyNode: unknown;
}

// A registry of 2,000 services is located entry by entry: indexing each mapping once keeps
// that linear instead of scanning the mapping for every lookup.
const mappingIndexes = new WeakMap<object, Map<string, ChildNode>>();

function childNode(yaml: YamlFile, node: unknown, segment: string | number): ChildNode | undefined {
  if (isMap(node)) {
    let index = mappingIndexes.get(node);
    if (!index) {
      index = new Map();
      // The first occurrence, as yamlToPlain keeps it.
      for (const [key, value, keyNode] of yaml.entries(node)) if (!index.has(key)) index.set(key, { node: value, keyNode });
      mappingIndexes.set(node, index);
    }
    const child = index.get(String(segment));
    return child && { node: yaml.resolve(child.node), keyNode: child.keyNode };
  }
  if (isSeq(node) && typeof segment === 'number') {
    const items = yaml.items(node);
    return segment < items.length ? { node: items[segment], keyNode: undefined } : undefined;
  }
  return undefined;
}

/** Turns a zod issue (its path relative to `root`) into a problem at the node it concerns. */
export function issueProblem(yaml: YamlFile, root: unknown, issue: z.core.$ZodIssue): YamlProblem {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
  const at = nodeAtPath(yaml, root, path);
  if (at.matched < path.length) {
    // Schemas here are strict and validate what is written, so an issue below the end of
    // the document is a key that should be there.
    return { path: path.slice(0, at.matched + 1), node: at.node, message: 'required' };
  }
  if (issue.code === 'unrecognized_keys') {
    const keyNode = nodeAtPath(yaml, at.node, issue.keys.slice(0, 1)).keyNode;
    const names = issue.keys.map((key) => JSON.stringify(key)).join(', ');
    return { path, node: keyNode ?? at.node, message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${names}` };
  }
  if (issue.code === 'invalid_key') {
    return { path, node: at.keyNode ?? at.node, message: issue.issues[0] ? describeIssue(issue.issues[0]) : issue.message };
  }
  return { path, node: isEmptyScalar(at.node) && at.keyNode ? at.keyNode : at.node, message: describeIssue(issue) };
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null;
}

/** The message of an issue, without its path. Schemas give their own message to custom checks. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NAMES[issue.expected] ?? issue.expected}, got ${describeValue(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value));
      const expected = values.length > 2 ? `one of ${values.join(', ')}` : values.join(' or ');
      return `expected ${expected}, got ${describeValue(issue.input)}`;
    }
    default:
      return issue.message;
  }
}

const TYPE_NAMES: Partial<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** How a message names a value: scalars as written, collections by their kind. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** `services.web.port`, `reserved[2]`, `scopes["hosts/alpha/**"]`. */
export function formatYamlPath(path: YamlPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[\w-]+$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/** `path: message`, or the message alone for the document itself. */
export function formatProblem(problem: YamlProblem): string {
  return problem.path.length === 0 ? problem.message : `${formatYamlPath(problem.path)}: ${problem.message}`;
}

export function problemLocation(yaml: YamlFile, problem: YamlProblem): SourceLocation {
  return yaml.locate(problem.node);
}

export type Validated<T> = { data: T; issues?: undefined } | { data?: undefined; issues: z.core.$ZodIssue[] };

/** Validates `value`, found at `path` of a document, so that issue paths are relative to the document. */
export function validateAt<T>(schema: z.ZodType<T>, value: unknown, path: YamlPath): Validated<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return { data: result.data };
  return { issues: result.error.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })) };
}

type Shape = 'scalar' | 'mapping' | 'sequence';

function shapeOf(value: unknown): Shape | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return 'sequence';
  return typeof value === 'object' ? 'mapping' : 'scalar';
}

/**
 * A schema that picks its branch by the shape of the input. A zod union reports every
 * branch's failure; here a mapping meets only the mapping schema, so its errors are that
 * schema's (`services.web.port: ...`), and a shape with no branch gets `expected <expected>`.
 */
export function byShape<S = never, M = never, L = never>(
  branches: { scalar?: z.ZodType<S>; mapping?: z.ZodType<M>; sequence?: z.ZodType<L> },
  expected: string,
): z.ZodType<S | M | L> {
  const shaped = [branches.scalar, branches.mapping, branches.sequence].filter((branch) => branch !== undefined);
  const picker = z.unknown().transform((value, context): S | M | L => {
    const shape = shapeOf(value);
    const schema: z.ZodType<S | M | L> | undefined = shape === undefined ? undefined : branches[shape];
    if (!schema) {
      context.addIssue({ code: 'custom', message: `expected ${expected}, got ${describeValue(value)}` });
      return z.NEVER;
    }
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) context.addIssue({ ...issue });
    return z.NEVER;
  });
  acceptedInputs.set(picker, shaped.length === 1 && shaped[0] ? shaped[0] : z.union(shaped));
  return picker;
}

/** A port (`3000`, `"3000"`) or an inclusive range (`"8000-8010"`), as a PortRange. */
export const portRangeSchema: z.ZodType<PortRange> = z.unknown().transform((value, context): PortRange => {
  const range = portRangeOf(value);
  if (range) return range;
  const isRangeText = typeof value === 'string' && value.includes('-') && /\d/.test(value);
  context.addIssue({
    code: 'custom',
    message: isRangeText
      ? `expected a port range N-M with 1 <= N <= M <= 65535, got ${describeValue(value)}`
      : `expected a port 1-65535, got ${describeValue(value)}`,
  });
  return z.NEVER;
});
acceptedInputs.set(
  portRangeSchema,
  z.union([z.number().int().min(MIN_PORT).max(MAX_PORT), z.string().regex(/^\s*\d{1,5}\s*(?:-\s*\d{1,5}\s*)?$/, 'a port or a range N-M')]),
);

function portRangeOf(value: unknown): PortRange | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? parsePortRange(String(value)) : undefined;
  return typeof value === 'string' ? parsePortRange(value) : undefined;
}
