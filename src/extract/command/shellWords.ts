// A POSIX-shell word splitter that remembers where every character of every word was
// written. Written by hand because no npm package gives word offsets for shell
// (shell-quote and its kin return bare strings), and a port's column is the point here.
// It reads, never evaluates: `$X`, `${...}`, `$(...)` and backticks stay in the word as
// written, so a reference can never pass for a literal. One pass, never throws.

export interface ShellWord {
  /** The word after quote removal, expansions kept as written. */
  readonly text: string;
  /** `offsets[i]` is where `text[i]` was written in the source. */
  readonly offsets: readonly number[];
  /** Offset of the word's first source character (a quote, if it starts with one). */
  readonly start: number;
}

/** One simple command: its words, redirections and their targets left out. */
export type SimpleCommand = readonly ShellWord[];

/**
 * Splits a shell command line into simple commands (`&&`, `||`, `;`, `|`, `&`, newlines
 * and parentheses separate them), dropping comments, redirections and here-document bodies.
 */
export function splitShellCommands(source: string): SimpleCommand[] {
  return new Splitter(source).run();
}

/** True when the word is written bare (no quote or escape): `NAME=value` is then an assignment. */
export function isUnquotedPrefix(word: ShellWord, length: number): boolean {
  if (word.offsets[0] !== word.start) return false;
  for (let i = 1; i < length; i++) if (word.offsets[i] !== word.start + i) return false;
  return true;
}

const BLANK = new Set([' ', '\t', '\r']);
const COMMAND_BREAK = new Set([';', '|', '&', '\n', '(', ')']);

interface PendingWord {
  chars: string[];
  offsets: number[];
  start: number;
}

interface HereDoc {
  delimiter: string;
  stripTabs: boolean;
}

class Splitter {
  private i = 0;
  private word: PendingWord | null = null;
  private command: ShellWord[] = [];
  private readonly commands: SimpleCommand[] = [];
  /** The next finished word is a redirection target, not an argument. */
  private skipNextWord = false;
  /** Set when that target is a here-document delimiter. */
  private hereDocTarget: Omit<HereDoc, 'delimiter'> | null = null;
  private readonly hereDocs: HereDoc[] = [];

  constructor(private readonly src: string) {}

  run(): SimpleCommand[] {
    const src = this.src;
    while (this.i < src.length) {
      const c = src.charAt(this.i);
      if (this.word === null && c === '#') {
        this.skipComment();
      } else if (BLANK.has(c)) {
        this.finishWord();
        this.i++;
      } else if (c === '<' || c === '>' || (c === '&' && src.charAt(this.i + 1) === '>')) {
        this.redirection();
      } else if (COMMAND_BREAK.has(c)) {
        this.finishWord();
        this.finishCommand();
        this.i++;
        if (c === '\n') this.skipHereDocBodies();
      } else {
        this.wordCharacter(c);
      }
    }
    this.finishWord();
    this.finishCommand();
    return this.commands;
  }

  private wordCharacter(c: string): void {
    const src = this.src;
    if (c === '\\') {
      if (src.charAt(this.i + 1) === '\n') {
        this.i += 2; // line continuation
        return;
      }
      if (this.i + 1 < src.length) {
        this.push(src.charAt(this.i + 1), this.i + 1, this.i);
        this.i += 2;
      } else {
        this.push(c, this.i, this.i);
        this.i++;
      }
      return;
    }
    if (c === "'") return this.singleQuoted();
    if (c === '"') return this.doubleQuoted();
    if (c === '`') return this.copyRaw(this.i, scanBackticks(src, this.i));
    if (c === '$') {
      const next = src.charAt(this.i + 1);
      if (next === "'") return this.ansiQuoted();
      if (next === '"') {
        this.ensureWord(this.i);
        this.i++;
        return this.doubleQuoted();
      }
      if (next === '(' || next === '{') return this.copyRaw(this.i, scanExpansion(src, this.i));
    }
    this.push(c, this.i, this.i);
    this.i++;
  }

  private singleQuoted(): void {
    this.ensureWord(this.i);
    const close = this.src.indexOf("'", this.i + 1);
    const end = close < 0 ? this.src.length : close;
    for (let j = this.i + 1; j < end; j++) this.push(this.src.charAt(j), j, this.i);
    this.i = close < 0 ? end : end + 1;
  }

  /** `$'...'`: only `\\` and `\'` are resolved; other escapes cannot form a digit. */
  private ansiQuoted(): void {
    const src = this.src;
    this.ensureWord(this.i);
    let j = this.i + 2;
    while (j < src.length && src.charAt(j) !== "'") {
      if (src.charAt(j) === '\\' && j + 1 < src.length) {
        const escaped = src.charAt(j + 1);
        if (escaped === '\\' || escaped === "'") this.push(escaped, j + 1, j);
        else {
          this.push('\\', j, j);
          this.push(escaped, j + 1, j);
        }
        j += 2;
      } else {
        this.push(src.charAt(j), j, j);
        j++;
      }
    }
    this.i = Math.min(j + 1, src.length);
  }

  private doubleQuoted(): void {
    const src = this.src;
    this.ensureWord(this.i);
    let j = this.i + 1;
    while (j < src.length && src.charAt(j) !== '"') {
      const c = src.charAt(j);
      if (c === '\\' && j + 1 < src.length) {
        const escaped = src.charAt(j + 1);
        if (escaped === '\n') {
          j += 2;
          continue;
        }
        if (!'$`"\\'.includes(escaped)) this.push(c, j, j);
        this.push(escaped, j + 1, j);
        j += 2;
      } else if (c === '`') {
        const end = scanBackticks(src, j);
        this.copyRange(j, end);
        j = end;
      } else if (c === '$' && (src.charAt(j + 1) === '(' || src.charAt(j + 1) === '{')) {
        const end = scanExpansion(src, j);
        this.copyRange(j, end);
        j = end;
      } else {
        this.push(c, j, j);
        j++;
      }
    }
    this.i = Math.min(j + 1, src.length);
  }

  private copyRaw(from: number, to: number): void {
    this.ensureWord(from);
    this.copyRange(from, to);
    this.i = to;
  }

  private copyRange(from: number, to: number): void {
    for (let j = from; j < to; j++) this.push(this.src.charAt(j), j, from);
  }

  /** `>`, `>>`, `2>&1`, `&>`, `<<EOF`, `<<<word`: the operator and its target are no arguments. */
  private redirection(): void {
    const src = this.src;
    if (this.word !== null && isFileDescriptor(this.word)) this.word = null;
    else this.finishWord();
    const op = readRedirectionOperator(src, this.i);
    this.i += op.length;
    this.skipNextWord = true;
    this.hereDocTarget = op === '<<' || op === '<<-' ? { stripTabs: op === '<<-' } : null;
  }

  private skipComment(): void {
    const newline = this.src.indexOf('\n', this.i);
    this.i = newline < 0 ? this.src.length : newline;
  }

  /** After a newline, the bodies of the here-documents opened on the previous line. */
  private skipHereDocBodies(): void {
    for (const doc of this.hereDocs.splice(0)) {
      while (this.i < this.src.length) {
        const newline = this.src.indexOf('\n', this.i);
        const lineEnd = newline < 0 ? this.src.length : newline;
        let line = this.src.slice(this.i, lineEnd);
        if (doc.stripTabs) line = line.replace(/^\t+/, '');
        this.i = newline < 0 ? lineEnd : lineEnd + 1;
        if (line === doc.delimiter) break;
      }
    }
  }

  private ensureWord(start: number): PendingWord {
    if (this.word === null) this.word = { chars: [], offsets: [], start };
    return this.word;
  }

  private push(char: string, offset: number, wordStart: number): void {
    const word = this.ensureWord(wordStart);
    word.chars.push(char);
    word.offsets.push(offset);
  }

  private finishWord(): void {
    const word = this.word;
    if (word === null) return;
    this.word = null;
    if (this.skipNextWord) {
      this.skipNextWord = false;
      if (this.hereDocTarget) this.hereDocs.push({ ...this.hereDocTarget, delimiter: word.chars.join('') });
      this.hereDocTarget = null;
      return;
    }
    this.command.push({ text: word.chars.join(''), offsets: word.offsets, start: word.start });
  }

  private finishCommand(): void {
    if (this.command.length > 0) this.commands.push(this.command);
    this.command = [];
    // A redirection with no target (`cmd >;`) must not swallow the next command's program.
    this.skipNextWord = false;
    this.hereDocTarget = null;
  }
}

function isFileDescriptor(word: PendingWord): boolean {
  return word.chars.length > 0 && word.chars.every((c) => c >= '0' && c <= '9');
}

const REDIRECTION_OPERATORS = ['<<<', '<<-', '&>>', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '<', '>'];

function readRedirectionOperator(src: string, at: number): string {
  return REDIRECTION_OPERATORS.find((op) => src.startsWith(op, at)) ?? src.charAt(at);
}

/** End (exclusive) of the `$(...)` or `${...}` that starts at `at`, quotes inside honoured. */
function scanExpansion(src: string, at: number): number {
  let depth = 0;
  let j = at + 1;
  while (j < src.length) {
    const c = src.charAt(j);
    if (c === '\\') j += 2;
    else if (c === "'") j = skipPast(src, j, "'");
    else if (c === '"') j = skipDoubleQuoted(src, j);
    else {
      if (c === '(' || c === '{') depth++;
      else if ((c === ')' || c === '}') && --depth === 0) return j + 1;
      j++;
    }
  }
  return src.length;
}

function scanBackticks(src: string, at: number): number {
  let j = at + 1;
  while (j < src.length && src.charAt(j) !== '`') j += src.charAt(j) === '\\' ? 2 : 1;
  return Math.min(j + 1, src.length);
}

function skipPast(src: string, at: number, quote: string): number {
  const close = src.indexOf(quote, at + 1);
  return close < 0 ? src.length : close + 1;
}

function skipDoubleQuoted(src: string, at: number): number {
  let j = at + 1;
  while (j < src.length && src.charAt(j) !== '"') j += src.charAt(j) === '\\' ? 2 : 1;
  return Math.min(j + 1, src.length);
}
