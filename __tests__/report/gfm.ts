// Parses Markdown as GFM (tables included) so tests can check what a reader sees, not
// only what the renderer wrote.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';

export interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

export function parseGfm(markdown: string): MdNode {
  return fromMarkdown(markdown, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] }) as MdNode;
}

export function nodesOfType(node: MdNode, type: string): MdNode[] {
  const own = node.type === type ? [node] : [];
  return [...own, ...(node.children ?? []).flatMap((child) => nodesOfType(child, type))];
}

/** The text a reader sees: text and code values, without the zero-width joiners the escaping inserts. */
export function visibleText(node: MdNode): string {
  const own = node.type === 'text' || node.type === 'inlineCode' ? (node.value ?? '') : '';
  return (own + (node.children ?? []).map(visibleText).join('')).replace(/\u200D/g, '');
}
