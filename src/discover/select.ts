import picomatch from 'picomatch';
import type { Diagnostic, Extractor } from '../model/types.js';
import { raiseHint, type ReadLimits } from './limits.js';
import { isSkippedPath } from './skip.js';

export interface Candidate {
  path: string;
  /** The first extractor of the catalogue that takes the path. */
  extractor: Extractor;
  /**
   * The catalogue's next extractors that take the path, in order: when `extractor` finds that
   * the text is not of its format (a `ports.nix` that is a NixOS module), the first of these
   * that does not decline it too reads the file.
   */
  fallbacks?: readonly Extractor[];
  /**
   * Registries are named explicitly and `extractor` reads auto-detected ones: a file it takes
   * is a registry that was not named, so it is left unread; one it declines is read by the
   * fallbacks.
   */
  registryUnread?: true;
  /** Named by the user as a registry (`--registry`): read as one even where its shape says otherwise, and what is wrong with it is reported. */
  named?: true;
}

export interface SelectOptions {
  extractors: readonly Extractor[];
  /** Globs of files to read even inside skipped folders (tests/, examples/, ...). */
  include: readonly string[];
  exclude: readonly string[];
  /** Files named explicitly as registries, each with the extractor that reads it. */
  registries: readonly Candidate[];
  /** When registries are named explicitly, auto-detected registry files are not read as registries. */
  isRegistryExtractor: (extractor: Extractor) => boolean;
  limits: ReadLimits;
}

/**
 * Chooses the files to read and the extractors for each: the first extractor that takes a
 * file by its path reads it, unless its text says it is another format's (see Candidate).
 * Test, fixture, example and vendored folders are skipped (DESIGN "What is read").
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
    const candidate = candidateOf(path, options.extractors, explicitRegistries && options.isRegistryExtractor);
    if (candidate) candidates.push(candidate);
  }
  const diagnostics: Diagnostic[] = [];
  if (candidates.length > options.limits.maxFiles) {
    diagnostics.push({
      file: '.',
      severity: 'error',
      message: `${candidates.length} files to check, over the limit of ${options.limits.maxFiles}: only the first ${options.limits.maxFiles} (by path) were read; ${raiseHint('maxFiles')}, or narrow the check with exclude globs`,
    });
    candidates.length = options.limits.maxFiles;
  }
  return { candidates, diagnostics };
}

/** The extractors that take `path`, in catalogue order; none when only an unnamed registry's would. */
function candidateOf(path: string, extractors: readonly Extractor[], isUnreadRegistry: false | ((extractor: Extractor) => boolean)): Candidate | undefined {
  const index = extractors.findIndex((extractor) => extractor.matches(path));
  const extractor = extractors[index];
  if (!extractor) return undefined;
  const fallbacks = extractors.slice(index + 1).filter((other) => other.matches(path));
  const registryUnread = isUnreadRegistry !== false && isUnreadRegistry(extractor);
  if (registryUnread && fallbacks.length === 0) return undefined;
  const candidate: Candidate = { path, extractor };
  if (fallbacks.length > 0) candidate.fallbacks = fallbacks;
  if (registryUnread) candidate.registryUnread = true;
  return candidate;
}
