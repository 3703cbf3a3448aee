import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import type { Conflict } from '../../src/model/types.js';
import { artifactUri, conflictFingerprint, FINGERPRINT_KEY, renderSarif, toSarifLog } from '../../src/report/sarif.js';
import { fixtureReport, HOSTILE, incompleteReport } from './fixture.js';
import { expectGolden } from './golden.js';

const OPTIONS = { toolVersion: '0.1.0', informationUri: 'https://github.com/example/portcullis' };
const RULE_IDS = [
  'duplicate-port', 'registry-conflict', 'registry-duplicate', 'registry-drift', 'reserved-port', 'out-of-range', 'unregistered',
];

// The parts of SARIF 2.1.0 that upload-sarif and code scanning rely on (the whole output was
// also checked once against the OASIS JSON schema, sarif-schema-2.1.0.json).
const level = z.enum(['none', 'note', 'warning', 'error']);
const message = z.object({ text: z.string().min(1) });
const relativeUri = z.string().regex(/^(?![a-z][a-z0-9+.-]*:)(?:[\w\-.~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/);
const physicalLocation = z.object({
  artifactLocation: z.object({ uri: relativeUri, uriBaseId: z.literal('%SRCROOT%') }),
  region: z.object({ startLine: z.number().int().min(1), startColumn: z.number().int().min(1).optional() }).optional(),
});
const location = z.object({ id: z.number().int().min(0).optional(), physicalLocation, message: message.optional() });
const sarifLog = z.object({
  $schema: z.url(),
  version: z.literal('2.1.0'),
  runs: z
    .array(
      z.object({
        tool: z.object({
          driver: z.object({
            name: z.literal('Portcullis'),
            version: z.string().min(1),
            informationUri: z.url().optional(),
            rules: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                shortDescription: message,
                fullDescription: message,
                help: z.object({ text: z.string().min(1), markdown: z.string().min(1) }),
                helpUri: z.url().optional(),
                defaultConfiguration: z.object({ level }),
              }),
            ),
          }),
        }),
        invocations: z.array(
          z.object({
            executionSuccessful: z.boolean(),
            toolExecutionNotifications: z.array(z.object({ level, message, locations: z.array(location) })),
          }),
        ),
        results: z.array(
          z.object({
            ruleId: z.string(),
            ruleIndex: z.number().int().min(0),
            level,
            message,
            locations: z.array(location).min(1),
            relatedLocations: z.array(location).optional(),
            partialFingerprints: z.record(z.string(), z.string()),
            baselineState: z.enum(['new', 'unchanged', 'updated', 'absent']),
            properties: z.object({ status: z.enum(['new', 'existing']), newServices: z.array(z.string()) }).passthrough(),
          }),
        ),
      }),
    )
    .length(1),
});

function sarif(): z.infer<typeof sarifLog> {
  return sarifLog.parse(JSON.parse(renderSarif(fixtureReport(), OPTIONS)));
}

function run(): z.infer<typeof sarifLog>['runs'][number] {
  const [only] = sarif().runs;
  if (!only) throw new Error('one run');
  return only;
}

describe('renderSarif', () => {
  it('renders the reviewed SARIF log', () => {
    expectGolden('report.sarif.json', renderSarif(fixtureReport(), OPTIONS));
  });

  it('has every field upload-sarif needs, of the right shape', () => {
    expect(() => sarif()).not.toThrow();
  });

  it('describes every rule of DESIGN.md, each result pointing at its rule by id and index', () => {
    const { tool, results } = run();
    expect(tool.driver.rules.map((rule) => rule.id)).toEqual(RULE_IDS);
    expect(tool.driver.rules.map((rule) => rule.defaultConfiguration.level)).toEqual([
      'error', 'error', 'error', 'warning', 'warning', 'warning', 'warning',
    ]);
    for (const result of results) expect(tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
  });

  it('puts each result at the newcomer’s port literal, the other claims as related locations', () => {
    const results = run().results;
    const registry = results.find((result) => result.ruleId === 'registry-conflict');
    expect(registry?.level).toBe('error');
    expect(registry?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'docker/compose.yml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 8, startColumn: 9 },
    });
    expect(registry?.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'PORTS.md', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 5 } },
        message: { text: 'embed' },
      },
    ]);
    expect(registry?.message.text).toBe(
      'grafana-embed publishes 3002, which the registry gives to embed. Proposed: move grafana-embed to 3003 at docker/compose.yml:8:9. Also claimed by [embed](1).',
    );
  });

  it('encodes spaces and % in paths as a relative URI', () => {
    const hostile = run().results.find((result) => result.properties.newServices.includes(HOSTILE));
    expect(hostile?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('tools/dev%20env/process-compose%20100%25.yml');
    expect(artifactUri('a/b c/100%/d#e?.yml')).toBe('a/b%20c/100%25/d%23e%3F.yml');
    expect(artifactUri('ünï/x:y.yml')).toBe('%C3%BCn%C3%AF/x%3Ay.yml');
  });

  it('keeps status and newcomers in properties and in baselineState', () => {
    const results = run().results;
    expect(results.map((result) => [result.properties.status, result.baselineState, result.properties.newServices])).toEqual([
      ['existing', 'unchanged', []],
      ['new', 'new', ['b/web']],
      ['new', 'new', ['grafana-embed']],
      ['new', 'new', ['metrics']],
      ['new', 'new', [HOSTILE]],
    ]);
  });

  it('reports diagnostics as tool notifications, with a region only where there is a line', () => {
    const notifications = run().invocations[0]?.toolExecutionNotifications ?? [];
    expect(notifications.map((notification) => [notification.level, notification.locations[0]?.physicalLocation.region])).toEqual([
      ['error', { startLine: 14, startColumn: 7 }],
      ['warning', undefined],
      ['warning', { startLine: 40 }],
    ]);
  });

  it('escapes brackets so a service name cannot forge an embedded link', () => {
    const report = fixtureReport();
    const [first] = report.conflicts;
    if (!first) throw new Error('fixture has conflicts');
    report.conflicts = [{ ...first, message: 'x[y](1) collides' }];
    expect(toSarifLog(report, OPTIONS).runs[0].results[0]?.message.text).toMatch(/^x\\\[y\\\]\(1\) collides\. /);
  });

  it('leaves informationUri out unless given', () => {
    expect(toSarifLog(fixtureReport(), { toolVersion: '1.2.3' }).runs[0].tool.driver).not.toHaveProperty('informationUri');
  });

  it('links each rule to its README entry when told where the docs are, and not otherwise', () => {
    const linked = toSarifLog(fixtureReport(), { ...OPTIONS, docsBase: 'https://github.com/example/portcullis/blob/v1.2.0' }).runs[0].tool.driver.rules;
    expect(linked.map((rule) => rule.helpUri)).toEqual(RULE_IDS.map((id) => `https://github.com/example/portcullis/blob/v1.2.0/README.md#rule-${id}`));
    expect(sarifLog.safeParse(toSarifLog(fixtureReport(), { ...OPTIONS, docsBase: 'https://example.com/docs/' })).success).toBe(true);
    for (const rule of toSarifLog(fixtureReport(), OPTIONS).runs[0].tool.driver.rules) expect(rule).not.toHaveProperty('helpUri');
  });
});

describe('conflictFingerprint', () => {
  const conflict = (): Conflict => {
    const found = fixtureReport().conflicts.find((candidate) => candidate.rule === 'registry-conflict');
    if (!found) throw new Error('fixture has a registry conflict');
    return found;
  };

  it('is the sha256 of rule, scope, protocol, ports and sorted services', () => {
    const expected = createHash('sha256')
      .update('["registry-conflict","host","tcp",3002,3002,["embed","grafana-embed"]]')
      .digest('hex');
    expect(conflictFingerprint(conflict())).toBe(expected);
    const result = toSarifLog(fixtureReport(), OPTIONS).runs[0].results.find((candidate) => candidate.ruleId === 'registry-conflict');
    expect(result?.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: expected });
  });

  it('survives moved lines, a new status and service order, and changes with the services', () => {
    const base = conflictFingerprint(conflict());
    const moved = { ...conflict(), status: 'existing' as const, newServices: [], services: ['grafana-embed', 'embed'] };
    moved.locations = moved.locations.map((location) => ({ ...location, line: location.line + 10 }));
    expect(conflictFingerprint(moved)).toBe(base);
    expect(conflictFingerprint({ ...conflict(), services: ['embed', 'grafana'] })).not.toBe(base);
    expect(conflictFingerprint({ ...conflict(), protocol: 'udp' })).not.toBe(base);
  });
});

describe('renderSarif on an incomplete check', () => {
  it('reports each reason as an error notification of the run, named by a descriptor', () => {
    const log = toSarifLog(incompleteReport(), OPTIONS);
    expect(sarifLog.safeParse(log).success).toBe(true);
    const notifications = log.runs[0].invocations[0].toolExecutionNotifications;
    expect(notifications.filter((notification) => notification.descriptor !== undefined)).toEqual([
      { level: 'error', descriptor: { id: 'incomplete/file-size' }, message: { text: 'The check is incomplete: 1 file larger than limits.maxFileBytes not read: ::error file=a::forged' }, locations: [] },
      { level: 'error', descriptor: { id: 'incomplete/rest-file-list' }, message: { text: expect.stringContaining('The check is incomplete: GitHub lists 3,000') }, locations: [] },
    ]);
  });
});
