// The native registry reader, as the extraction stage runs it, for tests of what fix writes.
import { nativeRegistryExtractor } from '../../src/extract/registry/native.js';
import type { ExtractResult } from '../../src/model/types.js';

export function extractNativeRegistryForTest(text: string): ExtractResult {
  return nativeRegistryExtractor.extract({ path: 'ports.yml', text }, { readFile: () => undefined, rootName: 'repo' });
}
