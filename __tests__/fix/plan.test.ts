import { describe, expect, it } from '@jest/globals';
import { applyEdits, planFixes, type PlannedEdit } from '../../src/fix/plan.js';
import type { Conflict, Suggestion } from '../../src/model/types.js';

function conflict(status: Conflict['status'], severity: Conflict['severity'], suggestions: Suggestion[]): Conflict {
  return {
    id: `duplicate-port:host:tcp:${suggestions[0]?.from ?? 0}`, rule: 'duplicate-port', severity, status, scope: 'host', protocol: 'tcp',
    port: suggestions[0]?.from ?? 1, endPort: suggestions[0]?.from ?? 1, services: [], newServices: [], locations: [], suggestions, message: '', bindings: [],
  };
}

const move = (file: string, line: number, column: number, from: number, to: number, service = 'api'): Suggestion => ({ service, file, line, column, from, to, toEnd: to });
const edit = (line: number, column: number, from: number, to: number): PlannedEdit => ({ file: 'f', service: 'api', line, column, from, fromEnd: from, to, toEnd: to });

describe('applyEdits', () => {
  it('swaps the literal at its column, keeps CRLF line endings, a missing final newline and every other byte', () => {
    const text = 'a: 8080\r\nb: "8080:80"\r\nc: 9090';
    const { change, skipped } = applyEdits('f', text, [edit(2, 5, 8080, 8081), edit(3, 4, 9090, 9091)]);
    expect(skipped).toEqual([]);
    expect(change?.after).toBe('a: 8080\r\nb: "8081:80"\r\nc: 9091');
  });

  it('moves two literals of one line right to left, so the second column still holds', () => {
    const { change } = applyEdits('f', 'ports: [8, 1000]\n', [edit(1, 9, 8, 12345), edit(1, 12, 1000, 1001)]);
    expect(change?.after).toBe('ports: [12345, 1001]\n');
  });

  it('swaps a range as a range', () => {
    const range: PlannedEdit = { ...edit(1, 4, 8000, 9000), fromEnd: 8010, toEnd: 9010 };
    expect(applyEdits('f', 'p: 8000-8010\n', [range]).change?.after).toBe('p: 9000-9010\n');
  });

  it('skips a literal that is not where its proposal says, and never searches for it elsewhere', () => {
    const { change, skipped } = applyEdits('f', 'a: 18080\nb: 8080\n', [edit(1, 4, 8080, 8081), edit(9, 1, 8080, 8081)]);
    expect(change).toBeUndefined();
    expect(skipped.map((s) => s.reason)).toEqual(['8080 is not written at column 4', 'the file has no line 9']);
  });
});

describe('planFixes', () => {
  it('applies the proposals of new conflicts only, a literal once (the first proposal in display order), file by file', () => {
    const texts: Record<string, string> = { 'b.env': 'API_PORT=3000\n', 'a.yml': 'port: 4000\nother: 5000\n' };
    const plan = planFixes(
      [
        conflict('existing', 'error', [move('a.yml', 2, 8, 5000, 5001)]),
        conflict('new', 'warning', [move('b.env', 1, 10, 3000, 3999)]),
        conflict('new', 'error', [move('b.env', 1, 10, 3000, 3001), move('a.yml', 1, 7, 4000, 4001)]),
      ],
      (file) => texts[file] ?? { refused: 'missing' },
    );
    expect(plan.skipped).toEqual([]);
    expect(plan.changes.map((change) => [change.file, change.after])).toEqual([
      ['a.yml', 'port: 4001\nother: 5000\n'],
      ['b.env', 'API_PORT=3001\n'],
    ]);
  });

  it('never swaps a literal that a staying service also reads (a YAML anchor): it says the fix instead', () => {
    const anchored: Suggestion = { ...move('compose.yml', 4, 8, 8080, 8081, 'web'), sharedWith: ['api'] };
    const plan = planFixes([conflict('new', 'error', [anchored])], () => '    - "8080:80"\n');
    expect(plan.changes).toEqual([]);
    expect(plan.skipped).toEqual([expect.objectContaining({ file: 'compose.yml', line: 4, service: 'web', reason: "the literal is also api's: give web a port of its own instead" })]);
  });

  it('reports each proposal of a file it must not rewrite, with the reason', () => {
    const plan = planFixes([conflict('new', 'error', [move('link.yml', 1, 7, 4000, 4001)])], () => ({ refused: 'a symbolic link' }));
    expect(plan.changes).toEqual([]);
    expect(plan.skipped).toEqual([expect.objectContaining({ file: 'link.yml', line: 1, column: 7, reason: 'a symbolic link' })]);
  });
});
