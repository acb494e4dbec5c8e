// Browser walk of an effective practice (issue 17, item 5): FRA's point of
// contact submits one from the item's practices page, with a document; the
// expert publishes it from its page; the public finds it next to the item on
// FRA's published matrix and opens it, in English, Arabic and Chinese, at
// desktop and phone (390 px) width; no page may overflow the phone.
// TAP output; screenshots in tests/out/browser/practices-*.png.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = 'tests/out/browser';
const TITLE = 'One-stop licensing window <for dual-use goods>';
const LANGS = [['en', 'Effective practices'], ['ar', 'الممارسات الفعّالة'], ['zh', '有效做法']];

let n = 0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of diag) console.log(`#   ${String(d).slice(0, 800).replace(/\n/g, '\n#   ')}`);
  return cond;
}

async function signIn(page, ctx, name) {
  await ctx.clearCookies();
  await page.goto(`${BASE}/en/login`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', PW);
  await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
}

// The page at 390 px: no overflow, and a screenshot of it.
async function phone(page, L, what) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(sw <= 390, `${L}: ${what} at 390 px does not overflow`, `scrollWidth ${sw}`);
  await page.screenshot({ path: `${OUT}/practices-${L}-${what}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1540-chromium-'));
  const ctx = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  try {
    // the state submits, from the item's practices page
    await signIn(page, ctx, 'pocfra');
    await page.goto(`${BASE}/en/practices?item=OP1-NPT`);
    await page.fill('#submit-practice input[name=title]', TITLE);
    await page.fill('#submit-practice textarea[name=summary]', 'A single window answers licence requests.\nSecond line: ten days.');
    await page.selectOption('#submit-practice select[name=language]', 'en');
    await page.setInputFiles('#submit-practice input[name=file]', {
      name: 'lessons.txt', mimeType: 'text/plain', buffer: Buffer.from('Lessons learned: the window needs customs on board.\n'),
    });
    await page.screenshot({ path: `${OUT}/practices-en-submit.png`, fullPage: true });
    await Promise.all([page.waitForURL(/practices\/1\?msg=practice-submitted/), page.click('#submit-practice button[type=submit]')]);
    let text = await page.textContent('body');
    ok(text.includes(TITLE), 'the submitter sees the practice, as typed');
    ok(text.includes('Waiting for review'), '... waiting for review');

    // the expert publishes
    await signIn(page, ctx, 'exp');
    await page.goto(`${BASE}/en/practices/1`);
    ok(await page.isVisible('#publish-practice'), 'the expert has the review forms');
    await page.screenshot({ path: `${OUT}/practices-en-review.png`, fullPage: true });
    await Promise.all([page.waitForURL(/msg=practice-published/), page.click('#publish-practice button[type=submit]')]);
    ok((await page.textContent('body')).includes('The practice was published.'), 'the expert is told it is published');

    // the public finds it next to the item, in three languages
    await ctx.clearCookies();
    for (const [L, heading] of LANGS) {
      await page.goto(`${BASE}/${L}/states/FRA/versions/1`);
      const link = page.locator('a.practices-link[href*="item=OP1-NPT"]').first();
      ok(await link.count() === 1, `${L}: the published matrix links OP1-NPT to its practices`);
      await page.screenshot({ path: `${OUT}/practices-${L}-matrix.png`, fullPage: true });
      await Promise.all([page.waitForURL(/practices\?item=OP1-NPT/), link.click()]);
      text = await page.textContent('body');
      ok(text.includes(heading), `${L}: the item's practices page says "${heading}"`);
      ok(text.includes(TITLE), `${L}: ... and lists the practice`);
      await page.screenshot({ path: `${OUT}/practices-${L}-item.png`, fullPage: true });
      await phone(page, L, 'item');
      await Promise.all([page.waitForURL(/practices\/1$/), page.click('ul.practices a[href$="practices/1"]')]);
      text = await page.textContent('body');
      ok(text.includes('Second line: ten days.'), `${L}: the practice page shows its summary`);
      ok(await page.isVisible('a[href$="practices/1/file"]'), `${L}: ... and its document`);
      ok(!(await page.isVisible('#publish-practice')), `${L}: ... with no review form for the public`);
      await page.screenshot({ path: `${OUT}/practices-${L}-practice.png`, fullPage: true });
      await phone(page, L, 'practice');
    }
    ok(problems.length === 0, 'no script errors', ...problems);
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.log(`not ok ${n + 1} - the walk ran to its end`); console.log(`#   ${err.stack}`); process.exit(1); });
