/** One white-space separated word of a unit value, unquoted, with where each character came from. */
export interface UnitWord {
  text: string;
  /** Offset in the value of each character of `text`. */
  offsets: number[];
  /** Offsets in the value of the word's first character and just past its last. */
  start: number;
  end: number;
}

/**
 * Splits a value into words the way systemd splits `Environment=` and command lines: white
 * space separates words, double and single quotes group (and are dropped), a backslash takes
 * the next character literally. Linear in the value's length.
 */
export function splitUnitWords(value: string): UnitWord[] {
  const words: UnitWord[] = [];
  let at = 0;
  while (at < value.length) {
    while (at < value.length && isSpace(value[at] as string)) at++;
    if (at >= value.length) break;
    const word: UnitWord = { text: '', offsets: [], start: at, end: at };
    let quote: string | undefined;
    for (; at < value.length; at++) {
      const char = value[at] as string;
      if (quote === undefined && isSpace(char)) break;
      if (char === '\\' && at + 1 < value.length) {
        at++;
        pushChar(word, value[at] as string, at);
      } else if (quote !== undefined && char === quote) {
        quote = undefined;
      } else if (quote === undefined && (char === '"' || char === "'")) {
        quote = char;
      } else {
        pushChar(word, char, at);
      }
    }
    word.end = at;
    words.push(word);
  }
  return words;
}

function pushChar(word: UnitWord, char: string, offset: number): void {
  word.text += char;
  word.offsets.push(offset);
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n';
}
