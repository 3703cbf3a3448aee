import { describe, expect, it } from '@jest/globals';
import { fingerprintMarker, fingerprintOf, suggestionFingerprint } from '../../src/action/fingerprint.js';
import type { PortEdit } from '../../src/fix/portLiterals.js';

const a: PortEdit = { column: 10, from: 8080, fromEnd: 8080, to: 8081, toEnd: 8081 };
const b: PortEdit = { column: 16, from: 8443, fromEnd: 8443, to: 8444, toEnd: 8444 };

describe('suggestionFingerprint', () => {
  it('is the same for the same proposal on the same line, whatever the order of its edits', () => {
    expect(suggestionFingerprint('x.yml', 3, [a, b])).toBe(suggestionFingerprint('x.yml', 3, [b, a]));
    expect(suggestionFingerprint('x.yml', 3, [a])).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes with the file, the line or the proposed port', () => {
    const base = suggestionFingerprint('x.yml', 3, [a]);
    expect(suggestionFingerprint('y.yml', 3, [a])).not.toBe(base);
    expect(suggestionFingerprint('x.yml', 4, [a])).not.toBe(base);
    expect(suggestionFingerprint('x.yml', 3, [{ ...a, to: 8082, toEnd: 8082 }])).not.toBe(base);
  });
});

describe('fingerprintOf', () => {
  it('reads back the marker a comment starts with', () => {
    const fingerprint = suggestionFingerprint('x.yml', 3, [a]);
    expect(fingerprintOf(`${fingerprintMarker(fingerprint)}\n**Portcullis** proposes a free port:`)).toBe(fingerprint);
  });

  it('ignores a marker anywhere but at the start, and malformed ones', () => {
    const marker = fingerprintMarker('0123456789abcdef');
    expect(fingerprintOf(`Quoted:\n${marker}`)).toBeUndefined();
    expect(fingerprintOf('<!-- portcullis:suggestion:xyz -->')).toBeUndefined();
    expect(fingerprintOf('<!-- portcullis:suggestion:0123456789abcdef')).toBeUndefined();
    expect(fingerprintOf('a human comment')).toBeUndefined();
  });
});
