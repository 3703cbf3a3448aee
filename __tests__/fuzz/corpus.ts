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

export function corpusFiles(folder: string): CorpusFile[] {
  const dir = new URL(`${folder}/`, ROOT);
  return readdirSync(dir)
    .sort()
    .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));
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
