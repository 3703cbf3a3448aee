// Inputs that fuzzing (__tests__/fuzz) found mishandled, kept as regressions.
import { describe, expect, it } from '@jest/globals';
import { composeExtractor } from '../../../src/extract/compose/extractCompose.js';
import type { ExtractResult } from '../../../src/model/types.js';

function extract(text: string, files: Record<string, string> = {}): ExtractResult {
  return composeExtractor.extract({ path: 'compose.yml', text }, { rootName: 'repo', readFile: (path) => files[path] });
}

const brief = (result: ExtractResult) => result.bindings.map(({ service, kind, port, line, column }) => `${service} ${kind} ${port} @${line}:${column}`);

describe('compose: fuzz regressions', () => {
  it('claims nothing for a service whose name has no letter or digit, and says so', () => {
    const result = extract('services:\n  _:\n    ports: ["8080:80"]\n');
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      { file: 'compose.yml', line: 3, column: 5, severity: 'warning', message: 'service "_" has no letter or digit, so it names no service: its ports are not checked' },
    ]);
  });

  it('skips a port assembled from several values, which no one place writes', () => {
    const result = extract('services:\n  web:\n    ports: ["${A:-8}0${B:-80}:80"]\n');
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      {
        file: 'compose.yml',
        line: 3,
        column: 19,
        severity: 'warning',
        message: 'service web: port "${A:-8}0${B:-80}:80": port 8080 is assembled from several values (variables, defaults, literals), so no one place writes it; skipped',
      },
    ]);
  });

  it('reads no port from a quoted scalar that the file ends inside (the parser would drop its last digit)', () => {
    const result = extract('services:\n  a: {ports: ["1000:1000"]}\n  b: {ports: ["2000:2000');
    expect(brief(result)).toEqual(['a listen 1000 @2:21', 'a publish 1000 @2:16']);
    expect(result.diagnostics[0]).toEqual({ file: 'compose.yml', line: 3, column: 25, severity: 'error', message: 'invalid YAML: Missing closing "quote' });
  });

  it('reports columns of the file as written after mending a quoted value continued at column 0', () => {
    // The mended text has the continuation line indented; the port after it is still at column 13 of the file.
    const result = extract("services:\n  web: {expose: ['\r\n'], ports: [1]}\n");
    expect(brief(result)).toEqual(['web listen 1 @3:13']);
    expect(result.diagnostics.map(({ line, column, message }) => [line, column, message])).toEqual([
      [2, undefined, "recovered: a quoted value continues at a lower indentation (line 3), which Compose's YAML parser accepts; read as if indented"],
      [3, 1, 'service web: exposed port " ": Invalid containerPort:  '],
    ]);
  });

  it('places a problem inside a .env value that spans lines on the .env line where it is written', () => {
    const result = extract('services:\n  web:\n    expose:\n      - ${A:-8}0${B:-80}\n', { '.env': 'A="80\n0:66"\n' });
    expect(result.bindings).toEqual([]);
    expect(result.diagnostics).toEqual([
      { file: '.env', line: 2, column: 3, severity: 'error', message: 'service web: exposed port "${A:-8}0${B:-80}": Invalid containerPort: 66080' },
    ]);
  });
});

