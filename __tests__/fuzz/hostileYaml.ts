// The YAML that a hostile pull request sends: alias bombs, merge-key fan-out, deep nesting,
// long lines and many documents, placed where each YAML format reads ports. Sizes stay below
// what regexWorstCase.test.ts runs (100,000 characters), so that the properties stay quick.
import fc from 'fast-check';

/** `a0: &a0 [x, x]`, `a1: &a1 [*a0, *a0]`, ...: `fanout ** levels` nodes behind one alias. */
function aliasBomb(levels: number, fanout: number): string {
  const out = ['a0: &a0 [8080, "8080:80"]'];
  for (let level = 1; level <= levels; level++) out.push(`a${level}: &a${level} [${Array(fanout).fill(`*a${level - 1}`).join(', ')}]`);
  return `bomb:\n${out.map((line) => `  ${line}`).join('\n')}\n`;
}

/** A mapping merged into itself over and over: `<<: [*m, *m, ...]` at every level. */
function mergeFanout(levels: number, fanout: number): string {
  const out = ['m0: &m0 { port: 8080, ports: ["80:80"] }'];
  for (let level = 1; level <= levels; level++) out.push(`m${level}: &m${level} { <<: [${Array(fanout).fill(`*m${level - 1}`).join(', ')}] }`);
  return `merge:\n${out.map((line) => `  ${line}`).join('\n')}\n`;
}

const fragment = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 9 })).map(([levels, fanout]) => aliasBomb(levels, fanout)),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 2, max: 9 })).map(([levels, fanout]) => mergeFanout(levels, fanout)),
  fc.integer({ min: 1, max: 3000 }).map((depth) => `deep: ${'['.repeat(depth)}8080${']'.repeat(depth)}\n`),
  fc.integer({ min: 1, max: 3000 }).map((depth) => `deep: ${'{a: '.repeat(depth)}8080${'}'.repeat(depth)}\n`),
  fc.integer({ min: 1, max: 400 }).map((depth) => `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 8080\n`),
  fc.integer({ min: 1, max: 400 }).map((depth) => `seq: ${'- '.repeat(depth)}8080\n`),
  fc.integer({ min: 1000, max: 50_000 }).map((length) => `long: "${'8'.repeat(length)}"\n`),
  fc.integer({ min: 1000, max: 50_000 }).map((length) => `long: ${'x '.repeat(length / 2)}\n`),
  fc.integer({ min: 1, max: 500 }).map((count) => '---\nservices: {}\n'.repeat(count)),
  fc.integer({ min: 1, max: 2000 }).map((count) => `x: &x "8080:80"\nlist: [${Array(count).fill('*x').join(', ')}]\n`),
);

/** Where a fragment goes: the keys under which each format looks for ports. */
const PLACES = [
  (f: string) => f,
  (f: string) => `services:\n  web:\n    ports:\n${indent(f, 6)}`,
  (f: string) => `services:\n${indent(f, 2)}  api:\n    <<: *a3\n    ports: *a2\n`,
  (f: string) => `processes:\n  p:\n${indent(f, 4)}    command: redis-server --port 6379\n`,
  (f: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${indent(f, 2)}  containers: *a3\n`,
  (f: string) => `${f}services:\n  web: *m3\n`,
  (f: string) => `exec: redis-server\n${f}ports: *a1\n`,
];

function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

export const hostileYaml: fc.Arbitrary<string> = fc.tuple(fragment, fc.constantFrom(...PLACES)).map(([text, place]) => place(text));
