// The seed corpora: the fixtures of the extractor tests and snippets of the five seed
// documents, copied into corpus/ (see corpus/README.md) so the suite reads nothing outside
// the repository. One folder per extractor format; `command` and `port-spec` hold JSON lists.
import { readdirSync, readFileSync } from 'node:fs';

const ROOT = new URL('./corpus/', import.meta.url);

interface CorpusFile {
  /** File name in its folder; its extension tells which path the extractor reads it under. */
  name: string;
  text: string;
}

/** The Nix extractor's own seed fixtures, read where they are rather than copied. */
const NIX_FIXTURES = new URL('../extract/nix/fixtures/', import.meta.url);

/** Formats that read another's corpus: every JavaScript program is a TypeScript one. */
const SHARED_FOLDERS: Readonly<Record<string, string>> = { typescript: 'javascript' };

export function corpusFiles(format: string): CorpusFile[] {
  const folder = SHARED_FOLDERS[format] ?? format;
  const dir = new URL(`${folder}/`, ROOT);
  const copied = readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
  return [...copied, ...nixFixtures(folder)];
}

/** `lib/ports.nix` is a registry; every other fixture is a module. */
function nixFixtures(folder: string): CorpusFile[] {
  if (folder !== 'nix' && folder !== 'registry-nix') return [];
  return readdirSync(NIX_FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.nix') && path.endsWith('lib/ports.nix') === (folder === 'registry-nix'))
    .sort()
    .map((path) => ({ name: path.replaceAll('/', '-'), text: readFileSync(new URL(path, NIX_FIXTURES), 'utf8') }));
}

export function corpusList(folder: string, file: string): string[] {
  return JSON.parse(readFileSync(new URL(`${folder}/${file}`, ROOT), 'utf8')) as string[];
}

/** Every text of the corpus, for splicing one format into another. */
export function allCorpusTexts(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => corpusFiles(entry.name).map((file) => file.text));
}
