// What a rule is: its documentation (one place for the id, severity, SARIF name, texts and
// docs anchor) and its detection. Two kinds share the engine of src/detect/: collision rules
// judge a set of claims that overlap in one scope, binding rules judge one claim against the
// registry.
import type { Collision } from '../detect/collisions.js';
import type { DisplayName } from '../detect/describe.js';
import type { RegistryIndex } from '../detect/registryIndex.js';
import type { Binding, Protocol, Severity } from '../model/types.js';

/** What `.portcullis.yml`'s `rules:` may set a rule to. */
export type RuleLevel = Severity | 'off';

/** Which claims of a conflict the allocator moves, and where. */
export type ProposalKind =
  /** Every service but the incumbent (the registry's owner, else the earliest holder). */
  | 'move-newcomers'
  /** Every claim of the conflict, to a free port that keeps the rule. */
  | 'move-claims'
  /** Back to the service's registered port. */
  | 'registered-port'
  | 'none';

export interface RuleDocs<Id extends string = string> {
  id: Id;
  /** PascalCase, as SARIF viewers show a rule's name. */
  name: string;
  /**
   * The severity of a certain conflict of this rule unless `.portcullis.yml` sets another. A
   * conflict that is only possible (see RuleJudgement) is a warning whatever the level.
   */
  defaultSeverity: Severity;
  /** One sentence: what the rule finds. */
  summary: string;
  /** What it means and why it matters. */
  description: string;
  /** How to fix it, in Markdown. */
  help: string;
  /**
   * Where a conflict of this rule is only possible, and so a warning whatever its level
   * (`between stacks that may be alternatives, ...`), for the docs; absent when every
   * conflict it finds is certain.
   */
  onlyPossible?: string;
  /** Where the README documents it: `README.md#rule-<id>`, relative to Portcullis's own repository. */
  docs: string;
  /**
   * How the one-line verdict ends when the conflict has one service (`web binds 3000, which
   * the registry reserves`); none where the rule always names several services.
   */
  reason?: string;
  proposal: ProposalKind;
}

/** What a rule concludes about the claims it found. */
export interface RuleJudgement {
  message: string;
  /**
   * Why the conflict is only possible (alternative stacks, defaults users override, a claim
   * that only may run there), as a note the message gains where the rule's level is error;
   * undefined when it is certain. Only a certain conflict is ever an error.
   */
  uncertainty: string | undefined;
}

/** One collision (claims of different services on overlapping ports of one scope) as a collision rule sees it. */
export interface CollisionCase {
  collision: Collision;
  scope: string;
  protocol: Protocol;
  displayName: DisplayName;
  /** The registry's entries among the colliding claims. */
  entries: Binding[];
  /** Their services (display names, deduplicated). */
  owners: string[];
}

export interface CollisionRule<Id extends string = string> extends RuleDocs<Id> {
  kind: 'collision';
  /** True for the collisions this rule names; the collision rules divide all collisions between them. */
  names(found: CollisionCase): boolean;
  judge(found: CollisionCase): RuleJudgement;
}

/** One claim (or one registry entry) as a binding rule sees it, with the registry's lookups. */
export interface ClaimCase {
  binding: Binding;
  registry: RegistryIndex;
  /** The registry entries of the claim's service that speak for its machine. */
  entries: readonly Binding[];
  /** Those of them that overlap the claim's ports. */
  matching: readonly Binding[];
  /** True when the claim is part of a collision that is reported: that conflict moves it already. */
  collides: boolean;
}

/** A claim that breaks a binding rule, on these ports. */
export interface Finding {
  port: number;
  endPort: number;
  /** The rule's detail for the sentence: registered ports, reserved range, category range. */
  detail: string;
  /** Undefined when the finding is certain, else why it is only possible (see RuleJudgement). */
  uncertainty: string | undefined;
}

/** What a binding rule's sentence is made of, for the claims of one scope that break it on the same ports. */
export interface FindingsSummary {
  /** `grafana (compose.yml:12) and embed (ports.yml:4)` */
  claims: string;
  /** How many services the claims belong to. */
  services: number;
  /** `3000` or `3000-3010` */
  ports: string;
  /** The findings' details, joined. */
  details: string;
}

export interface BindingRule<Id extends string = string> extends RuleDocs<Id> {
  kind: 'binding';
  /** What a claim of a host-like scope breaks (the registry speaks for machines, not a container's own ports). */
  findIn(claim: ClaimCase): Finding[];
  /** What a registry entry breaks by itself. */
  findInEntry?(entry: Binding, registry: RegistryIndex): Finding[];
  /** The sentence after `3000/tcp on host: `. */
  sentence(summary: FindingsSummary): string;
}

export type Rule<Id extends string = string> = CollisionRule<Id> | BindingRule<Id>;
