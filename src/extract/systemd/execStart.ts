import { splitUnitWords } from './unitWords.js';

/** systemd.service(5) special executable prefixes: `-`, `@`, `:`, `+`, `!`, `!!`, `|`. */
const EXEC_PREFIXES = new Set(['-', '@', ':', '+', '!', '|']);

/**
 * The command line of an `ExecStart=` value as a string of the same length, so that offsets
 * in it are offsets in the value: the prefixes are blanked, and after `@` so is the second
 * word, which is argv[0] for the program rather than one of its arguments.
 */
export function execStartCommand(value: string): string {
  let prefixEnd = 0;
  while (prefixEnd < value.length && EXEC_PREFIXES.has(value[prefixEnd] as string)) prefixEnd++;
  let command = ' '.repeat(prefixEnd) + value.slice(prefixEnd);
  if (value.slice(0, prefixEnd).includes('@')) {
    const argv0 = splitUnitWords(command)[1];
    if (argv0) command = command.slice(0, argv0.start) + ' '.repeat(argv0.end - argv0.start) + command.slice(argv0.end);
  }
  return command;
}
