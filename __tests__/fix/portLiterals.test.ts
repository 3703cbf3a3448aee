import { describe, expect, it } from '@jest/globals';
import { type PortEdit, rewritePortLiterals } from '../../src/fix/portLiterals.js';

const move = (column: number, from: number, to: number): PortEdit => ({ column, from, fromEnd: from, to, toEnd: to });

describe('rewritePortLiterals', () => {
  it('swaps the literal at its column and keeps the rest of the line byte for byte', () => {
    expect(rewritePortLiterals('    command: ./api --port 8080  # dev', [move(27, 8080, 8081)])).toBe('    command: ./api --port 8081  # dev');
  });

  it('swaps only the published port of a compose mapping, not the container port with the same digits', () => {
    expect(rewritePortLiterals('      - "8080:8080"', [move(10, 8080, 8081)])).toBe('      - "8081:8080"');
  });

  it('swaps a range written as start-end for the proposed range', () => {
    expect(rewritePortLiterals('      - "9090-9091:80-81"', [{ column: 10, from: 9090, fromEnd: 9091, to: 9094, toEnd: 9095 }])).toBe('      - "9094-9095:80-81"');
  });

  it('applies two edits on one line, right to left, so columns stay true', () => {
    expect(rewritePortLiterals('ports = [8080, 8443]', [move(10, 8080, 8090), move(16, 8443, 10443)])).toBe('ports = [8090, 10443]');
  });

  it('refuses when the literal is not where the edit says: another number, a longer number, a range written otherwise', () => {
    expect(rewritePortLiterals('PORT=8081', [move(6, 8080, 8082)])).toBeUndefined();
    expect(rewritePortLiterals('PORT=18080', [move(7, 8080, 8082)])).toBeUndefined();
    expect(rewritePortLiterals('PORT=80801', [move(6, 8080, 8082)])).toBeUndefined();
    expect(rewritePortLiterals('from = 9090; to = 9091;', [{ column: 8, from: 9090, fromEnd: 9091, to: 9094, toEnd: 9095 }])).toBeUndefined();
    expect(rewritePortLiterals('short', [move(40, 8080, 8081)])).toBeUndefined();
  });

  it('refuses overlapping edits rather than mangling the line', () => {
    expect(rewritePortLiterals('"9090-9091"', [{ column: 2, from: 9090, fromEnd: 9091, to: 9094, toEnd: 9095 }, move(7, 9091, 9100)])).toBeUndefined();
  });
});
