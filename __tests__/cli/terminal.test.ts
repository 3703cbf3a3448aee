import { describe, expect, it } from '@jest/globals';
import { editDistance, nearest } from '../../src/model/nearest.js';
import { oneLine, wantsColor } from '../../src/cli/terminal.js';

describe('wantsColor', () => {
  it('colors a terminal only, and never with NO_COLOR set to anything or a dumb terminal', () => {
    expect(wantsColor({}, true)).toBe(true);
    expect(wantsColor({}, false)).toBe(false);
    expect(wantsColor({ NO_COLOR: '1' }, true)).toBe(false);
    expect(wantsColor({ NO_COLOR: '0' }, true)).toBe(false);
    // no-color.org: an empty NO_COLOR is as good as none.
    expect(wantsColor({ NO_COLOR: '' }, true)).toBe(true);
    expect(wantsColor({ TERM: 'dumb' }, true)).toBe(false);
  });
});

describe('oneLine', () => {
  it('joins a message of several lines into one', () => {
    expect(oneLine('first\n  second\r\n\nthird  ')).toBe('first second third');
  });
});

describe('nearest', () => {
  const flags = ['--base', '--format', '--fail-on', '--registry', '--config', '--output', '--quiet', '--help'];

  it.each([
    ['--fromat', '--format'],
    ['--fail_on', '--fail-on'],
    ['--registr', '--registry'],
    ['--qiet', '--quiet'],
    ['--conf', '--config'],
    ['--FORMAT', '--format'],
  ])('answers %s with %s', (typed, expected) => {
    expect(nearest(typed, flags)).toBe(expected);
  });

  it('answers nothing when no candidate is near, or a prefix is ambiguous', () => {
    expect(nearest('--frob', flags)).toBeUndefined();
    expect(nearest('--f', flags)).toBeUndefined();
    expect(nearest('--', flags)).toBeUndefined();
    expect(nearest('x', ['y'])).toBeUndefined();
  });

  it('counts a swap of two neighbours as one edit', () => {
    expect(editDistance('fromat', 'format')).toBe(1);
    expect(editDistance('check', 'chekc')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
