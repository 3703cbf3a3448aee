// No regular expression in src/ can be driven into catastrophic backtracking (issue 5). Every
// regex literal is collected from the sources and run on long runs of the characters it loops
// on; the public functions that use them get the classic worst cases; and a regex built at
// run time must be one of the audited few. eslint-plugin-regexp (no-super-linear-backtracking,
// no-super-linear-move) checks the same statically.
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import ts from 'typescript';
import { findCommandListeners } from '../../src/extract/command/findCommandListeners.js';
import { splitShellCommands } from '../../src/extract/command/shellWords.js';
import { parsePortSpec } from '../../src/extract/compose/portSpec.js';
import { expandEscapes, parseDotenv } from '../../src/extract/dotenv/parseDotenv.js';
import { EXTRACTORS } from '../../src/extract/index.js';
import { interpolate } from '../../src/extract/interpolate.js';
import { parseYaml } from '../../src/extract/yaml.js';
import { normalizeServiceName } from '../../src/model/service.js';
import { escapeMarkdownText, markdownCode, neutralizeReferences, visibleControlChars } from '../../src/report/escape.js';
import { FORMAT_PATHS } from './extractorInputs.js';
import { cpuMillis, MAX_INPUT_MS } from './fuzzConfig.js';
import { createParseBudget } from '../../src/extract/parseBudget.js';

const SRC = new URL('../../src/', import.meta.url);
const SMALL = 10_000;
const LARGE = 100_000;
/**
 * A linear scan of SMALL characters takes well under a millisecond; a quadratic one about a
 * second, an exponential one forever. The margin absorbs a loaded machine's pauses.
 */
const SMALL_BUDGET_MS = 500;

interface FoundRegex {
  where: string;
  regex: RegExp;
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts'));
}

function regexLiterals(): FoundRegex[] {
  return sourceFiles().flatMap((path) => {
    const source = ts.createSourceFile(path, readFileSync(new URL(path, SRC), 'utf8'), ts.ScriptTarget.ES2022, true);
    const found: FoundRegex[] = [];
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const slash = text.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ where: `${path}:${line} ${text}`, regex: new RegExp(text.slice(1, slash), text.slice(slash + 1)) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });
}

/** Calls that build a regex at run time, by file: each is audited (an alternation of literal words, so linear). */
const AUDITED_DYNAMIC_REGEXES: Readonly<Record<string, number>> = {
  // a command-line option's name, escaped, with a fixed look-behind or dot before it
  'extract/source/optionUses.ts': 1,
  'extract/source/python.ts': 1,
  'extract/source/syntax.ts': 1,
};

const CLASS_CHARS: Readonly<Record<string, string>> = { d: '0', D: 'a', s: ' ', S: 'a', w: 'a', W: ' ', n: '\n', t: '\t', r: '\r' };

/** One character for each thing a pattern can match one character of: what its loops run on. */
function loopCharacters(pattern: string): string[] {
  const chars: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern.charAt(i);
    if (char === '\\') {
      const escaped = pattern.charAt(++i);
      if (escaped === 'p' || escaped === 'P') {
        i = pattern.indexOf('}', i);
        chars.push(escaped === 'p' ? 'a' : ' ');
      } else if (escaped !== 'b' && escaped !== 'B') chars.push(CLASS_CHARS[escaped] ?? escaped);
    } else if (!'^$|()?*+{}[]'.includes(char)) {
      chars.push(char === '.' ? 'x' : char);
    }
  }
  return [...new Set(chars)];
}

/** Long runs of each loop character, of each pair of neighbours, each with and without a character that ends the match. */
function worstCases(regex: RegExp, length: number): string[] {
  const chars = loopCharacters(regex.source);
  const units = [...chars, ...chars.slice(1).map((char, i) => `${chars[i] ?? ''}${char}`), ' ', '0', 'a', '-'];
  return [...new Set(units)].flatMap((unit) => {
    const run = unit.repeat(Math.ceil(length / unit.length));
    return [run, `${run}\u0000`, `\u0000${run}`];
  });
}

function exhaust(regex: RegExp, input: string): void {
  if (regex.global || regex.sticky) {
    const global = regex.global ? regex : new RegExp(regex.source, `${regex.flags}g`);
    for (const match of input.matchAll(global)) if (match[0] === '') break;
  } else {
    regex.exec(input);
  }
}

function slowest(run: (input: string) => unknown, inputs: readonly string[]): { ms: number; input: string } {
  let worst = { ms: 0, input: '' };
  for (const input of inputs) {
    const started = cpuMillis();
    run(input);
    const ms = cpuMillis() - started;
    if (ms > worst.ms) worst = { ms, input };
  }
  return worst;
}

function describeInput(input: string): string {
  return `${JSON.stringify(input.slice(0, 12))}… (${input.length} characters)`;
}

/** Small inputs first: a super-linear regex is reported in milliseconds instead of hanging on the large ones. */
function expectLinear(run: (input: string) => unknown, inputs: (length: number) => string[]): void {
  const small = slowest(run, inputs(SMALL));
  expect({ input: describeInput(small.input), fast: small.ms <= SMALL_BUDGET_MS }).toEqual({ input: describeInput(small.input), fast: true });
  expectWithinLimit(run, inputs(LARGE));
}

function expectWithinLimit(run: (input: string) => unknown, inputs: readonly string[]): void {
  const large = slowest(run, inputs);
  expect({ input: describeInput(large.input), fast: large.ms <= MAX_INPUT_MS }).toEqual({ input: describeInput(large.input), fast: true });
}

describe('every regex literal in src/', () => {
  const literals = regexLiterals();

  it('is found', () => {
    expect(literals.length).toBeGreaterThan(50);
  });

  it.each(literals.map((found) => [found.where, found.regex] as const))('%s runs in linear time on its worst cases', (_where, regex) => {
    expectLinear((input) => exhaust(regex, input), (length) => worstCases(regex, length));
  });
});

describe('regexes built at run time', () => {
  it('are only the audited ones', () => {
    const counts = Object.fromEntries(
      sourceFiles()
        .map((path) => [path, readFileSync(new URL(path, SRC), 'utf8').split('new RegExp(').length - 1] as const)
        .filter(([, count]) => count > 0),
    );
    expect(counts).toEqual(AUDITED_DYNAMIC_REGEXES);
  });
});

/** The classic worst cases for hand-written scanners and regexes alike, by what they repeat. */
const HOSTILE_RUNS: Readonly<Record<string, (length: number) => string>> = {
  dash: (n) => '-'.repeat(n),
  spaces: (n) => `${' '.repeat(n)}x`,
  braces: (n) => '${'.repeat(n / 10),
  backslashes: (n) => '\\'.repeat(n),
  tabs: (n) => `${'\t'.repeat(n)}!`,
  substitutions: (n) => '$('.repeat(n / 2),
  doubleQuotes: (n) => '"'.repeat(n),
  singleQuotes: (n) => "'".repeat(n),
  backticks: (n) => '`'.repeat(n),
  stars: (n) => '*'.repeat(n),
  underscores: (n) => '_'.repeat(n),
  brackets: (n) => '['.repeat(n / 10),
  pipes: (n) => '|'.repeat(n),
  hashes: (n) => '#'.repeat(n),
  zeros: (n) => '0'.repeat(n),
  colons: (n) => ':'.repeat(n),
  entities: (n) => '&#'.repeat(n / 2),
  comments: (n) => '<!--'.repeat(n / 4),
  assignments: (n) => 'a='.repeat(n / 2),
  flags: (n) => '--port='.repeat(n / 7),
  words: (n) => `${'a '.repeat(n / 2)}\n`,
  crlf: (n) => '\r\n'.repeat(n / 2),
};

const hostile = (names: readonly string[], length = LARGE) => names.map((name) => (HOSTILE_RUNS[name] as (length: number) => string)(length));

/** What drives the formats' own syntax: YAML indicators and quotes, shell, Markdown, .env. */
const EXTRACTOR_RUNS = ['dash', 'spaces', 'braces', 'backslashes', 'doubleQuotes', 'backticks', 'stars', 'brackets', 'pipes', 'comments', 'assignments', 'flags'];
/** Whole extractors parse first, so half the length keeps their check quick; the scanners above get the full length. */
const EXTRACTOR_LENGTH = LARGE / 2;

/**
 * Where each format reads what its regexes scan (a port spec, a command line, a table cell, a
 * value): a run placed there reaches them, where a bare run would be turned away early (a
 * manifest needs `apiVersion` and `kind`, zinit TOML `service` and `exec`).
 */
const PLACES: Readonly<Record<string, (run: string) => string>> = {
  compose: (run) => `services:\n  web:\n    ports: [${JSON.stringify(run)}]\n    network_mode: ${JSON.stringify(run)}\n`,
  'process-compose': (run) => `processes:\n  p:\n    command: ${JSON.stringify(run)}\n    environment: [${JSON.stringify(`PORT=${run}`)}]\n`,
  kubernetes: (run) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: ${JSON.stringify(run)}\n      ports: [{containerPort: ${JSON.stringify(run)}}]\n`,
  zinit: (run) => `[services.web]\nexec = ${JSON.stringify(run)}\nports = [${JSON.stringify(run)}]\n`,
  registry: (run) => `services:\n  web: ${JSON.stringify(run)}\nreserved: [${JSON.stringify(run)}]\n`,
  'registry-json': (run) => `${JSON.stringify({ services: { web: { port: run } }, reserved: [run] })}\n`,
  'registry-markdown': (run) => `| Port | Service |\n|---|---|\n| ${run} | ${run} |\n- **${run}** - ${run}\n`,
  dotenv: (run) => `WEB_PORT=${run}\nAPI_PORT="${run}"\n`,
  systemd: (run) => `[Service]\nExecStart=${run}\nEnvironment=${run}\n`,
};

describe('the public functions that use regexes, on the worst cases', () => {
  beforeAll(async () => {
    for (const extractor of EXTRACTORS) await extractor.prepare?.();
  });

  it.each([
    ['splitShellCommands', splitShellCommands],
    ['findCommandListeners', findCommandListeners],
    ['interpolate', (text: string) => interpolate(text, () => undefined)],
    ['parseDotenv', parseDotenv],
    ['expandEscapes', expandEscapes],
    ['parsePortSpec', parsePortSpec],
    ['parseYaml', (text: string) => parseYaml('a.yml', text)],
    ['normalizeServiceName', normalizeServiceName],
    ['escapeMarkdownText', escapeMarkdownText],
    ['markdownCode', (text: string) => markdownCode(text)],
    ['neutralizeReferences', neutralizeReferences],
    ['visibleControlChars', visibleControlChars],
  ] as const)('%s', (_name, run: (text: string) => unknown) => {
    expectWithinLimit(run, hostile(Object.keys(HOSTILE_RUNS)));
  });

  // tree-sitter's recovery is quadratic on some of these runs (`-` in Nix): the parse budget is what bounds them, as in a real run.
  it.each(EXTRACTORS.flatMap((extractor) => (FORMAT_PATHS[extractor.format] ?? []).filter(([path]) => extractor.matches(path)).slice(0, 1).map(([path]) => [path, extractor] as const)))(
    'the extractor of %s, each run placed where the format reads it',
    (path, extractor) => {
      const context = { rootName: 'repo', readFile: () => undefined, parseBudget: createParseBudget({ maxParseMillis: MAX_INPUT_MS / 5, maxParseSeconds: 3_600 }) };
      const place = PLACES[extractor.format] ?? ((run: string) => run);
      expectWithinLimit((text) => extractor.extract({ path, text }, context), hostile(EXTRACTOR_RUNS, EXTRACTOR_LENGTH).map(place));
    },
  );
});
