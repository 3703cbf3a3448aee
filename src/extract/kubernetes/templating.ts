// Helm charts and other generated manifests are templates, not manifests: their ports are
// decided at render time. They are told apart from manifests that merely carry `{{ }}` in
// their data (Prometheus alert text in a ConfigMap, say) by where the template actions stand.
import { visit, type Document } from 'yaml';

/** Go-template (`{{ .Values.port }}`) or envsubst (`${PORT}`) placeholder in a field's source. */
export function isTemplatePlaceholder(source: string): boolean {
  return source.includes('{{') || source.includes('${');
}

/**
 * The 1-based line of the first line that is a template action of its own (`{{- if .Values.x }}`,
 * `{{ include "labels" . | nindent 4 }}`, `{{- end }}`): Helm's control flow, which no manifest
 * has. A line inside a block or quoted scalar is data (an Alertmanager template in a ConfigMap),
 * whatever it looks like. Undefined when there is none.
 */
export function templateActionLine(text: string, documents: readonly Document.Parsed[]): number | undefined {
  const dataRanges: Array<readonly [number, number]> = [];
  for (const document of documents) {
    visit(document, {
      Scalar: (_key, node) => {
        if (node.type !== 'PLAIN' && node.range) dataRanges.push([node.range[0], node.range[1]]);
      },
    });
  }
  let offset = 0;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] as string;
    const start = offset + line.length - line.trimStart().length;
    if (line.trimStart().startsWith('{{') && !dataRanges.some(([from, to]) => from <= start && start < to)) return index + 1;
    offset += line.length + 1;
  }
  return undefined;
}

/** The 1-based line of the first `{{`, for the one diagnostic a template gets. */
export function firstTemplateLine(text: string): number | undefined {
  const index = text.split('\n').findIndex((line) => line.includes('{{'));
  return index < 0 ? undefined : index + 1;
}
