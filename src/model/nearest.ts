// "Did you mean": the candidate nearest to a mistyped word. Hand-written (a dozen lines):
// optimal string alignment distance, where swapping two neighbours costs one edit, as in
// `--fromat`.

/** The nearest candidate within a couple of edits (fewer for short words), or undefined. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const bare = (text: string): string => text.replace(/^-+/, '').toLowerCase();
  const typed = bare(word);
  if (typed === '') return undefined;
  // A unique prefix (`--dry` for `--dry-run`) is nearest whatever its length.
  const prefixed = candidates.filter((candidate) => bare(candidate).startsWith(typed));
  if (prefixed.length === 1) return prefixed[0];
  const limit = Math.min(2, Math.floor(typed.length / 3));
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(typed, bare(candidate));
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** Insertions, deletions, substitutions and transpositions of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = distance;
    }
  }
  return at(a.length, b.length);
}
