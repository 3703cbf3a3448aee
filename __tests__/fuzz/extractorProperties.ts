// The fuzz properties of the extractors, declared for a group of them; each group runs in a
// test file of its own, so that jest spreads them over the cores.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { EXTRACTORS } from '../../src/extract/index.js';
import type { Extractor } from '../../src/model/types.js';
import { extractionInputs, FORMAT_PATHS, type InputKind } from './extractorInputs.js';
import { assertNoViolations } from './fuzzConfig.js';
import { extractionViolations } from './invariants.js';

const KINDS: InputKind[] = ['random', 'structured', 'mutated'];

/** `typescript` reads `.ts` and `.tsx` with two grammars: a path tells the two apart. */
function label(extractor: Extractor): string {
  const path = (FORMAT_PATHS[extractor.format] ?? []).find(([candidate]) => extractor.matches(candidate))?.[0];
  return `${extractor.format} (${path ?? 'no path'})`;
}

export function describeExtractorFuzzing(formats: readonly string[]): void {
  const extractors = EXTRACTORS.filter((extractor) => formats.includes(extractor.format));

  beforeAll(async () => {
    for (const extractor of extractors) await extractor.prepare?.();
  });

  it('fuzzes the extractors of these formats, each under paths it reads', () => {
    expect(extractors.map((extractor) => extractor.format).sort()).toEqual(EXTRACTORS.map((extractor) => extractor.format).filter((format) => formats.includes(format)).sort());
    expect(extractors.filter((extractor) => !(FORMAT_PATHS[extractor.format] ?? []).some(([path]) => extractor.matches(path))).map(label)).toEqual([]);
  });

  describe.each(extractors.map((extractor) => [label(extractor), extractor] as const))('%s extractor', (_label, extractor) => {
    it.each(KINDS)(
      'on %s input: never throws, answers within the time limit, is deterministic, and locates every binding at its port literal',
      (kind) => {
        assertNoViolations(extractionInputs(extractor, kind), (input) => extractionViolations(extractor, input));
      },
    );
  });
}
