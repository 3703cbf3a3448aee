import { describe } from '@jest/globals';
import { SOURCE_FORMATS } from './extractorInputs.js';
import { describeExtractorFuzzing } from './extractorProperties.js';

describe('the source extractors', () => {
  describeExtractorFuzzing(SOURCE_FORMATS);
});
