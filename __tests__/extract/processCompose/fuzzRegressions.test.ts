// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { processComposeExtractor } from '../../../src/extract/processCompose/extractProcessCompose.js';
import type { ExtractResult } from '../../../src/model/types.js';

function extract(text: string): ExtractResult {
  return processComposeExtractor.extract({ path: 'process-compose.yaml', text }, { rootName: 'repo', readFile: () => undefined });
}

describe('process-compose: fuzz regressions', () => {
  it('claims nothing for a process whose name has no letter or digit, and says so', () => {
    expect(extract('processes:\n  _:\n    command: redis-server --port 6379\n')).toEqual({
      bindings: [],
      diagnostics: [
        { file: 'process-compose.yaml', line: 2, column: 3, severity: 'warning', message: 'process "_" has no letter or digit, so it names no service: its ports are not checked' },
      ],
    });
  });

  it('skips a listener port assembled from a default and a literal', () => {
    expect(extract('processes:\n  web:\n    command: redis-server --port ${A:-63}79\n')).toEqual({
      bindings: [],
      diagnostics: [
        {
          file: 'process-compose.yaml',
          line: 3,
          column: 39,
          severity: 'warning',
          message: '--port of process "web": port 6379 is assembled from several values (variables, defaults, literals), so no one place writes it; skipped',
        },
      ],
    });
  });

  it('reads no command from a quoted scalar that the file ends inside', () => {
    expect(extract('processes:\n  a:\n    command: "redis-server --port 6379')).toEqual({
      bindings: [],
      diagnostics: [{ file: 'process-compose.yaml', line: 3, column: 39, severity: 'error', message: 'invalid YAML: Missing closing "quote' }],
    });
  });
});
