// Which program a simple command runs, seen through what stands in front of it:
// `PORT=3000 exec nohup sudo -u pg ${pkgs.postgresql}/bin/postgres` runs `postgres`.
import { parseArguments } from './options.js';
import { isPython, LAUNCHER_RULE, LAUNCHERS, lookup, type PrefixRule, SHELL_KEYWORDS, WRAPPERS } from './programs.js';
import { isUnquotedPrefix, type ShellWord } from './shellWords.js';

export interface Invocation {
  /** The program's basename; for `python -m mod`, the module. */
  program: string;
  args: readonly ShellWord[];
  /** `NAME=value` words in front of the program (or of `env`). */
  assignments: readonly ShellWord[];
}

/** Wrappers nest a few deep in real commands; a hostile `nohup nohup ...` stops here. */
const MAX_PREFIXES = 16;

export function resolveInvocation(command: readonly ShellWord[]): Invocation | undefined {
  const assignments: ShellWord[] = [];
  let words = command;
  let prefixes = 0;
  let i = 0;
  while (i < words.length && prefixes <= MAX_PREFIXES) {
    const word = words[i] as ShellWord;
    if (SHELL_KEYWORDS.has(word.text)) {
      i++;
    } else if (assignmentName(word) !== undefined) {
      assignments.push(word);
      i++;
    } else {
      const name = programName(word.text);
      const wrapper = lookup(WRAPPERS, name);
      const launched = lookup(LAUNCHERS, name)?.includes(words[i + 1]?.text ?? '') ? LAUNCHER_RULE : undefined;
      const prefix = wrapper ?? launched;
      if (prefix) {
        words = afterPrefix(words.slice(i + (wrapper ? 1 : 2)), prefix);
        i = 0;
        prefixes++;
      } else if (isPython(name)) {
        return pythonInvocation(words.slice(i + 1), assignments);
      } else {
        return { program: name, args: words.slice(i + 1), assignments };
      }
    }
  }
  return undefined;
}

/** The variable a bare `NAME=value` word assigns; undefined for any other word. */
export function assignmentName(word: ShellWord): string | undefined {
  const eq = word.text.indexOf('=');
  if (eq <= 0) return undefined;
  const name = word.text.slice(0, eq);
  return /^[a-z_]\w*$/i.test(name) && isUnquotedPrefix(word, eq + 1) ? name : undefined;
}

/** `${pkgs.redis}/bin/redis-server` is `redis-server`. */
export function programName(text: string): string {
  return text.slice(text.lastIndexOf('/') + 1);
}

function afterPrefix(args: readonly ShellWord[], rule: PrefixRule): readonly ShellWord[] {
  const longWithValue = rule.longWithValue ?? [];
  const parsed = parseArguments(args, {
    shortWithValue: rule.shortWithValue,
    longTakesValue: (name) => longWithValue.includes(name),
    stopAtPositional: true,
  });
  return parsed.positionals.slice(rule.positionals ?? 0);
}

/** `python -m http.server 8000` runs `http.server`; `python manage.py runserver` runs `manage.py`. */
function pythonInvocation(args: readonly ShellWord[], assignments: readonly ShellWord[]): Invocation | undefined {
  for (let i = 0; i < args.length; i++) {
    const text = (args[i] as ShellWord).text;
    if (!text.startsWith('-') || text === '-') {
      return { program: programName(text), args: args.slice(i + 1), assignments };
    }
    if (text.startsWith('--')) continue;
    for (let j = 1; j < text.length; j++) {
      const letter = text.charAt(j);
      if (letter === 'c') return undefined; // inline Python, not a command line
      if (letter === 'm') {
        const attached = text.slice(j + 1);
        if (attached !== '') return { program: attached, args: args.slice(i + 1), assignments };
        const module = args[i + 1];
        return module ? { program: module.text, args: args.slice(i + 2), assignments } : undefined;
      }
      if (letter === 'X' || letter === 'W') {
        if (j === text.length - 1) i++;
        break;
      }
    }
  }
  return undefined;
}
