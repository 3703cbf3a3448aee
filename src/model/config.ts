import { DEFAULT_LIMITS, type ReadLimits } from '../discover/limits.js';
import type { RuleLevel } from '../rules/rule.js';
import type { ConflictRule, PortRange } from './types.js';

/** `.portcullis.yml`: what a repository must tell Portcullis. Every field is optional in the file. */
export interface PortcullisConfig {
  /** Extra globs of files to read (root-relative), beside what the extractors recognize. */
  include: string[];
  /** Globs of files never to read. */
  exclude: string[];
  /** Registry files, root-relative; replaces auto-detection when non-empty. */
  registry: string[];
  /** Named scopes for repositories that describe several machines; first match wins. */
  scopes: ScopeRule[];
  ignore: IgnoreRule[];
  /** Canonical service name -> other names that mean the same service. */
  aliases: Record<string, string[]>;
  /** The severity of the rules it names (or `off`); the others keep their default. */
  rules: Partial<Record<ConflictRule, RuleLevel>>;
  /** What one run may read; every field defaults to DEFAULT_LIMITS. */
  limits: ReadLimits;
}

export interface ScopeRule {
  /** Globs of root-relative paths whose host-level claims live in this scope. */
  paths: string[];
  name: string;
  /** The stacks under these paths run together: collisions between them are errors. */
  together: boolean;
}

/** A conflict matching every given field is left out of the report. */
export interface IgnoreRule {
  rule?: ConflictRule;
  port?: PortRange;
  service?: string;
  reason: string;
}

export const EMPTY_CONFIG: PortcullisConfig = {
  include: [],
  exclude: [],
  registry: [],
  scopes: [],
  ignore: [],
  aliases: {},
  rules: {},
  limits: DEFAULT_LIMITS,
};
