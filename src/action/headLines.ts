// On `pull_request`, actions/checkout checks out a merge commit of the head into the base,
// so the check's lines are the merge commit's; GitHub places review comments, suggestions and
// annotations on the head commit's lines, and a line the base moved would land elsewhere (a
// suggestion would overwrite the wrong line). Every line the Action names on the pull
// request is translated to the head commit's, through `git diff` of the two commits; a line
// the head does not have (the base wrote it) is named on the merge commit, never on the head.
import { changedHunks, fetchCommit, git, hasCommit } from '../discover/git.js';
import type { Hunk } from '../discover/hunks.js';
import { openRevisionTree } from '../discover/tree.js';
import type { Conflict, Diagnostic, Report, SourceLocation } from '../model/types.js';
import type { ReadLine } from './proposals.js';
import { reportInRepository, repositoryPath, rootPath } from './repositoryPaths.js';

/** Where the report's lines are on the head commit. */
export interface HeadPlacement {
  /** The report with every line that the head has moved to the head's number. */
  report: Report;
  /** `file:line` (after the move) of the places the head commit does not have. */
  offHead: ReadonlySet<string>;
  /** The head commit's text of a line, for the suggestions. */
  readHeadLine: ReadLine;
}

export const placeKey = (file: string, line: number): string => `${file}\u0000${line}`;

/** The commit checked out in `root`. */
export async function checkedOutCommit(root: string): Promise<string | undefined> {
  return git(root, ['rev-parse', '--verify', '--quiet', 'HEAD']).then(
    (sha) => sha.trim(),
    () => undefined,
  );
}

/**
 * The report placed on `headSha`, read from the clone (fetched one commit deep when the clone
 * does not hold it); a sentence when the head commit cannot be had.
 */
export async function placeOnHead(root: string, checkedOut: string, headSha: string, report: Report, maxBytes: number): Promise<HeadPlacement | { unavailable: string }> {
  if (!(await hasCommit(root, headSha)) && !(await fetchCommit(root, headSha))) {
    return { unavailable: `the pull request's head commit ${headSha.slice(0, 12)} is not in the clone and could not be fetched` };
  }
  const files = new Set<string>();
  for (const place of placesOf(report)) files.add(place.file);
  const hunks = await changedHunks(root, checkedOut, headSha, files);
  const offHead = new Set<string>();
  const move = <T extends { file: string; line: number }>(place: T): T => {
    const fileHunks = hunks.get(place.file);
    if (fileHunks === undefined) return place;
    const line = headLineOf(fileHunks, place.line);
    if (line === undefined) {
      offHead.add(placeKey(place.file, place.line));
      return place;
    }
    return { ...place, line };
  };
  const moved: Report = {
    ...report,
    conflicts: report.conflicts.map(
      (conflict): Conflict => ({ ...conflict, locations: conflict.locations.map(move), suggestions: conflict.suggestions.map(move), message: movedMessage(conflict, move) }),
    ),
    diagnostics: report.diagnostics.map((diagnostic): Diagnostic => (diagnostic.line === undefined ? diagnostic : move({ ...diagnostic, line: diagnostic.line }))),
  };
  const suggested = new Set(moved.conflicts.flatMap((conflict) => conflict.suggestions.map((suggestion) => suggestion.file)));
  const { texts } = await (await openRevisionTree(root, headSha)).read([...suggested], maxBytes);
  const lines = new Map([...texts].map(([file, text]) => [file, text.split('\n')]));
  return { report: moved, offHead, readHeadLine: (file, line) => lines.get(file)?.[line - 1]?.replace(/\r$/, '') };
}

/** The message names its claims as `service (file:line)`: those lines move too. */
function movedMessage(conflict: Conflict, move: <T extends { file: string; line: number }>(place: T) => T): string {
  const renamed = new Map<string, string>();
  for (const binding of conflict.bindings) {
    for (const place of binding.via === undefined ? [binding] : [binding, binding.via]) {
      const before = `(${place.file}:${place.line})`;
      if (renamed.has(before) || !conflict.message.includes(before)) continue;
      const after = move({ file: place.file, line: place.line });
      renamed.set(before, `(${after.file}:${after.line})`);
    }
  }
  if (renamed.size === 0) return conflict.message;
  // One pass over the `(...)` groups, so that a line moved onto another's old number is not moved twice.
  return conflict.message.replace(/\([^()]*\)/g, (group) => renamed.get(group) ?? group);
}

function placesOf(report: Report): Array<Pick<SourceLocation, 'file'>> {
  return [...report.conflicts.flatMap((conflict) => [...conflict.locations, ...conflict.suggestions]), ...report.diagnostics];
}

/**
 * The new side's number of an old side's line, from `git diff -U0` hunks (in order), or
 * undefined when the hunks changed or removed it. With no context, a hunk that removes
 * nothing names the line after which it adds (`-5,0`), and one that adds nothing the line
 * after which it removed (`+7,0`).
 */
export function headLineOf(hunks: readonly Hunk[], line: number): number | undefined {
  let shift = 0;
  for (const hunk of hunks) {
    const oldEnd = hunk.oldCount === 0 ? hunk.oldStart : hunk.oldStart + hunk.oldCount - 1;
    if (hunk.oldCount > 0 && line >= hunk.oldStart && line <= oldEnd) return undefined;
    if (line <= oldEnd) break;
    const newEnd = hunk.newCount === 0 ? hunk.newStart : hunk.newStart + hunk.newCount - 1;
    shift = newEnd - oldEnd;
  }
  return line + shift;
}

/** Where the Action names each line on the pull request, by repository paths (as GitHub names files). */
export interface Placement {
  /** The report as the pull request sees it: repository paths, on the head commit's lines where the head has them. */
  report: Report;
  /** A line's URL: the head commit's, or the checked-out commit's for a line the head does not have. */
  link: (file: string, line: number) => string;
  /** True for a place the head commit does not have: no review comment, suggestion or annotation goes there. */
  offHead: (file: string, line: number) => boolean;
  /** The text of a line that a suggestion rewrites, as the head commit has it. */
  readLine: ReadLine;
  /** Why nothing could be placed on the head commit, when it could not. */
  unavailable?: string;
}

export interface PlacementContext {
  /** The root the check ran on. */
  root: string;
  /** The root's path in the repository, '' at its top: the prefix of every path on GitHub. */
  prefix: string;
  headSha: string;
  /** `blob/<sha>/<path>#L<line>` links on a commit, by repository path. */
  linkOn: (sha: string) => (file: string, line: number) => string;
  /** The lines of the working tree (root-relative paths), for a checkout of the head itself. */
  workspaceLines: (files: readonly string[]) => Promise<ReadLine>;
  maxBytes: number;
}

/** The report as is when the head is what is checked out; moved onto the head otherwise; then in repository paths. */
export async function placeReport(report: Report, context: PlacementContext): Promise<Placement> {
  return inRepository(await placeOnHeadCommit(report, context), context.prefix);
}

/** Root-relative: `link`, `offHead` and `readLine` take the check's own paths. */
async function placeOnHeadCommit(report: Report, context: PlacementContext): Promise<Placement> {
  const onRepository = (sha: string) => {
    const link = context.linkOn(sha);
    return (file: string, line: number) => link(repositoryPath(context.prefix, file), line);
  };
  const headLink = onRepository(context.headSha);
  const checkedOut = await checkedOutCommit(context.root);
  if (checkedOut === undefined || checkedOut === context.headSha) {
    const suggested = report.conflicts.flatMap((conflict) => conflict.suggestions.map((suggestion) => suggestion.file));
    return { report, link: headLink, offHead: () => false, readLine: await context.workspaceLines(suggested) };
  }
  const mergeLink = onRepository(checkedOut);
  // Whatever goes wrong here costs the pull request its line-bound answers, never the summary or the verdict.
  const placed = await placeOnHead(context.root, checkedOut, context.headSha, report, context.maxBytes).catch((error: unknown) => ({
    unavailable: `the merge commit could not be compared with the pull request's head (${error instanceof Error ? error.message : String(error)})`,
  }));
  if ('unavailable' in placed) {
    return { report, link: mergeLink, offHead: () => true, readLine: () => undefined, unavailable: placed.unavailable };
  }
  const offHead = (file: string, line: number): boolean => placed.offHead.has(placeKey(file, line));
  return {
    report: placed.report,
    link: (file, line) => (offHead(file, line) ? mergeLink : headLink)(file, line),
    offHead,
    readLine: (file, line) => (offHead(file, line) ? undefined : placed.readHeadLine(file, line)),
  };
}

/** The placement by repository paths; a path outside the root is no place of the report. */
function inRepository(placement: Placement, prefix: string): Placement {
  if (prefix === '') return placement;
  const own = (file: string): string => rootPath(prefix, file) ?? file;
  return {
    ...placement,
    report: reportInRepository(placement.report, prefix),
    link: (file, line) => placement.link(own(file), line),
    offHead: (file, line) => rootPath(prefix, file) === undefined || placement.offHead(own(file), line),
    readLine: (file, line) => (rootPath(prefix, file) === undefined ? undefined : placement.readLine(own(file), line)),
  };
}
