// Runs the source extractors as the pipeline does: the one that matches the path, prepared
// once, with a context that reads the other files of a small in-memory repository.
import { expect } from '@jest/globals';
import type { Binding, Diagnostic, Extractor } from '../../../src/model/types.js';
import { sourceExtractors } from '../../../src/extract/source/extractSource.js';

export async function prepareSourceExtractors(): Promise<void> {
  for (const extractor of sourceExtractors) await extractor.prepare?.();
}

export function extractorFor(path: string): Extractor {
  const extractor = sourceExtractors.find((candidate) => candidate.matches(path));
  if (!extractor) throw new Error(`no source extractor matches ${path}`);
  return extractor;
}

export interface Extracted {
  bindings: Binding[];
  diagnostics: Diagnostic[];
}

/** Extracts `path` from a repository of `files` (root-relative path -> text), named `rootName`. */
export function extractFrom(files: Record<string, string>, path: string, rootName = 'repo'): Extracted {
  const text = files[path];
  if (text === undefined) throw new Error(`no file ${path}`);
  return extractorFor(path).extract({ path, text }, { rootName, readFile: (name) => files[name] });
}

/** The facts a test checks, without the constant ones (scope, kind, endPort). */
export function claimsOf(bindings: readonly Binding[]): Array<Record<string, unknown>> {
  return bindings.map((binding) => {
    expect(binding.scope).toBe('host');
    expect(binding.kind).toBe('listen');
    expect(binding.endPort).toBe(binding.port);
    const { service, port, protocol, hostIp, line, column } = binding;
    const claim: Record<string, unknown> = { service, port, protocol, hostIp, line, column };
    if (binding.isDefault) claim['isDefault'] = true;
    if (binding.setting !== undefined) claim['setting'] = binding.setting;
    if (binding.variable !== undefined) claim['variable'] = binding.variable;
    return claim;
  });
}
