// Browser test: the draft editor and the decisions around it (issue 13 items
// 1, 2 and 4), as the expert and a point of contact work, mistakes included.
// The expert makes a draft of DEU and picks an item from the entry form's
// list, changes only its mark and saves: the entry keeps its legal reference
// and source (the bug this walk was written against wiped them). The same
// with the list changed but the values not loaded (as without the script):
// nothing is saved and the chosen item's values show. A page number that is
// none ("twelve"): the message next to the page field, the input kept,
// nothing saved. Three entries edited in
// a row, each save coming back to its row; the back button after a save.
// Then in Arabic and Chinese at 390 px (no horizontal scroll), the row
// filter, sending through the decision page, and the point of contact's
// comment on an item, which the expert follows to that item's values
// (walk.mjs takes every decision through its page). axe-core (axe.mjs) on the
// editor, the refused saves, the filtered draft and the decision page. Started by tests/browser/run.sh
// after walk.mjs (same server, users made by run.sh); numbering continues
// from R1540_N0. Screenshots go to tests/out/browser/edit-*.png.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { axeProblems } from './axe.mjs';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const S = 'DEU';

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
  // the refused saves answer 409 and 422 (the walk makes them on purpose): not a problem
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (409|422)/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const shot = async (step) => page.screenshot({ path: `${OUT}/edit-${step}.png`, fullPage: false });
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
  const field = (name) => page.inputValue(`form.entry [name=${name}]`);
  const rowText = (item) => page.locator(`tr[id="${item}"]`).textContent();

  try {
    // ---- the expert, in English at full width
    await signIn('en', 'exp');
    await page.goto(`${BASE}/en/states/${S}`);
    await Promise.all([page.waitForURL(/msg=draft-made/), page.click(`form[action$="/states/${S}/versions"] button`)]);
    const V = Number((page.url().match(/versions\/(\d+)/) || [])[1]);
    ok(V > 0, `the expert makes draft ${V} of ${S}`, page.url());
    const draft = `${BASE}/en/states/${S}/versions/${V}`;
    const npt = await rowText('OP1-NPT');
    const nptSource = await page.locator('tr[id="OP1-NPT"] a[href*="/reports/"]').count();
    const nptLegal = (npt.match(/Demo Act No\. \d+ of \d{4}, art\. \d+/) || [''])[0];
    ok(nptLegal && nptSource === 1, 'OP1-NPT starts with a legal reference and a source', npt);

    // 1. picking an item in the list loads its values; changing only the mark keeps the rest
    // (a page that does not load the values stays as it was: the checks below say what is lost)
    await page.selectOption('form.entry select[name=item]', 'OP1-NPT');
    await page.waitForURL(/item=OP1-NPT/, { timeout: 5000 }).catch(() => {});
    const legal = await field('legal_reference');
    ok(legal === nptLegal, 'picking OP1-NPT in the list shows its legal reference', legal);
    ok(await field('source_report') !== '', '... and its source report');
    await page.selectOption('form.entry select[name=mark]', '?');
    await shot('01-mark-only');
    await Promise.all([page.waitForURL(/msg=entry-saved/), page.click('form.entry button[type=submit]')]);
    const after = await rowText('OP1-NPT');
    ok(nptLegal && after.includes(nptLegal), 'after saving only the mark, the legal reference is still there', after);
    ok(await page.locator('tr[id="OP1-NPT"] a[href*="/reports/"]').count() === 1, '... and the source');
    ok(await page.locator('tr[id="OP1-NPT"] td.mark').textContent() === '?', '... and the mark is the new one');
    ok(page.url().endsWith('#OP1-NPT'), 'the save comes back to the row', page.url());
    ok(await page.evaluate(() => document.activeElement && document.activeElement.id) === 'OP1-NPT',
      '... which has the focus');
    ok(await page.locator('tr[id="OP1-NPT"] [role=status]').count() === 1, '... and announces the save');
    await shot('02-saved-row');
    await axe('en: the draft editor after a save');

    // 2. the list changed without loading (as with no script): nothing saved
    const nwfz = await rowText('OP1-NWFZ');
    await page.goto(`${draft}?item=OP1-NPT#edit`);
    await page.evaluate(() => { document.querySelector('form.entry select[name=item]').value = 'OP1-NWFZ'; });
    await page.selectOption('form.entry select[name=mark]', 'NA');
    await page.click('form.entry button[type=submit]');
    await page.waitForLoadState();
    ok(await page.locator('form.entry').count() === 1 &&
      await page.locator('[role=alert]').count() >= 1, 'a save of values loaded for another item is refused, with a message');
    ok(await rowText('OP1-NWFZ') === nwfz, "... and OP1-NWFZ's entry is unchanged");
    const nwfzLegal = await field('legal_reference');
    ok(nwfzLegal && nwfz.includes(nwfzLegal) && await field('item') === 'OP1-NWFZ',
      "... and the form now shows OP1-NWFZ's own values", nwfzLegal);
    await shot('03-refused-other-item');
    await axe('en: the save refused for another item');

    // a page that is no page number: the message next to the page field, what
    // was typed kept, nothing saved
    await page.goto(`${draft}?item=OP1-NPT#edit`);
    const nptBefore = await rowText('OP1-NPT');
    await page.fill('form.entry input[name=page]', 'twelve');
    await page.fill('form.entry input[name=remark]', 'typed with a wrong page');
    await Promise.all([page.waitForLoadState(), page.click('form.entry button[type=submit]')]);
    await page.waitForSelector('form.entry [name=page][aria-invalid=true]');
    const pageMsg = await page.evaluate(() => {
      const c = document.querySelector('form.entry [name=page][aria-invalid="true"]');
      const m = c && document.getElementById(c.getAttribute('aria-describedby'));
      return m ? m.textContent : null;
    });
    ok(pageMsg && pageMsg.startsWith('Page: give page numbers'), 'a wrong page number is marked at the page field', pageMsg);
    ok(await field('page') === 'twelve' && await field('remark') === 'typed with a wrong page',
      '... with what was typed kept');
    ok(await rowText('OP1-NPT') === nptBefore, '... and nothing saved');
    await shot('03b-field-error');
    await axe('en: the entry refused at its field');

    // 3. three entries in a row, each from its row's edit link, each save back on its row
    const three = ['OP1-BWC', 'OP1-CWC', 'OP1-NWFZ'];
    for (const item of three) {
      await page.locator(`tr[id="${item}"] a.edit`).click();
      await page.waitForURL(new RegExp(`item=${item}`));
      ok(await field('item') === item, `the edit link of ${item} opens the form on ${item}`);
      await page.fill('form.entry input[name=remark]', `checked ${item}`);
      await Promise.all([page.waitForURL(new RegExp(`saved=${item}`)), page.click('form.entry button[type=submit]')]);
      ok((await rowText(item)).includes(`checked ${item}`) && page.url().endsWith(`#${item}`),
        `${item} saved, back on its row`);
    }
    // the back button after a save: the form shows the item it holds, nothing is sent again
    await page.goBack();
    await page.waitForLoadState();
    ok(await field('loaded') === await field('item'), 'after the back button the form holds the values of the item it shows');
    await shot('04-three-in-a-row');

    // ---- Arabic and Chinese at 390 px: the same editor, no horizontal scroll
    await page.setViewportSize({ width: 390, height: 844 });
    for (const L of ['ar', 'zh']) {
      await page.goto(`${BASE}/${L}/states/${S}/versions/${V}`);
      await narrow(`${L}: the draft`);
      await Promise.all([page.waitForURL(/item=OP1-CWC/), page.selectOption('form.entry select[name=item]', 'OP1-CWC')]);
      ok(await field("remark") === (L === "ar" ? "checked OP1-CWC" : "checked ar"), `${L}: picking OP1-CWC shows its values`);
      await page.fill('form.entry input[name=remark]', `checked ${L}`);
      await Promise.all([page.waitForURL(/saved=OP1-CWC/), page.click('form.entry button[type=submit]')]);
      ok((await rowText('OP1-CWC')).includes(`checked ${L}`), `${L}: saved`);
      await narrow(`${L}: the draft after a save`);
      if (L === 'ar') ok(await page.getAttribute('html', 'dir') === 'rtl', 'ar: the draft is right to left');
      await shot(`05-${L}-phone-saved`);
    }
    // ---- the row filter: changed rows only, by GET, without a script
    await page.goto(`${BASE}/zh/states/${S}/versions/${V}`);
    await page.check('form.filter input[name=changed]');
    await Promise.all([page.waitForURL(/changed=1/), page.click('form.filter button[type=submit]')]);
    const shown = await page.locator('table.matrix tbody tr').evaluateAll((trs) => trs.map((t) => t.id));
    ok(shown.length === 4 && ['OP1-NPT', 'OP1-BWC', 'OP1-CWC', 'OP1-NWFZ'].every((i) => shown.includes(i)),
      'zh: "changed in this draft only" shows the four rows edited', shown.join(' '));
    ok(await page.locator('span.changed').count() === 4, 'zh: ... each marked changed');
    await narrow('zh: the filtered draft');
    await shot('06-zh-phone-filter');
    await axe('zh: the filtered draft at 390 px');

    // ---- sending: the decision page at 390 px, then the button next to the changes
    await page.goto(`${BASE}/en/states/${S}/versions/${V}`);
    await Promise.all([page.waitForURL(/\/send\??$/), page.click('form.to-decide[action$="/send"] button')]);
    ok(await page.locator('table.decision-diff tbody tr').count() === 4, 'en: the page before sending lists the four changed entries');
    ok((await page.locator('ul.told').textContent()).includes('pocdeu'), 'en: ... and names the point of contact to be told');
    ok((await page.locator('table.decision-diff').textContent()).includes(nptLegal),
      'en: ... with the legal reference and source of the entry whose mark changed');
    await narrow('en: the page before sending');
    await shot('07-en-phone-decide-send');
    await axe('en: the page before sending');
    await Promise.all([page.waitForURL(/msg=sent/), page.click('form.decide button[type=submit]')]);
    ok(await page.locator('.flash').isVisible(), 'en: sent from the decision page');
    await page.setViewportSize({ width: 1280, height: 900 });
    await signOut();

    // ---- the point of contact comments on OP1-CWC; the expert follows the comment
    await signIn('en', 'pocdeu');
    await page.goto(draft);
    // the comment is written on its row (walk_comments.mjs walks the whole review)
    await page.click('tr[id="OP1-CWC"] details.row-comment-new summary');
    await page.fill('tr[id="OP1-CWC"] details.row-comment-new textarea[name=text]', 'Please cite the 2025 amendment.');
    await Promise.all([page.waitForURL(/msg=comment-drafted/), page.click('tr[id="OP1-CWC"] details.row-comment-new button[type=submit]')]);
    await Promise.all([page.waitForURL(/msg=commented/), page.click('form.comment button[type=submit]')]);
    await signOut();
    await signIn('en', 'exp');
    await page.goto(draft);
    await Promise.all([page.waitForURL(/item=OP1-CWC/), page.click('ul.comments a[href*="item=OP1-CWC"]')]);
    ok(await field('item') === 'OP1-CWC' && await field('loaded') === 'OP1-CWC',
      "following the state's comment opens the form on that item", await field('item'));
    ok(await field('remark') === 'checked zh', "... with that item's current values");
    await shot('08-en-comment-followed');
    await signOut();
  } catch (err) {
    ok(false, 'the editor walk ran to its end', err.stack || err);
    await page.screenshot({ path: `${OUT}/edit-failure.png` }).catch(() => {});
  } finally {
    ok(problems.length === 0, 'editor walk: no console errors or page errors', ...problems);
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
  console.log(`# ${n} browser checks so far`);
}

await main();
