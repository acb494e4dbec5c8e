// Browser test of the roster of points of contact (issue 17), in English,
// Arabic and Chinese: a state's point of contact opens the roster from the
// state's page, adds an entry through the form, sees it listed, changes it;
// the page is right to left in Arabic; at 390 px wide it does not scroll
// sideways; signed out, the roster's address asks to sign in. Then a
// Committee member records a visit from the outreach page and sees it as the
// state's last outreach. Screenshots go
// to tests/out/browser/partners-*.png. Started by tests/browser/partners.sh;
// prints TAP lines (the plan is printed by partners.sh).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WALKS = [
  ['en', 'FRA', 'pocfra', 'Jeanne Roster-Walk'],
  ['ar', 'EGY', 'pocegy', 'ليلى المسؤولة'],
  ['zh', 'CHN', 'pocchn', '王联络'],
];

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
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  try {
    for (const [L, S, poc, person] of WALKS) {
      const shot = async (step) => page.screenshot({ path: `${OUT}/partners-${L}-${step}.png`, fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${BASE}/${L}/login`);
      await page.fill('input[name=name]', poc);
      await page.fill('input[name=password]', PW);
      await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
      await page.goto(`${BASE}/${L}/states/${S}`);
      await Promise.all([page.waitForURL(/\/contacts$/), page.click(`a[href$="/states/${S}/contacts"]`)]);
      ok(true, `${L}: ${poc} opens the roster from the state's page`);
      if (L === 'ar') ok(await page.getAttribute('html', 'dir') === 'rtl', 'ar: the roster page is right to left');
      const add = page.locator(`form[action$="/states/${S}/contacts"]`);
      await add.locator('input[name=person]').fill(person);
      await add.locator('input[name=function]').fill('Focal point');
      await add.locator('input[name=ministry]').fill('MFA');
      await add.locator('input[name=areas][value=nuclear]').check();
      await add.locator('input[name=areas][value=export-control]').check();
      await add.locator('input[name=languages]').fill(L === 'en' ? 'en,fr' : `${L},en`);
      await add.locator('input[name=since]').fill('2023-04-05');
      await Promise.all([page.waitForURL(/msg=roster-saved/), add.locator('button[type=submit]').click()]);
      ok(await page.locator('.flash').isVisible(), `${L}: the page confirms the roster was saved`);
      const row = page.locator('table.data tbody tr', { hasText: person });
      ok(await row.count() === 1, `${L}: the new entry is listed`, await page.locator('table.data').innerText());
      await shot('01-roster');
      // change it through its own form
      const edit = page.locator('details', { hasText: person });
      await edit.locator('summary').click();
      await edit.locator('input[name=function]').fill('Head of unit');
      await Promise.all([page.waitForURL(/msg=roster-saved/), edit.locator('button[type=submit]').first().click()]);
      ok(await page.locator('table.data tbody tr', { hasText: 'Head of unit' }).count() === 1, `${L}: the change is listed`);
      // a phone's width
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(wide <= 390, `${L} at 390 px: the roster does not scroll sideways`, `scrollWidth ${wide}`);
      await shot('02-roster-phone');
      await Promise.all([page.waitForURL(/msg=signed-out/), page.click('form[action$="/logout"] button')]);
      await page.goto(`${BASE}/${L}/states/${S}/contacts`);
      ok(/\/login/.test(page.url()) && (await page.locator('table.data').count()) === 0,
        `${L}: signed out, the roster's address asks to sign in`, page.url());
    }
    // a Committee member records a letter from the outreach page, in each language
    for (const [L] of WALKS) {
      const shot = async (step) => page.screenshot({ path: `${OUT}/partners-${L}-${step}.png`, fullPage: false });
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${BASE}/${L}/login`);
      await page.fill('input[name=name]', 'com');
      await page.fill('input[name=password]', PW);
      await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
      await Promise.all([page.waitForURL(/\/outreach$/), page.click('header.top nav a[href$="/outreach"]')]);
      const form = page.locator('#record-outreach');
      await form.locator('input[name=state]').fill('GIN');
      await form.locator('select[name=kind]').selectOption('visit');
      await form.locator('input[name=date]').fill('2025-05-0' + (WALKS.findIndex((w) => w[0] === L) + 1));
      await form.locator('input[name=subject]').fill(`Visit ${L}`);
      await Promise.all([page.waitForURL(/msg=outreach-saved/), form.locator('button[type=submit]').click()]);
      const row = page.locator('table.data tbody tr', { hasText: `Visit ${L}` });
      ok(await row.count() === 1, `${L}: the outreach page shows the visit as Guinea's last outreach`);
      if (L === 'ar') ok(await page.getAttribute('html', 'dir') === 'rtl', 'ar: the outreach page is right to left');
      await shot('03-outreach');
      await page.setViewportSize({ width: 390, height: 844 });
      await page.reload();
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(wide <= 390, `${L} at 390 px: the outreach page does not scroll sideways`, `scrollWidth ${wide}`);
      await shot('04-outreach-phone');
      await Promise.all([page.waitForURL(/msg=signed-out/), page.click('form[action$="/logout"] button')]);
    }
    ok(problems.length === 0, 'no console or page errors', problems.join('\n'));
  } catch (err) {
    ok(false, 'the walk ran to its end', err.stack || err);
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

main();
