/**
 * Folders whose files describe nothing that runs (DESIGN "What is read"), and folders that
 * hold other people's code. Matched as whole path segments, anywhere in the path.
 */
const SKIPPED_SEGMENTS = new Set([
  'node_modules',
  'vendor',
  '.git',
  'tests',
  'test',
  '__tests__',
  'fixtures',
  'examples',
  'benches',
]);

export function isSkippedPath(path: string): boolean {
  const segments = path.split('/');
  // The last segment is the file itself: a file named `test` is not a folder of tests.
  for (let i = 0; i < segments.length - 1; i++) {
    if (SKIPPED_SEGMENTS.has(segments[i] as string)) return true;
  }
  return false;
}
