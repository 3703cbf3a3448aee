// scripts/release.mjs on scratch repositories shaped like this one: package.json, CHANGELOG.md,
// action.yml, and a dist/ made by scripts/build.mjs (here a small stand-in that takes the
// same --outdir), so each refusal and the tags are tested without the real build. The checks
// of one file's text (release-checks.mjs) are called directly, case by case; each kind of
// refusal also goes through the script once.
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { actionProblems, changelogVerdict, releaseVersion } from '../../scripts/release-checks.mjs';
import { SCRATCH_GIT_ENV, type ScratchRepo, scratchRepo } from '../helpers/scratchRepo.js';

const script = resolve('scripts/release.mjs');

const BUILD = `// The stand-in build: dist/index.js from src/main.txt, and an executable dist/cli.js.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const flag = process.argv.indexOf('--outdir');
const outdir = flag === -1 ? 'dist' : process.argv[flag + 1];
mkdirSync(outdir, { recursive: true });
writeFileSync(join(outdir, 'index.js'), '// built\\n' + readFileSync('src/main.txt', 'utf8'));
writeFileSync(join(outdir, 'cli.js'), '#!/usr/bin/env node\\n');
chmodSync(join(outdir, 'cli.js'), 0o755);
`;

const ACTION = `name: Portcullis
description: Finds the network-port collisions a pull request brings and proposes free ports.
branding:
  icon: shield
  color: orange
runs:
  using: node24
  main: dist/index.js
`;

const changelog = (...sections: string[]): string => ['# Changelog', '', ...sections].join('\n');
const CHANGELOG = changelog('## [Unreleased]', '', '## [1.2.3] - 2026-12-01', '', '### Added', '', '- The first thing.', '');

// Each case runs node and git several times: on a shared machine that takes seconds.
const SLOW = 120_000;

let repo: ScratchRepo | undefined;
afterEach(() => repo?.dispose());

/** A repository ready to release 1.2.3: every file as a release wants it, committed. */
function releasable(files: Record<string, string> = {}): ScratchRepo {
  repo = scratchRepo();
  repo.write({
    'package.json': '{ "name": "portcullis", "version": "1.2.3" }\n',
    'CHANGELOG.md': CHANGELOG,
    'action.yml': ACTION,
    'src/main.txt': 'hello\n',
    'scripts/build.mjs': BUILD,
    ...files,
  });
  build(repo);
  repo.commit('release 1.2.3');
  return repo;
}

function build(target: ScratchRepo): void {
  const child = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: target.root, encoding: 'utf8' });
  expect(child.stderr).toBe('');
}

function release(target: ScratchRepo, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const home = dirname(target.root);
  const env = { ...process.env, ...SCRATCH_GIT_ENV, HOME: home };
  const child = spawnSync(process.execPath, [script, ...args], { cwd: target.root, encoding: 'utf8', env });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

const tags = (target: ScratchRepo): string => target.git('tag', '--list').trim();
const commitOf = (target: ScratchRepo, ref: string): string => target.git('rev-parse', `${ref}^{commit}`).trim();

describe('release --dry-run', () => {
  it("passes a releasable commit, says which tags it would make and prints the CHANGELOG section, and makes none", () => {
    const target = releasable();
    const result = release(target, '--dry-run');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('release v1.2.3 (dry run)');
    expect(result.stdout).toContain('would create the annotated tag v1.2.3');
    expect(result.stdout).toContain('would move v1 to v1.2.3 (force)');
    expect(result.stdout).toContain('- The first thing.');
    expect(tags(target)).toBe('');
  });

  it('takes the version from package.json, or as X.Y.Z or vX.Y.Z', () => {
    for (const asked of ['1.2.3', 'v1.2.3']) expect(releaseVersion(asked, '1.2.3')).toEqual({ parts: [1, 2, 3], version: '1.2.3', tag: 'v1.2.3', major: 'v1', problems: [] });
    const target = releasable();
    const result = release(target, 'v1.2.3', '--dry-run');
    expect({ status: result.status, first: result.stdout.split('\n')[0] }).toEqual({ status: 0, first: 'release v1.2.3 (dry run)' });
  });

  it('refuses a stale dist/: a file that differs, one the build no longer makes, one it makes that is not committed, a lost executable bit', () => {
    const target = releasable();
    target.write({ 'src/main.txt': 'changed\n', 'dist/old.js': '// gone from the build\n' });
    target.commit('source changed, dist/ not rebuilt');
    let result = release(target, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("refused: dist/ is stale: run 'npm run build' and commit dist/");
    expect(result.stderr).toContain('dist/index.js differs from the build');
    expect(result.stderr).toContain('dist/old.js is committed but the build makes none');
    expect(result.stdout).not.toContain('would create');

    build(target);
    target.remove('dist/old.js');
    target.remove('dist/cli.js');
    target.commit('dist/cli.js lost');
    result = release(target, '--dry-run');
    expect(result.stderr).toContain('dist/cli.js is built but not committed');

    build(target);
    target.commit('dist/ rebuilt');
    target.git('update-index', '--chmod=-x', 'dist/cli.js');
    target.git('commit', '-q', '-m', 'dist/cli.js not executable');
    target.git('checkout', '--', 'dist/cli.js');
    result = release(target, '--dry-run');
    expect(result.stderr).toContain('dist/cli.js differs in its executable bit');
  }, SLOW);

  it('refuses when the build fails, with its error', () => {
    const target = releasable();
    target.write({ 'scripts/build.mjs': "throw new Error('esbuild: no such file');\n" });
    target.commit('a broken build');
    const result = release(target, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('the build failed, so dist/ cannot be compared');
    expect(result.stderr).toContain('esbuild: no such file');
  });

  it('refuses uncommitted changes, untracked files included', () => {
    const target = releasable();
    target.write({ 'notes.txt': 'draft\n' });
    const result = release(target, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refused: the working tree has uncommitted changes (notes.txt)');
  });

  it('refuses a version CHANGELOG.md has no section for, a section without a date or without entries, and no CHANGELOG.md', () => {
    const cases: Array<[string | undefined, string]> = [
      [changelog('## [1.2.2] - 2026-11-01', '', '- Older.', ''), "CHANGELOG.md has no section '## [1.2.3] - YYYY-MM-DD'"],
      [changelog('## [1.2.3]', '', '- Undated.', ''), "CHANGELOG.md's section for 1.2.3 needs its date: '## [1.2.3] - YYYY-MM-DD'"],
      [changelog('## [1.2.3] - 2026-12-01', '', '### Added', '', '## [1.2.2] - 2026-11-01', '', '- Older.', ''), "CHANGELOG.md's section for 1.2.3 lists nothing"],
      [undefined, 'there is no CHANGELOG.md'],
    ];
    for (const [text, refusal] of cases) expect(changelogVerdict(text, '1.2.3')).toEqual({ problems: [refusal], unreleased: undefined, releaseNotes: undefined });
    expect(changelogVerdict(CHANGELOG, '1.2.3')).toEqual({ problems: [], unreleased: undefined, releaseNotes: '### Added\n\n- The first thing.\n' });

    // Through the script: the file as the release reads it.
    const target = releasable();
    target.remove('CHANGELOG.md');
    target.commit('no changelog');
    const result = release(target, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refused: there is no CHANGELOG.md');
  });

  it('refuses a tag that is not vMAJOR.MINOR.PATCH, and a package.json of another version', () => {
    for (const tag of ['v1.2', '1.2.3-rc.1', 'v01.2.3', 'release-1.2.3']) {
      expect({ tag, problems: releaseVersion(tag, '1.2.3').problems }).toEqual({ tag, problems: [`'${tag}' is not a release tag: vMAJOR.MINOR.PATCH, like v1.0.0`] });
    }
    expect(releaseVersion('1.3.0', '1.2.3').problems).toEqual(["package.json's version is 1.2.3, not 1.3.0: set it with 'npm version 1.3.0 --no-git-tag-version'"]);

    const target = releasable();
    const result = release(target, 'v1.2', '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("refused: 'v1.2' is not a release tag: vMAJOR.MINOR.PATCH");
  });

  it('refuses action.yml metadata the Marketplace rejects or that cannot run', () => {
    const cases: Array<[string, string]> = [
      [ACTION.replace('icon: shield', 'icon: coffee'), "action.yml's branding.icon 'coffee' is not one of the Feather icons GitHub accepts"],
      [ACTION.replace('icon: shield', 'icon: github'), "action.yml's branding.icon 'github' is not one of the Feather icons GitHub accepts"],
      [ACTION.replace('color: orange', 'color: pink'), "action.yml's branding.color 'pink' is not one of white, black, yellow, blue, green, orange, red, purple, gray-dark"],
      [ACTION.replace(/^description: .*$/m, `description: ${'x'.repeat(125)}`), "action.yml's description has 125 characters; the Marketplace takes fewer than 125"],
      [ACTION.replace(/^name: .*\n/m, ''), 'action.yml needs a name'],
      [ACTION.replace('using: node24', 'using: node20'), "action.yml's runs.using is 'node20', not node24"],
      [ACTION.replace('main: dist/index.js', 'main: dist/main.js'), "action.yml's runs.main dist/main.js is not a committed file"],
    ];
    const committed = (path: string) => path === 'dist/index.js';
    for (const [text, refusal] of cases) expect({ refusal, problems: actionProblems(text, committed) }).toEqual({ refusal, problems: [refusal] });
    expect(actionProblems(ACTION.replace(/branding:\n.*\n.*\n/, ''), committed)).toEqual([
      "action.yml's branding.icon '' is not one of the Feather icons GitHub accepts",
      "action.yml's branding.color '' is not one of white, black, yellow, blue, green, orange, red, purple, gray-dark",
    ]);
    expect(actionProblems('name: [', committed)).toEqual([expect.stringMatching(/^action\.yml is not valid YAML: /)]);
    expect(actionProblems(ACTION, committed)).toEqual([]);

    // Through the script, whose git says what is committed: a main that is not.
    const target = releasable({ 'action.yml': ACTION.replace('main: dist/index.js', 'main: dist/main.js') });
    const result = release(target, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("refused: action.yml's runs.main dist/main.js is not a committed file");
  });

  it('refuses entries under [Unreleased]: a release would ship them without naming them', () => {
    const target = releasable({ 'CHANGELOG.md': CHANGELOG.replace('## [Unreleased]\n', '## [Unreleased]\n\n### Changed\n\n- Landed after the section was written.\n') });
    const result = release(target, '--dry-run');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refused: CHANGELOG.md lists 1 entries under [Unreleased]: a release ships them, so move them under [1.2.3]');
  });
});

describe('release --dry-run --between-releases (CI on every push)', () => {
  it('reports uncommitted changes, [Unreleased] entries and a version already tagged earlier, and still refuses a stale dist/', () => {
    const target = releasable();
    target.git('tag', '--annotate', 'v1.2.3', '--message', 'v1.2.3');
    target.write({ 'CHANGELOG.md': CHANGELOG.replace('## [Unreleased]\n', '## [Unreleased]\n\n- Next.\n') });
    target.commit('after the release');
    target.write({ 'work.txt': 'in progress\n' });
    let result = release(target, '--dry-run', '--between-releases');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('note: CHANGELOG.md lists 1 entries under [Unreleased]');
    expect(result.stdout).toContain('note: the working tree has uncommitted changes (work.txt)');
    expect(result.stdout).toMatch(/note: v1\.2\.3 already names another commit \([0-9a-f]{12}\): a release tag never moves/);

    target.write({ 'src/main.txt': 'changed\n' });
    result = release(target, '--dry-run', '--between-releases');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('dist/index.js differs from the build');
  }, SLOW);
});

describe('release (tags made locally)', () => {
  it('creates the annotated tag and the major tag on HEAD, and writes the notes', () => {
    const target = releasable();
    const notes = join(dirname(target.root), 'notes.md');
    const result = release(target, '--notes-file', notes);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('did create the annotated tag v1.2.3');
    expect(result.stdout).toContain('next: git push origin v1.2.3');
    const head = commitOf(target, 'HEAD');
    expect(target.git('cat-file', '-t', 'v1.2.3').trim()).toBe('tag');
    expect(target.git('cat-file', '-t', 'v1').trim()).toBe('tag');
    expect([commitOf(target, 'v1.2.3'), commitOf(target, 'v1')]).toEqual([head, head]);
    expect(readFileSync(notes, 'utf8')).toBe('### Added\n\n- The first thing.\n');
  });

  it('keeps a tag that already names HEAD (the workflow of a pushed tag), and refuses one that names another commit', () => {
    const target = releasable();
    target.git('tag', 'v1.2.3');
    let result = release(target);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('note: v1.2.3 already names this commit');
    expect(commitOf(target, 'v1')).toBe(commitOf(target, 'HEAD'));

    target.commit('one more commit');
    result = release(target);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('refused: v1.2.3 already names another commit');
    expect(commitOf(target, 'v1.2.3')).toBe(commitOf(target, 'HEAD~1'));
  }, SLOW);

  it('moves the major tag forward to a newer release, never back to an older one', () => {
    const target = releasable();
    expect(release(target).status).toBe(0);
    const first = commitOf(target, 'HEAD');

    const bump = (version: string, date: string): void => {
      target.write({
        'package.json': `{ "name": "portcullis", "version": "${version}" }\n`,
        'CHANGELOG.md': CHANGELOG.replace('## [1.2.3]', `## [${version}] - ${date}\n\n- Release ${version}.\n\n## [1.2.3]`),
      });
    };
    bump('1.3.0', '2026-12-02');
    target.commit('release 1.3.0');
    expect(release(target).status).toBe(0);
    const second = commitOf(target, 'HEAD');
    expect(commitOf(target, 'v1')).toBe(second);

    // A fix for the 1.2 line, released from a branch of v1.2.3 after 1.3.0.
    target.git('checkout', '-q', '-b', 'release-1.2', first);
    bump('1.2.4', '2026-12-03');
    target.commit('release 1.2.4');
    const result = release(target);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('note: v1 stays where it is: v1.3.0 is newer than v1.2.4');
    expect(commitOf(target, 'v1.2.4')).toBe(commitOf(target, 'HEAD'));
    expect(commitOf(target, 'v1')).toBe(second);
  }, SLOW);

  it('makes no tag when anything is refused', () => {
    const target = releasable({ 'action.yml': ACTION.replace('color: orange', 'color: pink') });
    const result = release(target);
    expect(result.status).toBe(1);
    expect(tags(target)).toBe('');
  });

  it('answers an unknown option with its usage (exit 2)', () => {
    const target = releasable();
    const result = release(target, '--push');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("release: unknown argument '--push'");
    expect(result.stderr).toContain('usage: node scripts/release.mjs');
  });
});
