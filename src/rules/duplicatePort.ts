// duplicate-port: two or more services bind overlapping ports in one scope.
import { isFirm, uncertaintyNote } from '../detect/certainty.js';
import { compareText } from '../model/order.js';
import { describeClaims, describePorts, servicesOf } from '../detect/describe.js';
import { PartnerIndex, toClaim } from '../detect/partners.js';
import { formatPortRange } from '../model/ports.js';
import { describeStacks } from '../model/stack.js';
import type { Binding } from '../model/types.js';
import type { CollisionRule } from './rule.js';

export const duplicatePort: CollisionRule<'duplicate-port'> = {
  kind: 'collision',
  id: 'duplicate-port',
  name: 'DuplicatePort',
  defaultSeverity: 'error',
  summary: 'Two or more services bind overlapping ports in one scope.',
  description:
    'Two or more services bind overlapping ports with the same protocol and overlapping addresses in one network scope, so whichever starts second fails with "Address already in use". It is a warning when the services belong to two stacks that are alternatives, or when both claims are defaults users override.',
  help: 'Move every service but one to the proposed free port, or tell Portcullis in `.portcullis.yml` (`scopes`) that the stacks never run together.',
  onlyPossible:
    'between two stacks (which may be alternatives, unless `scopes` says they run together), between Compose profiles that never run together, between two defaults users override, where a claim only may run where it is placed, or where a published range lets the runtime pick another port',
  docs: 'README.md#rule-duplicate-port',
  proposal: 'move-newcomers',

  // The most general collision: no registry entry among the claims.
  names: ({ owners }) => owners.length === 0,

  judge({ collision, scope, protocol, displayName }) {
    const { bindings } = collision;
    const quantifier = servicesOf(bindings, displayName).length === 2 ? 'both' : 'all';
    const message = `${describePorts(collision.port, collision.endPort, protocol, scope)}: ${describeClaims(bindings, displayName)} ${quantifier} bind ${formatPortRange(collision.port, collision.endPort)}`;
    return { message, uncertainty: isCertain(bindings) ? undefined : whyPossible(bindings) };
  },
};

/**
 * A duplicate port is certain to bite where some two claims of different services that
 * overlap also meet (claimsMeet: a shared stack and profile, or either host-level), both
 * firm, and not both defaults users override by design.
 */
export function isCertain(bindings: readonly Binding[]): boolean {
  const firm = bindings.filter(isFirm).map((binding) => ({ binding, claim: toClaim(binding) }));
  const index = new PartnerIndex(
    firm.map(({ claim }) => claim),
    true,
  );
  return firm.some(({ binding, claim }) => binding.isDefault !== true && index.hasPartner(claim));
}

/** Why a duplicate port is only possible, in the words a reader needs. */
function whyPossible(bindings: readonly Binding[]): string {
  const reasons: string[] = [];
  const stacks = [...new Set(bindings.flatMap((binding) => binding.stacks ?? []))];
  if (stacks.length >= 2 && !bindings.some((binding) => binding.stacks === undefined)) {
    reasons.push(`across ${describeStacks(stacks.sort(compareText))}, which may not run together`);
  }
  const profiles = exclusiveProfiles(bindings);
  if (profiles.length >= 2) reasons.push(`in profiles ${profiles.join(' / ')}, which never run together`);
  if (bindings.some((binding) => binding.isDefault === true)) reasons.push('between defaults that users override');
  const note = reasons.length === 0 ? '' : ` (only ${reasons.join(', or ')})`;
  return note + uncertaintyNote(bindings);
}

/** The profile sets of the claims that name profiles, when no two of them share one. */
function exclusiveProfiles(bindings: readonly Binding[]): string[] {
  const sets = bindings.filter((binding) => (binding.profiles?.length ?? 0) > 0).map((binding) => [...(binding.profiles ?? [])].sort(compareText));
  const seen = new Map<string, string>();
  for (const set of sets) {
    for (const profile of set) {
      const owner = seen.get(profile);
      if (owner !== undefined && owner !== set.join(',')) return [];
    }
    for (const profile of set) seen.set(profile, set.join(','));
  }
  return [...new Set(sets.map((set) => set.join(', ')))].sort(compareText);
}
