import { describe, expect, it } from '@jest/globals';
import { EXTRACTORS } from '../../src/extract/index.js';
import { DOCUMENT_FORMATS, NIX_FORMATS, SOURCE_FORMATS, YAML_SERVICE_FORMATS } from './extractorInputs.js';
import { describeExtractorFuzzing } from './extractorProperties.js';

describe('the registry, .env and systemd extractors', () => {
  describeExtractorFuzzing(DOCUMENT_FORMATS);
});

describe('fuzzing covers every extractor', () => {
  it('in this file, yamlExtractors.test.ts, nixExtractors.test.ts or sourceExtractors.test.ts', () => {
    const covered = new Set([...DOCUMENT_FORMATS, ...YAML_SERVICE_FORMATS, ...NIX_FORMATS, ...SOURCE_FORMATS]);
    expect(EXTRACTORS.map((extractor) => extractor.format).filter((format) => !covered.has(format))).toEqual([]);
  });
});
