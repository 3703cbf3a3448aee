import { describe, expect, it } from '@jest/globals';
import { addedLines, addedLinesByFile, diffLinesByFile, rightSideLines } from '../../src/action/diffLines.js';
import { scratchRepo } from '../helpers/scratchRepo.js';

describe('rightSideLines', () => {
  it('gives the added and context lines of every hunk, numbered on the head side', () => {
    const patch = [
      '@@ -1,4 +1,5 @@ services:',
      ' services:',
      '   web:',
      '-    image: web:1',
      '+    image: web:2',
      '+    restart: always',
      '     ports:',
      '@@ -20,3 +21,2 @@ volumes:',
      ' a: {}',
      '-b: {}',
      ' c: {}',
    ].join('\n');
    expect([...rightSideLines(patch)]).toEqual([1, 2, 3, 4, 5, 21, 22]);
    // What the change wrote, for annotations: the context around it is no line it touched.
    expect([...addedLines(patch)]).toEqual([3, 4]);
    expect(addedLinesByFile([{ filename: 'a.yml', patch }, { filename: 'b.bin' }, { filename: 'c.yml', status: 'removed', patch }])).toEqual(new Map([['a.yml', new Set([3, 4])], ['b.bin', new Set()]]));
  });

  it('reads a new file, a hunk header without counts, and a missing newline at the end', () => {
    expect([...rightSideLines('@@ -0,0 +1,3 @@\n+a\n+b\n+c')]).toEqual([1, 2, 3]);
    expect([...rightSideLines('@@ -1 +1 @@\n-old\n+new\n\\ No newline at end of file')]).toEqual([1]);
  });

  it('counts an empty context line whose single space a tool trimmed, and nothing past a hunk', () => {
    expect([...rightSideLines('@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n')]).toEqual([1, 2, 3]);
  });

  it('gives nothing for a deleted file', () => {
    expect([...rightSideLines('@@ -1,2 +0,0 @@\n-a\n-b')]).toEqual([]);
  });

  it('agrees with git on a real diff: every line git shows as added or context', () => {
    const repo = scratchRepo();
    try {
      const before = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
      repo.write({ 'f.txt': `${before.join('\n')}\n` });
      const base = repo.commit('base');
      const after = [...before];
      after.splice(2, 1, 'changed 3', 'inserted');
      after.splice(30, 2);
      repo.write({ 'f.txt': `${after.join('\n')}\n` });
      repo.commit('head');
      const diff = repo.git('diff', base, 'HEAD', '--', 'f.txt');
      const lines = rightSideLines(diff.slice(diff.indexOf('@@')));
      // git's default context is 3 lines around each change.
      expect([...lines]).toEqual([1, 2, 3, 4, 5, 6, 7, 28, 29, 30, 31, 32, 33]);
      for (const line of lines) expect(after[line - 1]).toBeDefined();
    } finally {
      repo.dispose();
    }
  });
});

describe('diffLinesByFile', () => {
  it('maps each file to its lines; a removed file is left out and a file without a patch has none', () => {
    const byFile = diffLinesByFile([
      { filename: 'a.yml', status: 'added', patch: '@@ -0,0 +1,2 @@\n+x\n+y' },
      { filename: 'logo.png', status: 'modified' },
      { filename: 'gone.yml', status: 'removed', patch: '@@ -1 +0,0 @@\n-x' },
    ]);
    expect([...byFile.entries()].map(([file, lines]) => [file, [...lines]])).toEqual([
      ['a.yml', [1, 2]],
      ['logo.png', []],
    ]);
  });
});
