// The schema of Portcullis's own registry (`ports.yml`, `ports.yaml`, `ports.json`).
// Every entry is validated on its own, so the schemas are per entry; each output keeps
// `at`, the path of its port literal inside the entry, which the extractor locates.
import * as z from 'zod';
import type { PortRange, Protocol } from '../../model/types.js';
import { byShape, describeValue, portRangeSchema, type YamlPath } from '../zodYaml.js';

// Passes the mapping through as it is: z.record would copy it into a fresh object, where
// a service named `__proto__` would set the prototype instead of adding an entry.
const mappingSection = z
  .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
    error: (issue) => `expected a mapping, got ${describeValue(issue.input)}`,
  })
  .nullish();

/** The top level: which sections exist and what shape each has. Entries are validated apart. */
export const registrySectionSchemas = {
  categories: mappingSection,
  reserved: z.array(z.unknown()).nullish(),
  services: mappingSection,
};
export const registryDocumentSchema = z.strictObject({
  // Where editors find the JSON Schema (dist/schemas/ports.schema.json); not read.
  $schema: z.string().optional(),
  ...registrySectionSchemas,
});

const protocolSchema = z.enum(['tcp', 'udp']);
const textSchema = z.string();

export interface CategoryEntry {
  range?: PortRange;
}

export const categoryEntrySchema: z.ZodType<CategoryEntry> = byShape(
  {
    scalar: portRangeSchema.transform((range): CategoryEntry => ({ range })),
    mapping: z
      .strictObject({ range: portRangeSchema.optional(), description: textSchema.optional() })
      .transform(({ range }): CategoryEntry => (range === undefined ? {} : { range })),
  },
  'a port range or a mapping with range',
);

export interface ReservedEntry {
  range: PortRange;
  reason?: string;
  at: YamlPath;
}

export const reservedEntrySchema: z.ZodType<ReservedEntry> = byShape(
  {
    scalar: portRangeSchema.transform((range): ReservedEntry => ({ range, at: [] })),
    mapping: z
      .strictObject({ port: portRangeSchema.optional(), range: portRangeSchema.optional(), reason: textSchema.optional() })
      .transform(({ port, range, reason }, context): ReservedEntry => {
        const given = port ?? range;
        if (given === undefined || (port && range)) {
          context.addIssue({ code: 'custom', message: 'expected either port or range' });
          return z.NEVER;
        }
        const reserved: ReservedEntry = { range: given, at: [port ? 'port' : 'range'] };
        return reason === undefined ? reserved : { ...reserved, reason };
      }),
  },
  'a port, a range, or a mapping with port or range',
);

/** One registered port of a service. */
export interface RegisteredPort {
  range: PortRange;
  protocol?: Protocol;
  /** The key under `ports:`. */
  name?: string;
  at: YamlPath;
}

export interface ServiceEntry {
  category?: string;
  protocol?: Protocol;
  ports: RegisteredPort[];
}

const namedPortSchema = byShape(
  {
    scalar: portRangeSchema.transform((range) => ({ range, at: [] as YamlPath })),
    mapping: z
      .strictObject({ port: portRangeSchema, protocol: protocolSchema.optional(), description: textSchema.optional() })
      .transform(({ port, protocol }) => ({ range: port, at: ['port'] as YamlPath, ...(protocol ? { protocol } : {}) })),
  },
  'a port or a mapping with port',
);

const serviceMappingSchema = z
  .strictObject({
    port: portRangeSchema.optional(),
    ports: z.record(z.string(), namedPortSchema).optional(),
    category: z.string().min(1, 'expected a category name').optional(),
    protocol: protocolSchema.optional(),
    description: textSchema.optional(),
  })
  .transform(({ port, ports, category, protocol }, context): ServiceEntry => {
    if ((port === undefined) === (ports === undefined)) {
      context.addIssue({ code: 'custom', message: 'expected either port or ports' });
      return z.NEVER;
    }
    const registered: RegisteredPort[] = port
      ? [{ range: port, at: ['port'] }]
      : Object.entries(ports ?? {}).map(([name, named]) => ({ ...named, name, at: ['ports', name, ...named.at] }));
    if (registered.length === 0) {
      context.addIssue({ code: 'custom', path: ['ports'], message: 'expected at least one named port' });
      return z.NEVER;
    }
    return { ports: registered, ...(category === undefined ? {} : { category }), ...(protocol ? { protocol } : {}) };
  });

export const serviceEntrySchema: z.ZodType<ServiceEntry> = byShape(
  {
    scalar: portRangeSchema.transform((range): ServiceEntry => ({ ports: [{ range, at: [] }] })),
    mapping: serviceMappingSchema,
  },
  'a port or a mapping with port or ports',
);

/**
 * The whole file as one schema, for the JSON Schema that editors use; the extractor
 * validates section by section and entry by entry, so that one bad entry loses only itself.
 */
export const registryFileSchema = z.strictObject({
  $schema: z.string().optional(),
  categories: z.record(z.string(), categoryEntrySchema).nullish().describe('category -> port range: where proposals for its services go, and what out-of-range checks'),
  reserved: z.array(reservedEntrySchema).nullish().describe('ports and ranges nobody may take'),
  services: z
    .record(z.string(), serviceEntrySchema)
    .nullish()
    .describe('service -> its port (3000), a mapping { port, category, protocol }, or { ports: { name: port } }'),
});
