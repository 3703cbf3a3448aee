// Random YAML (and JSON) documents as trees, rendered to text: block and flow collections,
// every scalar style, anchors, aliases, merge keys. Generators build the tree; the renderers
// are plain functions, so a shrunk counterexample is a small tree printed as a small file.
import fc from 'fast-check';

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export type YamlNode =
  | { kind: 'scalar'; text: string; style: ScalarStyle; anchor?: string | undefined }
  | { kind: 'map'; entries: Array<[key: string, value: YamlNode]>; flow: boolean; anchor?: string | undefined }
  | { kind: 'seq'; items: YamlNode[]; flow: boolean; anchor?: string | undefined }
  | { kind: 'alias'; name: string };

const ANCHORS = ['a', 'b', 'base', 'x'];
const anchor = fc.option(fc.constantFrom(...ANCHORS), { freq: 6, nil: undefined });
const flow = fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const style = fc.constantFrom<ScalarStyle>('plain', 'plain', 'plain', 'single', 'double', 'literal', 'folded');

export function scalar(text: fc.Arbitrary<string>): fc.Arbitrary<YamlNode> {
  return fc.record({ kind: fc.constant('scalar' as const), text, style, anchor });
}

export function map(entries: fc.Arbitrary<Array<[string, YamlNode]>>): fc.Arbitrary<YamlNode> {
  return fc.record({ kind: fc.constant('map' as const), entries, flow, anchor });
}

export function seq(items: fc.Arbitrary<YamlNode[]>): fc.Arbitrary<YamlNode> {
  return fc.record({ kind: fc.constant('seq' as const), items, flow, anchor });
}

export const alias: fc.Arbitrary<YamlNode> = fc.constantFrom(...ANCHORS).map((name) => ({ kind: 'alias' as const, name }));

/** A mapping of the given fields, each present or not, in any order, with a merge key at times. */
export function fields(entries: Array<[string, fc.Arbitrary<YamlNode>]>, extra: fc.Arbitrary<[string, YamlNode]>): fc.Arbitrary<YamlNode> {
  const present = entries.map(([key, value]) => fc.option(value.map((node) => [key, node] as [string, YamlNode]), { freq: 4, nil: undefined }));
  const merge = fc.option(alias.map((node) => ['<<', node] as [string, YamlNode]), { freq: 8, nil: undefined });
  return map(
    fc
      .tuple(fc.tuple(...present), fc.array(extra, { maxLength: 2 }), merge, fc.boolean())
      .map(([chosen, more, mergeKey, reversed]) => {
        const list = [...(mergeKey ? [mergeKey] : []), ...chosen.filter((e): e is [string, YamlNode] => e !== undefined), ...more];
        return reversed ? list.reverse() : list;
      }),
  );
}

/** Any YAML tree, with keys and scalars from the given vocabularies. */
export function anyNode(key: fc.Arbitrary<string>, text: fc.Arbitrary<string>): fc.Arbitrary<YamlNode> {
  const { node } = fc.letrec<{ node: YamlNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      scalar(text),
      map(fc.array(fc.tuple(key, tie('node')), { maxLength: 4 })),
      seq(fc.array(tie('node'), { maxLength: 4 })),
      alias,
    ),
  }));
  return node;
}

export function renderYaml(root: YamlNode): string {
  const lines = renderBlock(root, 0);
  return `${lines.join('\n')}\n`;
}

function renderBlock(node: YamlNode, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (node.kind === 'alias' || node.kind === 'scalar' || node.flow || isEmptyCollection(node)) {
    return renderValue(node, indent).split('\n').map((line, i) => (i === 0 ? pad + line : line));
  }
  const head = node.anchor ? [`${pad}&${node.anchor}`] : [];
  if (node.kind === 'map') {
    return [...head, ...node.entries.flatMap(([key, value]) => renderEntry(`${pad}${key}:`, value, indent + 2))];
  }
  return [...head, ...node.items.flatMap((item) => renderEntry(`${pad}-`, item, indent + 2))];
}

/** `key: value` or `- value`: inline when the value is a scalar or flow, else on the lines below. */
function renderEntry(lead: string, value: YamlNode, indent: number): string[] {
  if (value.kind === 'alias' || value.kind === 'scalar' || value.flow || isEmptyCollection(value)) {
    const [first = '', ...rest] = renderValue(value, indent).split('\n');
    return [`${lead} ${first}`, ...rest];
  }
  const [first = '', ...rest] = renderBlock({ ...value, anchor: undefined }, indent);
  const tag = value.anchor ? ` &${value.anchor}` : '';
  return [`${lead}${tag}`, first, ...rest];
}

function isEmptyCollection(node: YamlNode): boolean {
  return (node.kind === 'map' && node.entries.length === 0) || (node.kind === 'seq' && node.items.length === 0);
}

/** A value that fits after `key:` (block scalars continue on lines indented by `indent`). */
function renderValue(node: YamlNode, indent: number): string {
  if (node.kind === 'alias') return `*${node.name}`;
  const tag = node.anchor ? `&${node.anchor} ` : '';
  if (node.kind === 'map') return `${tag}{${node.entries.map(([k, v]) => `${k}: ${renderFlow(v)}`).join(', ')}}`;
  if (node.kind === 'seq') return `${tag}[${node.items.map(renderFlow).join(', ')}]`;
  return tag + renderScalar(node.text, node.style, indent);
}

function renderFlow(node: YamlNode): string {
  if (node.kind === 'scalar' && (node.style === 'literal' || node.style === 'folded')) return renderValue({ ...node, style: 'double' }, 0);
  return renderValue(node, 0);
}

function renderScalar(text: string, style: ScalarStyle, indent: number): string {
  switch (style) {
    case 'plain':
      return text;
    case 'single':
      return `'${text.replaceAll("'", "''")}'`;
    case 'double':
      return JSON.stringify(text);
    case 'literal':
    case 'folded': {
      const pad = ' '.repeat(Math.max(indent, 1));
      return `${style === 'literal' ? '|' : '>'}\n${text.split('\n').map((line) => pad + line).join('\n')}`;
    }
  }
}

/** The same tree as JSON: numeric plain scalars as numbers, aliases as their `*name` text. */
export function renderJson(root: YamlNode, indent: number): string {
  return `${JSON.stringify(toJson(root), null, indent)}\n`;
}

function toJson(node: YamlNode): unknown {
  switch (node.kind) {
    case 'alias':
      return `*${node.name}`;
    case 'scalar':
      return node.style === 'plain' && /^-?\d{1,15}$/.test(node.text) ? Number(node.text) : node.text;
    case 'map':
      return Object.fromEntries(node.entries.map(([key, value]) => [key, toJson(value)]));
    case 'seq':
      return node.items.map(toJson);
  }
}
