// The JSON Schemas that editors use: generated from the zod schemas, shipped by the build,
// and in agreement with what Portcullis itself accepts.
import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYamlText } from 'yaml';
import { parseConfig } from '../../src/config/parseConfig.js';
import { nativeRegistryExtractor } from '../../src/extract/registry/native.js';
import { EMPTY_CONFIG } from '../../src/model/config.js';
import { runCheck } from '../../src/pipeline/check.js';
import { toJsonReport } from '../../src/report/json.js';
import { jsonReportSchema } from '../../src/report/jsonReportSchema.js';
import { jsonSchemaFiles } from '../../src/schemas/jsonSchemas.js';

const schemas = Object.fromEntries(jsonSchemaFiles().map((file) => [file.name, file.schema]));
const ajv = new Ajv({ allErrors: true, strict: true });
const validators = {
  config: ajv.compile(schemas['portcullis.schema.json'] ?? {}),
  registry: ajv.compile(schemas['ports.schema.json'] ?? {}),
  report: ajv.compile(schemas['report.schema.json'] ?? {}),
};

function readmeBlock(startsWith: string): string {
  const readme = readFileSync('README.md', 'utf8');
  const block = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').find((text) => text.startsWith(startsWith));
  if (block === undefined) throw new Error(`no README yaml block starts with ${startsWith}`);
  return block;
}

function registryDiagnostics(text: string): string[] {
  return nativeRegistryExtractor.extract({ path: 'ports.yml', text }, { readFile: () => undefined, rootName: 'repo' }).diagnostics.map((d) => d.message);
}

describe('the JSON Schemas', () => {
  it('are the ones the build ships in dist/schemas/', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      const shipped = resolve('dist/schemas', name);
      if (!existsSync(shipped)) throw new Error(`${shipped} is missing: npm run build`);
      expect(JSON.parse(readFileSync(shipped, 'utf8'))).toEqual(schema);
    }
    expect(Object.keys(schemas).sort()).toEqual(['portcullis.schema.json', 'ports.schema.json', 'report.schema.json']);
  });

  it('are draft-07 schemas that ajv compiles in strict mode, with a title', () => {
    for (const schema of Object.values(schemas)) {
      expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
      expect(typeof schema['title']).toBe('string');
    }
  });
});

describe('the registry schema', () => {
  it('accepts the example registry, the README\'s, and a `$schema` key that the reader accepts too', () => {
    for (const text of [readFileSync('examples/ports.yml', 'utf8'), readmeBlock('# ports.yml'), readmeBlock('# yaml-language-server: $schema=')]) {
      expect(validators.registry(parseYamlText(text))).toBe(true);
      expect(registryDiagnostics(text)).toEqual([]);
    }
    const withSchema = '{ "$schema": "./node_modules/portcullis/dist/schemas/ports.schema.json", "services": { "api": 3000 } }';
    expect(validators.registry(JSON.parse(withSchema))).toBe(true);
    expect(registryDiagnostics(withSchema)).toEqual([]);
  });

  it.each([
    ['an unknown section', 'services:\n  api: 3000\nreserverd:\n  - 3000\n', /unknown field/],
    ['a port past 65535', 'services:\n  api: 70000\n', /expected a port/],
    ['an unknown field of an entry', 'services:\n  api: { port: 3000, protocl: udp }\n', /unknown field/],
    ['a protocol other than tcp and udp', 'services:\n  dns: { port: 53, protocol: sctp }\n', /expected "tcp" or "udp"/],
    ['a range of words', 'reserved:\n  - "x-y"\n', /expected a port/],
  ])('rejects %s, as the reader does', (_name, text, message) => {
    expect(validators.registry(parseYamlText(text))).toBe(false);
    expect(registryDiagnostics(text).join('\n')).toMatch(message);
  });
});

describe('the config schema', () => {
  it('accepts the README\'s configuration, and every one the loader accepts here', () => {
    const documents = [
      readmeBlock('include:'),
      'registry: infra/ports.yml\nscopes:\n  "hosts/a/**": a\n',
      'ignore:\n  - { port: "8000-8010", reason: legacy }\naliases:\n  postgresql: pg\n',
      '# yaml-language-server: $schema=https://unpkg.com/portcullis/dist/schemas/portcullis.schema.json\nexclude: legacy/**\n',
      '$schema: ./node_modules/portcullis/dist/schemas/portcullis.schema.json\n',
    ];
    for (const text of documents) {
      expect(parseConfig('.portcullis.yml', text)).toHaveProperty('config');
      expect(validators.config(parseYamlText(text) ?? {})).toBe(true);
    }
  });

  it.each([
    ['a misspelled field', 'exlude: ["a/**"]\n'],
    ['an ignore rule without a reason', 'ignore:\n  - { rule: unregistered }\n'],
    ['an unknown rule', 'ignore:\n  - { rule: duplicate, reason: x }\n'],
    ['a limit that is not a whole number', 'limits:\n  maxFiles: 1.5\n'],
    ['a scope rule without a name', 'scopes:\n  - { paths: ["a/**"] }\n'],
  ])('rejects %s, as the loader does', (_name, text) => {
    expect(validators.config(parseYamlText(text))).toBe(false);
    expect(parseConfig('.portcullis.yml', text)).toHaveProperty('error');
  });
});

describe('the report schema', () => {
  it('validates a real report of the example repository, and its zod schema parses it strictly', async () => {
    const report = toJsonReport(await runCheck({ root: resolve('examples'), config: EMPTY_CONFIG }));
    expect(report.conflicts.length).toBeGreaterThan(0);
    expect(report.bindings.some((binding) => binding.via)).toBe(true);
    const plain = JSON.parse(JSON.stringify(report));
    expect(validators.report(plain)).toBe(true);
    expect(jsonReportSchema.safeParse(plain).success).toBe(true);
  });

  it('rejects a report with a field it does not know, or a rule that does not exist', async () => {
    const report = JSON.parse(JSON.stringify(toJsonReport(await runCheck({ root: resolve('examples'), config: EMPTY_CONFIG }))));
    expect(validators.report({ ...report, extra: true })).toBe(false);
    const [conflict] = report.conflicts;
    expect(validators.report({ ...report, conflicts: [{ ...conflict, rule: 'port-clash' }] })).toBe(false);
    expect(validators.report({ ...report, schemaVersion: 2 })).toBe(false);
  });
});
