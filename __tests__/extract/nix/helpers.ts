import { readFileSync } from 'node:fs';
import { extractNixModule } from '../../../src/extract/nix/extractNixModule.js';
import type { Binding, ExtractResult } from '../../../src/model/types.js';

export function fixture(path: string): string {
  return readFileSync(new URL(`fixtures/${path}`, import.meta.url), 'utf8');
}

export function extractLines(path: string, lines: readonly string[]): ExtractResult {
  return extractNixModule({ path, text: lines.join('\n') });
}

/** `service host:port/protocol @line:column setting (default)`. */
export function brief(binding: Binding): string {
  const flags = [binding.isDefault ? 'default' : '', binding.stacks === undefined ? '' : `stack=${binding.stacks.join('+')}`].filter((flag) => flag !== '');
  const suffix = flags.length > 0 ? ` (${flags.join(', ')})` : '';
  return `${binding.service} ${binding.hostIp ?? '*'}:${binding.port}/${binding.protocol} @${binding.line}:${binding.column} ${binding.setting ?? '-'}${suffix}`;
}

export function problems(result: ExtractResult): string[] {
  return result.diagnostics.map((d) => `${d.severity} ${d.line ?? '-'}:${d.column ?? '-'} ${d.message}`);
}
