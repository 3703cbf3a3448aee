import { describe, expect, it } from '@jest/globals';
import { COMMENT_LIMIT, cutMarkdown } from '../../src/action/markdownLimit.js';
import { type LineProposal, lineProposals, proposalListItem } from '../../src/action/proposals.js';
import { MAX_REVIEW_COMMENTS, partitionByDiff, planReview, reviewBody, reviewCommentBody, suggestionBlock } from '../../src/action/review.js';
import { hasStickyMarker, outsideDiffFold, STICKY_MARKER, stickyCommentAction, stickyCommentBody, stickyMarker } from '../../src/action/stickyComment.js';
import { fixtureReport, HOSTILE_FILE } from '../report/fixture.js';
import { nodesOfType, parseGfm, visibleText } from '../report/gfm.js';

const LINES: Record<string, string[]> = {
  'docker/compose.yml': ['services:', '  grafana-embed:', '    image: grafana', '    ports:', '', '', '', '     - "3002:3000"'],
  'apps/b/.env': ['WEB_PORT=8080'],
  'deploy/compose.yml': ['services:', '  metrics:', '    ports:', '', '     - "127.0.0.1:3004-3005:9000-9001"'],
};
const readLine = (file: string, line: number) => LINES[file]?.[line - 1];
const link = (file: string, line: number) => `https://github.com/o/r/blob/abc/${file}#L${line}`;

function proposal(line: number, overrides: Partial<LineProposal> = {}): LineProposal {
  return { file: 'many/.env', line, edits: [], reasons: ['❌ duplicate-port: x'], replacement: `T${line}_PORT=1`, fingerprint: line.toString(16).padStart(16, '0'), ...overrides };
}

describe('lineProposals', () => {
  it("takes the new conflicts' proposals, one per line, with the line rewritten at the literal", () => {
    const proposals = lineProposals(fixtureReport().conflicts, readLine);
    expect(proposals.map((entry) => [entry.file, entry.line, entry.replacement])).toEqual([
      ['docker/compose.yml', 8, '     - "3003:3000"'],
      [HOSTILE_FILE, 9, undefined],
      ['apps/b/.env', 1, 'WEB_PORT=8081'],
      ['deploy/compose.yml', 5, '     - "127.0.0.1:3011-3012:9000-9001"'],
    ]);
    expect(proposals[0]?.reasons).toEqual(['❌ registry-conflict: `grafana-embed` takes 3002/tcp from `embed`; proposed 3003']);
    expect(proposals[0]?.edits).toEqual([{ column: 9, from: 3002, fromEnd: 3002, to: 3003, toEnd: 3003 }]);
  });

  it('leaves existing conflicts to the sticky table: a pull request is asked to fix only what it brings', () => {
    const proposals = lineProposals(fixtureReport().conflicts, readLine);
    expect(proposals.some((entry) => entry.file === 'systemd/resolver.socket')).toBe(false);
  });
});

describe('the review', () => {
  it('comments only on lines the diff shows; the rest go to the sticky comment', () => {
    const proposals = [proposal(1), proposal(2), proposal(3, { file: 'other.yml' })];
    const diff = new Map([['many/.env', new Set([2, 3])]]);
    const { inDiff, outsideDiff } = partitionByDiff(proposals, diff);
    expect(inDiff.map((entry) => entry.line)).toEqual([2]);
    expect(outsideDiff.map((entry) => `${entry.file}:${entry.line}`)).toEqual(['many/.env:1', 'other.yml:3']);
    expect(partitionByDiff(proposals, undefined).outsideDiff).toHaveLength(3);
  });

  it(`posts what no earlier run posted, at most ${MAX_REVIEW_COMMENTS} comments, and lists the rest in the body`, () => {
    const proposals = Array.from({ length: 40 }, (_, i) => proposal(i + 1));
    const { comments, overflow } = planReview(proposals, new Set([proposals[0]?.fingerprint as string]));
    expect(comments.map((entry) => entry.line)).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    expect(overflow.map((entry) => entry.line)).toEqual([32, 33, 34, 35, 36, 37, 38, 39, 40]);
    const body = reviewBody(comments, overflow, link, 'pointer');
    expect(body.split('\n')[0]).toBe('**Portcullis**: 39 proposed port changes on lines of this pull request.');
    expect(body).toContain('<summary>9 more proposals (a review carries at most 30 comments; the next run posts them)</summary>');
    expect(body).toContain('- [`many/.env:32`](https://github.com/o/r/blob/abc/many/.env#L32): ❌ duplicate-port: x; the line becomes `T32_PORT=1`');
  });

  it('a comment starts with its fingerprint and carries a suggestion block that replaces the whole line', () => {
    const [entry] = lineProposals(fixtureReport().conflicts, readLine);
    expect(reviewCommentBody(entry as LineProposal)).toBe(
      `<!-- portcullis:suggestion:${entry?.fingerprint} -->\n**Portcullis** proposes a free port:\n- ❌ registry-conflict: \`grafana-embed\` takes 3002/tcp from \`embed\`; proposed 3003\n\n\`\`\`suggestion\n     - "3003:3000"\n\`\`\``,
    );
    expect(reviewCommentBody(proposal(1, { replacement: undefined }))).not.toContain('suggestion\n');
  });

  it('a line with backticks gets a longer fence, so it cannot close the block', () => {
    expect(suggestionBlock('run: echo ```8080```')).toBe('````suggestion\nrun: echo ```8080```\n````');
  });

  it('a line too long for one comment gets the proposal without the block', () => {
    const body = reviewCommentBody(proposal(1, { replacement: 'x'.repeat(COMMENT_LIMIT.max) }));
    expect(body).not.toContain('```suggestion');
    expect(body.length).toBeLessThan(200);
  });
});

describe('the sticky comment', () => {
  it('is created only for a pull request with new conflicts (or always), updated once it exists, never when told', () => {
    const existing = { id: 1, body: 'old' };
    expect(stickyCommentAction(null, 'on-conflict', true, 'b')).toBe('create');
    expect(stickyCommentAction(null, 'on-conflict', false, 'b')).toBe('none');
    expect(stickyCommentAction(null, 'always', false, 'b')).toBe('create');
    expect(stickyCommentAction(existing, 'on-conflict', false, 'b')).toBe('update');
    expect(stickyCommentAction(existing, 'on-conflict', true, 'old')).toBe('none');
    expect(stickyCommentAction(existing, 'never', true, 'b')).toBe('none');
    expect(stickyCommentAction(null, 'never', true, 'b')).toBe('none');
  });

  it('starts with the marker; the proposals outside the diff are folded with links', () => {
    expect(stickyCommentBody(STICKY_MARKER, '### Portcullis\n\nreport\n', 'pointer')).toBe(`${STICKY_MARKER}\n\n### Portcullis\n\nreport\n`);
    expect(outsideDiffFold([proposal(4)], link)).toBe(
      "<details>\n<summary>1 proposed line change outside this pull request's diff (GitHub takes review suggestions only on lines the diff shows)</summary>\n\n- [`many/.env:4`](https://github.com/o/r/blob/abc/many/.env#L4): ❌ duplicate-port: x; the line becomes `T4_PORT=1`\n\n</details>",
    );
    expect(outsideDiffFold([], link)).toBeUndefined();
  });

  it("a hostile replacement line renders as the literal text: no mention, no markup", () => {
    const body = outsideDiffFold([proposal(1, { replacement: '  - "@someone <script>|`x`"' })], link) ?? '';
    const item = nodesOfType(parseGfm(body), 'listItem')[0];
    expect(visibleText(item ?? { type: 'none' })).toContain('the line becomes - "@someone <script>|`x`"');
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('@someone');
  });

  it("is cut under GitHub's 65,536 characters with open <details> closed and a pointer to the job summary", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `| row ${i} | ${'x'.repeat(40)} |`);
    const markdown = ['### Portcullis', '<details>\n<summary>many</summary>', '| a | b |\n| --- | --- |', ...rows, '</details>'].join('\n\n');
    const body = stickyCommentBody(STICKY_MARKER, markdown, 'The report is cut here: [the job summary](https://github.com/o/r/actions/runs/1) has all of it.');
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(60_000);
    expect(body.startsWith(STICKY_MARKER)).toBe(true);
    expect(body.endsWith('</details>\n\nThe report is cut here: [the job summary](https://github.com/o/r/actions/runs/1) has all of it.\n')).toBe(true);
  });
});

describe('the sticky marker: one comment per pull request and root', () => {
  it('keeps the marker comments had before for the top folder, and names any other root or comment-id in it', () => {
    expect(stickyMarker('')).toBe(STICKY_MARKER);
    expect(stickyMarker('services/api')).toBe('<!-- portcullis:sticky:services/api -->');
    expect(stickyMarker('services/web')).not.toBe(stickyMarker('services/api'));
  });

  it('writes any other character as %XX bytes, so no folder name can end the HTML comment or forge another root', () => {
    expect(stickyMarker('a -->b')).toBe('<!-- portcullis:sticky:a%20--%3Eb -->');
    expect(stickyMarker('ü\n')).toBe('<!-- portcullis:sticky:%C3%BC%0A -->');
    expect(stickyMarker('--!>')).toBe('<!-- portcullis:sticky:--%21%3E -->');
  });

  it('takes a comment for its own only when its first line is exactly the marker', () => {
    const api = stickyMarker('services/api');
    expect(hasStickyMarker(`${api}\n\nbody`, api)).toBe(true);
    expect(hasStickyMarker(`${api}\r\nbody`, api)).toBe(true);
    expect(hasStickyMarker(`${STICKY_MARKER}\n\nbody`, api)).toBe(false);
    expect(hasStickyMarker(`${api}\n`, STICKY_MARKER)).toBe(false);
    expect(hasStickyMarker(`quoted: ${api}\n`, api)).toBe(false);
    expect(hasStickyMarker(`${stickyMarker('services/api-v2')}\n`, api)).toBe(false);
    expect(hasStickyMarker(null, api)).toBe(false);
  });
});

describe('cutMarkdown', () => {
  it('leaves text that fits alone, and measures in the limit’s own unit', () => {
    expect(cutMarkdown('short', COMMENT_LIMIT, 'note')).toBe('short');
    const bytes = { max: 20, measure: (text: string) => Buffer.byteLength(text) };
    expect(cutMarkdown('ééééé\nééééé\nééééé', bytes, 'cut')).toBe('ééééé\n\ncut\n');
  });
});

describe('proposalListItem', () => {
  it('says when the literal could not be found on the line', () => {
    expect(proposalListItem(proposal(2, { replacement: undefined }), link)).toBe('- [`many/.env:2`](https://github.com/o/r/blob/abc/many/.env#L2): ❌ duplicate-port: x');
  });
});
