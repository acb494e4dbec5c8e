// Browser test: comments by item (issue 13 item 2), as a point of contact and
// an expert work. The expert makes a draft of GBR and sends it through the
// decision page; the point of contact comments on two rows (each stays a
// draft, seen only by the state), edits one, tries an empty comment (the row
// says why, the page does not change), and sends both back with one button;
// the expert sees each comment on its row and marks one answered. The pages
// in Arabic (right to left) and Chinese at 390 px have no horizontal scroll;
// axe-core (axe.mjs) finds no serious or critical violation on them.
// Started by tests/browser/run.sh (same server, users made by run.sh);
// numbering continues from R1540_N0. Screenshots: tests/out/browser/comments-*.png.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeProblems } from './axe.mjs';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const S = 'GBR';

let n = Number(process.env.R1540_N0 || 0);
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
    bypassCSP: true, // axe-core is injected as a script of the test's (axe.mjs)
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(20000);
  const problems = [];
  // the empty comment answers 422 (the walk makes it on purpose): not a problem
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 422/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const shot = async (step, full = false) => page.screenshot({ path: `${OUT}/comments-${step}.png`, fullPage: full });
  const narrow = async (what) => {
    const w = page.viewportSize().width;
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    if (w <= 390) ok(wide <= w, `${what} at ${w} px: no horizontal scroll`, `scrollWidth ${wide}`);
  };
  const axe = async (what) => {
    const bad = await axeProblems(page);
    ok(bad.length === 0, `axe: ${what}: no serious or critical violation`, ...bad);
  };
  const signIn = async (L, user) => {
    await page.goto(`${BASE}/${L}/login`);
    await page.fill('input[name=name]', user);
    await page.fill('input[name=password]', PW);
    await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
  };
  const signOut = async () => {
    await Promise.all([page.waitForURL(/msg=signed-out/), page.click('form[action$="/logout"] button')]);
  };
  const row = (item) => page.locator(`tr[id="${item}"]`);
  const comment = async (item, text, expect = /msg=comment-drafted/) => {
    await row(item).locator('details.row-comment-new summary').click();
    await row(item).locator('details.row-comment-new textarea[name=text]').fill(text);
    await Promise.all([page.waitForURL(expect), row(item).locator('details.row-comment-new button[type=submit]').click()]);
  };

  try {
    // ---- the expert makes a draft and sends it to the state
    await signIn('en', 'exp');
    await page.goto(`${BASE}/en/states/${S}`);
    await Promise.all([page.waitForURL(/msg=draft-made/), page.click(`form[action$="/states/${S}/versions"] button`)]);
    const V = Number((page.url().match(/versions\/(\d+)/) || [])[1]);
    ok(V > 0, `the expert makes draft ${V} of ${S}`, page.url());
    const vp = (L) => `${BASE}/${L}/states/${S}/versions/${V}`;
    await Promise.all([page.waitForURL(/\/send\??$/), page.click('form.to-decide[action$="/send"] button')]);
    await Promise.all([page.waitForURL(/msg=sent/), page.click('form.decide button[type=submit]')]);
    ok(await page.locator('details.row-comment-new').count() === 0, 'the expert has no comment control');
    await signOut();

    // ---- the point of contact: two rows, one edit, one mistake, one send
    await signIn('en', 'pocgbr');
    await page.goto(vp('en'));
    const rows = await page.locator('table.matrix.rows tbody tr').count();
    ok(rows > 10 && await page.locator('details.row-comment-new').count() === rows,
      `en: every one of the ${rows} rows has a comment control`);
    ok(await page.locator('input[name=item][maxlength]').count() === 0, 'en: no item id to type any more');
    await comment('OP1-NPT', 'Our 2025 act amends this: see article 4.');
    ok(page.url().endsWith('#OP1-NPT') && (await row('OP1-NPT').locator('.row-comment.draft').textContent()).includes('article 4'),
      'en: the comment shows on its row as a draft, back on that row');
    await comment('OP1-CWC', 'The source should be the 2024 report.');
    ok(await page.locator('strong.drafts').textContent() === '2', 'en: two drafts counted at the top');
    // a mistake: an empty comment (the browser's required check bypassed, as a script-less post)
    await row('OP1-BWC').locator('details.row-comment-new summary').click();
    await row('OP1-BWC').locator('textarea[name=text]').evaluate((t) => { t.required = false; t.value = '   '; });
    await Promise.all([page.waitForLoadState(), row('OP1-BWC').locator('button[type=submit]').click()]);
    await page.waitForSelector('tr[id="OP1-BWC"] details.row-comment-new[open] .field-error');
    ok(await row('OP1-BWC').locator('.field-error').count() === 1 && await page.locator('strong.drafts').textContent() === '2',
      'en: an empty comment is refused on its row, nothing added');
    // edit the first
    await page.goto(vp('en'));
    await row('OP1-NPT').locator('.row-comment details summary').click();
    await row('OP1-NPT').locator('.row-comment textarea[name=text]').fill('Our 2025 act amends this: see articles 4 and 5.');
    await Promise.all([page.waitForURL(/msg=comment-edited/), row('OP1-NPT').locator('.row-comment button[type=submit]').first().click()]);
    ok((await row('OP1-NPT').textContent()).includes('articles 4 and 5'), 'en: the edited comment shows its new text');
    await shot('01-en-drafts');
    await axe("en: the point of contact's drafts");
    // Arabic and Chinese at 390 px: the drafts, mirrored in Arabic
    await page.setViewportSize({ width: 390, height: 844 });
    for (const L of ['ar', 'zh']) {
      await page.goto(`${vp(L)}#OP1-NPT`);
      await row('OP1-NPT').locator('.row-comment details summary').click();
      await narrow(`${L}: the point of contact's drafts`);
      if (L === 'ar') ok(await page.getAttribute('html', 'dir') === 'rtl', 'ar: the page is right to left');
      ok(!(await page.content()).includes('>Comment on this row<'), `${L}: the row control is translated`);
      await shot(`02-${L}-phone-drafts`);
      if (L === 'ar') await axe("ar: the point of contact's drafts at 390 px");
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(vp('en'));
    await Promise.all([page.waitForURL(/msg=commented/), page.click('form.comment button[type=submit]')]);
    ok(await page.locator('.row-comment.draft').count() === 0 && await page.locator('.row-comment').count() === 2,
      'en: one button sends both comments back; none is a draft any more');
    await signOut();

    // ---- the expert sees each comment on its row and marks one answered
    await signIn('en', 'exp');
    await page.goto(vp('en'));
    ok((await row('OP1-NPT').textContent()).includes('articles 4 and 5') &&
      (await row('OP1-CWC').textContent()).includes('2024 report'), "en: the expert sees each comment on its row");
    await Promise.all([page.waitForURL(/msg=comment-answered/), row('OP1-CWC').locator('form[action$="/answer"] button').click()]);
    ok(await row('OP1-CWC').locator('.row-comment.answered').count() === 1 &&
      await row('OP1-NPT').locator('form[action$="/answer"]').count() === 1,
      'en: the CWC comment is marked answered, the NPT one still waits');
    await shot('03-en-answered');
    await axe("en: the expert's page with the comments");
    await page.setViewportSize({ width: 390, height: 844 });
    for (const L of ['ar', 'zh']) {
      await page.goto(`${vp(L)}#OP1-CWC`);
      await narrow(`${L}: the expert's page with the comments`);
      await shot(`04-${L}-phone-answered`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await signOut();
  } catch (err) {
    ok(false, 'the comments walk ran to its end', err.stack || err);
    await page.screenshot({ path: `${OUT}/comments-failure.png` }).catch(() => {});
  } finally {
    ok(problems.length === 0, 'comments walk: no console errors or page errors', ...problems);
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
  console.log(`# ${n} browser checks so far`);
}

await main();
