import { describe, expect, it } from '@jest/globals';
import { formatTextVerdict, renderText } from '../../src/report/text.js';
import { renderInventoryText } from '../../src/report/inventory.js';
import { binding } from '../helpers/bindings.js';
import { emptyReport, fixtureReport, incompleteReport } from './fixture.js';
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

describe('renderText on a check that did not see everything', () => {
  it('says the check is incomplete in the verdict and lists each reason', () => {
    const text = renderText(incompleteReport());
    expect(text.split('\n')[0]).toBe('No port collisions; 1 diagnostic; INCOMPLETE: 2 limits hit');
    expect(text).toContain('incomplete (file-size): 1 file larger than limits.maxFileBytes not read');
    expect(text).toContain('incomplete (rest-file-list): GitHub lists 3,000 of the files');
  });
});

describe('renderText and workflow commands', () => {
  // The runner reads a line as a command when it starts with `::` after blanks, and `##[` anywhere.
  const commandLike = (line: string): boolean => /^[\s\u0085]*::/.test(line) || line.includes('##[');

  it('never lets repository text start a line with :: or write ##[', () => {
    const report = fixtureReport();
    report.diagnostics = [
      { file: '::add-mask::x', severity: 'warning', message: 'a' },
      { file: ' \t::error file=a::forged', line: 2, severity: 'error', message: 'b ##[set-env name=X]y' },
    ];
    const [first] = report.conflicts;
    if (!first) throw new Error('fixture has conflicts');
    report.conflicts = [{ ...first, message: '::warning::forged', services: ['##[group]x'] }];
    for (const text of [renderText(report), renderText(report, { color: true }), renderText(incompleteReport())]) {
      expect(text.split('\n').filter(commandLike)).toEqual([]);
    }
    expect(renderText(report)).toContain(':\u200D:add-mask::x: warning: a');
  });

  it('holds for the inventory too', () => {
    const inventory = renderInventoryText([{ ...binding({ service: '::notice::x', port: 80, file: '::error::y.env' }), scope: '::stop-commands::t' }]);
    expect(inventory.split('\n').filter(commandLike)).toEqual([]);
  });
});
