// Compose projects as `docker compose` forms them from files: a folder's default file and its
// override; the set its `.env` names in COMPOSE_FILE instead; every `-f a.yml -f b.yml` chain
// a script, Makefile, package.json or workflow runs; and, for every other compose file, a
// stack of its own. `include:` pulls files into the including set.
import { COMPOSE_DEFAULT_FILES, COMPOSE_OVERRIDE_FILES } from '../model/compose.js';
import type { ComposeFileFacts, ComposeFileSetting, ComposeRun, PathReference } from '../model/facts.js';
import { folderOf, pathIn, resolveWrittenPath } from '../model/paths.js';
import { stackId } from '../model/stack.js';
import type { Diagnostic, SourceLocation } from '../model/types.js';

export interface ComposeStack {
  id: string;
  /** The files in the order Compose merges them. */
  files: string[];
  /** The project of the set: the first file's, as Compose names it from the project folder. */
  project: string;
}

export interface ComposeLayout {
  stacks: ComposeStack[];
  /** The stacks each compose file runs in, in stack order; absent for a file that no set reads. */
  stacksOf: Map<string, ComposeStack[]>;
  diagnostics: Diagnostic[];
}

export interface ComposeInputs {
  /** Every file read as a compose file, with its facts, by path. */
  files: ReadonlyMap<string, ComposeFileFacts>;
  /** `COMPOSE_FILE` settings, by the path of the `.env` that holds them. */
  settings: ReadonlyMap<string, ComposeFileSetting>;
  runs: readonly ComposeRun[];
  /** True when the repository holds this file (read as compose or not). */
  exists: (path: string) => boolean;
}

/** Forms every Compose stack of the repository. */
export function formComposeStacks(inputs: ComposeInputs): ComposeLayout {
  const diagnostics: Diagnostic[] = [];
  const sets: Array<{ files: string[] }> = [];
  const seen = new Set<string>();
  const addSet = (files: readonly string[]) => {
    const key = files.join('\n');
    if (files.length === 0 || seen.has(key)) return;
    seen.add(key);
    sets.push({ files: [...files] });
  };
  const usable = (references: readonly PathReference[], what: string) => references.flatMap((reference) => usableFile(reference, inputs, what, diagnostics));

  for (const folder of [...new Set([...inputs.files.keys()].map(folderOf))].sort()) {
    const setting = inputs.settings.get(pathIn(folder, '.env'));
    addSet(setting ? usable(setting.files, 'COMPOSE_FILE') : defaultFiles(folder, inputs.files));
  }
  // A script that builds its file sets from variables does so throughout: said once, at its first.
  const unknownSetsIn = new Set<string>();
  for (const run of [...inputs.runs].sort((a, b) => compareLocations(a.at, b.at))) {
    if (run.problem !== undefined) {
      if (!unknownSetsIn.has(run.at.file)) diagnostics.push({ ...run.at, severity: 'warning', message: run.problem });
      unknownSetsIn.add(run.at.file);
      continue;
    }
    const files = usable(resolveRunFiles(run, inputs), 'this command');
    addSet(files);
  }
  const included = expandIncludes(sets, inputs, diagnostics);
  const named = new Set(sets.flatMap((set) => set.files));
  // A file that only lends service definitions to `extends:` runs nothing of its own.
  const extended = new Set([...inputs.files.values()].flatMap((facts) => facts.services.flatMap((service) => service.extends?.file?.path ?? [])));
  for (const path of [...inputs.files.keys()].sort()) {
    if (named.has(path) || included.has(path) || extended.has(path)) continue;
    const files = withIncludes([path], inputs, diagnostics);
    sets.push({ files });
  }

  // Named by the files it starts, once their includes are in: the words messages use.
  const stacks = new Map<string, ComposeStack>();
  for (const { files } of sets) {
    const id = stackId('compose', files.join('+'));
    if (!stacks.has(id)) stacks.set(id, { id, files, project: inputs.files.get(files[0] as string)?.project ?? 'default' });
  }
  const stacksOf = new Map<string, ComposeStack[]>();
  for (const stack of stacks.values()) {
    for (const file of stack.files) {
      const list = stacksOf.get(file);
      if (list) list.push(stack);
      else stacksOf.set(file, [stack]);
    }
  }
  return { stacks: [...stacks.values()], stacksOf, diagnostics };
}

/** A run's files, each against the first of its folders where it names a compose file (else the first folder). */
function resolveRunFiles(run: ComposeRun, inputs: ComposeInputs): PathReference[] {
  return run.files.map(({ written, at }) => {
    const resolutions = run.folders.map((folder) => resolveWrittenPath(folder, written));
    const found = resolutions.find((resolved) => 'path' in resolved && inputs.files.has(resolved.path)) ?? resolutions[0] ?? { unresolved: 'no folder' };
    return 'path' in found ? { path: found.path, at } : { path: written, at, unresolved: found.unresolved };
  });
}

/** The folder's default file and its override, as `docker compose` run there loads them. */
function defaultFiles(folder: string, files: ReadonlyMap<string, ComposeFileFacts>): string[] {
  const first = (names: readonly string[]) => names.map((name) => pathIn(folder, name)).find((path) => files.has(path));
  const main = first(COMPOSE_DEFAULT_FILES);
  if (main === undefined) return [];
  const override = first(COMPOSE_OVERRIDE_FILES);
  return override === undefined ? [main] : [main, override];
}

/** The compose file a reference names, or a diagnostic saying why it names none. */
function usableFile(reference: PathReference, inputs: ComposeInputs, what: string, diagnostics: Diagnostic[]): string[] {
  if (reference.unresolved !== undefined) {
    diagnostics.push({ ...reference.at, severity: 'warning', message: `${what} names ${reference.unresolved}: that file set is not known to this check` });
    return [];
  }
  if (inputs.files.has(reference.path)) return [reference.path];
  const problem = inputs.exists(reference.path) ? 'which is not read as a compose file' : 'which is not in the repository';
  diagnostics.push({ ...reference.at, severity: 'warning', message: `${what} names ${reference.path}, ${problem}` });
  return [];
}

/** Adds each set's included files after the file that includes them; returns every file included somewhere. */
function expandIncludes(sets: Array<{ files: string[] }>, inputs: ComposeInputs, diagnostics: Diagnostic[]): Set<string> {
  const included = new Set<string>();
  for (const set of sets) {
    const expanded = withIncludes(set.files, inputs, diagnostics);
    for (const file of expanded) if (!set.files.includes(file)) included.add(file);
    set.files = expanded;
  }
  return included;
}

/** The files with what they include (depth first, each once); a loop is reported where it closes. */
function withIncludes(files: readonly string[], inputs: ComposeInputs, diagnostics: Diagnostic[]): string[] {
  const result: string[] = [];
  const visit = (path: string, chain: readonly string[]) => {
    if (result.includes(path)) return;
    result.push(path);
    const ancestors = [...chain, path];
    for (const reference of inputs.files.get(path)?.includes ?? []) {
      if (reference.unresolved === undefined && ancestors.includes(reference.path)) {
        const loop = [...ancestors.slice(ancestors.indexOf(reference.path)), reference.path];
        diagnostics.push({ ...reference.at, severity: 'error', message: `include loop: ${loop.join(' -> ')} (Compose refuses it)` });
        continue;
      }
      for (const file of usableFile(reference, inputs, 'include', diagnostics)) visit(file, ancestors);
    }
  };
  for (const file of files) visit(file, []);
  return result;
}

function compareLocations(a: SourceLocation, b: SourceLocation): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}
