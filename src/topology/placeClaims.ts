// The topology stage: every claim placed on the map of where things run (DESIGN "Where
// things run"): machine, stack and profiles, container or host, and the service it belongs
// to. It is the one place that joins what extractors say about their own files: compose
// files and the `-f` chains that run them, Dockerfiles and build contexts, Kubernetes
// workloads and the images built for them, Go packages, the machines of a NixOS fleet and
// the modules each imports.
import type { PortcullisConfig } from '../model/config.js';
import type { ComposeFileFacts, ComposeFileSetting, ComposeRun, ComposeServiceFacts, ImageBuild, NixFileFacts, WorkloadFacts } from '../model/facts.js';
import { baseName, folderOf, foldersAbove } from '../model/paths.js';
import type { Binding, Diagnostic, ExtractResult } from '../model/types.js';
import { placeComposeClaims } from './composePlacement.js';
import { formComposeStacks } from './composeStacks.js';
import { placeInConfiguredScopes } from './configScopes.js';
import { composeHomes, ContainerMap, inContainer, modulesRunByCompose, nearestDockerfile, workloadHomes } from './containers.js';
import { findMachines, type Machine, placeOnMachines, placeRegistryAssignments } from './machines.js';
import { type GoLayout, goModuleRoots, nameGoProgram, samplesRunAlone } from './processes.js';

export interface TopologyInput {
  /** What each file (but the registries) gave, by path. */
  files: ReadonlyArray<{ path: string; result: ExtractResult }>;
  /** Every path of the tree, read or not: to tell a missing file or folder from one not read. */
  paths: readonly string[];
  config: Pick<PortcullisConfig, 'scopes'>;
  /** The name of the root folder. */
  rootName: string;
}

export interface Topology {
  bindings: Binding[];
  diagnostics: Diagnostic[];
  /** The machines the repository describes; none for a single host. */
  machines: Machine[];
  /** Registry entries that NixOS modules give through a registry option, on the machines they speak for. */
  registryEntries: Binding[];
}

/** Formats whose claims are a program's own: where the program runs, they run. */
const CODE_FORMATS: ReadonlySet<string> = new Set(['rust', 'go', 'typescript', 'javascript', 'python', 'dotenv']);

export function placeClaims(input: TopologyInput): Topology {
  const facts = collectFacts(input.files);
  const present = new Set(input.paths);
  const folders = foldersOf(input.paths);
  const diagnostics: Diagnostic[] = [];

  const layout = formComposeStacks({ files: facts.composeFiles, settings: facts.composeFileSettings, runs: facts.composeRuns, exists: (path) => present.has(path) });
  diagnostics.push(...layout.diagnostics);
  const servicesByFile = new Map<string, ComposeServiceFacts[]>([...facts.composeFiles].map(([path, file]) => [path, file.services]));
  const compose = placeComposeClaims(facts.composeBindings, servicesByFile, layout);
  diagnostics.push(...compose.diagnostics);

  const containers = new ContainerMap([...composeHomes(compose.services, (path) => folders.has(path), diagnostics), ...workloadHomes(facts.imageBuilds, facts.workloads)]);
  const composeModules = modulesRunByCompose(compose.services, (path) => present.has(path));
  const projectFolders = new Set([...layout.stacksOf.keys()].map(folderOf));
  const goLayout: GoLayout = { mainFolders: facts.goMainFolders, moduleRoots: goModuleRoots(input.paths) };
  const placeCode = (binding: Binding): Binding[] => {
    if (!CODE_FORMATS.has(binding.format) || binding.scope !== 'host' || binding.stacks !== undefined) return [binding];
    const folder = folderOf(binding.file);
    const isComposeEnv = binding.format === 'dotenv' && projectFolders.has(folder);
    // The `.env` beside a compose file is what Compose reads: it configures the containers,
    // and what the compose file publishes of it is already the compose file's claim.
    if (isComposeEnv && baseName(binding.file, input.rootName) === '.env') return [];
    const homes = containers.homesOf(binding.file);
    if (homes.length > 0) return homes.map((home) => inContainer(binding, home));
    if (isComposeEnv) return [{ ...binding, uncertain: `${binding.file} may configure the containers of the Compose project in ${folder} rather than a program on the host` }];
    const composeRun = composeModules.get(binding.file);
    if (composeRun !== undefined) return [{ ...binding, uncertain: composeRun }];
    const named = binding.format === 'go' ? nameGoProgram(binding, goLayout, input.rootName) : binding;
    const dockerfile = nearestDockerfile(binding.file, facts.dockerfiles);
    return dockerfile === undefined ? [named] : [{ ...named, uncertain: `${binding.file} may run in a container built by ${dockerfile}, which nothing here runs` }];
  };
  const machines = findMachines(facts.nix, input.paths, diagnostics);
  const placed = placeOnMachines(samplesRunAlone([...compose.bindings, ...facts.bindings.flatMap(placeCode)]), machines, facts.nix);
  const registryEntries = placeRegistryAssignments(facts.registryAssignments, machines);
  return { bindings: placeInConfiguredScopes(placed, input.config.scopes), diagnostics: distinctDiagnostics(diagnostics), machines, registryEntries };
}

interface CollectedFacts {
  /** Every binding but the compose files'. */
  bindings: Binding[];
  /** The bindings of each compose file, by the path of that file. */
  composeBindings: Map<string, Binding[]>;
  composeFiles: Map<string, ComposeFileFacts>;
  /** By the path of the `.env` that sets it. */
  composeFileSettings: Map<string, ComposeFileSetting>;
  composeRuns: ComposeRun[];
  /** The Dockerfile of each folder that holds one. */
  dockerfiles: Map<string, string>;
  goMainFolders: Set<string>;
  workloads: WorkloadFacts[];
  imageBuilds: ImageBuild[];
  /** What each Nix file says about machines, by path. */
  nix: Map<string, NixFileFacts>;
  /** Registry entries of registry options, by the file that gives them. */
  registryAssignments: Map<string, Binding[]>;
}

function collectFacts(files: TopologyInput['files']): CollectedFacts {
  const collected: CollectedFacts = { bindings: [], composeBindings: new Map(), composeFiles: new Map(), composeFileSettings: new Map(), composeRuns: [], dockerfiles: new Map(), goMainFolders: new Set(), workloads: [], imageBuilds: [], nix: new Map(), registryAssignments: new Map() };
  for (const { path, result } of files) {
    const facts = result.facts;
    if (facts?.compose) {
      collected.composeFiles.set(path, facts.compose);
      collected.composeBindings.set(path, result.bindings);
    } else {
      for (const binding of result.bindings) collected.bindings.push(binding);
    }
    if (!facts) continue;
    if (facts.composeFileSetting) collected.composeFileSettings.set(path, facts.composeFileSetting);
    if (facts.composeRuns) collected.composeRuns.push(...facts.composeRuns);
    if (facts.dockerfile && !collected.dockerfiles.has(folderOf(path))) collected.dockerfiles.set(folderOf(path), path);
    if (facts.goPackage === 'main') collected.goMainFolders.add(folderOf(path));
    if (facts.workloads) collected.workloads.push(...facts.workloads);
    if (facts.imageBuilds) collected.imageBuilds.push(...facts.imageBuilds);
    if (facts.nix) collected.nix.set(path, facts.nix);
    if (facts.registryAssignments) collected.registryAssignments.set(path, facts.registryAssignments);
  }
  return collected;
}

/** Every folder that holds a path, the root included. */
function foldersOf(paths: readonly string[]): Set<string> {
  const folders = new Set<string>(['.']);
  for (const path of paths) {
    for (const folder of foldersAbove(path)) {
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/** A problem found once per set that meets it (an include shared by two sets) is said once. */
function distinctDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.file}\u0000${diagnostic.line ?? 0}\u0000${diagnostic.column ?? 0}\u0000${diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
