// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { extractSystemd } from '../../../src/extract/systemd/extractSystemd.js';

describe('systemd: fuzz regressions', () => {
  it('skips an Environment= port that quotes split, and says so', () => {
    expect(extractSystemd({ path: 'web.service', text: "[Service]\nEnvironment=PORT=80'80'\n" })).toEqual({
      bindings: [],
      diagnostics: [
        { file: 'web.service', line: 2, column: 18, severity: 'warning', message: "Environment=: PORT=8080 is not written as one literal (quotes or escapes inside it); skipped" },
      ],
    });
  });

  it('claims nothing for a unit whose name has no letter or digit', () => {
    expect(extractSystemd({ path: 'deploy/_.service', text: '[Service]\nExecStart=/usr/bin/app --port 8080\n' })).toEqual({
      bindings: [],
      diagnostics: [{ file: 'deploy/_.service', severity: 'warning', message: 'unit "_.service" has no letter or digit, so it names no service: its ports are not checked' }],
    });
  });

  it('names the unit that a socket hands its connections to when that name has no letter or digit', () => {
    expect(extractSystemd({ path: 'api.socket', text: '[Socket]\nListenStream=8080\nService=-.service\n' }).diagnostics).toEqual([
      { file: 'api.socket', severity: 'warning', message: 'unit "-.service" has no letter or digit, so it names no service: its ports are not checked' },
    ]);
  });
});
