// How Nix attribute names become service names and words.
import type { Node } from 'web-tree-sitter';
import { normalizeServiceName } from '../../model/service.js';
import { attrPathNames } from './nixSyntax.js';

/**
 * A Nix attribute as a service name. Nix writes camelCase (`nodeExporter`, `temporalUI`)
 * where other formats write kebab-case, and resolve reads settings the same way
 * (`statsPort` -> `stats-port`), so camelCase becomes kebab-case: `nodeExporter` and
 * `node-exporter` (a compose service, a Cargo package) are one service.
 */
export function nixServiceName(attribute: string): string {
  return normalizeServiceName(splitCamelCase(attribute));
}

/** The lower-case words of an attribute: `bindMetrics` -> bind, metrics; `http_port` -> http, port. */
export function attributeWords(attribute: string): string[] {
  return splitCamelCase(attribute)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

function splitCamelCase(text: string): string {
  return text.replace(/([a-z0-9])([A-Z])/g, '$1-$2');
}

/**
 * Where the attribute `name` is written in the paths of the bindings around `node`, nearest
 * first: `_` of `services._.port = 8080;` and of `services._ = { port = 8080; };`. Undefined
 * when no enclosing binding writes it (a path reached through `cfg = config.services._`).
 */
export function enclosingAttribute(node: Node, name: string): Node | undefined {
  // tree-sitter finds the parent of an empty (invented) node by a recursion as deep as the tree: not asked.
  if (node.startIndex === node.endIndex) return undefined;
  for (let current = node.parent; current; current = current.parent) {
    if (current.type !== 'binding') continue;
    const attrpath = current.childForFieldName('attrpath');
    const index = attrPathNames(attrpath, '')?.lastIndexOf(name) ?? -1;
    const attr = index < 0 ? undefined : attrpath?.childrenForFieldName('attr')[index];
    if (attr) return attr;
  }
  return undefined;
}
