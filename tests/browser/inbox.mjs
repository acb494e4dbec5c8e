// Browser test of the inbox (issue 17): a point of contact, signed in once,
// sees the header's unread count for a version sent to their state, opens
// the inbox, and the item takes them to the version's page; the count goes.
// In English, Arabic (right to left) and Chinese, and at 390 px wide with no
// horizontal scroll. Screenshots in tests/out/browser/inbox-*.png. Started by
// tests/browser/run.sh after walk.mjs, with R1540_FIRST (the next TAP
// number), R1540_VERSION (the version sent to JPN) and the server running.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const V = process.env.R1540_VERSION;
// the title the catalogs give a version sent to the state
const TITLES = {
  en: 'A matrix waits for your review',
  ar: 'مصفوفة بانتظار مراجعتكم',
  zh: '有一份矩阵等待您审阅',
};

let n = Number(process.env.R1540_FIRST || 1) - 1;
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
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  try {
    await page.goto(`${BASE}/en/login`);
    await page.fill('input[name=name]', 'pocjpn');
    await page.fill('input[name=password]', PW);
    await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
    // Arabic and English first, while the item is unread; Chinese opens it
    for (const L of ['ar', 'en', 'zh']) {
      await page.goto(`${BASE}/${L}/workspace`);
      const count = page.locator('header.top a.inbox-link .count');
      ok((await count.count()) === 1 && (await count.innerText()) === '1',
        `${L}: the header shows one unread notification`, await page.locator('header.top').innerText());
      await Promise.all([page.waitForURL(new RegExp(`/${L}/inbox$`)), page.click('header.top a.inbox-link')]);
      const item = page.locator('ul.inbox li.unread').first();
      ok((await item.locator('strong').innerText()) === TITLES[L],
        `${L}: the inbox lists it, titled in the page's language`, await item.innerText());
      if (L === 'ar') {
        ok((await page.getAttribute('html', 'dir')) === 'rtl', 'ar: the inbox is right to left');
      }
      await page.screenshot({ path: `${OUT}/inbox-${L}.png` });
      await page.setViewportSize({ width: 390, height: 800 });
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(wide <= 390, `${L} at 390 px: the inbox has no horizontal scroll`, `scrollWidth ${wide}`);
      await page.screenshot({ path: `${OUT}/inbox-${L}-phone.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    // zh: open it
    await Promise.all([
      page.waitForURL(new RegExp(`/zh/states/JPN/versions/${V}$`)),
      page.click('ul.inbox li.unread a'),
    ]);
    ok(true, 'zh: the item opens the version sent to the state');
    ok((await page.locator('h1').first().innerText()).length > 0, 'zh: the version page shows', page.url());
    await page.screenshot({ path: `${OUT}/inbox-zh-opened.png` });
    ok((await page.locator('header.top a.inbox-link .count').count()) === 0,
      'zh: no unread count left in the header');
    await page.goto(`${BASE}/zh/inbox`);
    ok((await page.locator('ul.inbox li.unread').count()) === 0 && (await page.locator('ul.inbox li').count()) === 1,
      'zh: the inbox keeps it, read');
    await page.goto(`${BASE}/en/inbox/settings`);
    await page.setViewportSize({ width: 390, height: 800 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(wide <= 390, 'en at 390 px: the e-mail settings have no horizontal scroll', `scrollWidth ${wide}`);
    await page.screenshot({ path: `${OUT}/inbox-settings-en-phone.png`, fullPage: true });
    ok(problems.length === 0, 'inbox: no console errors or page errors', ...problems);
  } catch (err) {
    ok(false, 'the inbox walk ran to its end', err.stack || err);
    await page.screenshot({ path: `${OUT}/inbox-failure.png` }).catch(() => {});
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

main();
