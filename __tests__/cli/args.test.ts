import { describe, expect, it } from '@jest/globals';
import { parseCommandLine, UsageError } from '../../src/cli/args.js';

describe('parseCommandLine', () => {
  it('reads check with every flag', () => {
    expect(parseCommandLine(['check', 'repo', '--base', 'origin/main', '--registry', 'a.yml', '--registry', 'b.md', '--config', 'c.yml', '--format', 'json', '--fail-on', 'any', '--incomplete', 'warn', '--output', 'out.json'])).toEqual({
      command: 'check',
      root: 'repo',
      base: 'origin/main',
      registry: ['a.yml', 'b.md'],
      config: 'c.yml',
      format: 'json',
      failOn: 'any',
      incomplete: 'warn',
      output: 'out.json',
    });
  });

  it('defaults to the current folder, text, and failing on new errors', () => {
    expect(parseCommandLine(['check'])).toEqual({ command: 'check', root: '.', registry: [], format: 'text', failOn: 'new', incomplete: 'fail' });
  });

  it('reads ports and suggest', () => {
    expect(parseCommandLine(['ports', '--format', 'markdown'])).toEqual({ command: 'ports', root: '.', registry: [], format: 'markdown' });
    expect(parseCommandLine(['suggest', 'r', '--service', 'api', '--category', 'application', '--count', '3', '--format', 'json'])).toEqual({
      command: 'suggest',
      root: 'r',
      registry: [],
      service: 'api',
      category: 'application',
      count: 3,
      format: 'json',
    });
  });

  it('reads fix and --quiet', () => {
    expect(parseCommandLine(['fix'])).toEqual({ command: 'fix', root: '.', registry: [], dryRun: false });
    expect(parseCommandLine(['fix', 'repo', '--dry-run', '--base', 'main', '-q'])).toEqual({ command: 'fix', root: 'repo', registry: [], dryRun: true, base: 'main', quiet: true });
    expect(parseCommandLine(['check', '--quiet'])).toMatchObject({ command: 'check', quiet: true });
    expect(parseCommandLine(['fix', '--help'])).toEqual({ command: 'help', topic: 'fix' });
  });

  it('answers help for every command', () => {
    expect(parseCommandLine([])).toEqual({ command: 'help', topic: 'main' });
    expect(parseCommandLine(['--help'])).toEqual({ command: 'help', topic: 'main' });
    expect(parseCommandLine(['check', '--help'])).toEqual({ command: 'help', topic: 'check' });
    expect(parseCommandLine(['ports', '-h'])).toEqual({ command: 'help', topic: 'ports' });
    expect(parseCommandLine(['suggest', '--help'])).toEqual({ command: 'help', topic: 'suggest' });
  });

  it.each([
    [['frobnicate'], /^unknown command 'frobnicate' \(the commands: check, ports, suggest, fix\)$/],
    [['chek'], /^unknown command 'chek'; did you mean 'check'\?/],
    [['sugest', '--service', 'x'], /^unknown command 'sugest'; did you mean 'suggest'\?/],
    [['check', '--frob'], /^unknown option '--frob' \(see portcullis check --help\)$/],
    [['check', '--fromat', 'json'], /^unknown option '--fromat'; did you mean '--format'\?/],
    [['check', '--registy', 'p.yml'], /^unknown option '--registy'; did you mean '--registry'\?/],
    [['fix', '--dryrun'], /^unknown option '--dryrun'; did you mean '--dry-run'\?/],
    [['fix', '--dry'], /^unknown option '--dry'; did you mean '--dry-run'\?/],
    [['check', '--dry-run'], /^check has no option '--dry-run' \(fix has it\)$/],
    [['fix', '--format', 'json'], /^fix has no option '--format' \(check, ports and suggest have it\)$/],
    [['check', '--format', 'xml'], /--format must be one of text, markdown, json, sarif \(got 'xml'\)/],
    [['check', '--format', 'jsno'], /--format must be one of text, markdown, json, sarif \(got 'jsno'; did you mean 'json'\?\)/],
    [['suggest', '--service', 'x', '--format', 'markdown'], /--format must be one of text, json/],
    [['ports', '--format', 'sarif'], /--format must be one of text, markdown, json/],
    [['check', '--fail-on', 'sometimes'], /--fail-on must be one of new, any, none/],
    [['check', 'a', 'b'], /expected one ROOT folder, got 2/],
    [['suggest'], /suggest needs --service NAME/],
    [['suggest', '--service', 'x', '--count', '0'], /--count must be a whole number from 1 to 1000/],
    [['check', '--base'], /argument missing/],
  ])('rejects %j with one clear line', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(UsageError);
    expect(() => parseCommandLine(argv)).toThrow(message);
  });
});
