// Registries kept as bullet lists (seed 003): `- **3000** - driftos-gateway (API Gateway)`,
// `- **3004-3009** - Reserved for future DriftOS services`, `- **3306, 5432, 6379** - Database defaults`.
import type { ListItem } from 'mdast';
import { type Claim, isPortListProblem, locatePorts, type MarkdownSource, type PortListProblem, type SectionContext } from './markdownClaims.js';
import { mappedText } from './markdownText.js';

// Only a dash separates a port from its holder. `- **3000**: Gateway (main entry point)` is
// how seed 003 explains its numbering scheme, in prose beside the real list.
const SEPARATOR = /^\s*[-–—]\s+/;

/**
 * The claim of a list item that opens with a bold or code port list and a dash; undefined for
 * any other item (prose, `**User/Pass**: admin`); a problem for `**70000** - x`.
 */
export function readListItem(item: ListItem, context: SectionContext, doc: MarkdownSource): Claim | PortListProblem | undefined {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const [marker, next, ...rest] = paragraph.children;
  if ((marker?.type !== 'strong' && marker?.type !== 'inlineCode') || next?.type !== 'text') return undefined;
  const separator = SEPARATOR.exec(next.value);
  if (!separator) return undefined;
  const ports = locatePorts(mappedText([marker], doc.text), doc, marker.position?.start.offset ?? 0);
  if (isPortListProblem(ports)) return ports.shaped ? ports : undefined;
  const label = (next.value.slice(separator[0].length) + mappedText(rest, doc.text).text).trim();
  return { from: 'list', label, ports, protocols: ['tcp'], section: context.section, reservedBySection: context.reserves };
}
