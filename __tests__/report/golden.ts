import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from '@jest/globals';

const GOLDEN_DIR = new URL('./golden/', import.meta.url);

/**
 * Compares with the file under golden/ (or under `directory`). `UPDATE_GOLDEN=1 npm test --
 * __tests__/report` rewrites it instead; review the diff before keeping it.
 */
export function expectGolden(name: string, actual: string, directory: URL = GOLDEN_DIR): void {
  const url = new URL(name, directory);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(url, actual);
  expect(actual).toBe(readFileSync(url, 'utf8'));
}
