// The base tree of a shallow clone, whose base commit git does not have: the working tree,
// with the files the change touched read as they were at the base through the REST
// contents API. Only those files differ, so nothing else needs the network.
import { addDecoded, type FileTree, type ReadResult } from '../discover/tree.js';
import type { Diagnostic } from '../model/types.js';
import type { BaseSnapshot } from '../pipeline/check.js';
import { describeApiFailure } from './github.js';

/** A file the change touched, as `pulls.listFiles` and the compare API list them. */
export interface ChangedFile {
  path: string;
  status: string;
  /** The old path of a renamed file. */
  previousPath?: string;
}

/** A file's bytes at the base, 'too-large' past the read limit, or undefined when it is not there; throws when GitHub fails. */
export type FetchBaseFile = (path: string, maxBytes: number) => Promise<Buffer | 'too-large' | undefined>;

const CONCURRENT_FETCHES = 8;

/** The base as `runCheck` takes it: the working tree's paths, minus what the change added, plus what it removed. */
export function restBaseSnapshot(revision: string, headTree: FileTree, files: readonly ChangedFile[], fetchFile: FetchBaseFile): BaseSnapshot {
  const changed = new Set<string>();
  const onlyAtHead = new Set<string>();
  const onlyAtBase = new Set<string>();
  for (const file of files) {
    changed.add(file.path);
    if (file.status === 'added' || file.status === 'copied' || file.status === 'renamed') onlyAtHead.add(file.path);
    if (file.status === 'removed') onlyAtBase.add(file.path);
    if (file.previousPath !== undefined) {
      changed.add(file.previousPath);
      onlyAtBase.add(file.previousPath);
    }
  }
  const paths = [...new Set([...headTree.paths.filter((path) => !onlyAtHead.has(path)), ...onlyAtBase])].sort();
  return {
    revision,
    changed,
    tree: {
      paths,
      async read(wanted, maxBytes): Promise<ReadResult> {
        const unchanged = wanted.filter((path) => !changed.has(path));
        const fromHead = await headTree.read(unchanged, maxBytes);
        const fromBase = await fetchAll(wanted.filter((path) => changed.has(path) && !onlyAtHead.has(path)), maxBytes, fetchFile);
        return { texts: new Map([...fromHead.texts, ...fromBase.texts]), diagnostics: [...fromHead.diagnostics, ...fromBase.diagnostics] };
      },
    },
  };
}

async function fetchAll(paths: readonly string[], maxBytes: number, fetchFile: FetchBaseFile): Promise<ReadResult> {
  const texts = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++] as string;
      let content: Awaited<ReturnType<FetchBaseFile>>;
      try {
        content = await fetchFile(path, maxBytes);
      } catch (error) {
        diagnostics.push({ file: path, severity: 'warning', message: `could not be read at the base through the GitHub API (${describeApiFailure(error).reason}): its claims count as new` });
        continue;
      }
      if (content === 'too-large') diagnostics.push({ file: path, severity: 'warning', message: 'file is larger than the read limit at the base: not read' });
      else if (content !== undefined) addDecoded(path, content, texts, diagnostics);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_FETCHES, paths.length) }, worker));
  return { texts, diagnostics };
}
