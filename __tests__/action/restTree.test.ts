import { describe, expect, it } from '@jest/globals';
import { type FetchBaseFile, restBaseSnapshot } from '../../src/action/restTree.js';
import type { FileTree } from '../../src/discover/tree.js';

function memoryTree(files: Record<string, string>): FileTree & { reads: string[][] } {
  const reads: string[][] = [];
  return {
    reads,
    paths: Object.keys(files).sort(),
    async read(wanted) {
      reads.push([...wanted]);
      return { texts: new Map(wanted.filter((path) => path in files).map((path) => [path, files[path] as string])), diagnostics: [] };
    },
  };
}

const head = memoryTree({ 'ports.yml': 'head registry', 'new/compose.yml': 'added', 'web/compose.yml': 'head web', 'renamed/.env': 'moved', 'same.env': 'same' });
const atBase: Record<string, string> = { 'ports.yml': 'base registry', 'gone/compose.yml': 'removed at head', 'old/.env': 'before the move', 'bin.dat': 'a\0b' };
const files = [
  { path: 'ports.yml', status: 'modified' },
  { path: 'new/compose.yml', status: 'added' },
  { path: 'gone/compose.yml', status: 'removed' },
  { path: 'renamed/.env', status: 'renamed', previousPath: 'old/.env' },
  { path: 'bin.dat', status: 'modified' },
];

describe('restBaseSnapshot', () => {
  it("lists the base's paths: the working tree's, minus what the change added, plus what it removed or renamed away", () => {
    const snapshot = restBaseSnapshot('b'.repeat(40), head, files, async () => undefined);
    expect(snapshot.revision).toBe('b'.repeat(40));
    expect(snapshot.tree.paths).toEqual(['gone/compose.yml', 'old/.env', 'ports.yml', 'same.env', 'web/compose.yml']);
    expect([...snapshot.changed].sort()).toEqual(['bin.dat', 'gone/compose.yml', 'new/compose.yml', 'old/.env', 'ports.yml', 'renamed/.env']);
  });

  it('reads changed files through the API and unchanged ones from the working tree; a file with NUL bytes is read too, and said to be', async () => {
    const fetched: string[] = [];
    const fetchFile: FetchBaseFile = async (path) => {
      fetched.push(path);
      return path in atBase ? Buffer.from(atBase[path] as string) : undefined;
    };
    const snapshot = restBaseSnapshot('b'.repeat(40), head, files, fetchFile);
    const result = await snapshot.tree.read(['ports.yml', 'same.env', 'gone/compose.yml', 'old/.env', 'bin.dat'], 1024);
    expect(Object.fromEntries(result.texts)).toEqual({ 'ports.yml': 'base registry', 'same.env': 'same', 'gone/compose.yml': 'removed at head', 'old/.env': 'before the move', 'bin.dat': 'a\0b' });
    expect(fetched.sort()).toEqual(['bin.dat', 'gone/compose.yml', 'old/.env', 'ports.yml']);
    expect(head.reads.at(-1)).toEqual(['same.env']);
    expect(result.diagnostics).toEqual([{ file: 'bin.dat', line: 1, severity: 'warning', message: expect.stringMatching(/^holds NUL bytes/) }]);
  });

  it('turns a file GitHub could not give into a diagnostic, and an oversized one into the usual warning', async () => {
    const fetchFile: FetchBaseFile = async (path) => {
      if (path === 'ports.yml') throw Object.assign(new Error('Server Error'), { status: 502, response: { data: { message: 'Server Error' } } });
      return 'too-large';
    };
    const snapshot = restBaseSnapshot('b'.repeat(40), head, files, fetchFile);
    const result = await snapshot.tree.read(['ports.yml', 'gone/compose.yml'], 1024);
    expect(result.texts.size).toBe(0);
    expect([...result.diagnostics].sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { file: 'gone/compose.yml', severity: 'warning', message: 'file is larger than the read limit at the base: not read' },
      { file: 'ports.yml', severity: 'warning', message: 'could not be read at the base through the GitHub API (502 Server Error): its claims count as new' },
    ]);
  });
});
