import { describe, expect, it } from '@jest/globals';
import { describeConfigChanges } from '../../src/action/baseConfig.js';
import { headLineOf } from '../../src/action/headLines.js';
import { parseHunkHeaders } from '../../src/discover/hunks.js';
import { EMPTY_CONFIG } from '../../src/model/config.js';

describe('headLineOf: a line of the merge commit on the head commit, through `git diff -U0` hunks', () => {
  // Merge lines 1-10; the head lacks lines 2-3 of the merge (the base added them), has two
  // lines of its own after merge line 5, and replaced merge line 8.
  const hunks = parseHunkHeaders('diff --git a/f b/f\n@@ -2,2 +1,0 @@\n-b\n-c\n@@ -5,0 +4,2 @@\n+x\n+y\n@@ -8 +9 @@\n-h\n+H\n');

  it.each([
    [1, 1],
    [2, undefined],
    [3, undefined],
    [4, 2],
    [5, 3],
    [6, 6],
    [7, 7],
    [8, undefined],
    [9, 10],
    [10, 11],
  ])('merge line %i is head line %s', (line, head) => {
    expect(headLineOf(hunks, line)).toBe(head);
  });

  it('keeps every line of a file the two commits share', () => {
    expect(headLineOf([], 42)).toBe(42);
  });
});

describe('describeConfigChanges', () => {
  it('names what the pull request adds and removes, escaping what it quotes', () => {
    const base = { ...EMPTY_CONFIG, exclude: ['legacy/**'], ignore: [{ service: 'a', reason: 'old' }] };
    const own = { config: { ...EMPTY_CONFIG, exclude: ['**'], ignore: [{ rule: 'duplicate-port' as const, port: { start: 8080, end: 8090 }, reason: 'ours @team <b>' }], limits: { ...EMPTY_CONFIG.limits, maxFiles: 10 } } };
    expect(describeConfigChanges(base, own)).toEqual([
      '- adds `ignore`: rule duplicate-port, port 8080-8090 (ours @\u200Dteam &lt;b&gt;)',
      '- removes `ignore`: service `a` (old)',
      '- adds `exclude`: `**`',
      '- removes `exclude`: `legacy/**`',
      '- changes `limits.maxFiles`: 50000 → 10',
    ]);
  });

  it('names a rule the pull request would switch off, lower or raise: the base config judges it', () => {
    const base = { ...EMPTY_CONFIG, rules: { 'out-of-range': 'error' as const } };
    const own = { config: { ...EMPTY_CONFIG, rules: { 'duplicate-port': 'off' as const, 'out-of-range': 'error' as const, unregistered: 'warning' as const } } };
    expect(describeConfigChanges(base, own)).toEqual(['- sets `rules.duplicate-port`: default → off', '- sets `rules.unregistered`: default → warning']);
    expect(describeConfigChanges(own.config, { config: base })).toEqual(['- sets `rules.duplicate-port`: off → default', '- sets `rules.unregistered`: warning → default']);
  });

  it('says when the pull request’s config would not load, without quoting the file', () => {
    expect(describeConfigChanges(EMPTY_CONFIG, { error: '.portcullis.yml: a symbolic link: not followed' })).toEqual(['- the config would not load: `.portcullis.yml`: a symbolic link: not followed']);
    expect(describeConfigChanges(EMPTY_CONFIG, { config: EMPTY_CONFIG })).toEqual([]);
  });
});
