// Browser walk of programmes and partners (issue 17, item 4): an IAEA provider
// records a programme through the list page's form (themes, a region, two
// languages), lands on its page, and finds it on the overlap view next to
// OPCW's programme; the programme and overlap pages in English, Arabic and
// Chinese, at desktop and phone (390 px) width, must not overflow the phone.
// TAP output; screenshots in tests/out/browser/org-programmes-*.png.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = 'tests/out/browser';
const LANGS = [['en', 'Overlapping programmes'], ['ar', 'البرامج المتداخلة'], ['zh', '相互重叠的方案']];
const TITLE = 'Demo: nuclear security law <review>';

let n = 0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of diag) console.log(`#   ${String(d).slice(0, 800).replace(/\n/g, '\n#   ')}`);
  return cond;
}

async function phone(page, L, name) {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(sw <= 390, `${L}: the ${name} page does not overflow at 390 px`, `scrollWidth ${sw}`);
  await page.screenshot({ path: `${OUT}/org-programmes-${L}-${name}-390.png`, fullPage: true });
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
    await page.goto(`${BASE}/en/login`);
    await page.fill('input[name=name]', 'iaea');
    await page.fill('input[name=password]', PW);
    await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
    await page.goto(`${BASE}/en/programmes`);
    const form = page.locator('#add-programme');
    await form.locator('input[name=title]').fill(TITLE);
    await form.locator('select[name=themes]').selectOption(['legislation']);
    await form.locator('select[name=regions]').selectOption(['014']);
    await form.locator('input[name=languages][value=en]').check();
    await form.locator('input[name=languages][value=ar]').check();
    await form.locator('input[name=start]').fill('2026-06-01');
    await Promise.all([page.waitForURL(/programmes\/2\?msg=programme-saved/), form.locator('button[type=submit]').click()]);
    ok(true, 'en: the form records the programme and opens its page');
    for (const [L, heading] of LANGS) {
      await page.goto(`${BASE}/${L}/programmes/2`);
      const text = await page.textContent('main, body');
      ok(text.includes(TITLE), `${L}: the programme page shows the title as typed`);
      await page.screenshot({ path: `${OUT}/org-programmes-${L}-programme.png`, fullPage: true });
      await phone(page, L, 'programme');
      await page.goto(`${BASE}/${L}/programmes/overlap`);
      const ov = await page.textContent('main, body');
      ok(ov.includes(heading), `${L}: the overlap page is headed "${heading}"`);
      ok(ov.includes(TITLE) && ov.includes('Demo: chemical security legislation'),
        `${L}: it pairs the new programme with OPCW's`);
      await page.screenshot({ path: `${OUT}/org-programmes-${L}-overlap.png`, fullPage: true });
      await phone(page, L, 'overlap');
      await page.goto(`${BASE}/${L}/programmes`);
      ok(await page.locator('#add-programme').count() === 1, `${L}: the list page has the provider's form`);
      await page.screenshot({ path: `${OUT}/org-programmes-${L}-list.png`, fullPage: true });
      await phone(page, L, 'list');
    }
    ok(problems.length === 0, 'no script errors', ...problems);
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.log(`not ok ${n + 1} - the walk ran to its end`); console.log(`#   ${err.stack}`); process.exit(1); });
