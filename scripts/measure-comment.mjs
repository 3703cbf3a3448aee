#!/usr/bin/env node
// How wide the sticky comment's tables are on GitHub: the comment's Markdown rendered as GFM
// (marked), styled with GitHub's Markdown CSS at a comment's 14 px, laid out by headless
// Chromium in a column of the given width. A table wider than its column scrolls sideways on
// GitHub, which cuts off its last columns; this says, per table, the narrowest width it can
// take (its min-content: the longest unbreakable words of each column) and whether it fits.
//
//   node scripts/measure-comment.mjs [--markdown FILE] [--width 760] [--screenshot FILE] [--chromium PATH]
//
// Chromium is not a dependency: Debian's (`apt-get install chromium`) or any other, by
// --chromium or $CHROMIUM. The fonts are whatever the machine has (GitHub asks for the
// system UI font, then Noto Sans, Helvetica, Arial; code in SF Mono, Consolas, Liberation
// Mono): the numbers are those of this machine's fallbacks, not of every reader's.
/* global document, getComputedStyle -- the functions given to page.evaluate run in the browser */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { marked } from 'marked';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    markdown: { type: 'string', default: '__tests__/action/golden/comment.md' },
    width: { type: 'string', default: '760' },
    screenshot: { type: 'string' },
    chromium: { type: 'string', default: process.env.CHROMIUM ?? '/usr/bin/chromium' },
  },
});
const width = Number(values.width);
if (!existsSync(values.chromium)) {
  console.error(`no Chromium at ${values.chromium}: install one (apt-get install chromium) or pass --chromium`);
  process.exit(2);
}

const css = readFileSync(createRequire(import.meta.url).resolve('github-markdown-css/github-markdown-light.css'), 'utf8');
const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
/* A comment's body: 14 px text in a column of the measured width. */
.markdown-body { box-sizing: border-box; width: ${width}px; padding: 0; font-size: 14px; }
</style></head><body><article class="markdown-body">${marked.parse(readFileSync(values.markdown, 'utf8'), { gfm: true })}</article></body></html>`;

const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: width + 40, height: 800 }, deviceScaleFactor: 1 });
  await page.setContent(html);
  const tables = await page.evaluate(() => {
    for (const details of document.querySelectorAll('details')) details.open = true;
    return [...document.querySelectorAll('table')].map((table) => {
      const fits = table.scrollWidth <= table.clientWidth;
      const shown = table.getBoundingClientRect().width;
      table.style.maxWidth = 'none';
      table.style.width = 'min-content';
      const narrowest = table.getBoundingClientRect().width;
      table.style.width = 'max-content';
      const natural = table.getBoundingClientRect().width;
      table.style.width = '';
      table.style.maxWidth = '';
      const columns = [...table.querySelectorAll('thead th')].map((cell) => cell.textContent);
      return { columns: columns.join(' | '), rows: table.querySelectorAll('tbody tr').length, narrowest, natural, shown, fits };
    });
  });
  const fonts = await page.evaluate(() => [getComputedStyle(document.querySelector('.markdown-body')).fontFamily, document.fonts.size]);
  console.log(`column: ${width} px; fonts asked for: ${fonts[0]}`);
  for (const [index, table] of tables.entries()) {
    console.log(
      `table ${index + 1} (${table.columns}; ${table.rows} rows): needs ${Math.ceil(table.narrowest)} px at the narrowest, ${Math.ceil(table.natural)} px unwrapped, shown ${Math.ceil(table.shown)} px: ${table.fits ? 'fits' : 'SCROLLS (cut off)'}`,
    );
  }
  if (values.screenshot) {
    await page.locator('.markdown-body').screenshot({ path: values.screenshot });
    console.log(`screenshot: ${values.screenshot}`);
  }
  process.exitCode = tables.every((table) => table.fits) ? 0 : 1;
} finally {
  await browser.close();
}
