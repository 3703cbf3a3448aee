// Facts an extractor reports about its own file, beside its bindings: what the topology stage
// needs to place every claim on the map of machines, stacks, containers and processes. An
// extractor never looks at another format's files to learn these; the topology joins them.
import type { Binding, SourceLocation } from './types.js';

export interface FileFacts {
  /** A Docker Compose file: its services as written in this file, and the files it includes. */
  compose?: ComposeFileFacts;
  /** `docker compose -f a.yml -f b.yml ...` runs found in a script, Makefile, package.json or workflow. */
  composeRuns?: ComposeRun[];
  /** `COMPOSE_FILE` set in a `.env`: the files Compose reads in that folder instead of its defaults. */
  composeFileSetting?: ComposeFileSetting;
  /** The file is a Dockerfile: its folder is a build context that may run in a container. */
  dockerfile?: true;
  /** The package clause of a Go file (`main` for a program). */
  goPackage?: string;
  /** Kubernetes workloads: which image each container runs, and where its ports live. */
  workloads?: WorkloadFacts[];
  /** Images built from a folder by a deploy tool (skaffold artifacts, Tilt's docker_build). */
  imageBuilds?: ImageBuild[];
  /** A Nix file: what it imports, the machines it defines, what it enables and sets. */
  nix?: NixFileFacts;
  /**
   * Registry entries that a Nix module gives (kind `registry`, format `registry-nix`, each at
   * its port literal, `setting` the option path and keys): the default of a registry it
   * declares as an option (`options.<team>.ports = mkOption { default = { ... }; }`, entries
   * marked `isDefault`) and the values it assigns to one (`myorg.ports.grafana = 3100;`).
   * Whose entries they are is the topology's to say: an entry whose `category` names a
   * machine is that machine's (`myorg.ports.alpha.grafana`), the others belong to the
   * machines that import the file, or to every machine when none does.
   */
  registryAssignments?: Binding[];
}

export interface NixFileFacts {
  /** `imports = [ ./a.nix ./b ]`: files (a folder meaning its default.nix) the module pulls in. */
  imports: PathReference[];
  /** Machines the file defines: a flake's `nixosConfigurations.<name>`, a colmena hive's nodes. */
  machines: NixMachine[];
  /** Folders each subfolder of which is a machine (`mapAttrs (name: _: mkHost name) (readDir ./hosts)`). */
  machineFolders: PathReference[];
  /** The `enable` options the module declares (`services.x.enable`): its claims run where one is set. */
  enableOptions: string[];
  /** Option paths the file sets to true (`services.grafana.enable`), without `config.`. */
  enables: string[];
  /** Option paths the file sets, not as a default, with the port when the value is a port as written. */
  settings: NixSetting[];
  /** The option path of each default the file claims (an option's `default`, a `mkDefault`), by the claim's location. */
  defaults: NixDefault[];
}

export interface NixMachine {
  name: string;
  /** The modules its configuration starts from; empty when a helper builds it (`mkHost "alpha"`). */
  modules: PathReference[];
  at: SourceLocation;
}

export interface NixSetting {
  path: string;
  port?: { port: number; at: SourceLocation };
}

export interface NixDefault {
  path: string;
  at: SourceLocation;
}

/** A path another file names, resolved against the folder it is relative to. */
export interface PathReference {
  /** Root-relative, normalized; may name a file that does not exist (the topology says so). */
  path: string;
  /** Where it is written. */
  at: SourceLocation;
  /** True when the path leaves the repository or is built from variables: it names nothing here. */
  unresolved?: string;
}

export interface ComposeFileFacts {
  /** The project this file's services are in when read from its own folder. */
  project: string;
  services: ComposeServiceFacts[];
  /** `include:` entries, in order. */
  includes: PathReference[];
}

export interface ComposeServiceFacts {
  /** Normalized service name. */
  name: string;
  at: SourceLocation;
  /** `build:` context (root-relative folder) and its Dockerfile (root-relative file), if given. */
  build?: { context: PathReference; dockerfile?: string };
  /** `profiles:`; empty when the service runs with every profile. */
  profiles: string[];
  /** `network_mode: host`: its container ports are the host's. */
  hostNetwork: boolean;
  /** `network_mode: service:<name>`: it lives in that service's network namespace. */
  networkOf?: string;
  /** `extends:` another service, of this file or of another one. */
  extends?: { service: string; file?: PathReference; at: SourceLocation };
  /** Python modules its `command` or `entrypoint` runs (`python -m app.serve`): maybe this repository's own code. */
  pythonModules?: string[];
}

export interface ComposeRun {
  /** The `-f` files in order, as written. */
  files: Array<{ written: string; at: SourceLocation }>;
  /**
   * The folders the command may run in, most likely first: a file is resolved against the
   * first where it names a compose file (a script may run from its own folder or the root).
   */
  folders: string[];
  /** Where the command is written. */
  at: SourceLocation;
  /** Why the run names no usable set (an `-f` built from variables), if it does not. */
  problem?: string;
}

export interface ComposeFileSetting {
  files: PathReference[];
  at: SourceLocation;
}

export interface WorkloadFacts {
  /** Where the workload's container ports live (`pod:<ns>/<name>`, or `host` with hostNetwork). */
  scope: string;
  containers: Array<{ service: string; image: string }>;
}

export interface ImageBuild {
  image: string;
  context: PathReference;
  /** The Dockerfile, root-relative, when the tool names one. */
  dockerfile?: string;
}
