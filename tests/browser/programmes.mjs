// Browser walk of an assistance request as resolution 2663 asks (issue 17,
// item 6): a point of contact records the outcome and the state's feedback on
// a delivered request through the page's form, in English, Arabic and Chinese,
// at desktop and phone (390 px) width; the page must not overflow the phone.
// TAP output; screenshots in tests/out/browser/programmes-*.png.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = 'tests/out/browser';
const LANGS = [['en', 'Outcome and feedback'], ['ar', 'النتيجة والملاحظات'], ['zh', '成果和反馈']];

let n = 0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of diag) console.log(`#   ${String(d).slice(0, 800).replace(/\n/g, '\n#   ')}`);
  return cond;
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
    await page.goto(`${BASE}/en/login`);
    await page.fill('input[name=name]', 'pocfra');
    await page.fill('input[name=password]', PW);
    await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
    for (const [L, heading] of LANGS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${BASE}/${L}/assistance/requests/1`);
      if (L === 'en') {
        await page.click('details.assist-form summary');
        await page.fill('textarea[name=outcome]', 'Law adopted <in force>; 12 officers trained');
        await page.fill('textarea[name=feedback]', 'More customs training is needed');
        await Promise.all([page.waitForURL(/msg=feedback-recorded/), page.click('details.assist-form button[type=submit]')]);
      }
      const text = await page.textContent('main, body');
      ok(text.includes(heading), `${L}: the request page shows "${heading}"`);
      ok(text.includes('Law adopted <in force>; 12 officers trained'), `${L}: the outcome, as typed`);
      ok(text.includes('More customs training is needed'), `${L}: the state's own user sees the feedback`);
      await page.screenshot({ path: `${OUT}/programmes-${L}-request.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(sw <= 390, `${L}: at 390 px the page does not overflow`, `scrollWidth ${sw}`);
      await page.screenshot({ path: `${OUT}/programmes-${L}-request-390.png`, fullPage: true });
    }
    ok(problems.length === 0, 'no script errors', ...problems);
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.log(`not ok ${n + 1} - the walk ran to its end`); console.log(`#   ${err.stack}`); process.exit(1); });
