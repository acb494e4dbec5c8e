// Browser test: the API's page for people (/<lang>/api, issue 18). In
// English, Arabic and Chinese, at 1366 px and at a phone's 390 px, the page
// loads with no request to another site and no script error, fits the
// screen width (no horizontal scroll), lists every call of
// /api/v1/openapi.json, its section links land on their sections, and it
// passes axe-core's WCAG 2 A/AA rules. Arabic is right to left. Then the
// user's own tokens page (/<lang>/tokens): make one, see it once, revoke it.
// Screenshots in tests/out/browser/api-*.png and tokens-*.png. Started by tests/browser/run.sh
// against its server; prints TAP lines.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const BASE = process.env.R1540_BASE;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const AXE = 'node_modules/axe-core/axe.min.js';

let n = 0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of diag) console.log(`#   ${String(d).slice(0, 800).replace(/\n/g, '\n#   ')}`);
  return cond;
}

fs.mkdirSync(OUT, { recursive: true });
const doc = await (await fetch(`${BASE}/api/v1/openapi.json`)).json();
const calls = Object.values(doc.paths).reduce((k, ops) => k + Object.keys(ops).length, 0);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const ctx = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    bypassCSP: true, // axe-core is injected as a script of the test's, not the site's
  });
  const page = await ctx.newPage();
  const foreign = [], errors = [];
  page.on('request', (q) => { if (!q.url().startsWith(BASE)) foreign.push(q.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const L of ['en', 'ar', 'zh']) {
    for (const [w, h] of [[1366, 900], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      const resp = await page.goto(`${BASE}/${L}/api`);
      ok(resp.status() === 200, `${L} ${w}px /${L}/api: 200`, resp.status());
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(wide <= w, `${L} ${w}px: no horizontal scroll`, `scrollWidth ${wide}`);
      await page.screenshot({ path: `${OUT}/api-${L}-${w}.png`, fullPage: false });
      // an answer's status and its description each start at one edge, the line's start in
      // either direction: in Arabic the "default" label once went to the far end of its line
      const edges = await page.evaluate(() => {
        const rtl = document.documentElement.dir === 'rtl';
        const at = (e) => Math.round(rtl ? e.getBoundingClientRect().right : e.getBoundingClientRect().left);
        const list = document.querySelector('.api-call ul.api-answers');
        return ['li > code', 'li > span'].map((q) => [...list.querySelectorAll(q)].map(at));
      });
      ok(edges.every((e) => e.length > 1 && new Set(e).size === 1),
         `${L} ${w}px: the answers' statuses line up, and so do their descriptions`, JSON.stringify(edges));
    }
    ok(await page.locator('.api-call').count() === calls, `${L}: every call of openapi.json is on the page`);
    const dir = await page.evaluate(() => document.documentElement.dir || 'ltr');
    ok(dir === (L === 'ar' ? 'rtl' : 'ltr'), `${L}: direction ${dir}`);
    await page.click('nav.subnav a[href="#api-reports"]');
    ok(await page.evaluate(() => location.hash) === '#api-reports' &&
       await page.locator('#api-reports').isVisible(), `${L}: a section link lands on its section`);
    await page.addScriptTag({ path: AXE });
    const res = await page.evaluate(async () =>
      (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations
        .map((v) => `${v.id}: ${v.nodes.length}`));
    ok(res.length === 0, `${L}: axe-core WCAG 2 A/AA finds nothing`, res.join('; '));
  }
  // the user's own tokens: signed in (once), made through the form, shown
  // once, listed, revoked; en, ar and zh at both widths
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${BASE}/en/login`);
  await page.fill('input[name=name]', 'exp');
  await page.fill('input[name=password]', process.env.R1540_PW);
  await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
  await Promise.all([page.waitForURL(/\/tokens/), page.click('a[href$="/tokens"]')]);
  ok(true, 'the workspace links the tokens page');
  await page.fill('input[name=label]', 'nightly sync');
  await page.selectOption('select[name=scope]', 'write');
  await Promise.all([page.waitForLoadState('load'), page.click('form.user button[type=submit]')]);
  const made = await page.locator('#new-token').textContent().catch(() => '');
  ok(/^r1540_[0-9a-f]{64}$/.test(made), 'the form shows the new token once', made);
  await page.screenshot({ path: `${OUT}/tokens-en-1366-made.png`, fullPage: false });
  for (const L of ['en', 'ar', 'zh']) {
    for (const [w, h] of [[1366, 900], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      const resp = await page.goto(`${BASE}/${L}/tokens`);
      ok(resp.status() === 200, `${L} ${w}px /${L}/tokens: 200`, resp.status());
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      ok(wide <= w, `${L} ${w}px tokens: no horizontal scroll`, `scrollWidth ${wide}`);
      ok(!(await page.content()).includes(made), `${L} ${w}px tokens: the token is not shown again`);
      await page.screenshot({ path: `${OUT}/tokens-${L}-${w}.png`, fullPage: false });
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${BASE}/en/tokens`);
  await page.addScriptTag({ path: AXE });
  const tv = await page.evaluate(async () =>
    (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa'] })).violations
      .map((v) => `${v.id}: ${v.nodes.length}`));
  ok(tv.length === 0, 'tokens: axe-core WCAG 2 A/AA finds nothing', tv.join('; '));
  const row = page.locator('tr', { hasText: 'nightly sync' });
  await Promise.all([page.waitForURL(/revoked=1/), row.locator('button[type=submit]').click()]);
  ok(await page.locator('p.flash[role=status]').count() === 1 &&
     await row.locator('button').count() === 0, 'revoking: a notice, and the token no longer in use');
  ok(foreign.length === 0, 'nothing is loaded from another site', foreign.join(' '));
  ok(errors.length === 0, 'no script error', errors.join(' '));
} finally {
  await browser.close();
}
console.log(`1..${n}`);
