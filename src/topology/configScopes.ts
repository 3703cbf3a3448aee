// The config's `scopes`: globs of files whose host-level claims live on a named machine, and
// whether the stacks under them run together.
import picomatch from 'picomatch';
import type { ScopeRule } from '../model/config.js';
import type { Binding } from '../model/types.js';

/**
 * Host-level claims of files under a configured scope's paths live in that scope (one scope
 * per machine a repository describes); stacks under a scope that says `together: true` run
 * as one, so they share one stack id and their collisions are errors.
 */
export function placeInConfiguredScopes(bindings: readonly Binding[], scopes: readonly ScopeRule[]): Binding[] {
  if (scopes.length === 0) return [...bindings];
  const rules = scopes.map((rule) => ({ ...rule, matches: picomatch([...rule.paths], { dot: true }) }));
  return bindings.map((binding) => {
    const rule = rules.find((candidate) => candidate.matches(binding.file));
    if (!rule) return binding;
    const placed: Binding = { ...binding };
    if (binding.scope === 'host') placed.scope = rule.name;
    if (rule.together && binding.stacks !== undefined) placed.stacks = [`together:${rule.name}`];
    return placed;
  });
}
