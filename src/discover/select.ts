import picomatch from 'picomatch';
import type { Diagnostic, Extractor } from '../model/types.js';
import { raiseHint, type ReadLimits } from './limits.js';
import { isSkippedPath } from './skip.js';

/**
 * A file to read and the readers that may take it, in catalogue order: the first that does
 * not decline its text (a `ports.nix` that is a NixOS module, a YAML file that is no compose
 * document) reads it; when every one declines it, it is left unread, quietly.
 */
export interface Candidate {
  path: string;
  readers: readonly Extractor[];
  /**
   * Registries are named explicitly and the first reader reads auto-detected ones: a file it
   * takes is a registry that was not named, so it is left unread; one it declines is read by
   * the others.
   */
  registryUnread?: true;
  /** Named by the user as a registry (`--registry`): read as one even where its shape says otherwise, and what is wrong with it is reported. */
  named?: true;
}

export interface SelectOptions {
  /** The readers that may take a file by its path, in catalogue order (the catalogue's readersOf). */
  readersOf: (path: string) => readonly Extractor[];
  /** Globs of files to read even inside skipped folders (tests/, examples/, ...). */
  include: readonly string[];
  exclude: readonly string[];
  /** Files named explicitly as registries, each with the reader that reads it. */
  registries: readonly Candidate[];
  /** When registries are named explicitly, auto-detected registry files are not read as registries. */
  isRegistryExtractor: (extractor: Extractor) => boolean;
  limits: ReadLimits;
}

/**
 * Chooses the files to read and the readers that may take each (see Candidate). Test,
 * fixture, example and vendored folders are skipped (DESIGN "What is read").
 */
export function selectCandidates(paths: readonly string[], options: SelectOptions): { candidates: Candidate[]; diagnostics: Diagnostic[] } {
  const isExcluded = options.exclude.length > 0 ? picomatch([...options.exclude], { dot: true }) : () => false;
  const isIncluded = options.include.length > 0 ? picomatch([...options.include], { dot: true }) : () => false;
  const named = new Map(options.registries.map((candidate) => [candidate.path, candidate]));
  const explicitRegistries = named.size > 0;
  const candidates: Candidate[] = [];
  for (const path of paths) {
    const registry = named.get(path);
    if (registry) {
      candidates.push(registry);
      continue;
    }
    if (isExcluded(path) || (isSkippedPath(path) && !isIncluded(path))) continue;
    const candidate = candidateOf(path, options.readersOf(path), explicitRegistries && options.isRegistryExtractor);
    if (candidate) candidates.push(candidate);
  }
  const diagnostics: Diagnostic[] = [];
  if (candidates.length > options.limits.maxFiles) {
    diagnostics.push({
      file: '.',
      severity: 'error',
      message: `${candidates.length} files to check, over the limit of ${options.limits.maxFiles}: only the first ${options.limits.maxFiles} (by path) were read; ${raiseHint('maxFiles')}, or narrow the check with exclude globs`,
      limit: 'file-limit',
    });
    candidates.length = options.limits.maxFiles;
  }
  return { candidates, diagnostics };
}

/** The readers that take `path`; none when only an unnamed registry's would. */
function candidateOf(path: string, readers: readonly Extractor[], isUnreadRegistry: false | ((extractor: Extractor) => boolean)): Candidate | undefined {
  const [first] = readers;
  if (!first) return undefined;
  const registryUnread = isUnreadRegistry !== false && isUnreadRegistry(first);
  if (registryUnread && readers.length === 1) return undefined;
  return registryUnread ? { path, readers, registryUnread } : { path, readers };
}
