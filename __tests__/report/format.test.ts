import { describe, expect, it } from '@jest/globals';
import type { Conflict } from '../../src/model/types.js';
import {
  countConflicts,
  countOf,
  distinctProposals,
  formatDiagnosticLocation,
  formatLocation,
  formatPortProtocol,
  formatSeverityBreakdown,
  sortConflictsForDisplay,
} from '../../src/report/format.js';
import { fixtureReport } from './fixture.js';

describe('format helpers', () => {
  it('formats ports with their protocol, ranges included', () => {
    expect(formatPortProtocol(3002, 3002, 'tcp')).toBe('3002/tcp');
    expect(formatPortProtocol(9090, 9091, 'udp')).toBe('9090-9091/udp');
  });

  it('formats locations as file:line:col, and diagnostics with what they have', () => {
    expect(formatLocation({ file: 'compose.yml', line: 12, column: 9 })).toBe('compose.yml:12:9');
    expect(formatDiagnosticLocation({ file: 'a.yml', line: 3, column: 2 })).toBe('a.yml:3:2');
    expect(formatDiagnosticLocation({ file: 'a.yml', line: 3 })).toBe('a.yml:3');
    expect(formatDiagnosticLocation({ file: 'a.yml' })).toBe('a.yml');
  });

  it('counts in English', () => {
    expect(countOf(1, 'error')).toBe('1 error');
    expect(countOf(0, 'error')).toBe('0 errors');
    expect(formatSeverityBreakdown(2, 0)).toBe('(2 errors)');
    expect(formatSeverityBreakdown(1, 3)).toBe('(1 error, 3 warnings)');
  });

  it('counts new errors, new warnings, existing conflicts and diagnostics', () => {
    const report = fixtureReport();
    expect(countConflicts(report.conflicts, report.diagnostics)).toEqual({ newErrors: 2, newWarnings: 2, existing: 1, diagnostics: 3 });
  });

  it('orders new errors, new warnings, then existing, keeping the pipeline order within each', () => {
    const sorted = sortConflictsForDisplay(fixtureReport().conflicts);
    expect(sorted.map((conflict) => conflict.id)).toEqual([
      'registry-conflict:host:tcp:3002',
      'duplicate-port:host:tcp:8765',
      'duplicate-port:host:tcp:8080',
      'reserved-port:host:tcp:3004-3005',
      'duplicate-port:host:udp:53',
    ]);
  });

  it('keeps one proposal per service and target', () => {
    const at = { file: 'a.yml', line: 1, column: 1, from: 80 };
    const suggestions: Conflict['suggestions'] = [
      { service: 'a', ...at, to: 81, toEnd: 81 },
      { service: 'a', ...at, line: 2, to: 81, toEnd: 81 },
      { service: 'a', ...at, to: 82, toEnd: 82 },
      { service: 'b', ...at, to: 81, toEnd: 81 },
    ];
    expect(distinctProposals(suggestions).map((suggestion) => `${suggestion.service}:${suggestion.to}`)).toEqual(['a:81', 'a:82', 'b:81']);
  });
});
