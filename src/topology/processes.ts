// Programs of one Go module: a `main` package is a program named after its folder
// (`cmd/<name>/`, `<name>/main.go`), and a package below a program's folder (`<name>/cmd/`,
// where flags are often declared) is that program's. The module's own name stays for a
// program at the module root and for code no program's folder holds.
import { normalizeServiceName } from '../model/service.js';
import { baseName, folderOf, foldersAbove } from '../model/paths.js';
import { stackId } from '../model/stack.js';
import type { Binding } from '../model/types.js';

/** Folders whose name says what they hold, not which program: the module names such a program. */
const GENERIC_PROGRAM_FOLDERS = new Set(['cmd', 'src', 'internal', 'pkg', 'main']);

export interface GoLayout {
  /** Folders holding a Go file of `package main`. */
  mainFolders: ReadonlySet<string>;
  /** Folders holding a go.mod: module roots. */
  moduleRoots: ReadonlySet<string>;
}

/** The program a Go claim on the host belongs to; the binding as it was when no program's folder holds it. */
export function nameGoProgram(binding: Binding, layout: GoLayout, rootName: string): Binding {
  for (const folder of foldersAbove(binding.file)) {
    if (layout.mainFolders.has(folder)) {
      if (layout.moduleRoots.has(folder)) return binding;
      const name = baseName(folder, rootName);
      const service = GENERIC_PROGRAM_FOLDERS.has(name.toLowerCase()) ? '' : normalizeServiceName(name);
      return service === '' || service === binding.service ? binding : { ...binding, service };
    }
    if (layout.moduleRoots.has(folder)) return binding;
  }
  return binding;
}

/** The module roots among a tree's paths. */
export function goModuleRoots(paths: readonly string[]): Set<string> {
  const roots = new Set<string>();
  for (const path of paths) if (path === 'go.mod' || path.endsWith('/go.mod')) roots.add(folderOf(path));
  return roots;
}

/** Formats of programs' own code: their listeners are those programs'. */
const SOURCE_FORMATS: ReadonlySet<string> = new Set(['rust', 'go', 'typescript', 'javascript', 'python']);

/**
 * Programs of one repository that hard-code one port, so many that they cannot have been
 * meant to run together: a collection of samples (gin's and actix's example repositories,
 * sixty programs on 8080), each run alone. Seed 000's five services on 8765 stay below it.
 */
export const SAMPLE_COLLECTION_PROGRAMS = 10;

/**
 * In a repository whose host programs are a collection of samples (SAMPLE_COLLECTION_PROGRAMS
 * of them on one literal port), each program is an alternative of its own, as a stack is:
 * what they share is a warning, and says so.
 */
export function samplesRunAlone(bindings: readonly Binding[]): Binding[] {
  const isProgramClaim = (binding: Binding) => SOURCE_FORMATS.has(binding.format) && binding.scope === 'host' && binding.stacks === undefined && binding.isDefault !== true && binding.uncertain === undefined;
  const programsByPort = new Map<number, Set<string>>();
  let isCollection = false;
  for (const binding of bindings) {
    if (!isProgramClaim(binding)) continue;
    const programs = programsByPort.get(binding.port) ?? new Set<string>();
    programs.add(binding.service);
    programsByPort.set(binding.port, programs);
    if (programs.size >= SAMPLE_COLLECTION_PROGRAMS) isCollection = true;
  }
  if (!isCollection) return [...bindings];
  return bindings.map((binding) => (SOURCE_FORMATS.has(binding.format) && binding.scope === 'host' && binding.stacks === undefined ? { ...binding, stacks: [stackId('sample', binding.service)] } : binding));
}
