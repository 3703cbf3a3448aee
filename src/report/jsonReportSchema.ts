// The JSON report (schema version 1) as a zod schema: the source of the JSON Schema that
// consumers of `--format json` and the Action's report-file validate against. The compiler
// holds it to JsonReport (below), so the two cannot drift apart.
import * as z from 'zod';
import type { ConflictRule } from '../model/types.js';
import { RULE_IDS, RULES } from '../rules/catalogue.js';
import type { JsonReport } from './json.js';

const port = z.number().int().min(1).max(65535);
const position = z.number().int().min(1);
const path = z.string().describe('relative to the checked root, with / separators');
const severity = z.enum(['error', 'warning']);
const protocol = z.enum(['tcp', 'udp']);

const location = z.strictObject({ file: path, line: position, column: position.describe('1-based, at the port literal') });

const binding = z.strictObject({
  service: z.string(),
  port,
  endPort: port.describe('equals port for a single port'),
  protocol,
  hostIp: z.string().nullable().describe('null: every address'),
  scope: z.string(),
  kind: z.enum(['registry', 'listen', 'publish']),
  format: z.string(),
  ...location.shape,
  via: location.optional().describe('where the variable that carries the port is referenced'),
});

const conflict = z.strictObject({
  id: z.string().describe('<rule>:<scope>:<protocol>:<port>[-<endPort>], stable across runs'),
  rule: z.enum(RULE_IDS as [ConflictRule, ...ConflictRule[]]).describe(RULES.map((rule) => `${rule.id}: ${rule.summary}`).join(' ')),
  severity,
  status: z.enum(['new', 'existing']),
  scope: z.string(),
  protocol,
  port,
  endPort: port,
  services: z.array(z.string()).describe('sorted'),
  newServices: z.array(z.string()),
  locations: z.array(z.strictObject({ service: z.string(), ...location.shape })),
  suggestions: z.array(
    z.strictObject({
      service: z.string(),
      ...location.shape,
      from: port.describe('the port literal written at file:line:column'),
      to: port.describe('the proposed port'),
      toEnd: port.describe('the end of the proposed range; equals to for a single port'),
    }),
  ),
  message: z.string(),
});

const diagnostic = z.strictObject({
  file: path,
  line: position.optional(),
  column: position.optional(),
  severity,
  message: z.string(),
});

const incomplete = z.strictObject({
  reason: z.enum(['file-size', 'file-limit', 'total-bytes', 'line-length', 'parse-budget', 'alias-expansion', 'env-expansion', 'conflict-limit', 'rest-file-list', 'base-unreadable']),
  message: z.string().describe('what was not read, and how to lift the limit'),
});

export const jsonReportSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    base: z.string().nullable().describe('the base revision compared with, or null'),
    stats: z.strictObject({ files: z.number().int().min(0), bindings: z.number().int().min(0), durationMs: z.number().int().min(0) }),
    bindings: z.array(binding),
    conflicts: z.array(conflict),
    diagnostics: z.array(diagnostic),
    incomplete: z.array(incomplete).describe('why the check did not see everything (it then fails unless told to warn); empty when it did'),
  })
  .describe('A Portcullis report (portcullis check --format json), schema version 1');

// Fails to compile when the schema and the report's type differ in either direction.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShape: Exactly<z.output<typeof jsonReportSchema>, JsonReport> = true;
void sameShape;
