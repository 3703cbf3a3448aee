// GitHub refuses a comment over 65,536 characters and a job summary over 1 MiB. A report
// that long is cut at a line, with its folded sections closed and a pointer to the rest.

export interface Limit {
  max: number;
  /** The size of a text in the limit's unit (characters, UTF-8 bytes). */
  measure: (text: string) => number;
}

/** Comments and check-run summaries: GitHub counts characters; UTF-16 units never undercount them. */
export const COMMENT_LIMIT: Limit = { max: 65_536, measure: (text) => text.length };
export const SUMMARY_LIMIT: Limit = { max: 1024 * 1024, measure: (text) => Buffer.byteLength(text) };

/** The text if it fits; otherwise its first lines, open `<details>` closed, then `note` (Markdown). */
export function cutMarkdown(text: string, limit: Limit, note: string): string {
  if (limit.measure(text) <= limit.max) return text;
  const ending = `\n\n${note}\n`;
  const closer = '\n</details>';
  const kept: string[] = [];
  let size = 0;
  let openDetails = 0;
  for (const line of text.split('\n')) {
    const open = openDetails + (line.startsWith('<details>') ? 1 : 0) - (line.startsWith('</details>') ? 1 : 0);
    const next = size + limit.measure(line) + 1;
    if (next + limit.measure(closer) * Math.max(0, open) + limit.measure(ending) > limit.max) break;
    kept.push(line);
    size = next;
    openDetails = open;
  }
  return `${kept.join('\n')}${closer.repeat(Math.max(0, openDetails))}${ending}`;
}
