import { describe, expect, it } from '@jest/globals';
import { PARALLEL_THRESHOLD, splitInTwo, threadsFor } from '../../src/pipeline/parallel.js';

describe('parallel extraction', () => {
  it('deals the items of each kind out alternately, keeping every one', () => {
    expect(splitInTwo([1, 2, 3, 4, 5], () => 'one kind')).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
    expect(splitInTwo([], () => 'one kind')).toEqual([[], []]);
    // Folders of two files each: dealt as one list, every `.yml` would land in the first half.
    const files = ['a/compose.yml', 'a/main.go', 'b/compose.yml', 'b/main.go', 'c/compose.yml', 'c/main.go', 'd/compose.yml', 'd/main.go'];
    expect(splitInTwo(files, (file) => file.slice(file.lastIndexOf('.')))).toEqual([
      ['a/compose.yml', 'a/main.go', 'c/compose.yml', 'c/main.go'],
      ['b/compose.yml', 'b/main.go', 'd/compose.yml', 'd/main.go'],
    ]);
  });

  it('uses a worker only for large trees on machines with four cores or more, unless told', () => {
    expect(threadsFor(PARALLEL_THRESHOLD, {}, 4, true)).toBe(2);
    expect(threadsFor(PARALLEL_THRESHOLD - 1, {}, 4, true)).toBe(1);
    expect(threadsFor(100_000, {}, 2, true)).toBe(1);
    expect(threadsFor(10, { PORTCULLIS_THREADS: '2' }, 2, true)).toBe(2);
    expect(threadsFor(100_000, { PORTCULLIS_THREADS: '1' }, 16, true)).toBe(1);
  });

  it('uses one thread from source, where there is no worker bundle to start, whatever is asked', () => {
    expect(threadsFor(100_000, {}, 16)).toBe(1);
    expect(threadsFor(10, { PORTCULLIS_THREADS: '2' }, 16)).toBe(1);
  });
});
