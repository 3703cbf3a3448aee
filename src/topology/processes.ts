// Programs of one Go module: a `main` package is a program named after its folder
// (`cmd/<name>/`, `<name>/main.go`), and a package below a program's folder (`<name>/cmd/`,
// where flags are often declared) is that program's. The module's own name stays for a
// program at the module root and for code no program's folder holds.
import { normalizeServiceName } from '../model/service.js';
import { baseName, folderOf, foldersAbove } from '../model/paths.js';
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
