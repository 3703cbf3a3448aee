// The schema of `.portcullis.yml`. Every field is optional; an empty field means "none".
import * as z from 'zod';
import type { IgnoreRule, PortcullisConfig, ScopeRule } from '../model/config.js';
import { normalizeServiceName } from '../model/service.js';
import type { ConflictRule } from '../model/types.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../discover/limits.js';
import { byShape, portRangeSchema } from '../extract/zodYaml.js';
import { rulesSchema } from './rulesSchema.js';
import { RULE_IDS } from '../rules/catalogue.js';

const CONFLICT_RULES = RULE_IDS as [ConflictRule, ...ConflictRule[]];

/** True for a path or glob that reaches outside the root: absolute, `~`, or a `..` segment. */
export function leavesRoot(path: string): boolean {
  // `..` delimited by path separators or glob braces/commas (`{a,../b}`).
  return /^(?:[/\\~]|[a-z]:)/i.test(path) || /(?:^|[/\\{,])\.\.(?:[/\\},]|$)/.test(path);
}

const rootPathSchema = z
  .string()
  .min(1, 'expected a path, got an empty string')
  .refine((path) => !leavesRoot(path), { error: (issue) => `${JSON.stringify(issue.input)} leaves the repository root` });

function oneOrMany<T>(item: z.ZodType<T>, expected: string): z.ZodType<T[]> {
  return byShape({ scalar: item.transform((value) => [value]), sequence: z.array(item) }, expected);
}

const pathsSchema = oneOrMany(rootPathSchema, 'a path or a list of paths');

const scopeNameSchema = z
  .string()
  .min(1, 'expected a scope name')
  .refine((name) => !name.includes(':'), 'a scope name cannot contain ":" (it marks built-in scopes)');

const scopeRuleSchema = z
  .strictObject({ paths: pathsSchema, name: scopeNameSchema, together: z.boolean().optional() })
  .transform(({ paths, name, together }): ScopeRule => ({ paths, name, together: together ?? false }));

const scopesSchema = byShape(
  {
    mapping: z
      .record(rootPathSchema, scopeNameSchema)
      .transform((globs): ScopeRule[] => Object.entries(globs).map(([glob, name]) => ({ paths: [glob], name, together: false }))),
    sequence: z.array(scopeRuleSchema),
  },
  'a mapping of globs to scope names, or a list of { paths, name, together }',
);

const serviceNameSchema = z
  .string()
  .transform(normalizeServiceName)
  .refine((name) => name.length > 0, 'expected a service name');

const ignoreRuleSchema = z
  .strictObject({
    rule: z.enum(CONFLICT_RULES).optional(),
    port: portRangeSchema.optional(),
    service: serviceNameSchema.optional(),
    reason: z.string().trim().min(1, 'expected a reason, got an empty string'),
  })
  .transform(({ rule, port, service, reason }, context): IgnoreRule => {
    if (rule === undefined && port === undefined && service === undefined) {
      // Without a selector the rule would silence every conflict.
      context.addIssue({ code: 'custom', message: 'expected at least one of rule, port or service' });
      return z.NEVER;
    }
    return { reason, ...(rule === undefined ? {} : { rule }), ...(port ? { port } : {}), ...(service === undefined ? {} : { service }) };
  });

const aliasesSchema = z
  .record(z.string().refine((name) => normalizeServiceName(name) !== '', 'expected a service name'), oneOrMany(serviceNameSchema, 'a name or a list of names'))
  .superRefine((aliases, context) => {
    // One alias under two canonical names would make the name mean two services.
    const owners = new Map<string, string>();
    for (const [canonical, names] of Object.entries(aliases)) {
      names.forEach((alias, index) => {
        const owner = owners.get(alias);
        if (owner !== undefined && owner !== canonical) {
          context.addIssue({ code: 'custom', path: [canonical, index], message: `${JSON.stringify(alias)} is already an alias of ${JSON.stringify(owner)}` });
        }
        owners.set(alias, canonical);
      });
    }
  })
  .transform((aliases): Record<string, string[]> => {
    const normalized: Record<string, string[]> = {};
    for (const [canonical, names] of Object.entries(aliases)) {
      const key = normalizeServiceName(canonical);
      normalized[key] = [...(normalized[key] ?? []), ...names];
    }
    return normalized;
  });

const limitSchema = z.number().int('expected a whole number').positive('expected a positive number');

const limitsSchema = z
  .strictObject({
    maxFileBytes: limitSchema.optional(),
    maxFiles: limitSchema.optional(),
    maxTotalBytes: limitSchema.optional(),
    maxLineLength: limitSchema.optional(),
    maxParseMillis: limitSchema.optional(),
    maxParseSeconds: limitSchema.optional(),
  })
  .transform((limits): ReadLimits => {
    const merged: ReadLimits = { ...DEFAULT_LIMITS };
    for (const key of Object.keys(DEFAULT_LIMITS) as Array<keyof ReadLimits>) {
      const value = limits[key];
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  });

export const configSchema: z.ZodType<PortcullisConfig> = z
  .strictObject({
    // Where editors find the JSON Schema (dist/schemas/portcullis.schema.json); not read.
    $schema: z.string().optional(),
    // The descriptions are what editors show from the JSON Schema.
    include: pathsSchema.nullish().describe('globs to read even inside skipped folders (tests/, fixtures/, examples/...)'),
    exclude: pathsSchema.nullish().describe('globs never to read'),
    registry: pathsSchema.nullish().describe('registry files to read instead of auto-detecting them'),
    scopes: scopesSchema.nullish().describe('globs -> scope name: one scope per machine the repository describes; together: true makes its stacks run together'),
    ignore: z.array(ignoreRuleSchema).nullish().describe('conflicts to leave alone: a rule, a port and/or a service, each with a reason'),
    aliases: aliasesSchema.nullish().describe('canonical service name -> other names that mean the same service'),
    rules: rulesSchema.nullish().describe(
      'rule id -> error, warning or off: a severity replaces the rule\'s default, off leaves its conflicts (and their proposals) out. An error is a certain conflict: one that is only possible (between stacks that may be alternatives, between defaults users override, a claim that only may run where it is placed) stays a warning whatever the level',
    ),
    limits: limitsSchema.nullish().describe('what one run may read; past a limit a file is not read and a diagnostic says so'),
  })
  .transform(
    (config): PortcullisConfig => ({
      include: config.include ?? [],
      exclude: config.exclude ?? [],
      registry: config.registry ?? [],
      scopes: config.scopes ?? [],
      ignore: config.ignore ?? [],
      aliases: config.aliases ?? {},
      rules: config.rules ?? {},
      limits: config.limits ?? DEFAULT_LIMITS,
    }),
  );
