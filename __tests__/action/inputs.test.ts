import { describe, expect, it } from '@jest/globals';
import { InputError, readInputs, splitList } from '../../src/action/inputs.js';

const from = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('readInputs', () => {
  it("gives action.yml's defaults for inputs the workflow leaves empty", () => {
    expect(readInputs(from({ 'github-token': 't' }))).toEqual({
      token: 't',
      registry: [],
      config: undefined,
      failOn: 'new',
      incomplete: 'fail',
      comment: 'on-conflict',
      review: true,
      annotations: true,
      sarifFile: undefined,
    });
  });

  it('reads every input', () => {
    const inputs = readInputs(
      from({ 'github-token': 't', registry: 'ports.yml\nlib/ports.nix', config: 'ci/portcullis.yml', 'fail-on': 'any', incomplete: 'warn', comment: 'always', review: 'false', annotations: 'False', 'sarif-file': 'out/portcullis.sarif' }),
    );
    expect(inputs).toEqual({
      token: 't',
      registry: ['ports.yml', 'lib/ports.nix'],
      config: 'ci/portcullis.yml',
      failOn: 'any',
      incomplete: 'warn',
      comment: 'always',
      review: false,
      annotations: false,
      sarifFile: 'out/portcullis.sarif',
    });
  });

  it('fails with one line naming the input and its allowed values', () => {
    expect(() => readInputs(from({}))).toThrow(InputError);
    expect(() => readInputs(from({ 'github-token': 't', 'fail-on': 'sometimes' }))).toThrow(new InputError("input 'fail-on' must be one of new, any, none (got 'sometimes')"));
    expect(() => readInputs(from({ 'github-token': 't', comment: 'yes' }))).toThrow(new InputError("input 'comment' must be one of always, on-conflict, never (got 'yes')"));
    expect(() => readInputs(from({ 'github-token': 't', review: 'yes' }))).toThrow(new InputError("input 'review' must be true or false (got 'yes')"));
    expect(() => readInputs(from({ 'github-token': 't', incomplete: 'ignore' }))).toThrow(new InputError("input 'incomplete' must be one of fail, warn (got 'ignore')"));
  });

  it('refuses paths that leave the workspace', () => {
    expect(() => readInputs(from({ 'github-token': 't', 'sarif-file': '../../etc/cron.d/x' }))).toThrow(new InputError("input 'sarif-file' must be a path inside the workspace (got '../../etc/cron.d/x')"));
    expect(() => readInputs(from({ 'github-token': 't', config: '/etc/passwd' }))).toThrow(new InputError("input 'config' must be a path inside the workspace (got '/etc/passwd')"));
    expect(() => readInputs(from({ 'github-token': 't', registry: 'ports.yml\n../other/ports.yml' }))).toThrow(/input 'registry' must be a path inside the workspace/);
  });
});

describe('splitList', () => {
  it('takes one path per line or comma-separated, ignoring blanks', () => {
    expect(splitList(' a.yml, b.yml\n\n c.md \n')).toEqual(['a.yml', 'b.yml', 'c.md']);
  });
});
