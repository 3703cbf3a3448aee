#!/usr/bin/env node
// Tags a release that teams can pin: vX.Y.Z, and the major tag vX moved to it.
//
//   node scripts/release.mjs [VERSION] [--dry-run] [--between-releases] [--notes-file FILE]
//
// VERSION is X.Y.Z or vX.Y.Z (default: package.json's version). It refuses when the tag is
// not vMAJOR.MINOR.PATCH, package.json says another version, CHANGELOG.md has no dated
// section for it (or still lists entries under [Unreleased]), action.yml is not ready for
// the Marketplace, the working tree has uncommitted changes, dist/ differs from a fresh
// build, or the tag already names another commit. Otherwise it creates the annotated tag on
// HEAD and moves the major tag (never back to an older release), locally: pushing is the
// release workflow's job. --dry-run prints what it would do and changes nothing.
// --between-releases is what CI runs on every push: the state of the moment (uncommitted
// changes, [Unreleased] entries, the version already tagged earlier) is reported, not refused.
// --notes-file writes the version's CHANGELOG section, the GitHub release's notes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { actionProblems, changelogVerdict, compareVersions, releaseVersion, versionOf } from './release-checks.mjs';

function parseArgs(argv) {
  const options = { dryRun: false, betweenReleases: false, notesFile: undefined, version: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dry-run') options.dryRun = true;
    else if (arg === '--between-releases') options.betweenReleases = true;
    else if (arg === '--notes-file' && argv[i + 1] !== undefined) options.notesFile = argv[++i];
    else if (!arg.startsWith('-') && options.version === undefined) options.version = arg;
    else throw new UsageError(`unknown argument '${arg}'`);
  }
  // Between releases only a dry run makes sense: the checks are relaxed.
  if (options.betweenReleases) options.dryRun = true;
  return options;
}

class UsageError extends Error {}

function gitIn(root) {
  // trimEnd, not trim: `git status --porcelain` starts a line with a blank.
  return (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trimEnd();
}

/** The commit a tag names, or undefined when there is no such tag. */
function tagCommit(git, tag) {
  try {
    return git('rev-parse', '--verify', '--quiet', `refs/tags/${tag}^{commit}`);
  } catch {
    return undefined;
  }
}

function filesUnder(folder) {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(folder, path).split('\\').join('/'), path);
    }
  };
  if (existsSync(folder)) walk(folder);
  return files;
}

/** dist/ against a fresh build into a scratch folder, byte for byte and executable bit. */
function distProblems(root) {
  const scratch = mkdtempSync(join(tmpdir(), 'portcullis-release-'));
  try {
    const fresh = join(scratch, 'dist');
    try {
      execFileSync(process.execPath, ['scripts/build.mjs', '--outdir', fresh], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // The error without its stack, which says where in the build script and not why.
      const said = `${error.stderr ?? ''}`.split('\n').filter((line) => line.trim() !== '' && !/^\s+at |^Node\.js v/.test(line));
      const output = said.slice(-5).join('\n');
      return [`the build failed, so dist/ cannot be compared:\n${output}`];
    }
    const built = filesUnder(fresh);
    const committed = filesUnder(join(root, 'dist'));
    const stale = [];
    for (const [name, path] of built) {
      const other = committed.get(name);
      if (other === undefined) stale.push(`dist/${name} is built but not committed`);
      else if (!readFileSync(path).equals(readFileSync(other))) stale.push(`dist/${name} differs from the build`);
      else if ((statSync(path).mode & 0o111) !== (statSync(other).mode & 0o111)) stale.push(`dist/${name} differs in its executable bit`);
    }
    for (const name of committed.keys()) if (!built.has(name)) stale.push(`dist/${name} is committed but the build makes none`);
    if (stale.length === 0) return [];
    return [`dist/ is stale: run 'npm run build' and commit dist/ (${listed(stale)})`];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const listed = (items, most = 5) => items.slice(0, most).join('; ') + (items.length > most ? `; and ${items.length - most} more` : '');

/** Every check, and the tags a release from HEAD would make. */
function plan(root, options) {
  const git = gitIn(root);
  const refusals = [];
  const notes = [];
  // A state that is normal on main between releases: refused only when releasing.
  const stateOfTheMoment = (message) => (options.betweenReleases ? notes : refusals).push(message);

  const packageVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
  const { parts, version, tag, major, problems } = releaseVersion(options.version ?? packageVersion, packageVersion);
  refusals.push(...problems);

  const changelogPath = join(root, 'CHANGELOG.md');
  const changelog = changelogVerdict(existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : undefined, parts ? version : undefined);
  refusals.push(...changelog.problems);
  if (changelog.unreleased !== undefined) stateOfTheMoment(changelog.unreleased);
  const releaseNotes = changelog.releaseNotes;

  const actionPath = ['action.yml', 'action.yaml'].map((name) => join(root, name)).find(existsSync);
  if (!actionPath) refusals.push('there is no action.yml at the root, where the Marketplace looks');
  else {
    const isTracked = (path) => git('ls-files', '--', path) !== '';
    refusals.push(...actionProblems(readFileSync(actionPath, 'utf8'), isTracked));
  }

  const changes = git('status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);
  if (changes.length > 0) stateOfTheMoment(`the working tree has uncommitted changes (${listed(changes.map((line) => line.slice(3)))}): a tag names a commit, so commit or stash them`);

  refusals.push(...distProblems(root));

  const head = git('rev-parse', 'HEAD');
  const actions = [];
  if (parts) {
    const existing = tagCommit(git, tag);
    if (existing === undefined) actions.push({ args: ['tag', '--annotate', tag, '--message', `Portcullis ${tag}`, head], says: `create the annotated tag ${tag} at ${head.slice(0, 12)}` });
    else if (existing === head) notes.push(`${tag} already names this commit (${head.slice(0, 12)}): it is kept as it is`);
    else stateOfTheMoment(`${tag} already names another commit (${existing.slice(0, 12)}): a release tag never moves, so release a new version`);

    // The major tag follows the newest release of its line, never back to an older one.
    const newest = git('tag', '--list', `${major}.*`)
      .split('\n')
      .map(versionOf)
      .filter((other) => other && other[0] === parts[0])
      .sort(compareVersions)
      .at(-1);
    if (newest && compareVersions(newest, parts) > 0) notes.push(`${major} stays where it is: v${newest.join('.')} is newer than ${tag}`);
    else if (tagCommit(git, major) === head) notes.push(`${major} already names this commit`);
    else actions.push({ args: ['tag', '--force', '--annotate', major, '--message', `Portcullis ${major}: ${tag}`, head], says: `move ${major} to ${tag} (force)` });
  }
  return { tag, refusals, notes, actions, releaseNotes };
}

function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`release: ${error.message}\nusage: node scripts/release.mjs [VERSION] [--dry-run] [--between-releases] [--notes-file FILE]`);
    return 2;
  }
  let root;
  try {
    root = gitIn(process.cwd())('rev-parse', '--show-toplevel');
  } catch {
    console.error('release: not inside a git repository');
    return 2;
  }
  const { tag, refusals, notes, actions, releaseNotes } = plan(root, options);
  const mode = options.betweenReleases ? ' (dry run, between releases)' : options.dryRun ? ' (dry run)' : '';
  console.log(`release ${tag}${mode}`);
  for (const note of notes) console.log(`  note: ${note}`);
  if (refusals.length > 0) {
    for (const refusal of refusals) console.error(`  refused: ${refusal}`);
    return 1;
  }
  if (options.notesFile !== undefined && releaseNotes !== undefined) writeFileSync(options.notesFile, releaseNotes);
  const git = gitIn(root);
  for (const action of actions) {
    if (options.dryRun) console.log(`  would ${action.says}: git ${action.args.map((arg) => (/\s/.test(arg) ? `'${arg}'` : arg)).join(' ')}`);
    else {
      git(...action.args);
      console.log(`  did ${action.says}`);
    }
  }
  if (options.dryRun) {
    console.log(`  would push nothing: the release workflow pushes ${tag} and the major tag and creates the GitHub release with these notes:\n`);
    console.log((releaseNotes ?? '').replace(/^/gm, '    ').trimEnd());
  } else {
    console.log(`  next: git push origin ${tag}; the release workflow checks it again, moves the major tag on GitHub and creates the release`);
  }
  return 0;
}

process.exitCode = main();
