// getopt-style reading of one command's arguments, keeping each value's word and position
// so that a port found in `-p5432` or `--port=5432` points at its own digits.
import type { ShellWord } from './shellWords.js';

export interface OptionValue {
  word: ShellWord;
  /** Where the value starts in `word.text`. */
  index: number;
  text: string;
}

export interface ParsedOption {
  /** As written, without its value: `--port`, `-p`, `--web.listen-address`. */
  flag: string;
  /** Lookup key: a long name in lower case with `_` and `.` as `-`; a short option's letter. */
  name: string;
  long: boolean;
  value: OptionValue | undefined;
}

export interface ParsedArguments {
  options: ParsedOption[];
  positionals: ShellWord[];
}

export interface OptionSyntax {
  /** Short option letters that take a value (`p` in `-p 5432` and `-p5432`). */
  shortWithValue: string;
  /** Whether a long option (by its lookup key) takes the next word when written without `=`. */
  longTakesValue(name: string): boolean;
  /** Go's flag package: `-port 8080` is a long option when longTakesValue knows the name. */
  singleDashLong?: boolean;
  /** The first positional starts another program's arguments (docker's image): read no further. */
  stopAtPositional?: boolean;
}

/** `--web.listen_address` and `--web-listen-address` are one option. */
export function optionKey(name: string): string {
  return name.toLowerCase().replace(/[._]/g, '-');
}

export function parseArguments(args: readonly ShellWord[], syntax: OptionSyntax): ParsedArguments {
  const options: ParsedOption[] = [];
  const positionals: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i] as ShellWord;
    const text = word.text;
    const next = args[i + 1];
    if (text === '--') continue;
    if (!text.startsWith('-') || text === '-') {
      if (syntax.stopAtPositional) return { options, positionals: positionals.concat(args.slice(i)) };
      positionals.push(word);
      continue;
    }
    const longName = longOptionName(text, syntax);
    if (longName !== undefined) {
      const eq = text.indexOf('=');
      const name = optionKey(longName);
      const flag = eq < 0 ? text : text.slice(0, eq);
      if (eq >= 0) {
        options.push({ flag, name, long: true, value: { word, index: eq + 1, text: text.slice(eq + 1) } });
      } else if (syntax.longTakesValue(name) && isValueWord(next)) {
        options.push({ flag, name, long: true, value: { word: next, index: 0, text: next.text } });
        i++;
      } else {
        options.push({ flag, name, long: true, value: undefined });
      }
      continue;
    }
    i += readShortCluster(word, next, syntax, options);
  }
  return { options, positionals };
}

function longOptionName(text: string, syntax: OptionSyntax): string | undefined {
  if (text.startsWith('--')) return text.slice(2).split('=', 1)[0];
  if (!syntax.singleDashLong) return undefined;
  const name = text.slice(1).split('=', 1)[0] ?? '';
  return name.length > 1 && syntax.longTakesValue(optionKey(name)) ? name : undefined;
}

/** Reads `-abc`, `-p5432`, `-p=5432`, `-p 5432`; returns 1 when it consumed the next word. */
function readShortCluster(word: ShellWord, next: ShellWord | undefined, syntax: OptionSyntax, into: ParsedOption[]): number {
  const text = word.text;
  for (let j = 1; j < text.length; j++) {
    const letter = text.charAt(j);
    const flag = `-${letter}`;
    if (!syntax.shortWithValue.includes(letter)) {
      into.push({ flag, name: letter, long: false, value: undefined });
      continue;
    }
    let index = j + 1;
    if (text.charAt(index) === '=') index++;
    if (index < text.length) {
      into.push({ flag, name: letter, long: false, value: { word, index, text: text.slice(index) } });
      return 0;
    }
    if (isValueWord(next)) {
      into.push({ flag, name: letter, long: false, value: { word: next, index: 0, text: next.text } });
      return 1;
    }
    into.push({ flag, name: letter, long: false, value: undefined });
    return 0;
  }
  return 0;
}

/**
 * As getopt does, an option that takes a value takes the next word, `-p 5433` in
 * `pg_ctl -o "-p 5433"` included; but `--port --host x` is two flags, not a port `--host`.
 */
function isValueWord(word: ShellWord | undefined): word is ShellWord {
  return word !== undefined && !word.text.startsWith('--');
}
