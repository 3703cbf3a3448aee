// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { extractZinit } from '../../../src/extract/zinit/extractZinit.js';

describe('zinit: fuzz regressions', () => {
  it('claims nothing for a service whose name has no letter or digit, and says where it is declared', () => {
    expect(extractZinit({ path: 'zinit.toml', text: '[services._]\nexec = "redis-server --port 6379"\nports = [6379]\n' })).toEqual({
      bindings: [],
      diagnostics: [{ file: 'zinit.toml', line: 2, column: 8, severity: 'warning', message: 'service "_" has no letter or digit, so it names no service: its ports are not checked' }],
    });
  });

  it('names the service of a YAML file by its stem, and a stem with no letter or digit names none', () => {
    expect(extractZinit({ path: 'etc/zinit/-.yaml', text: 'exec: redis-server --port 6379\n' }).diagnostics).toEqual([
      { file: 'etc/zinit/-.yaml', line: 1, column: 1, severity: 'warning', message: 'service "-" has no letter or digit, so it names no service: its ports are not checked' },
    ]);
  });

  it('reads a port as written: a YAML float or hexadecimal is no port number', () => {
    expect(extractZinit({ path: 'etc/zinit/redis.yaml', text: 'exec: redis-server\nports: [1e3, 0x1F90, 6379]\n' })).toEqual({
      bindings: [expect.objectContaining({ port: 6379, line: 2, column: 22 })],
      diagnostics: [
        { file: 'etc/zinit/redis.yaml', line: 2, column: 9, severity: 'error', message: 'ports: 1e3 is not a port (1-65535)' },
        { file: 'etc/zinit/redis.yaml', line: 2, column: 14, severity: 'error', message: 'ports: 0x1F90 is not a port (1-65535)' },
      ],
    });
  });
});
