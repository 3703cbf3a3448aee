// The data model shared by every pipeline stage (see DESIGN.md).
// Stages are pure functions over these types; only src/cli and src/action do I/O.
import type { RuleId } from '../rules/catalogue.js';
import type { FileFacts } from './facts.js';

export type Protocol = 'tcp' | 'udp';
export type BindingKind = 'registry' | 'listen' | 'publish';
export type Severity = 'error' | 'warning';

/** A 1-based position in a repository file; `file` is relative to the root with `/` separators. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface Diagnostic {
  file: string;
  /** 1-based; absent when the problem concerns the whole file (too large, unreadable). */
  line?: number;
  column?: number;
  severity: Severity;
  message: string;
  /** Set when a read limit caused it: the check did not see everything (not part of the JSON diagnostic). */
  limit?: IncompleteReason;
}

/**
 * Why a check did not see everything it should have (DESIGN "Trust"): each makes the report
 * incomplete, which fails the gate unless the workflow lets it warn.
 */
export type IncompleteReason =
  | 'file-size'
  | 'file-limit'
  | 'total-bytes'
  | 'line-length'
  | 'parse-budget'
  | 'alias-expansion'
  | 'env-expansion'
  | 'conflict-limit'
  | 'rest-file-list'
  | 'base-unreadable';

/** One reason the check is incomplete, with a sentence that names what was not read and how to fix it. */
export interface Incomplete {
  reason: IncompleteReason;
  message: string;
}

/**
 * A claim that a service listens on a port (or a port range), as an extractor found it.
 * The location points at the port literal itself: for a value that arrives through a
 * variable, at the place where the literal is written (`.env` line or `${VAR:-default}`),
 * and `via` at the place that references the variable.
 */
export interface Binding extends SourceLocation {
  /** Normalized plain name (see normalizeServiceName). */
  service: string;
  port: number;
  endPort: number;
  protocol: Protocol;
  /** null means every address. */
  hostIp: string | null;
  /** `host`, `container:<project>/<service>`, `pod:<ns>/<name>`, `cluster`, `service:<ns>/<name>`, or a configured name. */
  scope: string;
  kind: BindingKind;
  /** The extractor's format name (`compose`, `process-compose`, `dotenv`, `registry`, ...). */
  format: string;
  via?: SourceLocation;

  // ---- Facts for resolve/detect/allocate; not part of the JSON report. ----
  /**
   * Docker Compose project (the compose file's folder name). Compose services are
   * qualified by it, so `web` of two projects are two services.
   */
  project?: string;
  /**
   * The stacks the claim runs in: environments started as a whole (a Compose file set, one
   * process-compose file). Absent for host-level claims (registry, NixOS, systemd, zinit,
   * source run on the host, a lone `.env`), which meet every stack. A Compose file read by
   * several sets (its folder's defaults, and a `-f` chain in a Makefile) runs in each.
   */
  stacks?: readonly string[];
  /** Compose profiles that start the claim's service; absent when it runs with every profile. */
  profiles?: readonly string[];
  /**
   * Why the claim only may run where it is placed (source beside a Dockerfile that nothing
   * here runs, a value from a `.env.example` template): its collisions are warnings at most.
   */
  uncertain?: string;
  /** A claim users override by design (a NixOS option default, a CLI flag default). */
  isDefault?: boolean;
  /** `"80-90:8080"`: the runtime picks one port of the range, so a collision is not certain. */
  soft?: boolean;
  /** The environment variable the port came through, and the file that set it (a `.env`), if any. */
  variable?: string;
  variableFile?: string;
  /**
   * The name of the setting that holds the port (`DB_PORT`, `statsPort`, `metrics.port`):
   * resolve uses it to recognize a setting that names a registered service.
   */
  setting?: string;
  /** Registry facts, for kind `registry`. */
  category?: string;
  portName?: string;
}

/** Registry facts other than the per-service entries (those are Bindings of kind `registry`). */
export interface RegistryCategory extends SourceLocation {
  name: string;
  /** Inclusive range of ports the category's services should use, if it has one. */
  range?: PortRange;
}

export interface PortRange {
  start: number;
  end: number;
}

export interface ReservedRange extends SourceLocation, PortRange {
  reason?: string;
}

export interface RegistryFacts {
  categories: RegistryCategory[];
  reserved: ReservedRange[];
}

/** The merged registry of a repository (all registry files together). */
export interface RegistryModel {
  /** True when at least one registry file was found: enables `unregistered`. */
  present: boolean;
  /** One binding of kind `registry` per registered port. */
  entries: Binding[];
  categories: RegistryCategory[];
  reserved: ReservedRange[];
}

/** What one extractor returns for one file. Extractors never throw. */
export interface ExtractResult {
  bindings: Binding[];
  diagnostics: Diagnostic[];
  /** Set by registry extractors only. */
  registry?: RegistryFacts;
  /** What the file says about where things run, for the topology stage. */
  facts?: FileFacts;
  /**
   * The file is not of this extractor's format after all, though its name says it may be (a
   * `ports.nix` that is a NixOS module, a `.env.patch`, notes named `PORTS.md`): the next
   * extractor of the catalogue that matches its path reads it instead, and with none it is
   * left unread, quietly. The bindings and diagnostics beside it are what a reading as this
   * format found: they count only where the user named the file as this format (`--registry`).
   */
  declined?: true;
}

export interface SourceFile {
  /** Root-relative path with `/` separators. */
  path: string;
  text: string;
}

/**
 * What an extractor may know besides its own file. Reads are lookups into the file set
 * that discover produced, so extractors stay pure and the same at HEAD and at a base.
 */
export interface ExtractContext {
  /** Text of another file of the set (root-relative path), or undefined when absent or unreadable. */
  readFile(path: string): string | undefined;
  /** The root folder's own name: the project name of a compose file at the root, the service of a root `.env` `PORT`. */
  rootName: string;
  /** The time syntax-tree parsing may still take in this run; unbounded when absent. */
  parseBudget?: ParseBudget;
}

/** The time parsing may take; one per run (per thread), shared by every tree-sitter extractor. */
export interface ParseBudget {
  /** Milliseconds one file's parse may take (limits.maxParseMillis). */
  readonly fileMillis: number;
  /** Milliseconds the whole run may spend parsing (limits.maxParseSeconds). */
  readonly runMillis: number;
  /** Milliseconds spent parsing so far. */
  spentMillis: number;
  /** A monotonic clock in milliseconds; injected so that tests decide when time runs out. */
  now(): number;
}

export interface Extractor {
  /** The `format` of the bindings it produces. */
  readonly format: string;
  /** True when this extractor reads the file at this root-relative path. */
  matches(path: string): boolean;
  /** Turns one file into bindings and diagnostics. Never throws on bad input. */
  extract(file: SourceFile, context: ExtractContext): ExtractResult;
  /**
   * Files whose content this extractor also reads for `path` (a compose file's `.env`).
   * Used to know which cached results a change invalidates. Defaults to none.
   */
  dependencies?(path: string): string[];
  /**
   * True for a file that nobody in the repository wrote (a bundle, minified or generated code,
   * told by its text): it is skipped quietly, before the read limits' overlong-line check.
   */
  isGenerated?(text: string): boolean;
  /**
   * Async set-up (loading a grammar), called once per run before the first extract() when
   * at least one file matched, so that a repository without such files never pays for it.
   */
  prepare?(): Promise<void>;
}

/** A rule's id (`duplicate-port`, ...): one per file of src/rules/, listed in its catalogue. */
export type ConflictRule = RuleId;

export type ConflictStatus = 'new' | 'existing';

export interface ConflictLocation extends SourceLocation {
  service: string;
}

export interface Suggestion extends SourceLocation {
  service: string;
  from: number;
  to: number;
  /** For a range, the end of the proposed range; equals `to` for a single port. */
  toEnd: number;
  /**
   * Services that stay and read the same literal (a YAML anchor two services merge): editing
   * it would move them too, so the fix is an override on the moving service, said in words,
   * never a rewrite of the line.
   */
  sharedWith?: string[];
}

export interface Conflict {
  /** `<rule>:<scope>:<protocol>:<port>[-<endPort>]`, stable across runs. */
  id: string;
  rule: ConflictRule;
  severity: Severity;
  status: ConflictStatus;
  scope: string;
  protocol: Protocol;
  port: number;
  endPort: number;
  /** Display names (plain, or `<project>/<name>` where two services share a name), sorted. */
  services: string[];
  newServices: string[];
  locations: ConflictLocation[];
  suggestions: Suggestion[];
  message: string;
  /** The bindings involved; not serialized into the report. */
  bindings: Binding[];
}

export interface Report {
  schemaVersion: 1;
  base: string | null;
  stats: { files: number; bindings: number; durationMs: number };
  bindings: Binding[];
  conflicts: Conflict[];
  diagnostics: Diagnostic[];
  /** Empty when everything was read. */
  incomplete: Incomplete[];
}
