import { beforeAll, describe, expect, it } from '@jest/globals';
import { EXTRACTORS } from '../../src/extract/index.js';
import type { Extractor } from '../../src/model/types.js';
import { extractionViolations } from './invariants.js';
import { KNOWN_DEFECTS, unexplainedViolations } from './knownDefects.js';

beforeAll(async () => {
  for (const extractor of EXTRACTORS) await extractor.prepare?.();
});

function extractorFor(format: string, path: string): Extractor {
  const extractor = EXTRACTORS.find((candidate) => candidate.format === format && candidate.matches(path));
  if (!extractor) throw new Error(`no ${format} extractor reads ${path}`);
  return extractor;
}

describe('known defects of extractors owned elsewhere (remove an entry when this says it is fixed)', () => {
  it.each(KNOWN_DEFECTS.map((defect) => [defect.description, defect] as const))('still shows: %s', (_description, defect) => {
    const { format, ...input } = defect.example;
    const violations = extractionViolations(extractorFor(format, input.path), input);
    expect(violations.some((violation) => defect.violation.test(violation))).toBe(true);
    expect(unexplainedViolations(format, violations)).toEqual([]);
  });

  it('leaves aside only the violations of the formats a defect shows in', () => {
    const emptyName = 'binding  3000-3000/tcp @web/server.js:1:12: service name is empty or not normalized';
    expect(unexplainedViolations('javascript', [emptyName])).toEqual([]);
    expect(unexplainedViolations('compose', [emptyName])).toEqual([emptyName]);
  });
});
