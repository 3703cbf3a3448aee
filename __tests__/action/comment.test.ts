// The sticky comment as a reviewer reads it: the golden file is the whole body the Action
// posts for commentFixture's pull request, compared byte for byte.
import { describe, expect, it } from '@jest/globals';
import { configChangesNotice } from '../../src/action/baseConfig.js';
import { lineProposals } from '../../src/action/proposals.js';
import { partitionByDiff } from '../../src/action/review.js';
import { commentTitle, outsideDiffFold, STICKY_MARKER, stickyCommentBody, stickyMarker } from '../../src/action/stickyComment.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { expectGolden } from '../report/golden.js';
import { nodesOfType, parseGfm, visibleText } from '../report/gfm.js';
import { headLink, pullRequestReport, REGISTRY_FILE, RELAY_FILE, SPACEDUST_FILE } from './commentFixture.js';

const GOLDEN = new URL('./golden/', import.meta.url);
const LINES: Record<string, string> = {
  [`${RELAY_FILE}:9`]: '      - "8765:8765"',
  [`${SPACEDUST_FILE}:12`]: '    let port = 8765;',
  'services/ledger/.env:3': 'LEDGER_DB_PORT=5433',
  'dashboards/web/compose.yml:5': '      - "3000:3000"',
  'dashboards/web/compose.yml:6': '      - "3005:3005"',
};
// The pull request added the relay, the ledger's port and the dashboard; spacedust's line is older.
const DIFF = new Map([
  [RELAY_FILE, new Set([9])],
  ['services/ledger/.env', new Set([3])],
  ['dashboards/web/compose.yml', new Set([5, 6])],
]);

/** The body the Action posts: the report's Markdown with the config notice, and the proposals outside the diff, folded. */
function commentBody(workingDirectory = '', prefix = ''): string {
  const report = pullRequestReport();
  const notice = configChangesNotice(['- adds `ignore`: port 3000 (the dashboards are alternatives)'], '.portcullis.yml');
  const { outsideDiff } = partitionByDiff(lineProposals(report.conflicts, (file, line) => LINES[`${file}:${line}`]), DIFF);
  const fold = outsideDiffFold(outsideDiff, headLink);
  const markdown = renderMarkdown(report, { title: commentTitle(workingDirectory, prefix), link: headLink, notices: notice === undefined ? [] : [notice], folds: fold === undefined ? [] : [fold] });
  return stickyCommentBody(stickyMarker(workingDirectory), markdown, 'The report is cut here.');
}

describe('the sticky comment, read in five seconds', () => {
  it('matches the golden comment', () => {
    expectGolden('comment.md', commentBody(), GOLDEN);
  });

  it('opens with what to do: the errors that must be fixed, and the warnings and older collisions counted apart', () => {
    const lines = commentBody().split('\n');
    expect(lines.slice(0, 5)).toEqual([STICKY_MARKER, '', '### Portcullis', '', '❌ **2 new port collisions must be fixed** · 3 warnings · 1 existing']);
  });

  it('shows the errors as a table whose first columns are port, services and proposed fix, and folds the rest', () => {
    const tree = parseGfm(commentBody());
    const [errors, warnings, existing, ...more] = nodesOfType(tree, 'table');
    expect(more).toEqual([]);
    const cells = (table: typeof errors) => nodesOfType(table ?? tree, 'tableRow').map((row) => nodesOfType(row, 'tableCell').map(visibleText));
    for (const table of [errors, warnings, existing]) expect(cells(table)[0]).toEqual(['port', 'services', 'proposed fix']);
    // The rule under the port, and the scope only where it is not the host: no column saying `host` in every row.
    expect(cells(errors).slice(1).map((row) => row[0])).toEqual(['8765/tcpregistry-conflict', '5433/tcpduplicate-port']);
    expect(cells(warnings).slice(1).map((row) => row[0])).toEqual(['9102/tcpunregisteredpod:observability/node-exporter', '3000/tcpduplicate-port', '3005/tcpreserved-port']);
    expect(cells(existing)[1]?.[0]).toBe('❌ 53/udpduplicate-port');
    const folds = nodesOfType(tree, 'html').map((node) => node.value ?? '').filter((html) => html.startsWith('<details>'));
    expect(folds).toEqual([
      '<details>\n<summary>3 warnings: possible collisions, which do not fail the check</summary>',
      '<details>\n<summary>1 existing port collision</summary>',
      '<details>\n<summary>1 diagnostic</summary>',
      "<details>\n<summary>1 proposed line change outside this pull request's diff (GitHub takes review suggestions only on lines the diff shows)</summary>",
    ]);
  });

  it('proposes the registry lines for the services the registry does not list, in its YAML form, linked to its last entry', () => {
    const body = commentBody();
    const [errors] = nodesOfType(parseGfm(body), 'table');
    const [, threeServices] = nodesOfType(errors ?? { type: 'none' }, 'tableRow');
    const fix = nodesOfType(threeServices ?? { type: 'none' }, 'tableCell').map(visibleText)[2];
    expect(fix).toBe('jetstream-relay\u00A0→\u00A08766spacedust\u00A0→\u00A08767add to ports.yml:jetstream-relay: 8766spacedust: 8767');
    expect(body).toContain(`add to [\`ports.yml\`](${headLink(REGISTRY_FILE, 14)}):<br>\`jetstream-relay: 8766\`<br>\`spacedust: 8767\``);
  });

  it("names its root in the heading and the marker, so two roots' comments are two", () => {
    const body = commentBody('services/api', 'services/api');
    expect(body.split('\n').slice(0, 3)).toEqual(['<!-- portcullis:sticky:services/api -->', '', '### Portcullis · `services/api`']);
  });
});
