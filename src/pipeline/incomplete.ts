// What the check did not see (DESIGN "Trust"): every limit that left something unread, one
// entry per kind of limit, naming the files and how to lift it. A limit must never turn a
// new conflict into silence: an incomplete check fails the gate unless the workflow says so.
import type { Diagnostic, Incomplete, IncompleteReason } from '../model/types.js';
import { joinWithAnd } from '../model/words.js';
import type { LimitHit } from './extractTree.js';

/** How many files an entry names before it says "and N more". */
const FILES_NAMED = 5;

// What each limit left out, before the list of files.
const LEADS: Readonly<Record<IncompleteReason, (count: string) => string>> = {
  'file-size': (files) => `${files} larger than limits.maxFileBytes not read`,
  'file-limit': (files) => `${files} past limits.maxFiles not read`,
  'total-bytes': (files) => `${files} past limits.maxTotalBytes not read`,
  'line-length': (files) => `${files} with a line longer than limits.maxLineLength not read`,
  'parse-budget': (files) => `${files} not read in full: parsing ran past its time budget (limits.maxParseMillis, limits.maxParseSeconds) or a fixed size limit`,
  'alias-expansion': (files) => `${files} not read in full: more YAML aliases than the fixed budget`,
  'env-expansion': (files) => `${files} with a variable whose expansion runs past the fixed length limit: those values not read`,
  'conflict-limit': (files) => `${files}: more conflicts than the fixed limit, the rest not reported`,
  'rest-file-list': (files) => `${files}: the pull request changes more files than GitHub lists`,
  'base-unreadable': (files) => `${files}: the base revision could not be read`,
};

/**
 * One entry per limit hit. A limit that concerns the whole run (the file count, the total
 * bytes) keeps its own diagnostic's sentence; one that concerns files names them.
 */
export function summarizeIncomplete(diagnostics: readonly Diagnostic[], hits: readonly LimitHit[], extra: readonly Incomplete[] = []): Incomplete[] {
  const files = new Map<IncompleteReason, Set<string>>();
  const wholeRun = new Map<IncompleteReason, string[]>();
  const add = (reason: IncompleteReason, file: string): void => {
    const set = files.get(reason);
    if (set) set.add(file);
    else files.set(reason, new Set([file]));
  };
  for (const diagnostic of diagnostics) {
    if (diagnostic.limit === undefined) continue;
    if (diagnostic.file === '.') wholeRun.set(diagnostic.limit, [...(wholeRun.get(diagnostic.limit) ?? []), diagnostic.message]);
    else add(diagnostic.limit, diagnostic.file);
  }
  for (const hit of hits) add(hit.reason, hit.file);
  const entries: Incomplete[] = [...extra];
  for (const reason of Object.keys(LEADS) as IncompleteReason[]) {
    for (const message of wholeRun.get(reason) ?? []) entries.push({ reason, message });
    const named = [...(files.get(reason) ?? [])].sort();
    if (named.length > 0) entries.push({ reason, message: `${LEADS[reason](named.length === 1 ? '1 file' : `${named.length} files`)}: ${fileList(named)}` });
  }
  return entries;
}

function fileList(files: readonly string[]): string {
  const shown = files.slice(0, FILES_NAMED);
  return files.length > FILES_NAMED ? `${shown.join(', ')} and ${files.length - FILES_NAMED} more` : joinWithAnd(shown);
}
