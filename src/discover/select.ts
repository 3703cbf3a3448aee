import picomatch from 'picomatch';
import type { Diagnostic, Extractor } from '../model/types.js';
import { raiseHint, type ReadLimits } from './limits.js';
import { isSkippedPath } from './skip.js';

export interface Candidate {
  path: string;
  extractor: Extractor;
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
 * Chooses the files to read and the extractor for each: the first extractor that takes a
 * file by its path wins. Test, fixture and example folders are skipped (DESIGN "What is read").
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
    const extractor = options.extractors.find((candidate) => candidate.matches(path));
    if (!extractor || (explicitRegistries && options.isRegistryExtractor(extractor))) continue;
    candidates.push({ path, extractor });
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
