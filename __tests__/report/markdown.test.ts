import { describe, expect, it } from '@jest/globals';
import type { Conflict, Report } from '../../src/model/types.js';
import {
  describeConflict,
  renderMarkdown,
  renderMarkdownAllClear,
  renderMarkdownVerdict,
} from '../../src/report/markdown.js';
import { emptyReport, fixtureReport, HOSTILE, incompleteReport } from './fixture.js';
import { nodesOfType, parseGfm, visibleText } from './gfm.js';
import { expectGolden } from './golden.js';

const ZWJ = '\u200D';
const blob = (file: string, line: number): string =>
  `https://github.com/o/r/blob/abc1234/${file.split('/').map(encodeURIComponent).join('/')}#L${line}`;

function conflict(overrides: Partial<Conflict>): Conflict {
  return {
    id: 'duplicate-port:host:tcp:8765', rule: 'duplicate-port', severity: 'error', status: 'new',
    scope: 'host', protocol: 'tcp', port: 8765, endPort: 8765, services: [], newServices: [],
    locations: [], suggestions: [], message: '', bindings: [], ...overrides,
  };
}

function reportWith(conflicts: Conflict[]): Report {
  return { ...emptyReport(), conflicts };
}

describe('renderMarkdown', () => {
  it('renders the verdict, the new conflicts, the existing ones folded, the diagnostics and stats', () => {
    expectGolden('report.md', renderMarkdown(fixtureReport()));
  });

  it('parses as GFM into the tables a reviewer sees: errors, then folded warnings and existing ones, every row with three cells', () => {
    const tree = parseGfm(renderMarkdown(fixtureReport()));
    const tables = nodesOfType(tree, 'table');
    const rows = tables.map((table) => nodesOfType(table, 'tableRow').map((row) => nodesOfType(row, 'tableCell').length));
    expect(rows).toEqual([[3, 3, 3], [3, 3, 3], [3, 3]]);
    expect(nodesOfType(nodesOfType(tables[0] ?? tree, 'tableRow')[0] ?? tree, 'tableCell').map(visibleText)).toEqual(['port', 'services', 'proposed fix']);
  });

  it('says the scope under the port only where it is not the host', () => {
    const inPod = conflict({ scope: 'pod:ns/api', services: ['a', 'b'], locations: [{ service: 'a', file: 'a.yml', line: 1, column: 1 }] });
    const markdown = renderMarkdown(reportWith([inPod, conflict({ id: 'x', port: 9000, endPort: 9000, services: ['c', 'd'] })]));
    expect(markdown).toContain('| 8765/tcp<br><sub>duplicate-port<br>pod:ns/api</sub> |');
    expect(markdown).toContain('| 9000/tcp<br><sub>duplicate-port</sub> |');
    expect(renderMarkdown(reportWith([{ ...inPod, scope: 'a|b_*' }]))).toContain('<sub>duplicate-port<br>a\\|b\\_\\*</sub>');
  });

  it('shows the hostile service name literally, in a code span, in the services and proposed fix cells and the registry line', () => {
    const tree = parseGfm(renderMarkdown(fixtureReport()));
    const [, hostileRow] = nodesOfType(nodesOfType(tree, 'table')[0] ?? tree, 'tableRow').slice(1);
    const cells = nodesOfType(hostileRow ?? tree, 'tableCell').map(visibleText);
    const visible = HOSTILE.replace('\n', '\\n');
    expect(cells).toEqual([
      '8765/tcpduplicate-port',
      `${visible} (new)tools/dev env/process-compose 100%.yml:9spacedustspacedust/src/main.rs:12`,
      `${visible}\u00A0→\u00A08766add to PORTS.md:| 8766 | ${visible} |`,
    ]);
    // Only the renderer's own HTML: the line breaks, the small print and the folds.
    const html = nodesOfType(tree, 'html').map((node) => node.value);
    expect(new Set(html)).toEqual(
      new Set([
        '<br>',
        '<sub>',
        '</sub>',
        '<details>\n<summary>2 warnings: possible collisions, which do not fail the check</summary>',
        '<details>\n<summary>1 existing port collision</summary>',
        '<details>\n<summary>3 diagnostics</summary>',
        '</details>',
      ]),
    );
  });

  it('never puts a raw marker, tag, mention or issue reference from the repository into the body', () => {
    const body = renderMarkdown(fixtureReport(), { link: blob });
    expect(body).not.toContain('<!-- portcullis');
    expect(body).not.toContain('<script');
    expect(body).not.toMatch(/@(?!\u200D)|#(?=\d)/);
    expect(body).toContain(`@${ZWJ}someone #${ZWJ}12`);
  });

  it('links each rule to its docs when told where they are, and leaves the rule plain otherwise', () => {
    const body = renderMarkdown(fixtureReport(), { docsBase: 'https://github.com/example/portcullis/blob/v1.2.0/' });
    expect(body).toContain('<sub>[registry-conflict](https://github.com/example/portcullis/blob/v1.2.0/README.md#rule-registry-conflict)');
    expect(body).toContain('<sub>[duplicate-port](https://github.com/example/portcullis/blob/v1.2.0/README.md#rule-duplicate-port)');
    // The port cell reads the same with or without the links: the port, then the rule's name.
    const portCells = (markdown: string): string[] =>
      nodesOfType(parseGfm(markdown), 'table').flatMap((table) => nodesOfType(table, 'tableRow').slice(1).map((row) => visibleText(nodesOfType(row, 'tableCell')[0] ?? row)));
    expect(portCells(body)).toEqual(portCells(renderMarkdown(fixtureReport())));
    expect(portCells(body).every((cell) => /^(?:(?:❌|⚠️) )?\d+(?:-\d+)?\/(?:tcp|udp)/.test(cell))).toBe(true);
    expect(renderMarkdown(fixtureReport())).not.toContain('README.md#rule-');
  });

  it('links every location and diagnostic line when given a link, and leaves line-less diagnostics plain', () => {
    const body = renderMarkdown(fixtureReport(), { link: blob });
    expect(body).toContain('`embed`<br>[`PORTS.md:12`](https://github.com/o/r/blob/abc1234/PORTS.md#L12)');
    expect(body).toContain(
      '<br>[`tools/dev env/process-compose 100%.yml:9`](https://github.com/o/r/blob/abc1234/tools/dev%20env/process-compose%20100%25.yml#L9)<br>',
    );
    // The registry file, linked to its last entry: new entries go after it.
    expect(body).toContain('add to [`PORTS.md`](https://github.com/o/r/blob/abc1234/PORTS.md#L12):<br>');
    expect(body).toContain('- ❌ [`docker/compose.yml:14:7`](https://github.com/o/r/blob/abc1234/docker/compose.yml#L14): invalid port');
    expect(body).toContain('- ⚠️ [`PORTS.md:40`](https://github.com/o/r/blob/abc1234/PORTS.md#L40): table row');
    expect(body).toContain('- ⚠️ `big.json`: file is larger than 1 MiB; skipped');
    const links = nodesOfType(parseGfm(body), 'link') as { url?: string }[];
    expect(links).toHaveLength(15);
  });

  it('points a proposal at its own place when that is not the service’s location', () => {
    const viaPlace = conflict({
      severity: 'warning', port: 8080, endPort: 8080, services: ['a/web', 'b/web'], newServices: ['b/web'],
      locations: [
        { service: 'a/web', file: 'apps/a/compose.yml', line: 7, column: 11 },
        { service: 'b/web', file: 'apps/b/.env', line: 1, column: 10 },
      ],
      suggestions: [{ service: 'b/web', file: 'apps/b/compose.yml', line: 6, column: 12, from: 8080, to: 8081, toEnd: 8081 }],
    });
    expect(renderMarkdown(reportWith([viaPlace]), { link: blob })).toContain(
      '| `b/web`\u00A0→\u00A08081 at [`apps/b/compose.yml:6`](https://github.com/o/r/blob/abc1234/apps/b/compose.yml#L6) |',
    );
  });

  it('says there is nothing to propose rather than leaving the cell empty', () => {
    const stuck = conflict({ services: ['a', 'b'], locations: [{ service: 'a', file: 'a.yml', line: 1, column: 1 }] });
    expect(renderMarkdown(reportWith([stuck]))).toContain('| `a`<br>`a.yml:1`<br>`b` | — |');
  });

  it('renders the all-clear when there is nothing, and keeps the diagnostics', () => {
    expect(renderMarkdown(emptyReport())).toBe('### Portcullis\n\n✅ No port collisions.\n\n<sub>Checked 3 files (1 binding) in 4 ms.</sub>\n');
    const withDiagnostic = { ...emptyReport(), diagnostics: [{ file: 'a.yml', severity: 'error' as const, message: 'unreadable' }] };
    expect(renderMarkdown(withDiagnostic, { title: '' })).toBe(
      '✅ No port collisions.\n\n<details>\n<summary>1 diagnostic</summary>\n\n- ❌ `a.yml`: unreadable\n\n</details>\n\n<sub>Checked 3 files (1 binding) in 4 ms.</sub>\n',
    );
  });
});

describe('renderMarkdownAllClear', () => {
  it('is the title and one line', () => {
    expect(renderMarkdownAllClear()).toBe('### Portcullis\n\n✅ No port collisions.\n');
    expect(renderMarkdownAllClear({ title: 'Ports' })).toBe('### Ports\n\n✅ No port collisions.\n');
    expect(renderMarkdownAllClear({ title: '' })).toBe('✅ No port collisions.\n');
  });
});

describe('renderMarkdownVerdict', () => {
  const grafana = conflict({
    id: 'registry-conflict:host:tcp:3002', rule: 'registry-conflict', port: 3002, endPort: 3002,
    services: ['embed', 'grafana-embed'], newServices: ['grafana-embed'],
    suggestions: [{ service: 'grafana-embed', file: 'compose.yml', line: 12, column: 9, from: 3002, to: 3003, toEnd: 3003 }],
  });

  it('names the newcomer, the incumbent and the proposal', () => {
    expect(renderMarkdownVerdict(reportWith([grafana]))).toBe(
      '❌ **1 new port collision must be fixed**: `grafana-embed` takes 3002/tcp from `embed`; proposed 3003',
    );
  });

  it('has the registry owner keep the port even when every claim is new (no base)', () => {
    const registryEntry = {
      service: 'embed', port: 3002, endPort: 3002, protocol: 'tcp' as const, hostIp: null, scope: 'host',
      kind: 'registry' as const, format: 'registry', file: 'ports.yml', line: 11, column: 18,
    };
    const noBase = { ...grafana, newServices: ['embed', 'grafana-embed'], bindings: [registryEntry] };
    expect(renderMarkdownVerdict(reportWith([noBase]))).toBe(
      '❌ **1 new port collision must be fixed**: `grafana-embed` takes 3002/tcp from `embed`; proposed 3003',
    );
  });

  it('counts the errors that must be fixed apart from the warnings and the existing ones, and says what to do', () => {
    const warning = conflict({ severity: 'warning', services: ['x'], newServices: ['x'], rule: 'unregistered' });
    const older = { ...grafana, id: 'old', status: 'existing' as const, newServices: [] };
    expect(renderMarkdownVerdict(reportWith([warning, grafana]))).toBe(
      '❌ **1 new port collision must be fixed**: `grafana-embed` takes 3002/tcp from `embed`; proposed 3003 · 1 warning',
    );
    expect(renderMarkdownVerdict(reportWith([warning, grafana, { ...grafana, id: 'b', port: 9000 }, older, warning]))).toBe(
      '❌ **2 new port collisions must be fixed** · 2 warnings · 1 existing',
    );
    expect(renderMarkdownVerdict(reportWith([warning, older]))).toBe('⚠️ **No new collision must be fixed** · 1 warning · 1 existing');
  });

  it('reports existing conflicts without alarm', () => {
    expect(renderMarkdownVerdict(reportWith([{ ...grafana, status: 'existing', newServices: [] }]))).toBe(
      '✅ **No new port collisions** · 1 existing',
    );
    expect(renderMarkdownVerdict(emptyReport())).toBe('✅ No port collisions.');
  });

  it('escapes a hostile newcomer', () => {
    const hostile = fixtureReport().conflicts.find((candidate) => candidate.services.includes(HOSTILE));
    expect(renderMarkdownVerdict(reportWith(hostile ? [hostile] : []))).toBe(
      `❌ **1 new port collision must be fixed**: \`\`evil|\`x\`<${ZWJ}script>alert(1)<${ZWJ}/script>@${ZWJ}someone #${ZWJ}12 <${ZWJ}!-- portcullis -->\\nnext\`\` takes 8765/tcp from \`spacedust\`; proposed 8766`,
    );
  });
});

describe('describeConflict', () => {
  const at = { file: 'a.yml', line: 1, column: 1 };

  it('has everyone bind the port when all of them are new', () => {
    const all = conflict({
      services: ['a', 'b', 'c'], newServices: ['a', 'b', 'c'],
      suggestions: [
        { service: 'b', ...at, from: 8765, to: 8766, toEnd: 8766 },
        { service: 'c', ...at, from: 8765, to: 8767, toEnd: 8767 },
      ],
    });
    expect(describeConflict(all)).toBe('`a`, `b` and `c` all bind 8765/tcp; proposed `b` → 8766, `c` → 8767');
    expect(describeConflict({ ...all, services: ['a', 'b'], newServices: [], suggestions: [] })).toBe('`a` and `b` both bind 8765/tcp');
  });

  it('has several newcomers take the port from several holders', () => {
    expect(describeConflict(conflict({ services: ['a', 'b', 'c', 'd'], newServices: ['b', 'd'] }))).toBe(
      '`b` and `d` take 8765/tcp from `a` and `c`',
    );
  });

  it('words the registry rules', () => {
    expect(describeConflict(conflict({ rule: 'registry-duplicate', services: ['a', 'b'] }))).toBe(
      'the registry gives 8765/tcp to `a` and `b`',
    );
    const drift = conflict({
      rule: 'registry-drift', protocol: 'udp', port: 3011, endPort: 3011, services: ['x'],
      suggestions: [{ service: 'x', ...at, from: 3011, to: 3010, toEnd: 3010 }],
    });
    expect(describeConflict(drift)).toBe('`x` binds 3011/udp, not its registered port; proposed 3010');
    expect(describeConflict(conflict({ rule: 'out-of-range', services: ['x'] }))).toBe(
      "`x` binds 8765/tcp, outside its category's range",
    );
  });

  it('proposes a range once for a service with several literals of it', () => {
    const range = conflict({
      rule: 'reserved-port', port: 3004, endPort: 3005, services: ['m'],
      suggestions: [
        { service: 'm', ...at, from: 3004, to: 3011, toEnd: 3012 },
        { service: 'm', ...at, line: 9, from: 3004, to: 3011, toEnd: 3012 },
      ],
    });
    expect(describeConflict(range)).toBe('`m` binds 3004-3005/tcp, which the registry reserves; proposed 3011-3012');
  });
});

describe('renderMarkdown on an incomplete check', () => {
  it('never gives the all-clear, says what was not read right below the verdict, escaped', () => {
    const markdown = renderMarkdown(incompleteReport(), { title: '' });
    const [verdict, notice, list] = markdown.split('\n\n');
    expect(verdict).toBe('⚠️ **Incomplete check**: no port collisions in what could be read');
    const withExisting = { ...incompleteReport(), conflicts: [conflict({ status: 'existing', services: ['a', 'b'] })] };
    expect(renderMarkdownVerdict(withExisting)).toBe('⚠️ **Incomplete check**: no new collision that must be fixed in what could be read · 1 existing');
    expect(notice).toBe('**The check is incomplete** (2 limits hit): what it could not read may hide a collision, so it fails the gate unless the workflow says `incomplete: warn`.');
    expect(list).toBe(
      '- `file-size`: 1 file larger than limits.maxFileBytes not read: ::error file=a::forged\n' +
        '- `rest-file-list`: GitHub lists 3,000 of the files this pull request changes, and the base could not be fetched: the files past them were compared with nothing',
    );
    expect(markdown).not.toContain('✅');
    expect(renderMarkdownVerdict(incompleteReport())).toBe(verdict);
  });

  it('keeps the collision verdict first when there are new collisions', () => {
    const report = { ...fixtureReport(), incomplete: incompleteReport().incomplete };
    const markdown = renderMarkdown(report, { title: '' });
    expect(markdown.split('\n\n')[0]).toBe(renderMarkdownVerdict(fixtureReport()));
    expect(markdown.split('\n\n')[1]).toMatch(/^\*\*The check is incomplete\*\*/);
  });
});
