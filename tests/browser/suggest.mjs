// Browser test of the drafting aid's panel (issue 15 item 5), started by
// tests/http/suggest.sh against its server and database: the expert signs in,
// opens the draft of NLD with an item chosen, sees the passages, presses
// "Use this" and finds the form filled (report, page, reference) with the
// mark unchanged; the page in Arabic and Chinese, and in English, Arabic
// and Chinese at 390 px, without horizontal scroll. Screenshots in tests/out/browser/suggest-*.png.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const OUT = 'tests/out/browser';
const ITEM = 'OP3CD-NW-EXPORT-LAW';
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
  await page.goto(`${BASE}/en/login`);
  await page.fill('input[name=name]', 'exp');
  await page.fill('input[name=password]', PW);
  await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
  const draft = `${BASE}/en/states/NLD/versions/1`;
  await page.goto(`${draft}?item=${ITEM}#edit`);
  const items = await page.locator('#suggest li').count();
  ok(items >= 2, 'the panel lists passages for the chosen item', `${items} passages`);
  await page.locator('#suggest').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}/suggest-en.png`, fullPage: false });
  const mark = await page.inputValue('form.entry select[name=mark]');
  const zhUse = page.locator('#suggest li', { hasText: '第十二条' }).locator('button');
  await Promise.all([page.waitForURL(/use_report=/), zhUse.click()]);
  const ref = await page.inputValue('form.entry input[name=legal_reference]');
  const pg = await page.inputValue('form.entry input[name=page]');
  const src = await page.locator('form.entry select[name=source_report] option:checked').innerText();
  ok(ref === '第十二条' && pg === '1' && src.includes('国家报告'),
    'Use this fills the reference, the page and the source report', `${ref} | ${pg} | ${src}`);
  ok(await page.inputValue('form.entry select[name=mark]') === mark, 'Use this leaves the mark as it was');
  await page.screenshot({ path: `${OUT}/suggest-used-en.png`, fullPage: false });
  await Promise.all([page.waitForURL(/saved=/), page.click('form.entry button[type=submit]')]);
  ok(/saved=/.test(page.url()), 'the expert saves the entry');
  for (const [L, w] of [['ar', 1280], ['zh', 1280], ['en', 390], ['ar', 390], ['zh', 390]]) {
    await page.setViewportSize({ width: w, height: w === 390 ? 844 : 900 });
    await page.goto(`${BASE}/${L}/states/NLD/versions/1?item=${ITEM}#suggest`);
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    const shown = await page.locator('#suggest li').count();
    ok(sw <= w && shown === items, `${L} at ${w} px: the same passages, no horizontal scroll`,
      `scrollWidth ${sw}, ${shown} passages`);
    await page.locator('#suggest').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/suggest-${L}${w === 390 ? '-390' : ''}.png`, fullPage: false });
  }
  ok(errors.length === 0, 'no script errors', errors.join('; '));
} catch (err) {
  ok(false, 'the walk ran to the end', err.message);
} finally {
  await browser.close();
}
