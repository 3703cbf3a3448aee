// Inline Markdown as plain text that still knows where each character is written, so a
// port literal inside `**3000**` or `` `3000/udp` `` is located at its digits.
import type { Nodes } from 'mdast';

export interface MappedText {
  readonly text: string;
  /** Source offset of `token`, found at `index` of the plain text; undefined if it has no place. */
  sourceOffset(index: number, token: string): number | undefined;
}

interface Segment {
  /** Where the segment's value starts in the plain text. */
  at: number;
  value: string;
  start: number;
  end: number;
}

/** The plain text of inline nodes (markup dropped, link text kept, `<br>` as a space). */
export function mappedText(nodes: readonly Nodes[], source: string): MappedText {
  const segments: Segment[] = [];
  let text = '';
  const visit = (node: Nodes): void => {
    if (node.type === 'text' || node.type === 'inlineCode') {
      segments.push({ at: text.length, value: node.value, start: node.position?.start.offset ?? -1, end: node.position?.end.offset ?? -1 });
      text += node.value;
    } else if (node.type === 'break' || node.type === 'html') {
      text += ' ';
    } else if ('children' in node) {
      for (const child of node.children) visit(child);
    }
  };
  for (const node of nodes) visit(node);
  return {
    text,
    sourceOffset: (index, token) => {
      const segment = segments.find((s) => index >= s.at && index < s.at + s.value.length);
      return segment && segment.start >= 0 ? locateInSegment(source.slice(segment.start, segment.end), segment, index - segment.at, token) : undefined;
    },
  };
}

function locateInSegment(written: string, segment: Segment, local: number, token: string): number | undefined {
  // Plain text and code spans hold their value verbatim (code after its backticks).
  const verbatim = written.indexOf(segment.value);
  if (verbatim >= 0 && written.startsWith(token, verbatim + local)) return segment.start + verbatim + local;
  // Escapes or entities moved it: take the same occurrence of the token in the written form.
  const occurrence = countOccurrences(segment.value.slice(0, local), token);
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = written.indexOf(token, at + 1);
    if (at < 0) return undefined;
  }
  return segment.start + at;
}

function countOccurrences(text: string, token: string): number {
  let count = 0;
  for (let at = text.indexOf(token); at >= 0 && token.length > 0; at = text.indexOf(token, at + token.length)) count++;
  return count;
}
