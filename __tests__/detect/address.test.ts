import { describe, expect, it } from '@jest/globals';
import { addressesOverlap, addressKey, isWildcardAddress, WILDCARD } from '../../src/detect/address.js';

describe('addressKey', () => {
  it.each([
    [null, WILDCARD],
    ['', WILDCARD],
    ['*', WILDCARD],
    ['0.0.0.0', WILDCARD],
    ['::', WILDCARD],
    ['[::]', WILDCARD],
    ['0:0:0:0:0:0:0:0', WILDCARD],
    ['::ffff:0.0.0.0', WILDCARD],
    ['127.0.0.1', '127.0.0.1'],
    [' 127.000.000.001 ', '127.0.0.1'],
    ['::1', '::1'],
    ['[::1]', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['0000:0000:0000:0000:0000:0000:0000:0001', '::1'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['[::FFFF:7F00:1]', '127.0.0.1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['fe80::1%eth0', 'fe80::1%eth0'],
    ['::127.0.0.1', '::7f00:1'],
    ['LocalHost', 'localhost'],
    ['256.1.1.1', '256.1.1.1'],
    ['1:2:3', '1:2:3'],
    ['1::2::3', '1::2::3'],
  ])('%p -> %p', (input, key) => {
    expect(addressKey(input)).toBe(key);
  });
});

describe('addressesOverlap', () => {
  it.each([
    [null, '127.0.0.1', true],
    [null, '::1', true],
    ['0.0.0.0', '127.0.0.1', true],
    ['0.0.0.0', '::1', true],
    ['::', '127.0.0.1', true],
    ['[::]', '0.0.0.0', true],
    ['[::]', null, true],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['::1', '127.0.0.1', false],
    ['[::1]', '0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', '127.0.0.1', true],
    ['192.168.1.10', '10.0.0.1', false],
  ])('%p and %p: %p', (a, b, overlap) => {
    expect(addressesOverlap(a, b)).toBe(overlap);
    expect(addressesOverlap(b, a)).toBe(overlap);
  });

  it('knows a wildcard by any of its spellings', () => {
    expect(['0.0.0.0', '::', '[::]', null].map(isWildcardAddress)).toEqual([true, true, true, true]);
    expect(isWildcardAddress('127.0.0.1')).toBe(false);
  });
});
