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
      annotations: 'changed',
      workingDirectory: '',
      commentId: undefined,
      sarifFile: undefined,
    });
  });

  it('reads every input', () => {
    const inputs = readInputs(
      from({ 'github-token': 't', registry: 'ports.yml\nlib/ports.nix', config: 'ci/portcullis.yml', 'fail-on': 'any', incomplete: 'warn', comment: 'always', review: 'false', annotations: 'all', 'working-directory': './services/api/', 'comment-id': 'api', 'sarif-file': 'out/portcullis.sarif' }),
    );
    expect(inputs).toEqual({
      token: 't',
      registry: ['ports.yml', 'lib/ports.nix'],
      config: 'ci/portcullis.yml',
      failOn: 'any',
      incomplete: 'warn',
      comment: 'always',
      review: false,
      annotations: 'all',
      workingDirectory: 'services/api',
      commentId: 'api',
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

describe('annotations', () => {
  it.each([
    ['changed', 'changed'],
    ['ALL', 'all'],
    ['none', 'none'],
    // What the input took before it had modes: workflows written then keep working.
    ['true', 'all'],
    ['True', 'all'],
    ['false', 'none'],
    ['FALSE', 'none'],
  ])('%s is %s', (value, mode) => {
    expect(readInputs(from({ 'github-token': 't', annotations: value })).annotations).toBe(mode);
  });

  it('refuses anything else', () => {
    expect(() => readInputs(from({ 'github-token': 't', annotations: 'yes' }))).toThrow(new InputError("input 'annotations' must be one of changed, all, none (got 'yes')"));
  });
});

describe('working-directory and comment-id', () => {
  it.each([
    ['.', ''],
    ['./', ''],
    ['services//api/./', 'services/api'],
    ['services\\api', 'services/api'],
  ])('%s is the folder %j', (value, folder) => {
    expect(readInputs(from({ 'github-token': 't', 'working-directory': value })).workingDirectory).toBe(folder);
  });

  it.each(['..', '../other', 'a/../../b', '/etc', '~/x', 'C:\\x'])('refuses %s, which leaves the workspace', (value) => {
    expect(() => readInputs(from({ 'github-token': 't', 'working-directory': value }))).toThrow(/input 'working-directory' must be a folder inside the workspace/);
  });

  it('takes a comment-id of letters, digits and ._-/ only: it goes into a hidden HTML comment', () => {
    expect(readInputs(from({ 'github-token': 't', 'comment-id': 'web/api-v2' })).commentId).toBe('web/api-v2');
    for (const value of ['a -->', 'x'.repeat(65), 'a\nb']) {
      expect(() => readInputs(from({ 'github-token': 't', 'comment-id': value }))).toThrow(/input 'comment-id' must be 1 to 64 letters/);
    }
  });
});

describe('action.yml', () => {
  it('declares exactly the inputs the Action reads, with the defaults the tests run it with', async () => {
    const { parse } = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const { DEFAULT_INPUTS } = await import('./runner.js');
    const declared = (parse(readFileSync('action.yml', 'utf8')) as { inputs: Record<string, { default?: string }> }).inputs;
    const read: string[] = [];
    readInputs((name) => {
      read.push(name);
      return name === 'github-token' ? 't' : '';
    });
    expect(Object.keys(declared).sort()).toEqual(read.sort());
    for (const [name, value] of Object.entries(DEFAULT_INPUTS)) expect([name, declared[name]?.default]).toEqual([name, value]);
  });
});

describe('splitList', () => {
  it('takes one path per line or comma-separated, ignoring blanks', () => {
    expect(splitList(' a.yml, b.yml\n\n c.md \n')).toEqual(['a.yml', 'b.yml', 'c.md']);
  });
});
