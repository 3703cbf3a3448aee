// What the fake serves about commits (pull request files with patches, contents at a ref,
// comparisons, a commit's parent) comes from a real git repository, as GitHub's would.
import { execFileSync } from 'node:child_process';

export interface GitHubFile {
  sha: string;
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

export class GitSource {
  /** Comparisons of two commit ids, which never change: a list of thousands is asked for page by page. */
  private readonly comparisons = new Map<string, GitHubFile[]>();

  constructor(private readonly cwd: string) {}

  private git(args: string[]): string {
    return execFileSync('git', args, { cwd: this.cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  }

  /**
   * The files a comparison changed, as `pulls.listFiles` and the compare API list them (three-dot:
   * from the merge base). One `git diff` for all of them: a pull request may change thousands.
   */
  files(base: string, head: string): GitHubFile[] {
    const immutable = /^[0-9a-f]{40}$/.test(base) && /^[0-9a-f]{40}$/.test(head);
    const known = immutable ? this.comparisons.get(`${base}...${head}`) : undefined;
    if (known) return known;
    const files = this.compare(base, head);
    if (immutable) this.comparisons.set(`${base}...${head}`, files);
    return files;
  }

  private compare(base: string, head: string): GitHubFile[] {
    const mergeBase = this.git(['merge-base', base, head]).trim();
    const records = this.git(['diff', '--name-status', '-z', '-M', mergeBase, head]).split('\0').filter((part) => part !== '');
    // The patches come in the same order as the names: split at each file's header.
    const patches = this.git(['diff', '-M', '--no-color', '--no-ext-diff', mergeBase, head]).split(/^diff --git /m).slice(1);
    const blobs = new Map(
      this.git(['ls-tree', '-r', '-z', head])
        .split('\0')
        .filter((entry) => entry !== '')
        .map((entry) => [entry.slice(entry.indexOf('\t') + 1), entry.split(' ')[2] ?? ''] as const),
    );
    const files: GitHubFile[] = [];
    for (let index = 0; index < records.length; ) {
      const code = records[index++] as string;
      const renamed = code.startsWith('R');
      const previous = renamed ? (records[index++] as string) : undefined;
      const filename = records[index++] as string;
      const status = renamed ? 'renamed' : code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified';
      const diff = patches[files.length] ?? '';
      const hunks = diff.indexOf('\n@@');
      const patch = hunks < 0 ? undefined : diff.slice(hunks + 1).replace(/\n$/, '');
      const lines = patch?.split('\n') ?? [];
      const additions = lines.filter((line) => line.startsWith('+')).length;
      const deletions = lines.filter((line) => line.startsWith('-')).length;
      files.push({
        sha: status === 'removed' ? '0'.repeat(40) : (blobs.get(filename) ?? ''),
        filename,
        status,
        additions,
        deletions,
        changes: additions + deletions,
        ...(patch === undefined ? {} : { patch }),
        ...(previous === undefined ? {} : { previous_filename: previous }),
      });
    }
    return files;
  }

  /** `120000` for a symbolic link, `100644` for a file, ...; undefined when the path is not in the commit. */
  mode(ref: string, path: string): string | undefined {
    try {
      const entry = execFileSync('git', ['ls-tree', '-z', ref, '--', path], { cwd: this.cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return entry === '' ? undefined : entry.split(' ')[0];
    } catch {
      return undefined;
    }
  }

  /** A file's bytes at a commit, or undefined when it is not there. */
  content(ref: string, path: string): Buffer | undefined {
    try {
      return execFileSync('git', ['cat-file', 'blob', `${ref}:${path}`], { cwd: this.cwd, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
  }

  parents(ref: string): string[] {
    return this.git(['rev-list', '--parents', '-n', '1', ref]).trim().split(' ').slice(1);
  }

  resolve(ref: string): string {
    return this.git(['rev-parse', '--verify', `${ref}^{commit}`]).trim();
  }
}

/**
 * The head-side lines GitHub lets a review comment on: every `+` and context line after a
 * hunk header. Written independently of the Action's own parser, as the test's oracle.
 */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  let line = 0;
  for (const row of (patch ?? '').split('\n')) {
    const header = /^@@ [^+]*\+(\d+)/.exec(row);
    if (header) line = Number(header[1]);
    else if (line > 0 && (row.startsWith('+') || row.startsWith(' '))) lines.add(line++);
  }
  return lines;
}
