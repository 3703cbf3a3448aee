// Where a rule is documented, and the README's "Rules" entries, written from the catalogue
// so that the two cannot drift apart (__tests__/rules/readme.test.ts holds the README to it).
import { RULES } from './catalogue.js';
import type { RuleDocs } from './rule.js';

/**
 * The absolute URL of a rule's documentation: its `docs` path resolved against `docsBase`,
 * the URL of Portcullis's own repository at the version that runs (such as
 * `https://github.com/<owner>/portcullis/blob/v1.2.0/`). Only the caller knows where it runs
 * from (the Action: its repository and ref), so without a base there is no URL.
 */
export function ruleDocsUrl(rule: Pick<RuleDocs, 'docs'>, docsBase: string | undefined): string | undefined {
  if (docsBase === undefined) return undefined;
  try {
    return new URL(rule.docs, docsBase.endsWith('/') ? docsBase : `${docsBase}/`).href;
  } catch {
    return undefined;
  }
}

/** The anchor of a rule's entry in the README (`rule-duplicate-port`). */
export function readmeAnchor(rule: Pick<RuleDocs, 'docs'>): string {
  return rule.docs.slice(rule.docs.indexOf('#') + 1);
}

export const README_RULES_START = '<!-- rules: generated from src/rules/ (see __tests__/rules/readme.test.ts); edit the rule files, not this section -->';
export const README_RULES_END = '<!-- rules: end -->';

/** The README's table of rules and one anchored entry per rule, between the markers. */
export function renderReadmeRules(): string {
  const table = [
    '| rule | default severity | meaning |',
    '| --- | --- | --- |',
    ...RULES.map((rule) => `| [\`${rule.id}\`](#${readmeAnchor(rule)}) | ${rule.defaultSeverity} | ${rule.summary} |`),
  ].join('\n');
  return [README_RULES_START, table, ...RULES.map(readmeEntry), README_RULES_END].join('\n\n');
}

function readmeEntry(rule: RuleDocs): string {
  // The heading's GitHub anchor (lower case, code marks dropped, spaces to hyphens) is the rule's docs anchor.
  const heading = `### Rule \`${rule.id}\``;
  return [heading, rule.description, `**Severity:** ${severityText(rule)}`, `**How to fix:** ${rule.help}`, `**To change it:** ${changeText(rule)}`].join('\n\n');
}

function severityText(rule: RuleDocs): string {
  if (rule.onlyPossible === undefined) return `${rule.defaultSeverity} by default; every conflict it finds is certain.`;
  if (rule.defaultSeverity === 'error') return `error by default, and a warning where the conflict is only possible: ${rule.onlyPossible}.`;
  return `${rule.defaultSeverity} by default. Raised to error, a conflict stays a warning where it is only possible: ${rule.onlyPossible}.`;
}

function changeText(rule: RuleDocs): string {
  const off = `\`rules: { ${rule.id}: off }\` in \`.portcullis.yml\` leaves its conflicts (and their proposals) out`;
  if (rule.defaultSeverity === 'error') return `${off}; \`rules: { ${rule.id}: warning }\` makes every one a warning, which never fails the check.`;
  const certain = rule.onlyPossible === undefined ? '' : ' where it is certain';
  return `${off}; \`rules: { ${rule.id}: error }\` makes it an error${certain}, so that a new one fails the check.`;
}
