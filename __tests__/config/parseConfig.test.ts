import { describe, expect, it } from '@jest/globals';
import { leavesRoot } from '../../src/config/configSchema.js';
import { parseConfig } from '../../src/config/parseConfig.js';
import { DEFAULT_LIMITS } from '../../src/discover/limits.js';
import { EMPTY_CONFIG } from '../../src/model/config.js';

const FILE = '.portcullis.yml';

describe('parseConfig: valid configs', () => {
  it('reads every field, normalizing single values to lists and service names', () => {
    const text = `include: ["deploy/**/*.conf"]
exclude: legacy/**
registry: [infra/ports.yml, PORTS.md]
scopes:
  "hosts/alpha/**": alpha
  hosts/beta/**: beta
ignore:
  - rule: duplicate-port
    port: 8080
    reason: both are alternatives
  - service: Legacy_API
    reason: retired next month
  - port: "9000-9010"
    reason: test harness
aliases:
  postgres: [postgresql, PG]
  Redis: redis_server
`;
    expect(parseConfig(FILE, text)).toEqual({
      config: {
        include: ['deploy/**/*.conf'],
        exclude: ['legacy/**'],
        registry: ['infra/ports.yml', 'PORTS.md'],
        scopes: [
          { paths: ['hosts/alpha/**'], name: 'alpha', together: false },
          { paths: ['hosts/beta/**'], name: 'beta', together: false },
        ],
        ignore: [
          { rule: 'duplicate-port', port: { start: 8080, end: 8080 }, reason: 'both are alternatives' },
          { service: 'legacy-api', reason: 'retired next month' },
          { port: { start: 9000, end: 9010 }, reason: 'test harness' },
        ],
        aliases: { postgres: ['postgresql', 'pg'], redis: ['redis-server'] },
        rules: {},
        limits: DEFAULT_LIMITS,
      },
    });
  });

  it('reads scopes as a list, with stacks that run together', () => {
    const text = `scopes:
  - paths: [hosts/alpha/**, shared/alpha/**]
    name: alpha
    together: true
  - paths: hosts/beta/**
    name: beta
`;
    expect(parseConfig(FILE, text)).toEqual({
      config: {
        ...EMPTY_CONFIG,
        scopes: [
          { paths: ['hosts/alpha/**', 'shared/alpha/**'], name: 'alpha', together: true },
          { paths: ['hosts/beta/**'], name: 'beta', together: false },
        ],
      },
    });
  });

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing to tell yet\n'],
    ['fields left empty', 'include:\nexclude:\nregistry:\nscopes:\nignore:\naliases:\n'],
  ])('gives the empty config for %s', (_, text) => {
    expect(parseConfig(FILE, text)).toEqual({ config: EMPTY_CONFIG });
  });

  it('reads the JSON form too', () => {
    expect(parseConfig('portcullis.json', '{ "registry": "ports.yml", "exclude": ["a/**"] }')).toEqual({
      config: { ...EMPTY_CONFIG, registry: ['ports.yml'], exclude: ['a/**'] },
    });
  });
});

describe('parseConfig: invalid configs give one line naming the place', () => {
  it.each([
    ['a missing reason', 'ignore:\n  - rule: duplicate-port\n    port: 3000\n', '.portcullis.yml:2:5: ignore[0].reason: required'],
    ['an empty reason', 'ignore:\n  - port: 3000\n    reason: " "\n', '.portcullis.yml:3:13: ignore[0].reason: expected a reason, got an empty string'],
    ['an ignore rule that matches everything', 'ignore:\n  - reason: noisy\n', '.portcullis.yml:2:5: ignore[0]: expected at least one of rule, port or service'],
    [
      'an unknown rule',
      'ignore:\n  - rule: duplicate\n    reason: x\n',
      '.portcullis.yml:2:11: ignore[0].rule: expected one of "duplicate-port", "registry-conflict", "registry-duplicate", "registry-drift", "reserved-port", "out-of-range", "unregistered", got "duplicate"',
    ],
    ['a port out of range', 'ignore:\n  - port: 70000\n    reason: x\n', '.portcullis.yml:2:11: ignore[0].port: expected a port 1-65535, got 70000'],
    ['an unknown field', 'exclud: legacy/**\n', '.portcullis.yml:1:1: unknown field "exclud"'],
    ['an unknown field in an ignore rule', 'ignore:\n  - port: 3000\n    reason: x\n    until: 2026\n', '.portcullis.yml:4:5: ignore[0]: unknown field "until"'],
    ['a path that climbs out of the root', 'include: [src/**, ../other/**]\n', '.portcullis.yml:1:19: include[1]: "../other/**" leaves the repository root'],
    ['an absolute registry path', 'registry: /etc/ports.yml\n', '.portcullis.yml:1:11: registry: "/etc/ports.yml" leaves the repository root'],
    ['a scope glob that climbs out of the root', 'scopes:\n  "../hosts/**": alpha\n', '.portcullis.yml:2:3: scopes["../hosts/**"]: "../hosts/**" leaves the repository root'],
    ['a scope name with a colon', 'scopes:\n  hosts/**: "container:x"\n', '.portcullis.yml:2:13: scopes["hosts/**"]: a scope name cannot contain ":" (it marks built-in scopes)'],
    [
      'scopes of the wrong shape',
      'scopes: alpha\n',
      '.portcullis.yml:1:9: scopes: expected a mapping of globs to scope names, or a list of { paths, name, together }, got "alpha"',
    ],
    ['a scope without a name', 'scopes:\n  - paths: hosts/**\n', '.portcullis.yml:2:5: scopes[0].name: required'],
    ['together that is not a boolean', 'scopes:\n  - paths: a/**\n    name: a\n    together: yes\n', '.portcullis.yml:4:15: scopes[0].together: expected true or false, got "yes"'],
    ['a list of numbers for paths', 'exclude: [3]\n', '.portcullis.yml:1:11: exclude[0]: expected a string, got 3'],
    ['an alias under two names', 'aliases:\n  postgres: [pg]\n  pgbouncer: [PG]\n', '.portcullis.yml:3:15: aliases.pgbouncer[0]: "pg" is already an alias of "postgres"'],
    ['a key written twice', 'include: a/**\ninclude: b/**\n', '.portcullis.yml:2:1: include: duplicate key (first at line 1)'],
    ['a document that is not a mapping', '- include\n', '.portcullis.yml:1:1: expected a mapping, got a list'],
    ['two documents', 'include: a/**\n---\nexclude: b/**\n', '.portcullis.yml:2:1: expected one YAML document'],
  ])('%s', (_, text, error) => {
    expect(parseConfig(FILE, text)).toEqual({ error });
  });

  it('reports the first problem by position and counts the others', () => {
    const text = 'ignore:\n  - reason: x\n  - port: 0\n    reason: y\ninclude: [../a]\n';
    expect(parseConfig(FILE, text)).toEqual({
      error: '.portcullis.yml:2:5: ignore[0]: expected at least one of rule, port or service (and 2 more problems)',
    });
  });

  it('reports invalid YAML at its place', () => {
    expect(parseConfig(FILE, 'include: [a/**\nexclude: b\n')).toEqual({
      error: '.portcullis.yml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    });
  });

  it('refuses an alias bomb', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    expect(parseConfig(FILE, lines.join('\n'))).toEqual({ error: '.portcullis.yml: more than 1000 YAML aliases followed' });
  });
});

describe('parseConfig: rules', () => {
  it('reads a level for each rule it names, in the flow and the block form', () => {
    expect(parseConfig(FILE, 'rules: { unregistered: off, out-of-range: error, duplicate-port: warning }\n')).toEqual({
      config: { ...EMPTY_CONFIG, rules: { unregistered: 'off', 'out-of-range': 'error', 'duplicate-port': 'warning' } },
    });
    expect(parseConfig(FILE, 'rules:\n  registry-drift: error\n')).toEqual({ config: { ...EMPTY_CONFIG, rules: { 'registry-drift': 'error' } } });
  });

  it('gives no levels for an empty rules field', () => {
    expect(parseConfig(FILE, 'rules:\n')).toEqual({ config: EMPTY_CONFIG });
    expect(parseConfig(FILE, 'rules: {}\n')).toEqual({ config: EMPTY_CONFIG });
  });

  it.each([
    ['a mistyped rule, at its key, with the nearest rule', 'exclude: a/**\nrules:\n  unregisterd: off\n', '.portcullis.yml:3:3: rules.unregisterd: no rule of that name (did you mean "unregistered"?)'],
    [
      'a rule that is no rule, with the rules there are',
      'rules:\n  ports: off\n',
      '.portcullis.yml:2:3: rules.ports: no rule of that name; the rules are duplicate-port, registry-conflict, registry-duplicate, registry-drift, reserved-port, out-of-range, unregistered',
    ],
    ['a mistyped level, at its value, with the nearest level', 'rules:\n  out-of-range: eror\n', '.portcullis.yml:2:17: rules.out-of-range: expected error, warning or off, got "eror" (did you mean "error"?)'],
    ['a level abbreviated', 'rules: { unregistered: warn }\n', '.portcullis.yml:1:24: rules.unregistered: expected error, warning or off, got "warn" (did you mean "warning"?)'],
    ['a level that is no word', 'rules:\n  unregistered: false\n', '.portcullis.yml:2:17: rules.unregistered: expected error, warning or off, got false'],
    ['a list instead of a mapping', 'rules: [unregistered]\n', '.portcullis.yml:1:8: rules: expected a mapping, got a list'],
  ])('refuses %s', (_, text, error) => {
    expect(parseConfig(FILE, text)).toEqual({ error });
  });
});

describe('leavesRoot', () => {
  it.each([
    ['../x', true],
    ['a/../../x', true],
    ['..', true],
    ['/etc/ports.yml', true],
    ['C:/ports.yml', true],
    ['~/ports.yml', true],
    ['a\\..\\x', true],
    ['{src,../x}/**', true],
    ['src/**', false],
    ['..hidden/x', false],
    ['a/b..c', false],
    ['./ports.yml', false],
  ])('%s: %s', (path, expected) => {
    expect(leavesRoot(path)).toBe(expected);
  });
});
