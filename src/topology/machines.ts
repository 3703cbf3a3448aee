// The machines a repository describes (DESIGN "Where things run", Machines): a flake's
// nixosConfigurations, a colmena hive, `hosts/<name>/` and `machines/<name>/` folders,
// Snowfall's `systems/<arch>/<name>/`. A NixOS module runs on every machine whose
// configuration imports it, only where its `enable` is set, and with the values the machine
// sets in place of the module's defaults. Claims of different machines never meet.
import type { NixFileFacts, NixSetting, PathReference } from '../model/facts.js';
import { baseName, foldersAbove, isWithin, pathIn } from '../model/paths.js';
import type { Binding, Diagnostic } from '../model/types.js';

export interface Machine {
  name: string;
  /** Where its own files lie (`hosts/alpha`), when it has a folder. */
  folder: string | undefined;
  /** Every Nix file its configuration reads: its entry modules and what they import. */
  files: Set<string>;
  /** Option paths its configuration sets to true. */
  enables: Set<string>;
  /** Option paths its configuration sets, by path. */
  settings: Map<string, NixSetting>;
}

/** Folders whose subfolders are machines, as fleets lay them out. */
const MACHINE_PARENTS = new Set(['hosts', 'machines']);
/** Folders under those that group machines by platform (`hosts/nixos/<name>`). */
const PLATFORM_FOLDERS = new Set(['nixos', 'darwin', 'linux']);
/** Subfolders of `hosts/` that hold what machines share, not a machine. */
const SHARED_FOLDERS = new Set(['common', 'shared', 'modules', 'profiles', 'roles', 'default', 'defaults', 'base', 'global', 'lib', 'users', 'optional', 'features']);

interface Candidate {
  name: string;
  folder: string | undefined;
  entries: string[];
}

/** Every machine, with the files its configuration reads. None when the repository describes no machine. */
export function findMachines(nix: ReadonlyMap<string, NixFileFacts>, paths: readonly string[], diagnostics: Diagnostic[]): Machine[] {
  const present = new Set(paths);
  const candidates = new Map<string, Candidate>();
  const candidate = (name: string): Candidate => {
    let found = candidates.get(name);
    if (!found) candidates.set(name, (found = { name, folder: undefined, entries: [] }));
    return found;
  };
  for (const facts of nix.values()) {
    for (const machine of facts.machines) {
      const entry = candidate(machine.name);
      for (const module of machine.modules) {
        const file = moduleFile(module, present, diagnostics, `machine ${machine.name}`);
        if (file) entry.entries.push(file);
        if (module.unresolved === undefined && !module.path.endsWith('.nix')) entry.folder ??= module.path;
      }
    }
    for (const folder of facts.machineFolders) {
      if (folder.unresolved !== undefined) continue;
      for (const sub of subfolders(folder.path, paths)) candidate(baseName(sub, sub)).folder ??= sub;
    }
  }
  // Folders laid out by convention name machines too; where a flake names its machines, only
  // those (a `hosts/common/` is shared configuration, not a machine).
  const named = candidates.size > 0 ? new Set(candidates.keys()) : undefined;
  for (const folder of conventionalMachineFolders(paths)) {
    const name = baseName(folder, folder);
    if (named ? named.has(name) : !SHARED_FOLDERS.has(name.toLowerCase())) candidate(name).folder ??= folder;
  }
  const snowfallModules = paths.filter((path) => path.startsWith('modules/nixos/') && path.endsWith('.nix'));
  return [...candidates.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((found) => {
    const entries = found.entries.length > 0 || found.folder === undefined ? found.entries : folderEntries(found.folder, paths, present);
    // Snowfall imports every module under modules/nixos/ into every system.
    const shared = found.folder?.startsWith('systems/') ? snowfallModules : [];
    const files = importClosure([...entries, ...shared], nix, present, diagnostics);
    return { name: found.name, folder: found.folder, files, ...configurationOf(files, nix) };
  });
}

/**
 * Where a machine's configuration starts in its folder: its `default.nix` or
 * `configuration.nix`, and from there only what is imported (a module left in the folder but
 * no longer imported runs nowhere); every .nix file of the folder when it has neither.
 */
function folderEntries(folder: string, paths: readonly string[], present: ReadonlySet<string>): string[] {
  const entry = ['default.nix', 'configuration.nix'].map((name) => pathIn(folder, name)).find((path) => present.has(path));
  return entry ? [entry] : paths.filter((path) => path.endsWith('.nix') && isWithin(folder, path));
}

/** `hosts/<name>/`, `machines/<name>/`, `hosts/nixos/<name>/`, `modules/hosts/nixos/<name>/`, `systems/<arch>/<name>/`: each that holds a .nix file. */
function conventionalMachineFolders(paths: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const path of paths) {
    if (!path.endsWith('.nix')) continue;
    const parts = path.split('/');
    for (let index = 0; index < parts.length - 2; index++) {
      const part = parts[index] as string;
      let name = index + 1;
      if (MACHINE_PARENTS.has(part)) {
        if (PLATFORM_FOLDERS.has(parts[name] as string) && name + 1 < parts.length - 1) name++;
      } else if (part === 'systems' && index === 0 && /^\w+-(?:linux|darwin)$/.test(parts[1] ?? '')) {
        name = 2;
      } else {
        continue;
      }
      if (name < parts.length - 1) folders.add(parts.slice(0, name + 1).join('/'));
      break;
    }
  }
  return folders;
}

function subfolders(folder: string, paths: readonly string[]): Set<string> {
  const found = new Set<string>();
  for (const path of paths) {
    if (!path.endsWith('.nix') || !isWithin(folder, path) || path === folder) continue;
    const rest = folder === '.' ? path : path.slice(folder.length + 1);
    const slash = rest.indexOf('/');
    if (slash > 0) found.add(pathIn(folder, rest.slice(0, slash)));
  }
  return found;
}

/** The Nix file a module reference names: the file, or a folder's default.nix. */
function moduleFile(reference: PathReference, present: ReadonlySet<string>, diagnostics: Diagnostic[], who: string): string | undefined {
  if (reference.unresolved !== undefined) {
    diagnostics.push({ ...reference.at, severity: 'warning', message: `${who} imports ${reference.unresolved}: what it brings in is not known to this check` });
    return undefined;
  }
  if (present.has(reference.path)) return reference.path;
  const inFolder = pathIn(reference.path, 'default.nix');
  if (present.has(inFolder)) return inFolder;
  diagnostics.push({ ...reference.at, severity: 'warning', message: `${who} imports ${reference.path}, which is not in the repository` });
  return undefined;
}

/** The files and everything they import, transitively. */
function importClosure(entries: readonly string[], nix: ReadonlyMap<string, NixFileFacts>, present: ReadonlySet<string>, diagnostics: Diagnostic[]): Set<string> {
  const files = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const reference of nix.get(file)?.imports ?? []) {
      const imported = moduleFile(reference, present, diagnostics, file);
      if (imported && !files.has(imported)) pending.push(imported);
    }
  }
  return files;
}

function configurationOf(files: ReadonlySet<string>, nix: ReadonlyMap<string, NixFileFacts>): Pick<Machine, 'enables' | 'settings'> {
  const enables = new Set<string>();
  const settings = new Map<string, NixSetting>();
  for (const file of files) {
    const facts = nix.get(file);
    if (!facts) continue;
    for (const path of facts.enables) enables.add(path);
    for (const setting of facts.settings) settings.set(setting.path, setting);
  }
  return { enables, settings };
}

/**
 * Each host-level claim on the machines that run it. A Nix file's claims go to every machine
 * importing it where its module is enabled, its defaults replaced by what the machine sets;
 * a Nix file no machine imports only may run (warnings at most). A file of any other format
 * in a machine's folder is that machine's. With no machine, nothing moves.
 */
export function placeOnMachines(bindings: readonly Binding[], machines: readonly Machine[], nix: ReadonlyMap<string, NixFileFacts>): Binding[] {
  if (machines.length === 0) return bindings.map((binding) => inModuleLibrary(binding, nix.get(binding.file)));
  const machinesOfFile = new Map<string, Machine[]>();
  for (const machine of machines) {
    for (const file of machine.files) machinesOfFile.set(file, [...(machinesOfFile.get(file) ?? []), machine]);
  }
  const byFolder = new Map(machines.flatMap((machine) => (machine.folder === undefined ? [] : [[machine.folder, machine] as const])));
  const placed: Binding[] = [];
  for (const binding of bindings) {
    if (binding.scope !== 'host') {
      placed.push(binding);
      continue;
    }
    if (binding.format === 'nix' && binding.stacks === undefined) {
      const runners = machinesOfFile.get(binding.file);
      if (!runners) placed.push({ ...binding, uncertain: `no machine here imports ${binding.file}` });
      else for (const machine of runners) placed.push(...onMachine(binding, machine, nix.get(binding.file)));
      continue;
    }
    const machine = foldersAbove(binding.file).map((folder) => byFolder.get(folder)).find((found) => found !== undefined);
    placed.push(machine ? { ...binding, scope: machine.name } : binding);
  }
  return distinctClaims(placed);
}

/**
 * With no machine in the repository, a module's claims are what it claims wherever it is
 * used; those of a module that declares an `enable` option run only where a configuration
 * enables it, which none here does: they only may run.
 */
function inModuleLibrary(binding: Binding, facts: NixFileFacts | undefined): Binding {
  if (binding.format !== 'nix' || binding.isDefault === true || !facts || facts.enableOptions.length === 0) return binding;
  return { ...binding, uncertain: `it runs only where a configuration enables ${facts.enableOptions.join(' or ')}, and no machine here does` };
}

/** A module's claim as it runs on one machine: none where the module is not enabled; the machine's own value in place of a default. */
function onMachine(binding: Binding, machine: Machine, facts: NixFileFacts | undefined): Binding[] {
  if (facts && facts.enableOptions.length > 0 && !facts.enableOptions.some((option) => machine.enables.has(option))) return [];
  const onIt = { ...binding, scope: machine.name };
  if (binding.isDefault !== true || !facts) return [onIt];
  const option = facts.defaults.find((entry) => entry.at.line === binding.line && entry.at.column === binding.column)?.path;
  const set = option === undefined ? undefined : machine.settings.get(option);
  if (!set) return [onIt];
  // The machine sets the option: its value is the claim (or, through a registry, the registry's).
  if (!set.port) return [];
  const { isDefault: _default, ...rest } = onIt;
  return [{ ...rest, port: set.port.port, endPort: set.port.port, ...set.port.at }];
}

/** One claim per machine, service and literal: a module reached twice is one claim. */
function distinctClaims(bindings: readonly Binding[]): Binding[] {
  const seen = new Set<string>();
  return bindings.filter((binding) => {
    const key = `${binding.scope}\u0000${binding.service}\u0000${binding.file}\u0000${binding.line}\u0000${binding.column}\u0000${binding.port}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Registry entries whose category names a machine are that machine's; the rest apply to every machine. */
export function placeRegistryOnMachines(entries: readonly Binding[], machines: readonly Machine[]): Binding[] {
  if (machines.length === 0) return [...entries];
  const names = new Map(machines.map((machine) => [machine.name.toLowerCase(), machine.name]));
  return entries.map((entry) => {
    const machine = entry.category === undefined ? undefined : names.get(entry.category.toLowerCase());
    return machine === undefined ? entry : { ...entry, scope: machine };
  });
}
