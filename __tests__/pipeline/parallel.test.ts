import { describe, expect, it } from '@jest/globals';
import { splitInTwo, threadsFor } from '../../src/pipeline/parallel.js';

describe('parallel extraction', () => {
  it('deals items out alternately, keeping every one', () => {
    expect(splitInTwo([1, 2, 3, 4, 5])).toEqual([
      [1, 3, 5],
      [2, 4],
    ]);
    expect(splitInTwo([])).toEqual([[], []]);
  });

  it('uses one thread from source, where there is no worker bundle to start, whatever is asked', () => {
    expect(threadsFor(100_000, {})).toBe(1);
    expect(threadsFor(10, { PORTCULLIS_THREADS: '2' })).toBe(1);
  });
});
