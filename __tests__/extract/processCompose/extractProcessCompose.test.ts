import { describe, expect, it } from '@jest/globals';
import { processComposeExtractor } from '../../../src/extract/processCompose/extractProcessCompose.js';
import type { Binding, ExtractContext, ExtractResult, SourceLocation } from '../../../src/model/types.js';

const PATH = 'dev/process-compose.yaml';
const context: ExtractContext = { readFile: () => undefined, rootName: 'repo' };

function extract(text: string, path = PATH): ExtractResult {
  return processComposeExtractor.extract({ path, text }, context);
}

/** Extracts PATH with `dev/.env` holding `dotenv`. */
function extractBeside(dotenv: string, text: string): ExtractResult {
  const withDotenv: ExtractContext = { readFile: (path) => (path === 'dev/.env' ? dotenv : undefined), rootName: 'repo' };
  return processComposeExtractor.extract({ path: PATH, text }, withDotenv);
}

/** The fields every process-compose claim shares, with what varies per case. */
function claim(fields: Pick<Binding, 'service' | 'port' | 'line' | 'column' | 'setting'> & Partial<Binding>): Binding {
  return {
    endPort: fields.port,
    protocol: 'tcp',
    hostIp: null,
    scope: 'host',
    kind: 'listen',
    format: 'process-compose',
    file: PATH,
    stacks: [`process-compose:${PATH}`],
    ...fields,
  };
}

/** A claim whose literal is set in `dev/.env`, reached through `variable` at `via`. */
function dotenvClaim(fields: Pick<Binding, 'service' | 'port' | 'line' | 'column'> & { variable: string; via: SourceLocation }): Binding {
  return { ...claim({ ...fields, setting: fields.variable }), file: 'dev/.env', variableFile: 'dev/.env' };
}

const lines = (...rows: string[]): string => `${rows.join('\n')}\n`;

describe('processComposeExtractor.matches', () => {
  it.each([
    ['process-compose.yaml', true],
    ['process-compose.yml', true],
    ['deploy/dev/process-compose.override.yaml', true],
    ['process-compose-ci.yml', true],
    ['compose.yaml', false],
    ['docker-compose.yml', false],
    ['process-compose.json', false],
    ['my-process-compose.yaml', false],
    ['process-compose/README.md', false],
  ])('%s -> %s', (path, expected) => {
    expect(processComposeExtractor.matches(path)).toBe(expected);
  });
});

describe('processComposeExtractor: seed 001', () => {
  it('claims the command flags and PORT with the exact position of each literal', () => {
    const seed = lines(
      '# process-compose.yaml',
      'processes:',
      '  redis:',
      '    # Port from lib/ports.nix: databases.redis = 6379',
      '    command: redis-server --port 6379',
      '',
      '  api:',
      '    # Port from lib/ports.nix: development.api = 3000',
      '    command: bun run dev',
      '    environment:',
      '      PORT: "3000"',
      '    depends_on:',
      '      redis:',
      '        condition: process_healthy',
      '',
      '  postgres:',
      '    # Port from lib/ports.nix: databases.postgresql = 5432',
      '    command: postgres -D /tmp/pgdata -p 5432',
    );
    expect(extract(seed)).toEqual({
      bindings: [
        claim({ service: 'redis', port: 6379, line: 5, column: 34, setting: '--port' }),
        claim({ service: 'api', port: 3000, line: 11, column: 14, setting: 'PORT', variable: 'PORT' }),
        claim({ service: 'postgres', port: 5432, line: 18, column: 41, setting: '-p' }),
      ],
      diagnostics: [],
    });
  });

  it('claims nothing for the CI variant whose api has no port', () => {
    const text = lines('processes:', '  postgres:', '    command: postgres -p 5432', '  api:', '    command: bun run dev');
    expect(extract(text).bindings).toEqual([claim({ service: 'postgres', port: 5432, line: 3, column: 26, setting: '-p' })]);
  });
});

describe('processComposeExtractor: commands', () => {
  it('locates a port inside a literal block scalar, across a line continuation', () => {
    const text = lines(
      'processes:',
      '  web:',
      '    command: |',
      '      cd web',
      '      exec python3 -m http.server 8000 \\',
      '        --bind 127.0.0.1',
    );
    expect(extract(text).bindings).toEqual([
      claim({ service: 'web', port: 8000, line: 5, column: 35, setting: 'http.server', hostIp: '127.0.0.1' }),
    ]);
  });

  it('locates ports inside a folded block scalar', () => {
    const text = lines(
      'processes:',
      '  api:',
      '    command: >',
      '      uvicorn app:app',
      '      --host 0.0.0.0',
      '      --port 8001',
      '      --metrics-port 9100',
    );
    expect(extract(text).bindings).toEqual([
      claim({ service: 'api', port: 8001, line: 6, column: 14, setting: '--port', hostIp: '0.0.0.0' }),
      claim({ service: 'api', port: 9100, line: 7, column: 22, setting: '--metrics-port', hostIp: '0.0.0.0' }),
    ]);
  });

  it('points at the listener literal, not an earlier occurrence of the same digits', () => {
    const text = lines(
      'processes:',
      '  cache:',
      '    command: |',
      '      echo "starting on 6400" && redis-cli -p 6400 ping ||',
      '        redis-server --port 6400',
    );
    expect(extract(text).bindings).toEqual([claim({ service: 'cache', port: 6400, line: 5, column: 29, setting: '--port' })]);
  });

  it('locates a port in a double-quoted command with escapes', () => {
    const text = lines('processes:', '  db:', '    command: "postgres -c \\"port=5433\\""');
    expect(extract(text).bindings).toEqual([claim({ service: 'db', port: 5433, line: 3, column: 34, setting: '-c port' })]);
  });

  it('reads an entrypoint argv when there is no command, and prefers command when both are set', () => {
    const text = lines(
      'processes:',
      '  cache:',
      '    entrypoint: ["redis-server", "--port", "6390"]',
      '  shell:',
      '    entrypoint:',
      '      - sh',
      '      - -c',
      "      - 'exec memcached -p 11211'",
      '  both:',
      '    command: redis-server --port 6391',
      '    entrypoint: ["redis-server", "--port", "6392"]',
    );
    expect(extract(text).bindings).toEqual([
      claim({ service: 'cache', port: 6390, line: 3, column: 45, setting: '--port' }),
      claim({ service: 'shell', port: 11211, line: 8, column: 28, setting: '-p' }),
      claim({ service: 'both', port: 6391, line: 10, column: 34, setting: '--port' }),
    ]);
  });

  it('claims nothing for clients, references and prose in commands', () => {
    const text = lines(
      'processes:',
      '  migrate:',
      '    command: psql -h localhost -p 5432 -f schema.sql',
      '  waiter:',
      '    command: curl --retry 5 http://localhost:3000/health',
      '  nix:',
      '    command: ${pkgs.redis}/bin/redis-server --port ${toString ports.databases.redis}',
      '  env:',
      '    command: server --port $PORT',
    );
    expect(extract(text)).toEqual({ bindings: [], diagnostics: [] });
  });
});

describe('processComposeExtractor: environment', () => {
  it('reads the list form and the mapping form, PORT and the process-named variable', () => {
    const text = lines(
      'processes:',
      '  api:',
      '    environment:',
      '      - PORT=3000',
      '      - "API_PORT=3001"',
      '      - DB_PORT=5432',
      '      - REDIS_PORT=6379',
      '      - DATABASE_URL=postgres://localhost:5432/app',
      '  nlp_api:',
      '    environment:',
      '      NLP_API_PORT: 3456',
      '      NLP_API_METRICS_PORT: "9464"',
      '      HTTP_PORT: 8080',
      '      UPSTREAM_PORT: 9000',
      '      API_PORT: 3000',
    );
    expect(extract(text)).toEqual({
      bindings: [
        claim({ service: 'api', port: 3000, line: 4, column: 14, setting: 'PORT', variable: 'PORT' }),
        claim({ service: 'api', port: 3001, line: 5, column: 19, setting: 'API_PORT', variable: 'API_PORT' }),
        claim({ service: 'nlp-api', port: 3456, line: 11, column: 21, setting: 'NLP_API_PORT', variable: 'NLP_API_PORT' }),
        claim({ service: 'nlp-api', port: 9464, line: 12, column: 30, setting: 'NLP_API_METRICS_PORT', variable: 'NLP_API_METRICS_PORT' }),
        claim({ service: 'nlp-api', port: 8080, line: 13, column: 18, setting: 'HTTP_PORT', variable: 'HTTP_PORT' }),
      ],
      diagnostics: [],
    });
  });

  it('keeps both the variable and the flag when a process names its port twice', () => {
    const text = lines('processes:', '  web:', '    command: node server.js --port 3000', '    environment: [PORT=3000]');
    expect(extract(text).bindings).toEqual([
      claim({ service: 'web', port: 3000, line: 4, column: 24, setting: 'PORT', variable: 'PORT' }),
      claim({ service: 'web', port: 3000, line: 3, column: 36, setting: '--port' }),
    ]);
  });

  it('expands ${VAR:-default} as process-compose does, and skips what takes its value at run time', () => {
    const text = lines(
      'processes:',
      '  web:',
      '    environment:',
      '      - PORT=${WEB_PORT:-3000}',
      '      - WEB_PORT={{.PORT}}',
      '      - HTTP_PORT=',
      '      - WEB_METRICS_PORT=$${METRICS}',
      '      - WEB_ADMIN_PORT=${ADMIN_PORT}',
    );
    expect(extract(text)).toEqual({
      bindings: [
        claim({
          service: 'web',
          port: 3000,
          line: 4,
          column: 26,
          via: { file: PATH, line: 4, column: 14 },
          setting: 'PORT',
          variable: 'WEB_PORT',
        }),
      ],
      diagnostics: [],
    });
  });

  it('gives a process-named global variable to its process, unless the process sets it itself', () => {
    const text = lines(
      'environment:',
      '  - PORT=1234',
      '  - API_PORT=4000',
      '  - WORKER_PORT=4100',
      '  - HTTP_PORT=4200',
      'processes:',
      '  api:',
      '    command: bun run api',
      '  worker:',
      '    command: bun run worker',
      '    environment:',
      '      - WORKER_PORT=4101',
    );
    expect(extract(text).bindings).toEqual([
      claim({ service: 'api', port: 4000, line: 3, column: 14, setting: 'API_PORT', variable: 'API_PORT' }),
      claim({ service: 'worker', port: 4101, line: 12, column: 21, setting: 'WORKER_PORT', variable: 'WORKER_PORT' }),
    ]);
  });
});

describe('processComposeExtractor: ${VAR} from the .env beside the file', () => {
  const command = lines('processes:', '  api:', '    command: ./api --port ${API_PORT:-8080}');
  /** `${` of the reference on line 3. */
  const via = { file: PATH, line: 3, column: 27 };

  it('reads the .env beside the file, and only it', () => {
    expect(processComposeExtractor.dependencies?.(PATH)).toEqual(['dev/.env']);
    expect(processComposeExtractor.dependencies?.('process-compose.yml')).toEqual(['.env']);
  });

  it('locates a port set in the .env at its .env line, with the reference as via', () => {
    expect(extractBeside('# ports\nAPI_PORT=9090\n', command)).toEqual({
      bindings: [dotenvClaim({ service: 'api', port: 9090, line: 2, column: 10, variable: 'API_PORT', via })],
      diagnostics: [],
    });
  });

  it('locates the default inside ${...} when the .env does not set the variable', () => {
    for (const result of [extract(command), extractBeside('OTHER_PORT=1\n', command)]) {
      expect(result).toEqual({
        bindings: [claim({ service: 'api', port: 8080, line: 3, column: 39, setting: 'API_PORT', via, variable: 'API_PORT' })],
        diagnostics: [],
      });
    }
  });

  it('expands entrypoint arguments and environment values, and reports a .env value that is no port there', () => {
    const text = lines(
      'processes:',
      '  cache:',
      '    entrypoint: ["redis-server", "--port", "${CACHE_PORT}"]',
      '  web:',
      '    environment: [PORT=$WEB_PORT]',
    );
    const result = extractBeside('CACHE_PORT=6390\nWEB_PORT=web\n', text);
    expect(result).toEqual({
      bindings: [dotenvClaim({ service: 'cache', port: 6390, line: 1, column: 12, variable: 'CACHE_PORT', via: { file: PATH, line: 3, column: 45 } })],
      diagnostics: [{ file: 'dev/.env', line: 2, column: 10, severity: 'error', message: 'PORT of process "web" is not a port number (1-65535): "web"' }],
    });
  });

  it('keeps $$ as a literal $, and expands nothing under disable_env_expansion', () => {
    const escaped = lines('processes:', '  api:', '    command: ./api --port $${API_PORT}');
    expect(extractBeside('API_PORT=9090\n', escaped)).toEqual({ bindings: [], diagnostics: [] });
    const unexpanded = `disable_env_expansion: true\n${command}  cache:\n    command: redis-server --port 6379\n`;
    expect(extractBeside('API_PORT=9090\n', unexpanded)).toEqual({
      bindings: [claim({ service: 'cache', port: 6379, line: 6, column: 34, setting: '--port' })],
      diagnostics: [],
    });
  });

  it('claims nothing through a variable that is neither in the .env nor defaulted', () => {
    const text = lines('processes:', '  api:', '    command: ./api --port $API_PORT --host 0.0.0.0');
    expect(extract(text)).toEqual({ bindings: [], diagnostics: [] });
  });
});

describe('processComposeExtractor: docker run', () => {
  it('makes a host range for one container port a soft claim of the whole range', () => {
    const text = lines('processes:', '  web:', '    command: docker run --rm -p 8000-8010:80 nginx');
    expect(extract(text).bindings).toEqual([claim({ service: 'web', port: 8000, endPort: 8010, line: 3, column: 33, setting: '-p', soft: true })]);
  });
});

describe('processComposeExtractor: disabled processes and probes', () => {
  it('claims nothing for a disabled process', () => {
    const text = lines(
      'processes:',
      '  old:',
      '    disabled: true',
      '    command: redis-server --port 6379',
      '    environment: [PORT=3000]',
      '  new:',
      '    disabled: false',
      '    command: redis-server --port 6380',
    );
    expect(extract(text).bindings).toEqual([claim({ service: 'new', port: 6380, line: 8, column: 34, setting: '--port' })]);
  });

  it('claims an http_get probe port only when nothing else of the process names it', () => {
    const text = lines(
      'processes:',
      '  web:',
      '    command: python3 -m http.server 8000',
      '    readiness_probe:',
      '      http_get:',
      '        host: 127.0.0.1',
      '        port: 8000',
      '    liveness_probe:',
      '      http_get:',
      '        port: "8081"',
      '  api:',
      '    command: bun run api',
      '    readiness_probe:',
      '      http_get: { port: 3000, path: /health }',
      '    liveness_probe:',
      '      http_get: { port: 3000 }',
    );
    expect(extract(text).bindings).toEqual([
      claim({ service: 'web', port: 8000, line: 3, column: 37, setting: 'http.server' }),
      claim({ service: 'web', port: 8081, line: 10, column: 16, setting: 'liveness_probe.http_get.port' }),
      claim({ service: 'api', port: 3000, line: 14, column: 25, setting: 'readiness_probe.http_get.port' }),
    ]);
  });

  it('claims nothing for exec probes, probes of other hosts and templated probe ports', () => {
    const text = lines(
      'processes:',
      '  redis:',
      '    command: redis-server',
      '    readiness_probe:',
      '      exec:',
      '        command: redis-cli -p 6379 ping && nc -l 9999',
      '  proxy:',
      '    command: ./proxy',
      '    readiness_probe:',
      '      http_get: { host: backend.internal, port: 8080 }',
      '  replica:',
      '    command: python3 -m http.server 404{{.PC_REPLICA_NUM}}',
      '    replicas: 2',
      '    readiness_probe:',
      '      http_get: { port: "404{{.PC_REPLICA_NUM}}" }',
    );
    expect(extract(text)).toEqual({ bindings: [], diagnostics: [] });
  });

  it('warns when replicas share one literal port', () => {
    const text = lines('processes:', '  web:', '    command: node server.js --port 3000', '    replicas: 3');
    expect(extract(text).diagnostics).toEqual([
      {
        file: PATH,
        line: 4,
        column: 15,
        severity: 'warning',
        message: 'process "web" runs 3 replicas that all bind port 3000; derive the port from PC_REPLICA_NUM',
      },
    ]);
  });
});

describe('processComposeExtractor: bad input', () => {
  it('reports invalid port values with their position and still reads the rest', () => {
    const text = lines(
      'processes:',
      '  a:',
      '    environment: [PORT=abc]',
      '  b:',
      '    environment:',
      '      PORT: 0',
      '  c:',
      '    environment:',
      '      - C_PORT=70000',
      '  d:',
      '    command: server --port 70000',
      '    readiness_probe: { http_get: { port: http } }',
      '  e:',
      '    command: redis-server --port 6379',
    );
    expect(extract(text)).toEqual({
      bindings: [claim({ service: 'e', port: 6379, line: 14, column: 34, setting: '--port' })],
      diagnostics: [
        { file: PATH, line: 3, column: 24, severity: 'error', message: 'PORT of process "a" is not a port number (1-65535): "abc"' },
        { file: PATH, line: 6, column: 13, severity: 'error', message: 'PORT of process "b" is not a port number (1-65535): "0"' },
        { file: PATH, line: 9, column: 16, severity: 'error', message: 'C_PORT of process "c" is not a port number (1-65535): "70000"' },
        {
          file: PATH,
          line: 12,
          column: 42,
          severity: 'warning',
          message: 'readiness_probe.http_get.port of process "d" is not a port number (1-65535): "http"',
        },
      ],
    });
  });

  it('reports malformed YAML with its line and keeps what it could read', () => {
    const result = extract(lines('processes:', '  ok:', '    command: redis-server --port 6379', '  bad: [unclosed'));
    expect(result.bindings).toEqual([claim({ service: 'ok', port: 6379, line: 3, column: 34, setting: '--port' })]);
    // `yaml` reports the unclosed flow sequence where the input ends.
    expect(result.diagnostics).toEqual([
      {
        file: PATH,
        line: 5,
        column: 1,
        severity: 'error',
        message: 'invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      },
      { file: PATH, line: 4, column: 8, severity: 'error', message: 'process "bad" must be a mapping' },
    ]);
  });

  it('reports documents, process lists and processes that are not mappings', () => {
    expect(extract(lines('- redis-server --port 6379')).diagnostics).toEqual([
      { file: PATH, line: 1, column: 1, severity: 'error', message: 'a process-compose file must be a mapping' },
    ]);
    expect(extract(lines('version: "0.5"', 'processes:', '  - redis')).diagnostics).toEqual([
      { file: PATH, line: 3, column: 3, severity: 'error', message: '`processes` must be a mapping of process names' },
    ]);
    expect(extract(lines('processes:', '  redis: redis-server --port 6379', '  ok:', '    command: nc -l 7000'))).toEqual({
      bindings: [claim({ service: 'ok', port: 7000, line: 4, column: 20, setting: '-l' })],
      diagnostics: [{ file: PATH, line: 2, column: 10, severity: 'error', message: 'process "redis" must be a mapping' }],
    });
    expect(extract(lines('processes:', '  a:', '    environment: 3000', '    command: nc -l 7001')).diagnostics).toEqual([
      { file: PATH, line: 3, column: 18, severity: 'error', message: '`environment` must be a list of NAME=value or a mapping' },
    ]);
  });

  it('reads nothing, quietly, from empty files and files without processes', () => {
    expect(extract('')).toEqual({ bindings: [], diagnostics: [] });
    expect(extract(lines('version: "0.5"', 'processes:'))).toEqual({ bindings: [], diagnostics: [] });
    expect(extract(lines('log_level: debug'))).toEqual({ bindings: [], diagnostics: [] });
  });

  it('abandons an alias bomb with one diagnostic', () => {
    const aliases = Array.from({ length: 1200 }, () => '*v').join(', ');
    const text = lines('x: &v PORT=1', 'processes:', '  a:', `    environment: [${aliases}]`);
    expect(extract(text)).toEqual({
      bindings: [],
      diagnostics: [{ file: PATH, severity: 'error', message: 'more than 1000 YAML aliases followed: the file is skipped' }],
    });
  });

  it('follows anchors and merge keys like any YAML reader', () => {
    const text = lines(
      'x-base: &base',
      '  environment: [PORT=5000]',
      'processes:',
      '  one:',
      '    <<: *base',
      '    command: flask run',
    );
    expect(extract(text).bindings).toEqual([claim({ service: 'one', port: 5000, line: 2, column: 22, setting: 'PORT', variable: 'PORT' })]);
  });
});
