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

  it('describeStacks names stacks by kind and files, and ids of no known kind as they are', () => {
    expect(describeStacks(['compose:apps/a/compose.yml', 'compose:apps/b/compose.yml'])).toBe('the Compose stacks apps/a/compose.yml and apps/b/compose.yml');
    expect(describeStacks(['compose:compose.yml+compose.override.yml', 'process-compose:dev/process-compose.yaml'])).toBe(
      'the Compose stack compose.yml + compose.override.yml and the process-compose stack dev/process-compose.yaml',
    );
    expect(describeStacks(['apps/a', 'apps/b'])).toBe('the stacks apps/a and apps/b');
  });
});
