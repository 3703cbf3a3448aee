// How Nix attribute names become service names and words.
import { normalizeServiceName } from '../../model/service.js';

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
