import { describe, expect, it } from '@jest/globals';
import { isUnquotedPrefix, type ShellWord, splitShellCommands } from '../../../src/extract/command/shellWords.js';
import { cpuMillis } from '../../helpers/cpuTime.js';

const texts = (source: string): string[][] => splitShellCommands(source).map((command) => command.map((word) => word.text));

/** The source offset of every character of a word, to check quote removal kept positions. */
const offsetsOf = (word: ShellWord | undefined): readonly number[] => word?.offsets ?? [];

describe('splitShellCommands', () => {
  it('splits plain words and keeps their offsets', () => {
    const [command] = splitShellCommands('redis-server  --port 6379');
    expect(command?.map((w) => [w.text, w.start])).toEqual([
      ['redis-server', 0],
      ['--port', 14],
      ['6379', 21],
    ]);
    expect(offsetsOf(command?.[2])).toEqual([21, 22, 23, 24]);
  });

  it('removes single and double quotes but keeps where each character was written', () => {
    const source = `echo 'a b' "c $X d" e\\ f`;
    const [command] = splitShellCommands(source);
    expect(command?.map((w) => w.text)).toEqual(['echo', 'a b', 'c $X d', 'e f']);
    expect(offsetsOf(command?.[1])).toEqual([6, 7, 8]);
    expect(offsetsOf(command?.[2])).toEqual([12, 13, 14, 15, 16, 17]);
    expect(offsetsOf(command?.[3])).toEqual([20, 22, 23]);
    expect(command?.[1]?.start).toBe(5);
  });

  it('resolves escapes inside double quotes only for the characters the shell escapes there', () => {
    expect(texts(String.raw`x "a\"b\$c\d"`)).toEqual([['x', 'a"b$c\\d']]);
    expect(texts(String.raw`x $'it\'s' $"y"`)).toEqual([['x', "it's", 'y']]);
  });

  it('joins concatenated quoted and bare parts into one word', () => {
    const [command] = splitShellCommands(`--port="63"'79'`);
    expect(command?.[0]?.text).toBe('--port=6379');
    expect(offsetsOf(command?.[0]).slice(7)).toEqual([8, 9, 12, 13]);
  });

  it('keeps $(...), ${...} and backticks inside one word, spaces and quotes included', () => {
    expect(texts('echo $(date "+%s )") ${A:-x y} `uname -a` ${pkgs.redis}/bin/redis-server')).toEqual([
      ['echo', '$(date "+%s )")', '${A:-x y}', '`uname -a`', '${pkgs.redis}/bin/redis-server'],
    ]);
    expect(texts('x --port ${toString ports.databases.redis}')).toEqual([['x', '--port', '${toString ports.databases.redis}']]);
    expect(texts('x "$(echo ")")" y')).toEqual([['x', '$(echo ")")', 'y']]);
  });

  it('splits commands at &&, ||, ;, |, &, newlines and parentheses', () => {
    expect(texts('a 1 && b || c; d | e & f\ng (h) |& i')).toEqual([
      ['a', '1'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h'], ['i'],
    ]);
  });

  it('drops comments, but only where a word starts', () => {
    expect(texts('redis-server # --port 1\nx#y --port 2')).toEqual([['redis-server'], ['x#y', '--port', '2']]);
  });

  it('drops redirections and their targets, file descriptors included', () => {
    expect(texts('redis-server --port 1 >/dev/null 2>&1 &>>log < in 3<>f')).toEqual([['redis-server', '--port', '1']]);
    expect(texts('echo a>b')).toEqual([['echo', 'a']]);
    expect(texts('cmd > ; next --port 2')).toEqual([['cmd'], ['next', '--port', '2']]);
  });

  it('skips here-document bodies', () => {
    expect(texts('cat <<EOF\nredis-server --port 1\nEOF\nnext')).toEqual([['cat'], ['next']]);
    expect(texts("cat <<-'END' >out\n\tserver --port 2\n\tEND\nafter")).toEqual([['cat'], ['after']]);
    expect(texts('cat <<<"--port 3" && y')).toEqual([['cat'], ['y']]);
  });

  it('joins a backslash-newline continuation into the same command', () => {
    const source = 'redis-server \\\n  --port 6379';
    const [command] = splitShellCommands(source);
    expect(command?.map((w) => w.text)).toEqual(['redis-server', '--port', '6379']);
    expect(command?.[2]?.start).toBe(source.indexOf('6379'));
  });

  it('never throws on unterminated quotes and expansions', () => {
    expect(texts('echo "abc')).toEqual([['echo', 'abc']]);
    expect(texts("echo 'abc")).toEqual([['echo', 'abc']]);
    expect(texts('echo $(abc')).toEqual([['echo', '$(abc']]);
    expect(texts('echo \\')).toEqual([['echo', '\\']]);
    expect(texts('')).toEqual([]);
  });

  it('runs in linear time on hostile input', () => {
    const started = cpuMillis();
    splitShellCommands('$('.repeat(100_000));
    splitShellCommands('"'.repeat(100_000));
    splitShellCommands('a<<b\n'.repeat(20_000));
    splitShellCommands('`\\'.repeat(100_000));
    expect(cpuMillis() - started).toBeLessThan(2000);
  });
});

describe('isUnquotedPrefix', () => {
  it('tells an assignment from a quoted word that looks like one', () => {
    const [command] = splitShellCommands(`PORT=1 "PORT=2" \\PORT=3 P"ORT"=4`);
    expect(command?.map((word) => isUnquotedPrefix(word, 5))).toEqual([true, false, false, false]);
  });
});
