import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  escapeLinkDestination,
  escapeMarkdownText,
  markdownCode,
  markdownLink,
  neutralizeReferences,
  visibleControlChars,
} from '../../src/report/escape.js';
import { nodesOfType, parseGfm, visibleText } from './gfm.js';

const ZWJ = '\u200D';
// The characters with a meaning somewhere in Markdown, HTML or GitHub's references.
const RISKY = [...'ab `*_[]()<>!&|~$#@\\-:./1\n\t', '<!--', 'GH-1', '@x', '#1'];
const riskyText = fc.array(fc.constantFrom(...RISKY), { minLength: 1, maxLength: 24 }).map((parts) => parts.join(''));

describe('visibleControlChars', () => {
  it('shows newlines, tabs, escape sequences and bidi overrides as escapes', () => {
    expect(visibleControlChars('a\nb\r\tc\u001b[31m\u202Ed\u0000')).toBe('a\\nb\\r\\tc\\u001b[31m\\u202ed\\u0000');
  });

  it('leaves printable text, including non-ASCII, alone', () => {
    expect(visibleControlChars('grafana-embed → 3003 ü')).toBe('grafana-embed → 3003 ü');
  });
});

describe('neutralizeReferences', () => {
  it('breaks mentions, issue references and GH- references with a zero-width joiner', () => {
    expect(neutralizeReferences('@someone @org/team')).toBe(`@${ZWJ}someone @${ZWJ}org/team`);
    expect(neutralizeReferences('#12 owner/repo#3 GH-7 gh-8')).toBe(`#${ZWJ}12 owner/repo#${ZWJ}3 GH${ZWJ}-7 gh${ZWJ}-8`);
  });

  it('leaves a # that is no reference alone', () => {
    expect(neutralizeReferences('#x a#b-c GHz-1')).toBe('#x a#b-c GHz-1');
  });
});

describe('escapeMarkdownText', () => {
  it('escapes table pipes, emphasis, code, links and math', () => {
    expect(escapeMarkdownText('a|b *c* _d_ `e` [f](g) ~h~ $i$ \\')).toBe(
      'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\~h\\~ \\$i\\$ \\\\',
    );
  });

  it('turns HTML, and so the hidden comment marker, into entities', () => {
    expect(escapeMarkdownText('<script>x</script> & <!-- portcullis -->')).toBe(
      '&lt;script&gt;x&lt;/script&gt; &amp; &lt;!-- portcullis --&gt;',
    );
  });

  it('keeps a newline from ending the line, showing it as \\n', () => {
    expect(escapeMarkdownText('a\nb')).toBe('a\\\\nb');
  });

  it('renders exactly as the (visible) text, whatever the text', () => {
    fc.assert(
      fc.property(riskyText, (text) => {
        const markdown = `x ${escapeMarkdownText(text)} x`;
        expect(visibleText(parseGfm(markdown))).toBe(`x ${visibleControlChars(text)} x`);
      }),
    );
  });

  it('never leaves a raw marker, tag or live mention in the Markdown source', () => {
    fc.assert(
      fc.property(riskyText, (text) => {
        const markdown = escapeMarkdownText(text);
        expect(markdown).not.toMatch(/<!--|<[a-z/]|@(?!\u200D)|#(?=\d)|\bgh-\d/i);
      }),
    );
  });
});

describe('markdownCode', () => {
  it('uses a fence longer than any backtick run inside, padded where the text touches a backtick', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b')).toBe('``a`b``');
    expect(markdownCode('a``b`')).toBe('``` a``b` ```');
    expect(markdownCode('`x')).toBe('`` `x ``');
  });

  it('escapes pipes only inside a table', () => {
    expect(markdownCode('a|b')).toBe('`a|b`');
    expect(markdownCode('a|b', { inTable: true })).toBe('`a\\|b`');
  });

  it('breaks every < so the source never holds a tag or the comment marker', () => {
    expect(markdownCode('<!-- portcullis --><script>')).toBe(`\`<${ZWJ}!-- portcullis --><${ZWJ}script>\``);
  });

  it('never leaves a raw marker, tag or live mention in the Markdown source', () => {
    fc.assert(
      fc.property(riskyText, fc.boolean(), (text, inTable) => {
        expect(markdownCode(text, { inTable })).not.toMatch(/<[!a-z/]|@(?!\u200D)|#(?=\d)|\bgh-\d/i);
      }),
    );
  });

  it('renders as one code span holding exactly the (visible) text', () => {
    fc.assert(
      fc.property(riskyText, (text) => {
        const spans = nodesOfType(parseGfm(`x ${markdownCode(text)} x`), 'inlineCode');
        expect(spans).toHaveLength(1);
        expect(visibleText(spans[0] ?? { type: 'none' })).toBe(visibleControlChars(text));
      }),
    );
  });

  it('renders as one code span in one table cell, pipes and all', () => {
    fc.assert(
      fc.property(riskyText, (text) => {
        const table = `| a | b |\n| --- | --- |\n| ${markdownCode(text, { inTable: true })} | z |\n`;
        const cells = nodesOfType(parseGfm(table), 'tableCell');
        expect(cells.map(visibleText)).toEqual(['a', 'b', visibleControlChars(text), 'z']);
      }),
    );
  });
});

describe('links', () => {
  it('percent-encodes what would end a link destination or a table cell', () => {
    expect(escapeLinkDestination('https://x.test/a b(1)|<>"`\\.yml#L3')).toBe(
      'https://x.test/a%20b%281%29%7C%3C%3E%22%60%5C.yml#L3',
    );
  });

  it('keeps an already encoded URL as it is', () => {
    expect(escapeLinkDestination('https://x.test/dev%20env/100%25.yml#L9')).toBe('https://x.test/dev%20env/100%25.yml#L9');
  });

  it('builds a link GFM parses with the given destination', () => {
    const markdown = markdownLink(markdownCode('a b.yml:3:1', { inTable: true }), 'https://x.test/a b.yml#L3');
    expect(markdown).toBe('[`a b.yml:3:1`](https://x.test/a%20b.yml#L3)');
    const [link] = nodesOfType(parseGfm(markdown), 'link') as { url?: string }[];
    expect(link?.url).toBe('https://x.test/a%20b.yml#L3');
  });
});
