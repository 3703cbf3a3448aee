import { describe, expect, it } from '@jest/globals';
import { MAX_YAML_NESTING, parseYaml } from '../../src/extract/yaml.js';
import { cpuMillis } from '../helpers/cpuTime.js';

describe('parseYaml: positions (found by fuzzing, issue 5)', () => {
  it('counts lines from the text, also where the parser skipped a line break while recovering', () => {
    // The `yaml` package's LineCounter loses the break after the cut-short block scalar, and
    // put every later error on line 7 at columns that line does not have.
    const text = 'services:\n  web: {ports: {web: ${PORT}}\n  web:\n    web:\n      ports:\n        - |\n          80\nservices: web\n';
    const yaml = parseYaml('compose.yml', text);
    expect(yaml.diagnostics.slice(-3).map(({ line, column, message }) => [line, column, message])).toEqual([
      [8, 1, 'invalid YAML: Unexpected scalar token in YAML stream: "services"'],
      [8, 9, 'invalid YAML: Unexpected map-value-ind token in YAML stream: ":"'],
      [8, 11, 'invalid YAML: Unexpected scalar token in YAML stream: "web"'],
    ]);
  });

  it('ends lines at \\n only, as git and GitHub count them', () => {
    // A lone \r is no line break to `yaml` either: `1\rb` is one key; the file's end is line 2.
    const yaml = parseYaml('a.yml', 'a: 1\rb: [\n');
    expect(yaml.diagnostics.map(({ line, column }) => [line, column])).toEqual([
      [1, 4],
      [2, 1],
    ]);
  });
});

describe('parseYaml: nesting limit', () => {
  const nested = (levels: number) => `a: ${'['.repeat(levels)}1${']'.repeat(levels)}\n`;

  it(`reads ${MAX_YAML_NESTING} levels of collections`, () => {
    expect(parseYaml('a.yml', nested(MAX_YAML_NESTING - 1)).diagnostics).toEqual([]);
  });

  it('does not parse a deeper file, and says where the limit was passed', () => {
    const yaml = parseYaml('a.yml', nested(MAX_YAML_NESTING));
    expect(yaml.documents).toEqual([]);
    expect(yaml.diagnostics).toEqual([
      {
        file: 'a.yml',
        line: 1,
        column: 3 + MAX_YAML_NESTING,
        severity: 'error',
        message: `YAML nested more than ${MAX_YAML_NESTING} levels deep: the file is not read (a fixed limit; no configuration nests this deep)`,
      },
    ]);
  });

  it('gives the same answer on every run for a depth that overflows the stack of a recursive parser', () => {
    // The `yaml` package reported the overflow as an error at whatever depth the stack ran out.
    const text = `x: ${'{a: '.repeat(5000)}1${'}'.repeat(5000)}\n`;
    expect(parseYaml('a.yml', text).diagnostics).toEqual(parseYaml('a.yml', text).diagnostics);
    expect(parseYaml('a.yml', text).diagnostics).toHaveLength(1);
  });
});

describe('parseYaml: damaged scalars', () => {
  it('gives a quoted scalar that the file ends inside no value, rather than a value with its last character lost', () => {
    const yaml = parseYaml('a.yml', 'a: "8080:80"\nb: "2000:2000');
    const root = yaml.documents[0]?.contents;
    expect(yaml.scalarText(yaml.get(root, 'a'))).toBe('8080:80');
    expect(yaml.scalarText(yaml.get(root, 'b'))).toBeUndefined();
  });
});

describe('parseYaml: aliases', () => {
  it('resolves an alias to the last node before it with that anchor', () => {
    const yaml = parseYaml('a.yml', 'a: &x 1\nb: *x\nc: &x 2\nd: *x\n');
    const root = yaml.documents[0]?.contents;
    expect(['b', 'd'].map((key) => yaml.scalarText(yaml.get(root, key)))).toEqual(['1', '2']);
  });

  it('resolves each alias without walking the document again: a thousand aliases in a large file stay fast', () => {
    const filler = Array.from({ length: 30_000 }, (_, i) => i).join(', ');
    const services = Array.from({ length: 999 }, (_, i) => `  s${i}: *b`).join('\n');
    const yaml = parseYaml('compose.yml', `x-base: &b {ports: ["8080:80"]}\nx-fill: [${filler}]\nservices:\n${services}\n`);
    const started = cpuMillis();
    const servicesNode = yaml.get(yaml.documents[0]?.contents, 'services');
    expect(yaml.entries(servicesNode).filter(([, value]) => yaml.get(value, 'ports') !== undefined)).toHaveLength(999);
    expect(cpuMillis() - started).toBeLessThan(500);
  });
});
