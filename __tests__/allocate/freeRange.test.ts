import { describe, expect, it } from '@jest/globals';
import { findFreeRange, proposalWindows } from '../../src/allocate/freeRange.js';
import { PortSet } from '../../src/allocate/portSet.js';

describe('PortSet', () => {
  it('merges overlapping and adjacent intervals and finds the first overlap', () => {
    const set = PortSet.of([
      { start: 10, end: 12 },
      { start: 20, end: 20 },
      { start: 13, end: 14 },
      { start: 30, end: 40 },
      { start: 35, end: 50 },
    ]);
    expect(set.firstOverlap({ start: 1, end: 9 })).toBeUndefined();
    expect(set.firstOverlap({ start: 1, end: 10 })).toEqual({ start: 10, end: 14 });
    expect(set.firstOverlap({ start: 15, end: 19 })).toBeUndefined();
    expect(set.firstOverlap({ start: 15, end: 60 })).toEqual({ start: 20, end: 20 });
    expect(set.firstOverlap({ start: 45, end: 45 })).toEqual({ start: 30, end: 50 });
  });

  it('absorbs every interval a new one bridges', () => {
    const set = PortSet.of([
      { start: 1, end: 2 },
      { start: 5, end: 6 },
      { start: 9, end: 9 },
    ]);
    set.add({ start: 3, end: 8 });
    expect(set.firstOverlap({ start: 1, end: 1 })).toEqual({ start: 1, end: 9 });
    expect(set.firstOverlap({ start: 10, end: 100 })).toBeUndefined();
  });
});

describe('proposalWindows', () => {
  it('keeps ordinary proposals unprivileged and out of the Linux ephemeral range', () => {
    expect(proposalWindows('host', undefined)).toEqual([
      { start: 1024, end: 32767 },
      { start: 61000, end: 65535 },
    ]);
  });

  it('intersects them with the category range', () => {
    expect(proposalWindows('host', { start: 500, end: 2000 })).toEqual([{ start: 1024, end: 2000 }]);
    expect(proposalWindows('container:p/web', { start: 30000, end: 62000 })).toEqual([
      { start: 30000, end: 32767 },
      { start: 61000, end: 62000 },
    ]);
    expect(proposalWindows('host', { start: 40000, end: 50000 })).toEqual([]);
  });

  it('gives a nodePort the Kubernetes node-port range, whatever the category', () => {
    expect(proposalWindows('cluster', { start: 3000, end: 3999 })).toEqual([{ start: 30000, end: 32767 }]);
  });
});

describe('findFreeRange', () => {
  const windows = [{ start: 100, end: 120 }];

  it('finds the nearest free port at or above `from`, jumping over occupied runs', () => {
    const blocked = [PortSet.of([{ start: 105, end: 107 }]), PortSet.of([{ start: 108, end: 108 }])];
    expect(findFreeRange({ from: 105, length: 1, windows, blocked })).toEqual({ start: 109, end: 109 });
  });

  it('needs the whole range free and inside one window', () => {
    const blocked = [PortSet.of([{ start: 112, end: 112 }])];
    expect(findFreeRange({ from: 108, length: 4, windows, blocked })).toEqual({ start: 108, end: 111 });
    expect(findFreeRange({ from: 109, length: 4, windows, blocked })).toEqual({ start: 113, end: 116 });
    expect(
      findFreeRange({ from: 118, length: 4, windows: [{ start: 100, end: 120 }, { start: 200, end: 202 }], blocked }),
    ).toEqual({ start: 100, end: 103 });
  });

  it('wraps to the bottom of the windows when nothing fits above', () => {
    const blocked = [PortSet.of([{ start: 100, end: 101 }, { start: 115, end: 120 }])];
    expect(findFreeRange({ from: 115, length: 1, windows, blocked })).toEqual({ start: 102, end: 102 });
  });

  it('gives nothing when nothing fits anywhere', () => {
    const blocked = [PortSet.of([{ start: 100, end: 110 }, { start: 112, end: 120 }])];
    expect(findFreeRange({ from: 100, length: 1, windows, blocked })).toEqual({ start: 111, end: 111 });
    expect(findFreeRange({ from: 100, length: 2, windows, blocked })).toBeUndefined();
  });
});
