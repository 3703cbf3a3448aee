// Code that runs in a container: source (and the `.env` beside it) inside a build context
// that a container here runs is that container's, in its namespace; code beside a
// Dockerfile that nothing here runs only may run in a container, so it stays on the host
// with collisions that are warnings at most.
import type { ImageBuild, WorkloadFacts } from '../model/facts.js';
import { folderOf, foldersAbove, isWithin, pathIn } from '../model/paths.js';
import type { Binding, Diagnostic } from '../model/types.js';
import type { RunningComposeService } from './composePlacement.js';

/** Where the code of one build context runs. */
export interface ContainerHome {
  /** The build context, a root-relative folder. */
  context: string;
  /** The folder of the Dockerfile that builds it: among several homes of one context, the nearest above a file wins. */
  dockerfileFolder: string;
  service: string;
  project?: string;
  scope: string;
  stacks?: readonly string[];
  profiles?: readonly string[];
}

/** The homes that compose services with `build:` give their contexts; a context that is not a folder here is reported. */
export function composeHomes(services: readonly RunningComposeService[], isFolder: (path: string) => boolean, diagnostics: Diagnostic[]): ContainerHome[] {
  const homes: ContainerHome[] = [];
  for (const { facts, project, stacks, profiles, scope } of services) {
    const build = facts.build;
    if (!build) continue;
    if (build.context.unresolved !== undefined) {
      // A remote context (a git URL) builds code from elsewhere; only variables deserve a word.
      if (build.context.unresolved.includes('variables')) diagnostics.push({ ...build.context.at, severity: 'warning', message: `service ${facts.name}: the build context ${build.context.unresolved}, so the code it runs is not known` });
      continue;
    }
    if (!isFolder(build.context.path)) {
      diagnostics.push({ ...build.context.at, severity: 'warning', message: `service ${facts.name}: the build context ${build.context.path} is not a folder of this repository` });
      continue;
    }
    const dockerfile = build.dockerfile ?? pathIn(build.context.path, 'Dockerfile');
    homes.push({
      context: build.context.path,
      dockerfileFolder: folderOf(dockerfile),
      service: facts.name,
      project,
      scope,
      stacks: stacks.map((stack) => stack.id),
      ...(profiles.length > 0 ? { profiles } : {}),
    });
  }
  return homes;
}

/**
 * The source files that compose services run as Python modules (`python -m app.serve` is
 * `app/serve.py` or `app/serve/__main__.py`, below the repository root, the build context or the
 * compose file's folder), each with why: the same program may also run on the host, so its
 * claims there are only possible.
 */
export function modulesRunByCompose(services: readonly RunningComposeService[], exists: (path: string) => boolean): Map<string, string> {
  const runs = new Map<string, string>();
  for (const { file, facts } of services) {
    const folders = new Set(['', folderOf(file), ...(facts.build?.context.unresolved === undefined && facts.build ? [facts.build.context.path] : [])]);
    for (const module of facts.pythonModules ?? []) {
      const stem = module.split('.').join('/');
      for (const folder of folders) {
        for (const path of [pathIn(folder, `${stem}.py`), pathIn(folder, `${stem}/__main__.py`)]) {
          if (exists(path) && !runs.has(path)) runs.set(path, `${path} is also what compose service ${facts.name} runs (python -m ${module}) in its container`);
        }
      }
    }
  }
  return runs;
}

/** The homes of images that a deploy tool builds from a folder and a Kubernetes workload here runs. */
export function workloadHomes(builds: readonly ImageBuild[], workloads: readonly WorkloadFacts[]): ContainerHome[] {
  const homes: ContainerHome[] = [];
  for (const build of builds) {
    if (build.context.unresolved !== undefined) continue;
    for (const workload of workloads) {
      for (const container of workload.containers) {
        if (!sameImage(container.image, build.image)) continue;
        homes.push({
          context: build.context.path,
          dockerfileFolder: folderOf(build.dockerfile ?? pathIn(build.context.path, 'Dockerfile')),
          service: container.service,
          scope: workload.scope,
        });
      }
    }
  }
  return homes;
}

/**
 * An image as a manifest names it and as a build tool tags it: skaffold and Tilt replace a
 * manifest's image whose name, without tag or digest, is the artifact's image name.
 */
function sameImage(manifestImage: string, builtImage: string): boolean {
  const strip = (image: string) => {
    const digest = image.indexOf('@');
    const name = digest < 0 ? image : image.slice(0, digest);
    const tag = name.lastIndexOf(':');
    return tag > name.lastIndexOf('/') ? name.slice(0, tag) : name;
  };
  return strip(manifestImage) === strip(builtImage);
}

/** Looks up, for a file, the homes of the nearest build context that holds it. */
export class ContainerMap {
  private readonly byContext = new Map<string, ContainerHome[]>();

  constructor(homes: readonly ContainerHome[]) {
    for (const home of homes) {
      const list = this.byContext.get(home.context);
      if (list) list.push(home);
      else this.byContext.set(home.context, [home]);
    }
  }

  /** The homes of the nearest context above the file; among several, those whose Dockerfile sits nearest above it. */
  homesOf(path: string): ContainerHome[] {
    for (const folder of foldersAbove(path)) {
      const homes = this.byContext.get(folder);
      if (!homes) continue;
      const above = homes.filter((home) => isWithin(home.dockerfileFolder, path));
      if (above.length === 0) return homes;
      const nearest = Math.max(...above.map((home) => home.dockerfileFolder.length));
      return above.filter((home) => home.dockerfileFolder.length === nearest);
    }
    return [];
  }
}

/** A claim of code as the claim of each container that runs it. */
export function inContainer(binding: Binding, home: ContainerHome): Binding {
  const placed: Binding = { ...binding, service: home.service, scope: binding.scope === 'host' && home.scope !== 'host' ? home.scope : binding.scope };
  if (home.project !== undefined) placed.project = home.project;
  if (home.stacks !== undefined) placed.stacks = home.stacks;
  if (home.profiles !== undefined) placed.profiles = home.profiles;
  return placed;
}

/** The nearest Dockerfile above a file, if any: the image it may be built into. */
export function nearestDockerfile(path: string, dockerfiles: ReadonlyMap<string, string>): string | undefined {
  for (const folder of foldersAbove(path)) {
    const dockerfile = dockerfiles.get(folder);
    if (dockerfile !== undefined) return dockerfile;
  }
  return undefined;
}
