import { describe } from '@jest/globals';
import { NIX_FORMATS } from './extractorInputs.js';
import { describeExtractorFuzzing } from './extractorProperties.js';

describe('the Nix extractors', () => {
  describeExtractorFuzzing(NIX_FORMATS);
});
