// The README's "Rules" is written from the catalogue: a rule without an entry, or an entry
// whose text differs from its rule file, fails here. `UPDATE_GOLDEN=1 npm test --
// __tests__/rules/readme.test.ts` rewrites the section; review the diff before keeping it.
import { describe, expect, it } from '@jest/globals';
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../../src/rules/catalogue.js';
import { README_RULES_END, README_RULES_START, readmeAnchor, renderReadmeRules } from '../../src/rules/docs.js';

const README = 'README.md';

function generatedSection(readme: string): { start: number; end: number } {
  const start = readme.indexOf(README_RULES_START);
  const end = readme.indexOf(README_RULES_END);
  if (start < 0 || end < start) throw new Error(`${README} has no generated rules section (${README_RULES_START} ... ${README_RULES_END})`);
  return { start, end: end + README_RULES_END.length };
}

/** The anchor GitHub gives a heading: lower case, code marks and punctuation dropped, spaces to hyphens. */
function githubAnchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/ /g, '-');
}

describe('the README\'s rules', () => {
  it('are the catalogue\'s, entry by entry', () => {
    let readme = readFileSync(README, 'utf8');
    const { start, end } = generatedSection(readme);
    if (process.env['UPDATE_GOLDEN'] === '1') {
      readme = readme.slice(0, start) + renderReadmeRules() + readme.slice(end);
      writeFileSync(README, readme);
    }
    const now = generatedSection(readme);
    expect(readme.slice(now.start, now.end)).toBe(renderReadmeRules());
  });

  it('give every rule a heading whose GitHub anchor is the rule\'s docs anchor, once', () => {
    const readme = readFileSync(README, 'utf8');
    const anchors = [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((match) => githubAnchor(match[1] ?? ''));
    for (const rule of RULES) {
      expect(rule.docs).toBe(`README.md#${readmeAnchor(rule)}`);
      expect(anchors.filter((anchor) => anchor === readmeAnchor(rule))).toHaveLength(1);
    }
  });

  it('describe each rule with its id, default severity, meaning, fix and how to change it', () => {
    const section = renderReadmeRules();
    for (const rule of RULES) {
      const entry = section.slice(section.indexOf(`### Rule \`${rule.id}\``)).split('\n### ')[0] ?? '';
      expect(entry).toContain(`**Severity:** ${rule.defaultSeverity} by default`);
      for (const text of [rule.description, rule.help, rule.onlyPossible ?? 'every conflict it finds is certain', `${rule.id}: off`]) expect(entry).toContain(text);
      expect(section).toContain(`| [\`${rule.id}\`](#${readmeAnchor(rule)}) | ${rule.defaultSeverity} | ${rule.summary} |`);
    }
  });
});
