// The diff `fix --dry-run` prints must be one that git applies: checked with git itself.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from '../../src/fix/unifiedDiff.js';

function applyWithGit(before: string, diff: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'portcullis-diff-'));
  try {
    writeFileSync(join(folder, 'file.txt'), before);
    writeFileSync(join(folder, 'change.patch'), diff);
    execFileSync('git', ['apply', '--unsafe-paths', 'change.patch'], { cwd: folder, stdio: 'pipe' });
    return readFileSync(join(folder, 'file.txt'), 'utf8');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const lines = (count: number): string => Array.from({ length: count }, (_, index) => `line ${index + 1}`).join('\n');

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('file.txt', 'a\n', 'a\n')).toBe('');
  });

  it('gives one hunk with three lines of context for one changed line', () => {
    const before = `${lines(10)}\n`;
    const after = before.replace('line 5\n', 'line five\n');
    expect(unifiedDiff('file.txt', before, after)).toBe(
      '--- a/file.txt\n+++ b/file.txt\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n',
    );
  });

  it.each([
    ['far-apart changes (two hunks)', `${lines(40)}\n`, (text: string) => text.replace('line 3\n', 'line III\n').replace('line 30\n', 'line XXX\n')],
    ['near changes (one hunk)', `${lines(20)}\n`, (text: string) => text.replace('line 5\n', 'line V\n').replace('line 9\n', 'line IX\n')],
    ['lines added at the end of a mapping', 'services:\n  web: 8080\nother: 1\n', (text: string) => text.replace('  web: 8080\n', '  web: 8080\n  api: 8081\n  worker: 9100\n')],
    ['a last line without a newline', 'a: 1\nb: 2', (text: string) => text.replace('b: 2', 'b: 3')],
    ['lines added to a file without a final newline', 'services:\n  web: 8080', (text: string) => `${text}\n  api: 8081\n`],
    ['CRLF line endings', 'a: 1\r\nb: 2\r\n', (text: string) => text.replace('b: 2', 'b: 3')],
    ['the first and the last line', `${lines(5)}\n`, (text: string) => text.replace('line 1\n', 'first\n').replace('line 5\n', 'last\n')],
  ])('applies with git apply: %s', (_name, before, change) => {
    const after = change(before);
    expect(applyWithGit(before, unifiedDiff('file.txt', before, after))).toBe(after);
  });

  it('gives one hunk per far-apart change in a long file', () => {
    const before = `${lines(50_000)}\n`;
    const after = before.replace('line 100\n', 'line C\n').replace('line 40000\n', 'line XL\n');
    const diff = unifiedDiff('file.txt', before, after);
    expect(diff.match(/^@@/gm)).toHaveLength(2);
  });
});
