// The package clause of a Go file, read without a syntax tree: it is the first token of the
// file after comments (Go spec, "Package clause"), and every .go file needs it, while most
// are never parsed (see prefilter.ts).

/** `main` for `package main`; undefined when the file has no package clause before other code. */
export function goPackageName(text: string): string | undefined {
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) {
      i++;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end + 1;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else {
      return /^package[ \t]+([\p{L}_][\p{L}\p{Nd}_]*)/u.exec(text.slice(i, i + 200))?.[1];
    }
  }
  return undefined;
}
