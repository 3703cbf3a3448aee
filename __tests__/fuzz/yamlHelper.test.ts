// The YAML helper every YAML extractor reads through: random, structured, hostile and
// mutated documents never break it (but for the alias budget, which it throws by design);
// every position it gives lies in the text, and a token it locates in a scalar is there.
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { AliasBudgetExceeded, isMap, isScalar, isSeq, MAX_YAML_DEPTH, parseYaml, type YamlFile } from '../../src/extract/yaml.js';
import { allCorpusTexts } from './corpus.js';
import { composeDocument, kubernetesDocument, processComposeDocument, registryDocument } from './domainDocuments.js';
import { assertNoViolations, MAX_INPUT_MS } from './fuzzConfig.js';
import { hostileYaml } from './hostileYaml.js';
import { timed } from './invariants.js';
import { mutatedText } from './mutations.js';
import { TextGrid } from './textGrid.js';
import { renderYaml } from './yamlDocuments.js';

/** Visits every node reachable from the documents once, through the helper's own accessors. */
function walk(yaml: YamlFile, visit: (node: unknown) => void): void {
  const pending: Array<[unknown, number]> = yaml.documents.map((document) => [document.contents, 0]);
  const seen = new Set<unknown>();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    const resolved = yaml.resolve(node);
    if (seen.has(resolved)) continue;
    seen.add(resolved);
    visit(resolved);
    if (depth >= MAX_YAML_DEPTH) continue;
    if (isMap(resolved)) for (const [, value, key] of yaml.entries(resolved)) pending.push([key, depth + 1], [value, depth + 1]);
    if (isSeq(resolved)) for (const item of yaml.items(resolved)) pending.push([item, depth + 1]);
  }
}

/** The walk, stopped by the alias budget as the extractors' walks are: that is the one exception it throws by design. */
function walkWithinBudget(yaml: YamlFile, visit: (node: unknown) => void): void {
  try {
    walk(yaml, visit);
  } catch (error) {
    if (!(error instanceof AliasBudgetExceeded)) throw error;
  }
}

function helperViolations(text: string): string[] {
  const violations: string[] = [];
  const grid = new TextGrid(text);
  const run = timed(() => {
    const yaml = parseYaml('f.yml', text);
    for (const d of yaml.diagnostics) {
      if (d.line === undefined || d.column === undefined || !grid.contains(d.line, d.column, true)) violations.push(`diagnostic at ${d.line}:${d.column} is outside the text`);
    }
    walkWithinBudget(yaml, (node) => {
      const at = yaml.locate(node);
      if (!grid.contains(at.line, at.column, true)) violations.push(`node at ${at.line}:${at.column} is outside the text`);
      const value = isScalar(node) ? yaml.scalarText(node) : undefined;
      const digits = value === undefined ? null : /\d+/.exec(value);
      if (!digits) return;
      const found = yaml.locateInScalar(node, digits.index, digits[0]);
      const isFallback = found.line === at.line && found.column === at.column;
      if (!isFallback && !grid.from(found.line, found.column).startsWith(digits[0])) {
        violations.push(`${JSON.stringify(digits[0])} of ${JSON.stringify(value)} is located at ${found.line}:${found.column}, which shows ${JSON.stringify(grid.from(found.line, found.column).slice(0, 12))}`);
      }
    });
  });
  if ('error' in run) return [...violations, `threw: ${run.error}`];
  if (run.ms > MAX_INPUT_MS) violations.push(`took ${Math.round(run.ms)} ms`);
  return violations;
}

describe('parseYaml and its walk', () => {
  const documents = fc.oneof(composeDocument, kubernetesDocument, processComposeDocument, registryDocument).map(renderYaml);
  const texts = allCorpusTexts();

  it('never throws on random text, and every position it gives is in the text', () => {
    assertNoViolations(fc.string({ unit: 'binary', maxLength: 200 }), helperViolations);
  });

  it('locates every token it finds in a scalar of a structured or hostile document where it is written', () => {
    assertNoViolations(fc.oneof(documents, hostileYaml), helperViolations);
  });

  it('holds on mutated fixtures', () => {
    assertNoViolations(mutatedText(texts, texts), helperViolations);
  });
});
