// GitHub's published REST description (@octokit/openapi): the fake finds each request's
// operation by method and path and checks the request against it, so a body that GitHub
// would refuse is refused here too.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface Schema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  maxItems?: number;
  minItems?: number;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

interface Parameter {
  $ref?: string;
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
}

interface Description {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  literalSegments: number;
  operation: Operation;
}

export interface Match {
  operation: Operation;
  template: string;
  params: Record<string, string>;
}

export class RestDescription {
  private readonly description: Description;
  private readonly routes: Route[];

  constructor() {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
    this.description = JSON.parse(readFileSync(file, 'utf8')) as Description;
    this.routes = [];
    for (const [template, methods] of Object.entries(this.description.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (typeof operation !== 'object' || !('operationId' in operation)) continue;
        const segments = template.split('/');
        const source = segments.map((segment) => segment.split(/(\{\w+\})/).map((part) => (part.startsWith('{') ? '([^/]+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')).join('/');
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          literalSegments: segments.filter((segment) => segment !== '' && !segment.startsWith('{')).length + (template.includes('}.') ? 1 : 0),
          operation,
        });
      }
    }
    this.routes.sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** The operation for a request; `rawPath` is the path as sent, before percent-decoding. */
  match(method: string, rawPath: string): Match | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(rawPath);
      if (!found) continue;
      const names = [...route.template.matchAll(/\{(\w+)\}/g)].map((name) => name[1] as string);
      const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(found[index + 1] as string)]));
      return { operation: route.operation, template: route.template, params };
    }
    return undefined;
  }

  /** What is wrong with a request for GitHub: the body against its schema, the query parameters against theirs. */
  problems(operation: Operation, query: URLSearchParams, body: unknown): string[] {
    const problems: string[] = [];
    for (const parameter of (operation.parameters ?? []).map((p) => this.resolve<Parameter>(p))) {
      if (parameter.in !== 'query') continue;
      const value = query.get(parameter.name);
      if (value === null) {
        if (parameter.required === true) problems.push(`query parameter ${parameter.name} is required`);
        continue;
      }
      const schema = this.resolve<Schema>(parameter.schema ?? {});
      const typed = schema.type === 'integer' || schema.type === 'number' ? Number(value) : schema.type === 'boolean' ? value === 'true' : value;
      problems.push(...this.validate(schema, typed, `query.${parameter.name}`));
    }
    const content = operation.requestBody?.content['application/json'];
    if (body === undefined) {
      if (operation.requestBody?.required === true) problems.push('a request body is required');
    } else if (content) {
      problems.push(...this.validate(content.schema, body, 'body'));
    }
    return problems;
  }

  validate(schemaOrRef: Schema, value: unknown, at: string): string[] {
    const schema = this.resolve<Schema>(schemaOrRef);
    if (value === null) return schema.nullable === true || typeOf(schema).includes('null') ? [] : [`${at} may not be null`];
    const problems: string[] = [];
    for (const part of schema.allOf ?? []) problems.push(...this.validate(part, value, at));
    if (schema.anyOf && !schema.anyOf.some((part) => this.validate(part, value, at).length === 0)) problems.push(`${at} matches none of anyOf`);
    if (schema.oneOf && schema.oneOf.filter((part) => this.validate(part, value, at).length === 0).length !== 1) problems.push(`${at} does not match exactly one of oneOf`);
    const types = typeOf(schema);
    if (types.length > 0 && !types.some((type) => hasType(value, type))) return [...problems, `${at} must be ${types.join(' or ')}`];
    if (schema.enum && !schema.enum.includes(value)) problems.push(`${at} must be one of ${schema.enum.join(', ')}`);
    if (typeof value === 'string') {
      if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${at} is longer than ${schema.maxLength}`);
      if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${at} is shorter than ${schema.minLength}`);
    }
    if (typeof value === 'number') {
      if (schema.maximum !== undefined && value > schema.maximum) problems.push(`${at} is above ${schema.maximum}`);
      if (schema.minimum !== undefined && value < schema.minimum) problems.push(`${at} is below ${schema.minimum}`);
    }
    if (Array.isArray(value)) {
      if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${at} has more than ${schema.maxItems} items`);
      if (schema.minItems !== undefined && value.length < schema.minItems) problems.push(`${at} has fewer than ${schema.minItems} items`);
      if (schema.items) value.forEach((item, index) => problems.push(...this.validate(schema.items as Schema, item, `${at}[${index}]`)));
    } else if (typeof value === 'object') {
      const record = value as Record<string, unknown>;
      for (const name of schema.required ?? []) if (!(name in record)) problems.push(`${at}.${name} is required`);
      for (const [name, item] of Object.entries(record)) {
        const property = schema.properties?.[name];
        if (property) problems.push(...this.validate(property, item, `${at}.${name}`));
        else if (schema.additionalProperties === false) problems.push(`${at}.${name} is not a known field`);
        else if (typeof schema.additionalProperties === 'object') problems.push(...this.validate(schema.additionalProperties, item, `${at}.${name}`));
      }
    }
    return problems;
  }

  private resolve<T>(value: T | { $ref: string }): T {
    let current: unknown = value;
    while (typeof current === 'object' && current !== null && '$ref' in current && typeof current.$ref === 'string') {
      const [, group, name] = /^#\/components\/(\w+)\/(.+)$/.exec(current.$ref) ?? [];
      current = group !== undefined && name !== undefined ? this.description.components[group]?.[name] : undefined;
      if (current === undefined) throw new Error(`unresolved reference ${(value as { $ref: string }).$ref}`);
    }
    return current as T;
  }
}

function typeOf(schema: Schema): string[] {
  return schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return typeof value === type;
  }
}
