import { describe, expect, it } from '@jest/globals';
import { describeStacks } from '../../src/model/stack.js';
import { joinWithAnd } from '../../src/model/words.js';

describe('messages in English', () => {
  it('joinWithAnd lists with commas and a last "and"', () => {
    expect(joinWithAnd([])).toBe('');
    expect(joinWithAnd(['a'])).toBe('a');
    expect(joinWithAnd(['a', 'b'])).toBe('a and b');
    expect(joinWithAnd(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('describeStacks names stacks by kind and place, the root folder in words, and ids of no known kind as they are', () => {
    expect(describeStacks(['compose:apps/a', 'compose:apps/b'])).toBe('the Compose stacks of apps/a and apps/b');
    expect(describeStacks(['compose:', 'process-compose:dev/process-compose.yaml'])).toBe('the Compose stack of the root folder and the process-compose stack of dev/process-compose.yaml');
    expect(describeStacks(['apps/a', 'apps/b'])).toBe('the stacks apps/a and apps/b');
  });
});
