// The search page in a real Chromium (playwright-core): the header's search
// box, a search in English, Arabic (right to left) and Chinese, the filters,
// the marked snippets, the "page N" link to the PDF, and the page at 390 px
// without horizontal scroll. Screenshots in tests/out/browser/search-*.png
// and, for the README, readme-search-zh.png and readme-search-ar.png.
// Run by tests/http/search.sh with R1540_BASE set to its server. TAP lines.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const BASE = process.env.R1540_BASE;
const OUT = 'tests/out/browser';
let n = 0;
const ok = (cond, name, why = '') => {
  n += 1;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - browser: ${name}${cond || !why ? '' : `\n#   ${why}`}`);
};

fs.mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(20000);
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
try {
  // en: from the header's box on the home page
  await page.goto(`${BASE}/en/`);
  await page.fill('header .search-box input[name=q]', 'export control');
  await page.press('header .search-box input[name=q]', 'Enter');
  await page.waitForURL(/\/en\/search\?q=/);
  const marks = await page.locator('ol.hits mark').allTextContents();
  ok(marks.some((m) => /^export/i.test(m)), 'the header box searches; matched words are marked', JSON.stringify(marks));
  const link = page.locator('ol.hits a', { hasText: 'page 2' }).first();
  ok(/\/reports\/\d+\/file\?view=1#page=2$/.test(await link.getAttribute('href') || ''), '"page 2" opens the PDF at page 2');
  await page.screenshot({ path: `${OUT}/search-en.png`, fullPage: true });
  // filters: French only
  await page.selectOption('form.search select[name=lang]', 'fr');
  await page.click('form.search button[type=submit]');
  const states = await page.locator('ol.hits li .hit-head a[href*="/states/"]').allTextContents();
  ok(states.length > 0 && states.every((s) => s === 'FRA'), 'the language filter keeps French reports', JSON.stringify(states));
  // ar and zh
  for (const [L, q, want] of [['ar', 'القانون الدول', 'EGY'], ['zh', '出口管制', 'CHN']]) {
    await page.goto(`${BASE}/${L}/search?q=${encodeURIComponent(q)}`);
    const dir = await page.evaluate(() => document.documentElement.dir);
    const got = await page.locator('ol.hits li .hit-head a[href*="/states/"]').allTextContents();
    ok(got.includes(want) && dir === (L === 'ar' ? 'rtl' : 'ltr'), `${L}: ${q} finds ${want}`, `${dir} ${JSON.stringify(got)}`);
    await page.screenshot({ path: `${OUT}/search-${L}.png`, fullPage: true });
  }
  // one search, results in all six languages (the README's picture)
  await page.goto(`${BASE}/en/search?q=1540`);
  const six = await page.locator('ol.hits li .hit-head a[href*="/states/"]').allTextContents();
  ok(['CHN', 'EGY', 'FRA', 'GBR'].every((c) => six.includes(c)), '1540 finds the reports in every language', JSON.stringify(six));
  await page.screenshot({ path: `${OUT}/search-1540.png`, fullPage: true });
  // the same search with the page in Chinese and in Arabic: Chinese and
  // Arabic results together (the README's pictures, docs/img/search-zh.png
  // and search-ar.png are copies of these)
  for (const L of ['zh', 'ar']) {
    await page.goto(`${BASE}/${L}/search?q=1540`);
    const got = await page.locator('ol.hits li .hit-head a[href*="/states/"]').allTextContents();
    const marked = await page.locator('ol.hits mark').allTextContents();
    ok(got.includes('CHN') && got.includes('EGY') && marked.includes('1540'),
      `${L}: the page in ${L} lists Chinese and Arabic results, 1540 marked`, JSON.stringify(got));
    await page.screenshot({ path: `${OUT}/readme-search-${L}.png`, fullPage: true });
  }
  // the phone width, in every language shown
  await page.setViewportSize({ width: 390, height: 800 });
  for (const [L, q] of [['en', 'export control'], ['ar', 'القانون'], ['zh', '出口管制']]) {
    await page.goto(`${BASE}/${L}/search?q=${encodeURIComponent(q)}`);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(wide <= 390, `${L} at 390 px: no horizontal scroll`, `scrollWidth ${wide}`);
    await page.screenshot({ path: `${OUT}/search-${L}-390.png`, fullPage: true });
  }
  ok(errors.length === 0, 'no script errors', errors.join('; '));
} catch (e) {
  ok(false, 'the walk ran to its end', e.message.split('\n')[0]);
  await page.screenshot({ path: `${OUT}/search-failure.png` }).catch(() => {});
} finally {
  await browser.close();
}
