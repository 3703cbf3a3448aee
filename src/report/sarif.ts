// SARIF 2.1.0 for GitHub code scanning (github/codeql-action/upload-sarif): one run, one
// result per conflict, at the newcomer's line, with the other claims as related locations.
import { createHash } from 'node:crypto';
import type { Conflict, ConflictLocation, Diagnostic, Incomplete, Report, Severity, SourceLocation } from '../model/types.js';
import { visibleControlChars } from './escape.js';
import { describeProposal } from './format.js';
import { RULES, ruleIndex } from '../rules/catalogue.js';
import { ruleDocsUrl } from '../rules/docs.js';

export interface SarifOptions {
  toolVersion: string;
  /** An absolute URI where users learn about the tool. */
  informationUri?: string;
  /** Where the rules' docs paths (`README.md#rule-...`) are, for each rule's helpUri: see ruleDocsUrl. */
  docsBase?: string;
}

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The partialFingerprints key; bump its version if the hashed facts ever change. */
export const FINGERPRINT_KEY = 'portcullisConflict/v1';
/** Paths are relative to the repository root, which upload-sarif knows as %SRCROOT%. */
const SOURCE_ROOT = '%SRCROOT%';

interface SarifMessage {
  text: string;
}

interface SarifPhysicalLocation {
  artifactLocation: { uri: string; uriBaseId: string };
  region?: { startLine: number; startColumn?: number };
}

interface SarifLocation {
  id?: number;
  physicalLocation: SarifPhysicalLocation;
  message?: SarifMessage;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: Severity;
  message: SarifMessage;
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  partialFingerprints: Record<string, string>;
  baselineState: 'new' | 'unchanged';
  properties: { conflictId: string; status: Conflict['status']; services: string[]; newServices: string[] };
}

interface SarifNotification {
  level: Severity;
  /** Set on the notifications that say the check is incomplete: `incomplete/<reason>`. */
  descriptor?: { id: string };
  message: SarifMessage;
  locations: SarifLocation[];
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: {
        driver: {
          name: string;
          version: string;
          informationUri?: string;
          rules: {
            id: string;
            name: string;
            shortDescription: SarifMessage;
            fullDescription: SarifMessage;
            help: { text: string; markdown: string };
            helpUri?: string;
            defaultConfiguration: { level: Severity };
          }[];
        };
      };
      invocations: [{ executionSuccessful: true; toolExecutionNotifications: SarifNotification[] }];
      results: SarifResult[];
    },
  ];
}

export function renderSarif(report: Report, options: SarifOptions): string {
  return `${JSON.stringify(toSarifLog(report, options), null, 2)}\n`;
}

export function toSarifLog(report: Report, options: SarifOptions): SarifLog {
  const rules = RULES.map((rule) => {
    const helpUri = ruleDocsUrl(rule, options.docsBase);
    return {
      id: rule.id,
      name: rule.name,
      shortDescription: { text: rule.summary },
      fullDescription: { text: rule.description },
      help: { text: rule.help.replace(/`/g, ''), markdown: rule.help },
      ...(helpUri === undefined ? {} : { helpUri }),
      defaultConfiguration: { level: rule.defaultSeverity },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Portcullis',
            version: options.toolVersion,
            ...(options.informationUri === undefined ? {} : { informationUri: options.informationUri }),
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: [...report.incomplete.map(incompleteNotification), ...report.diagnostics.map(toSarifNotification)],
          },
        ],
        results: report.conflicts.map(toSarifResult),
      },
    ],
  };
}

export function toSarifResult(conflict: Conflict): SarifResult {
  const primary = primaryLocation(conflict);
  const others = conflict.locations.filter((location) => location !== primary);
  const related = others.map((location, index) => ({
    id: index + 1,
    physicalLocation: physicalLocation(location),
    message: { text: visibleControlChars(location.service) },
  }));
  return {
    ruleId: conflict.rule,
    ruleIndex: ruleIndex(conflict.rule),
    level: conflict.severity,
    message: { text: resultMessage(conflict, others) },
    locations: primary ? [{ physicalLocation: physicalLocation(primary) }] : [],
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: conflictFingerprint(conflict) },
    baselineState: conflict.status === 'new' ? 'new' : 'unchanged',
    properties: {
      conflictId: conflict.id,
      status: conflict.status,
      services: [...conflict.services],
      newServices: [...conflict.newServices],
    },
  };
}

// GitHub annotates the primary location on the pull request: the newcomer's line is the
// one the author touched and the one to edit.
function primaryLocation(conflict: Conflict): ConflictLocation | undefined {
  const newServices = new Set(conflict.newServices);
  return conflict.locations.find((location) => newServices.has(location.service)) ?? conflict.locations[0];
}

/**
 * The identity of a conflict across runs: rule, scope, protocol, ports and services, but not
 * lines (an edit above must not open a new alert) nor status (it changes with the base).
 */
export function conflictFingerprint(conflict: Conflict): string {
  const facts = [conflict.rule, conflict.scope, conflict.protocol, conflict.port, conflict.endPort, [...conflict.services].sort()];
  return createHash('sha256').update(JSON.stringify(facts)).digest('hex');
}

// GitHub shows the first sentence where space is short, so the conflict's own message leads;
// `[name](id)` is SARIF's embedded link to a related location.
function resultMessage(conflict: Conflict, others: readonly ConflictLocation[]): string {
  const sentences = [asSentence(sarifText(conflict.message))];
  const proposals = conflict.suggestions.map((suggestion) => sarifText(describeProposal(suggestion)));
  if (proposals.length > 0) sentences.push(`Proposed: ${proposals.join('; ')}.`);
  if (others.length > 0) {
    // Related locations are numbered from 1 in the same order.
    const links = others.map((location, index) => `[${sarifText(location.service)}](${index + 1})`);
    sentences.push(`Also claimed by ${links.join(', ')}.`);
  }
  return sentences.join(' ');
}

// SARIF plain-text messages reserve `[...](...)` for embedded links: literal brackets are escaped.
function sarifText(text: string): string {
  return visibleControlChars(text).replace(/[[\]]/g, (bracket) => `\\${bracket}`);
}

function asSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

/** The run itself did not see everything: a notification of the run, at level error. */
function incompleteNotification(entry: Incomplete): SarifNotification {
  return { level: 'error', descriptor: { id: `incomplete/${entry.reason}` }, message: { text: `The check is incomplete: ${visibleControlChars(entry.message)}` }, locations: [] };
}

function toSarifNotification(diagnostic: Diagnostic): SarifNotification {
  const region =
    diagnostic.line === undefined
      ? undefined
      : { startLine: diagnostic.line, ...(diagnostic.column === undefined ? {} : { startColumn: diagnostic.column }) };
  return {
    level: diagnostic.severity,
    message: { text: visibleControlChars(diagnostic.message) },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(diagnostic.file), ...(region ? { region } : {}) } }],
  };
}

function physicalLocation(location: SourceLocation): SarifPhysicalLocation {
  return {
    artifactLocation: artifactLocation(location.file),
    region: { startLine: location.line, startColumn: location.column },
  };
}

function artifactLocation(file: string): SarifPhysicalLocation['artifactLocation'] {
  return { uri: artifactUri(file), uriBaseId: SOURCE_ROOT };
}

/** A root-relative path as a relative URI reference: each segment percent-encoded (`my app/100%.yml` → `my%20app/100%25.yml`). */
export function artifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
