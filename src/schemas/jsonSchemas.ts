// The JSON Schemas that editors (and report consumers) use, generated from the zod schemas
// that validate the same files, so the two cannot disagree. scripts/build.mjs writes them
// to dist/schemas/. Draft-07: the draft that every YAML and JSON editor plugin reads.
import * as z from 'zod';
import { configSchema } from '../config/configSchema.js';
import { registryFileSchema } from '../extract/registry/nativeSchema.js';
import { acceptedInputOf } from '../extract/zodYaml.js';
import { jsonReportSchema } from '../report/jsonReportSchema.js';

type JsonSchema = Record<string, unknown>;

export interface SchemaFile {
  /** The file name under dist/schemas/. */
  name: string;
  schema: JsonSchema;
}

/** Every schema, by the file name it ships under. */
export function jsonSchemaFiles(): SchemaFile[] {
  return [
    { name: 'portcullis.schema.json', schema: titled(toJsonSchema(configSchema), 'Portcullis configuration (.portcullis.yml)') },
    { name: 'ports.schema.json', schema: titled(toJsonSchema(registryFileSchema), 'Portcullis port registry (ports.yml, ports.yaml, ports.json)') },
    { name: 'report.schema.json', schema: titled(toJsonSchema(jsonReportSchema, 'output'), 'Portcullis JSON report, schema version 1') },
  ];
}

/**
 * A file's schema describes what may be written in it (the input side of transforms);
 * the report's describes what is written (the output).
 */
function toJsonSchema(schema: z.core.$ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  return z.toJSONSchema(schema, {
    target: 'draft-7',
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      const accepted = acceptedInputOf(zodSchema);
      if (!accepted) return;
      const replacement = toJsonSchema(accepted, io);
      delete replacement['$schema'];
      const target = jsonSchema as JsonSchema;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, replacement);
    },
  }) as JsonSchema;
}

function titled(schema: JsonSchema, title: string): JsonSchema {
  const { $schema, ...rest } = schema;
  return { $schema, title, ...rest };
}
