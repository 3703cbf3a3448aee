// DESIGN.md "What is read": every tracked file but those that describe nothing that runs,
// and what Docker Compose reads even where the `yaml` package would not.
import { afterEach, describe, expect, it } from '@jest/globals';
import { check, disposeScenarios, only, placesOf } from './scenario.js';

afterEach(disposeScenarios);

const lines = (...text: string[]): string => `${text.join('\n')}\n`;

const processes = (name: string, port: number): string => lines('processes:', `  ${name}:`, `    command: ./${name} --port ${port}`);

describe('What is read', () => {
  it.each(['tests', 'test', '__tests__', 'fixtures', 'examples', 'benches'])('files under %s/ describe nothing that runs and are skipped', async (folder) => {
    const { json } = await check({ 'dev/process-compose.yaml': processes('web', 8600), [`svc/${folder}/process-compose.yaml`]: processes('api', 8600) });
    expect(json.conflicts).toEqual([]);
    expect(json.bindings.map((binding) => binding.file)).toEqual(['dev/process-compose.yaml']);
  });

  it('the files of Cargo [[example]], [[bench]] and [[test]] targets are skipped', async () => {
    const listener = (port: number): string => lines('fn main() {', `    let listener = std::net::TcpListener::bind("0.0.0.0:${port}").unwrap();`, '}');
    const { json } = await check({
      'svc/Cargo.toml': lines('[package]', 'name = "svc"', 'version = "0.1.0"', '', '[[example]]', 'name = "demo"', 'path = "demos/demo.rs"', '', '[[bench]]', 'name = "load"', 'path = "perf/load.rs"', '', '[[test]]', 'name = "smoke"', 'path = "checks/smoke.rs"'),
      'svc/src/main.rs': listener(8610),
      'svc/demos/demo.rs': listener(8610),
      'svc/perf/load.rs': listener(8610),
      'svc/checks/smoke.rs': listener(8610),
      'other/process-compose.yaml': processes('other', 8610),
    });
    const conflict = only(json, 'duplicate-port');
    expect(placesOf(conflict)).toEqual(['other@other/process-compose.yaml:3:29', 'svc@svc/src/main.rs:2:57']);
  });

  it('#[cfg(test)] code is skipped', async () => {
    const { json } = await check({
      'svc/Cargo.toml': lines('[package]', 'name = "svc"', 'version = "0.1.0"'),
      'svc/src/main.rs': lines(
        'fn main() {',
        '    let listener = std::net::TcpListener::bind("0.0.0.0:8620").unwrap();',
        '}',
        '',
        '#[cfg(test)]',
        'mod tests {',
        '    #[test]',
        '    fn binds() {',
        '        let listener = std::net::TcpListener::bind("0.0.0.0:8621").unwrap();',
        '    }',
        '}',
      ),
    });
    expect(json.bindings.map((binding) => binding.port)).toEqual([8620]);
  });

  it('outside git, every file but node_modules, vendor and .git is read', async () => {
    const { json } = await check(
      {
        'dev/process-compose.yaml': processes('web', 8630),
        'node_modules/pkg/process-compose.yaml': processes('a', 8630),
        'vendor/lib/process-compose.yaml': processes('b', 8630),
        'ops/process-compose.yaml': processes('c', 8630),
      },
      { git: false },
    );
    expect(only(json, 'duplicate-port').services).toEqual(['c', 'web']);
  });

  it('in git, what .gitignore ignores is not read', async () => {
    const { json } = await check({ '.gitignore': 'local/\n', 'dev/process-compose.yaml': processes('web', 8640), 'local/process-compose.yaml': processes('mine', 8640) });
    expect(json.conflicts).toEqual([]);
  });

  it('a file over 1 MiB is not read, and a diagnostic says so', async () => {
    const big = `${processes('big', 8650)}${'# padding\n'.repeat(160_000)}`;
    const { json } = await check({ 'dev/process-compose.yaml': processes('web', 8650), 'big/process-compose.yaml': big });
    expect(json.conflicts).toEqual([]);
    expect(json.diagnostics).toEqual([
      { file: 'big/process-compose.yaml', severity: 'warning', message: 'file is larger than the 1 MiB limit (1.53 MiB): not read (raise limits.maxFileBytes in .portcullis.yml)' },
    ]);
  });

  it('a compose file the yaml package rejects but Compose accepts (a single-quoted scalar continued at column 0) is recovered, with a diagnostic', async () => {
    const { json } = await check({
      'shop/compose.yml': lines('services:', '  web:', '    image: web', "    command: 'serve --banner", "hello world'", '    ports:', '      - "8660:80"'),
      'dev/process-compose.yaml': processes('api', 8660),
    });
    const conflict = only(json, 'duplicate-port');
    expect(placesOf(conflict)).toEqual(['api@dev/process-compose.yaml:3:27', 'web@shop/compose.yml:7:10']);
    expect(json.diagnostics).toEqual([
      {
        file: 'shop/compose.yml',
        line: 4,
        severity: 'warning',
        message: "recovered: a quoted value continues at a lower indentation (line 5), which Compose's YAML parser accepts; read as if indented",
      },
    ]);
  });

  // `name: {{ include "app.fullname" . }}`, Helm's most common line, is valid YAML (a flow
  // mapping): the reader must still see a template in it, not a Deployment without a name.
  it('a Helm template ({{ ... }}) gives one diagnostic that says it is a template, and is skipped', async () => {
    const { json } = await check({
      'chart/templates/deploy.yaml': lines(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ include "app.fullname" . }}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          ports:',
        '            - containerPort: {{ .Values.port }}',
      ),
    });
    expect(json.bindings).toEqual([]);
    expect(json.diagnostics).toEqual([
      {
        file: 'chart/templates/deploy.yaml',
        line: 4,
        severity: 'warning',
        message: 'a template (Helm, Go template or envsubst placeholders), not a manifest: its ports are decided when it is rendered, so it is not checked',
      },
    ]);
  });
});
