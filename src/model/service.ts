import type { Binding } from './types.js';

/** Service names are compared normalized: lower case, `_` and white space become `-`. */
export function normalizeServiceName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
}

/** The identity of a binding's service: compose services are qualified by their project. */
export function serviceKey(binding: Pick<Binding, 'service' | 'project'>): string {
  return binding.project === undefined ? binding.service : `${binding.project}/${binding.service}`;
}

/**
 * Two claims belong to one service when their plain names match, unless both are compose
 * services of different projects: `web` of apps/a and `web` of apps/b can collide, while
 * either still matches the registry's `web`.
 */
export function sameService(
  a: Pick<Binding, 'service' | 'project'>,
  b: Pick<Binding, 'service' | 'project'>,
): boolean {
  if (a.service !== b.service) return false;
  return a.project === undefined || b.project === undefined || a.project === b.project;
}

/**
 * A test of whether a claim belongs to any of these services, by `sameService`, that looks
 * names up instead of comparing with each: a registry may give one port to thousands.
 */
export function belongsToAnyOf(services: ReadonlyArray<Pick<Binding, 'service' | 'project'>>): (binding: Pick<Binding, 'service' | 'project'>) => boolean {
  const projectsByName = new Map<string, Set<string | undefined>>();
  for (const { service, project } of services) {
    const projects = projectsByName.get(service) ?? new Set<string | undefined>();
    projects.add(project);
    projectsByName.set(service, projects);
  }
  return (binding) => {
    const projects = projectsByName.get(binding.service);
    return projects !== undefined && (binding.project === undefined || projects.has(undefined) || projects.has(binding.project));
  };
}

/**
 * Reports show a service by its plain name; only where two distinct services share a
 * name (compose services of two projects) are they told apart as `<project>/<name>`.
 */
export function makeDisplayName(bindings: readonly Binding[]): (binding: Pick<Binding, 'service' | 'project'>) => string {
  const projectsByName = new Map<string, Set<string>>();
  for (const binding of bindings) {
    if (binding.project === undefined) continue;
    let projects = projectsByName.get(binding.service);
    if (!projects) projectsByName.set(binding.service, (projects = new Set()));
    projects.add(binding.project);
  }
  return (binding) =>
    binding.project !== undefined && (projectsByName.get(binding.service)?.size ?? 0) > 1
      ? serviceKey(binding)
      : binding.service;
}
