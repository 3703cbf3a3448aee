import { describe } from '@jest/globals';
import { YAML_SERVICE_FORMATS } from './extractorInputs.js';
import { describeExtractorFuzzing } from './extractorProperties.js';

describe('the compose, process-compose, Kubernetes and zinit extractors', () => {
  describeExtractorFuzzing(YAML_SERVICE_FORMATS);
});
