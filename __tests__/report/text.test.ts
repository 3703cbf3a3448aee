import { describe, expect, it } from '@jest/globals';
import { formatTextVerdict, renderText } from '../../src/report/text.js';
import { emptyReport, fixtureReport } from './fixture.js';
import { expectGolden } from './golden.js';

// eslint-disable-next-line no-control-regex -- the ANSI color codes are what these tests look for
const ANSI = /\u001b\[[0-9;]*m/g;

describe('renderText', () => {
  it('renders the verdict, new errors, new warnings, existing conflicts, diagnostics and stats', () => {
    expectGolden('report.txt', renderText(fixtureReport()));
  });

  it('uses no color unless asked', () => {
    expect(renderText(fixtureReport())).not.toContain('\u001b');
  });

  it('colors severities, newcomers and proposals, and is otherwise the plain report', () => {
    const colored = renderText(fixtureReport(), { color: true });
    expect(colored).toContain('\u001b[1;31merror\u001b[0m: registry-conflict on 3002/tcp in host (new)');
    expect(colored).toContain('\u001b[1;33mwarning\u001b[0m: duplicate-port on 8080/tcp in host (new)');
    expect(colored).toContain('services: embed, \u001b[1mgrafana-embed (new)\u001b[0m');
    expect(colored).toContain('\u001b[32m  move grafana-embed to 3003 at docker/compose.yml:8:9\u001b[0m');
    expect(colored.replace(ANSI, '')).toBe(renderText(fixtureReport()));
  });

  it('keeps terminal escape sequences from the repository inert, even with colors on', () => {
    const report = fixtureReport();
    const [first] = report.conflicts;
    if (!first) throw new Error('fixture has conflicts');
    report.conflicts = [{ ...first, message: 'boom\u001b[2J\u001b]0;pwned\u0007', services: ['dns\u001b[8m'] }];
    const colored = renderText(report, { color: true });
    expect(colored).toContain('  boom\\u001b[2J\\u001b]0;pwned\\u0007\n');
    expect(colored).toContain('services: dns\\u001b[8m\n');
    expect(colored.replace(ANSI, '')).not.toContain('\u001b');
  });

  it('says so when there is nothing to report', () => {
    expect(renderText(emptyReport())).toBe('No port collisions\n\nChecked 3 files (1 binding) in 4 ms.\n');
  });
});

describe('formatTextVerdict', () => {
  it.each([
    [{ newErrors: 0, newWarnings: 0, existing: 0, diagnostics: 0 }, 'No port collisions'],
    [{ newErrors: 0, newWarnings: 0, existing: 0, diagnostics: 1 }, 'No port collisions; 1 diagnostic'],
    [{ newErrors: 1, newWarnings: 0, existing: 0, diagnostics: 0 }, '1 new port collision (1 error)'],
    [{ newErrors: 0, newWarnings: 2, existing: 0, diagnostics: 0 }, '2 new port collisions (2 warnings)'],
    [{ newErrors: 0, newWarnings: 0, existing: 2, diagnostics: 1 }, 'No new port collisions, 2 existing; 1 diagnostic'],
    [{ newErrors: 1, newWarnings: 1, existing: 1, diagnostics: 3 }, '2 new port collisions (1 error, 1 warning), 1 existing; 3 diagnostics'],
  ])('%j reads "%s"', (counts, verdict) => {
    expect(formatTextVerdict(counts)).toBe(verdict);
  });
});
