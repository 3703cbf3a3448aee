// The new conflicts' proposed ports, one entry per line that holds a literal to change:
// what a review comment suggests, or the sticky comment lists when the line is not in
// the diff.
import { workingTreeOf } from '../discover/tree.js';
import type { Conflict } from '../model/types.js';
import { describeConflict } from '../report/markdown.js';
import { markdownCode, markdownLink } from '../report/escape.js';
import { sortConflictsForDisplay } from '../report/format.js';
import { suggestionFingerprint } from './fingerprint.js';
import { type PortEdit, rewritePortLiterals } from '../fix/portLiterals.js';

export interface LineProposal {
  file: string;
  line: number;
  edits: PortEdit[];
  /** Markdown, one per conflict that moves a literal of this line. */
  reasons: string[];
  /** The whole line with every edit applied; undefined when a literal is not where its edit says. */
  replacement: string | undefined;
  fingerprint: string;
}

export type ReadLine = (file: string, line: number) => string | undefined;

const SEVERITY_ICON = { error: '❌', warning: '⚠️' } as const;

/** In display order (new errors first); a literal that two conflicts move keeps the first proposal. */
export function lineProposals(conflicts: readonly Conflict[], readLine: ReadLine): LineProposal[] {
  const byLine = new Map<string, { file: string; line: number; edits: PortEdit[]; reasons: string[] }>();
  for (const conflict of sortConflictsForDisplay(conflicts)) {
    if (conflict.status !== 'new') continue;
    const reason = `${SEVERITY_ICON[conflict.severity]} ${conflict.rule}: ${describeConflict(conflict)}`;
    for (const suggestion of conflict.suggestions) {
      // A literal that a staying service also reads is no line to rewrite: the comment says the fix.
      if (suggestion.sharedWith !== undefined) continue;
      const key = JSON.stringify([suggestion.file, suggestion.line]);
      let entry = byLine.get(key);
      if (!entry) byLine.set(key, (entry = { file: suggestion.file, line: suggestion.line, edits: [], reasons: [] }));
      if (entry.edits.some((edit) => edit.column === suggestion.column)) continue;
      entry.edits.push({ column: suggestion.column, from: suggestion.from, fromEnd: suggestion.from + (suggestion.toEnd - suggestion.to), to: suggestion.to, toEnd: suggestion.toEnd });
      if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
    }
  }
  return [...byLine.values()].map((entry) => {
    const text = readLine(entry.file, entry.line);
    return {
      ...entry,
      replacement: text === undefined ? undefined : rewritePortLiterals(text, entry.edits),
      fingerprint: suggestionFingerprint(entry.file, entry.line, entry.edits),
    };
  });
}

/**
 * Reads the files once, as the check read them (regular files only, no link followed); a
 * line without its line ending (`\r` included), or undefined past the end.
 */
export async function workspaceLines(root: string, files: Iterable<string>, maxBytes: number): Promise<ReadLine> {
  const tree = await workingTreeOf(root, [...new Set(files)]);
  const { texts } = await tree.read(tree.paths, maxBytes);
  const lines = new Map([...texts].map(([file, text]) => [file, text.split('\n')]));
  return (file, line) => lines.get(file)?.[line - 1]?.replace(/\r$/, '');
}

/** `- [`file:line`](link): reason — the line becomes `...``, for lists in the comment and the review body. */
export function proposalListItem(proposal: LineProposal, link: (file: string, line: number) => string): string {
  const place = markdownLink(markdownCode(`${proposal.file}:${proposal.line}`), link(proposal.file, proposal.line));
  const change = proposal.replacement === undefined ? '' : `; the line becomes ${markdownCode(proposal.replacement.trim())}`;
  return `- ${place}: ${proposal.reasons.join('; ')}${change}`;
}
