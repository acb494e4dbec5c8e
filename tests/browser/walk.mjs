// Browser test: one matrix's whole life, clicked through in Chromium, in
// English, Arabic and Chinese. A point of contact uploads a report (a small
// real PDF); an expert makes a new draft, sets an entry citing that report
// and sends it; the point of contact accepts; a Committee member approves and
// publishes; the public state page shows the new version and the entry; the
// review dashboard shows the caveat and its charts load.
// Arabic pages must be right to left with the header mirrored; Chinese pages
// must have no interface English left; every page checked for its language
// also fits 390 px (no horizontal scroll). Each decision (send, accept,
// approve, publish) goes through its page, which must show the entry's change
// and who will be told. Screenshots of every step go to
// tests/out/browser/. Then the same languages walk an assistance request's
// life: a provider records an offer, the point of contact asks for
// assistance, a Committee member reviews the matching and records it, both
// sides accept and the provider marks it delivered. Started by
// tests/browser/run.sh, which runs the server and makes the users; prints TAP lines (the plan is printed by run.sh).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// language, state, its point of contact
const WALKS = [
  ['en', 'FRA', 'pocfra'],
  ['ar', 'EGY', 'pocegy'],
  ['zh', 'CHN', 'pocchn'],
];

let n = 0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of diag) console.log(`#   ${String(d).slice(0, 800).replace(/\n/g, '\n#   ')}`);
  return cond;
}

// A small valid PDF: one empty page, with a correct cross-reference table.
function pdf(text) {
  const objs = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>',
    null,
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
  ];
  const stream = `BT /F1 14 Tf 20 100 Td (${text}) Tj ET`;
  objs[3] = `<</Length ${stream.length}>>\nstream\n${stream}\nendstream`;
  let body = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(body.length); body += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<</Size ${objs.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

// The English msgids of the interface that the Chinese catalog translates.
function catalog(lang) {
  const text = fs.readFileSync(`data/po/${lang}/web.po`, 'utf8');
  const pairs = [];
  for (const block of text.split(/\n\s*\n/)) {
    const str = (key) => {
      const m = block.match(new RegExp(`^${key} ((?:".*"\\n?)+)`, 'm'));
      return m ? m[1].trim().split('\n').map((l) => JSON.parse(l)).join('') : null;
    };
    const id = str('msgid'), tr = str('msgstr');
    if (id && tr && id !== tr) pairs.push(id);
  }
  return pairs;
}

// The interface's own text on a page: navigation, headings, table heads,
// labels, buttons, notes (not the data: names, titles, references).
async function chromeText(page) {
  return page.$$eval(
    'header.top nav, header .account, footer, h1, h2, th[scope=col], label, button, .legend, ' +
      '.flash, .demo, .muted, .figures span, .note, .lead, dt, title',
    (els) => els.map((e) => {
      const c = e.cloneNode(true);
      // the data inside a label or heading: options, inputs, the state name's code
      c.querySelectorAll('select, option, input, textarea, small').forEach((x) => x.remove());
      return c.textContent;
    }).join('\n'));
}

function englishLeft(text, msgids) {
  const left = [];
  for (const id of msgids) {
    if (!/[A-Za-z]{2,}/.test(id)) continue;
    const re = new RegExp(`(^|[^A-Za-z])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`);
    if (re.test(text)) left.push(id);
  }
  return left;
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
  const zhIds = catalog('zh');

  try {
    for (const [L, S, poc] of WALKS) {
      const shot = async (step) => page.screenshot({ path: `${OUT}/${L}-${step}.png` });
      const title = `Walk report ${L} ${S} — ${Date.now()}`;
      const legal = `Walk Act ${L} No. 7 of 2024, art. 3`;
      const english = [];
      // a page of this walk is checked for its language as soon as it shows
      // every page of the walk also fits a phone: no horizontal scroll at 390 px
      const phone = async (what, shotName) => {
        const size = page.viewportSize();
        await page.setViewportSize({ width: 390, height: 844 });
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        ok(wide <= 390, `${L}: ${what} at 390 px: no horizontal scroll`, `scrollWidth ${wide}`);
        if (shotName) await page.screenshot({ path: `${OUT}/${L}-${shotName}-390.png` });
        await page.setViewportSize(size);
      };
      const langCheck = async (what, shotName) => {
        await phone(what, shotName);
        if (L === 'ar') {
          const dir = await page.getAttribute('html', 'dir');
          const box = await page.locator('header.top .brand').boundingBox();
          const width = page.viewportSize().width;
          ok(dir === 'rtl' && box && box.x > width / 2, `ar: ${what} is right to left, the brand at the right`,
            `dir=${dir} brand x=${box && box.x} width=${width}`);
        } else if (L === 'zh') {
          const left = englishLeft(await chromeText(page), zhIds);
          english.push(...left.map((s) => `${what}: ${s}`));
          ok(left.length === 0, `zh: ${what} has no interface English left`, left.join(' | '));
        }
      };
      const signIn = async (user) => {
        await page.goto(`${BASE}/${L}/login`);
        await page.fill('input[name=name]', user);
        await page.fill('input[name=password]', PW);
        await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
      };
      const signOut = async () => {
        await Promise.all([page.waitForURL(/msg=signed-out/), page.click('form[action$="/logout"] button')]);
      };
      const post = async (selector, msg) => {
        await Promise.all([page.waitForURL(new RegExp(`msg=${msg}`)), page.click(selector)]);
        return ok(await page.locator('.flash').isVisible(), `${L}: ${msg}: the page confirms it`);
      };
      // a decision (send, accept, approve, publish) is taken from its own page (issue 13)
      // the page shows the changes since the version before (the walk's entry
      // among them, with its legal reference) and who will be told
      const decide = async (verb, msg, step) => {
        await Promise.all([page.waitForURL(new RegExp(`/${verb}\\??$`)),
          page.click(`form.to-decide[action$="/${verb}"] button`)]);
        const diff = await page.locator('table.decision-diff').textContent().catch(() => '');
        ok(diff.includes(legal) && diff.includes('OP1-NPT'),
          `${L}: the page before "${verb}" shows the entry's change with its legal reference`, diff.slice(0, 300));
        ok(await page.locator('#told-title').count() === 1 && await page.locator('form.decide').count() === 1,
          `${L}: ... who will be told, and the decision button next to it`);
        await langCheck(`the page before "${verb}"`, `decide-${verb}`);
        if (step) await shot(step);
        return post('form.decide button', msg);
      };

      // 1. the point of contact uploads a report
      await page.goto(`${BASE}/${L}/login`);
      await langCheck('the sign-in page');
      if (L === 'en') { // the detector of interface English finds it where it is
        const found = englishLeft(await chromeText(page), zhIds);
        ok(found.includes('Sign in') && found.includes('Password'), 'en: the English detector finds "Sign in" and "Password"', found.join(' | '));
      }
      await shot('01-login');
      await signIn(poc);
      ok(page.url().endsWith(`/${L}/workspace?msg=signed-in`), `${L}: ${poc} signs in to the workspace`, page.url());
      await langCheck('the workspace of a point of contact');
      await shot('02-poc-workspace');
      await page.selectOption('select[name=kind]', 'additional-information');
      await page.fill('input[name=title]', title);
      await page.setInputFiles('input[name=file]', { name: `report-${L}.pdf`, mimeType: 'application/pdf', buffer: pdf(`r1540 ${L} ${S}`) });
      await shot('03-poc-upload-filled');
      await post('form.upload button[type=submit]', 'uploaded');
      ok(page.url().includes(`/${L}/states/${S}?`), `${L}: the upload goes to the state's page`, page.url());
      ok(await page.locator('table.data a', { hasText: title }).count() === 1, `${L}: the state's page lists the new report`);
      await langCheck("the state's page after an upload");
      await shot('04-poc-uploaded');
      await signOut();

      // 2. an expert makes a new draft, sets an entry, sends it
      await signIn('exp');
      await page.goto(`${BASE}/${L}/states/${S}`);
      await Promise.all([page.waitForURL(/msg=draft-made/), page.click(`form[action$="/states/${S}/versions"] button`)]);
      const V = Number((page.url().match(/versions\/(\d+)/) || [])[1]);
      ok(V > 0, `${L}: the expert makes draft ${V} of ${S}`, page.url());
      await langCheck('a draft, as the expert sees it');
      await shot('05-expert-draft');
      await page.selectOption('form.entry select[name=item]', 'OP1-NPT');
      await page.selectOption('form.entry select[name=mark]', 'X');
      await page.fill('form.entry input[name=legal_reference]', legal);
      const source = await page.$$eval('form.entry select[name=source_report] option',
        (opts, t) => (opts.find((o) => o.textContent.includes(t)) || {}).value, title);
      ok(!!source, `${L}: the entry form offers the uploaded report as its source`);
      if (source) await page.selectOption('form.entry select[name=source_report]', source);
      await page.fill('form.entry input[name=page]', '7');
      await shot('06-expert-entry-filled');
      await post('form.entry button[type=submit]', 'entry-saved');
      const row = page.locator('tr#OP1-NPT');
      ok((await row.textContent()).includes(legal), `${L}: the draft shows the entry's legal reference`);
      ok(await row.locator(`a[href$="/reports/${source}"]`).count() === 1, `${L}: ... and links its source report`);
      await shot('07-expert-entry-saved');
      await decide('send', 'sent', '08a-expert-decide-send');
      await langCheck('a version sent to the state');
      await shot('08-expert-sent');
      await signOut();

      // 3. the point of contact accepts
      await signIn(poc);
      const link = page.locator(`a[href="/${L}/states/${S}/versions/${V}"]`);
      ok(await link.count() === 1, `${L}: the workspace lists version ${V} for review`);
      await Promise.all([page.waitForURL(new RegExp(`/versions/${V}$`)), link.first().click()]);
      await shot('09-poc-review');
      await decide('accept', 'accepted', '09a-poc-decide-accept');
      await langCheck('a version the state accepted');
      await shot('10-poc-accepted');
      await signOut();

      // 4. a Committee member approves and publishes
      await signIn('com');
      await langCheck("the Committee member's workspace");
      await shot('11-committee-workspace');
      await page.goto(`${BASE}/${L}/states/${S}/versions/${V}`);
      await decide('approve', 'approved', '11a-committee-decide-approve');
      await shot('12-committee-approved');
      await decide('publish', 'published');
      await langCheck('a published version');
      await shot('13-committee-published');
      await signOut();

      // 5. the public sees the new version and the entry
      await page.goto(`${BASE}/${L}/states/${S}`);
      const heading = await page.locator('h2', { has: page.locator('small') }).last().textContent();
      ok(heading.includes(String(V)), `${L}: the public state page shows published version ${V}`, heading);
      ok((await page.locator('tr#OP1-NPT').textContent()).includes(legal), `${L}: ... with the entry`);
      ok(await page.locator('a[href$="/login"]').count() >= 1, `${L}: ... to the public (a sign-in link, no account)`);
      await langCheck('the public state page');
      await shot('14-public-state');
      await page.goto(`${BASE}/${L}/`);
      await langCheck('the home page');
      const bars = await page.locator('.bar > span').evaluateAll(
        (els) => els.map((el) => el.getBoundingClientRect().width));
      ok(bars.length > 0 && bars.every((w) => w > 0), `${L}: the home page draws its coverage bars`,
         JSON.stringify(bars));
      await shot('15-public-home');

      // 6. a provider records an offer; the point of contact asks for assistance
      const offerTitle = `Walk-O ${L} ${Date.now()}`, askTitle = `Walk-R ${L} ${S}`;
      await signIn('prov');
      await langCheck("a provider's workspace (its inbox)");
      await shot('16-provider-workspace');
      await page.goto(`${BASE}/${L}/assistance/offers`);
      await page.fill('form.assist input[name=title]', offerTitle);
      await page.check('form.assist input[name=kinds][value=training]');
      await page.selectOption('form.assist select[name=themes]', ['border-control']);
      await page.check(`form.assist input[name=languages][value=${L}]`);
      await page.fill('form.assist input[name=capacity]', '1');
      await shot('17-provider-offer-filled');
      await post('form.assist button[type=submit]', 'offer-added');
      await langCheck('an offer');
      await signOut();
      await signIn(poc);
      await page.goto(`${BASE}/${L}/states/${S}`);
      await page.click('details.assist-form summary');
      await page.fill('form.assist input[name=title]', askTitle);
      await page.selectOption('form.assist select[name=kind]', 'training');
      await page.selectOption('form.assist select[name=items]', ['OP3CD-NW-BORDER-LAW', 'OP3CD-CW-BORDER-LAW']);
      await shot('18-poc-request-filled');
      await post('form.assist button[type=submit]', 'request-added');
      const RQ = Number((page.url().match(/requests\/(\d+)/) || [])[1]);
      ok(RQ > 0 && (await page.locator('h1').textContent()).includes(askTitle), `${L}: the request ${RQ} has its page`);
      ok(await page.locator('table.data a', { hasText: offerTitle }).count() === 1, `${L}: ... which lists the new offer as fitting`);
      await langCheck('a request');
      await shot('19-poc-request');
      await signOut();

      // 7. a Committee member reviews the matching and records it
      await signIn('com');
      await page.goto(`${BASE}/${L}/assistance/match`);
      const proposed = page.locator('section.proposal', { hasText: askTitle });
      ok(await proposed.count() === 1 && (await proposed.textContent()).includes(offerTitle),
        `${L}: the match review pairs the request with the offer`);
      await langCheck('the match review');
      await shot('20-committee-match-review');
      await post('form[method=post][action$="/assistance/match"] button', 'match-recorded');
      const prow = page.locator('table.data tr', { hasText: askTitle });
      ok(await prow.count() === 1, `${L}: the proposals list has the recorded proposal`);
      const P = Number(((await prow.locator('a').first().getAttribute('href')) || '').match(/(\d+)$/)?.[1]);
      await langCheck('the proposals');
      await shot('21-committee-proposals');
      await signOut();

      // 8. both sides accept; the provider delivers
      const answer = async (user, step, msg) => {
        await signIn(user);
        const link = page.locator(`a[href="/${L}/assistance/proposals/${P}"]`);
        ok(await link.count() >= 1, `${L}: ${user}'s workspace lists proposal ${P} as waiting`);
        await Promise.all([page.waitForURL(new RegExp(`/proposals/${P}$`)), link.first().click()]);
        await langCheck(`a proposal, as ${user} sees it`);
        await shot(`${step}-${user}-proposal`);
        await post(`form[action$="/proposals/${P}/${msg === 'proposal-delivered' ? 'deliver' : 'accept'}"] button`, msg);
      };
      await answer(poc, '22', 'proposal-accepted');
      await signOut();
      await answer('prov', '23', 'proposal-accepted');
      await post(`form[action$="/proposals/${P}/deliver"] button`, 'proposal-delivered');
      ok(await page.locator('ol.history li').count() === 4, `${L}: the proposal's history has its four steps`);
      await shot('24-provider-delivered');
      await signOut();
      const api = await page.request.get(`${BASE}/api/v1/assistance/requests/${RQ}`);
      ok((await api.json()).request.status === 'delivered', `${L}: the request is delivered`);

      // 6. the review dashboard: the report's blocks, its charts as images
      await page.locator(`header.top nav a[href="/${L}/review"]`).click();
      await page.waitForLoadState('load');
      await langCheck('the review dashboard');
      const caveat = page.locator('p.caveat');
      ok(await caveat.isVisible() && (await caveat.textContent()).length > 40,
         `${L}: the dashboard shows the caveat`);
      const imgs = async () => page.locator('figure.chart img').evaluateAll(
        (els) => els.map((el) => [el.complete, el.naturalWidth, el.getBoundingClientRect().width]));
      let sizes = await imgs();
      ok(sizes.length >= 4 && sizes.every(([c, w, cw]) => c && w > 0 && cw > 0),
         `${L}: the dashboard's ${sizes.length} charts load`, JSON.stringify(sizes));
      await shot('16-review');
      await page.locator('figure.chart').first().screenshot({ path: `${OUT}/${L}-17-review-chart.png` });
      await page.fill('input[name=as_of]', '2024-06-30');
      await page.locator('form.review-dates button').click();
      await page.waitForLoadState('load');
      sizes = await imgs();
      ok(page.url().includes('as_of=2024-06-30') && (await page.locator('h1').textContent()).length > 0 &&
         sizes.length >= 4 && sizes.every(([c, w]) => c && w > 0),
         `${L}: the dashboard as of an earlier date, with its charts`, page.url(), JSON.stringify(sizes));
      // the contents: one link per section, each taking the reader to it, on a
      // desktop (1366 px) and on a phone (390 px); the page itself never
      // scrolls sideways; on the phone bars and lines come drawn narrow
      for (const [w, h] of (L === 'en' ? [[1366, 900], [390, 844]] : [[1366, 900]])) {
        await page.setViewportSize({ width: w, height: h });
        await page.evaluate(() => window.scrollTo(0, 0));
        const toc = await page.locator('nav.review-contents li a').evaluateAll(
          (as) => as.map((a) => a.getAttribute('href')));
        const heads = await page.locator('.review h2[id]:not(#review-contents-title)').evaluateAll((hs) => hs.map((x) => '#' + x.id));
        ok(toc.length >= 8 && JSON.stringify(toc) === JSON.stringify(heads),
           `${L} at ${w} px: the contents link to every section`, JSON.stringify(toc), JSON.stringify(heads));
        const target = toc[Math.min(5, toc.length - 1)];
        await page.locator(`nav.review-contents a[href="${target}"]`).click();
        await page.waitForTimeout(300);
        const top = await page.evaluate((t) => document.querySelector(t).getBoundingClientRect().top, target);
        ok(page.url().endsWith(target) && top >= -2 && top < h / 2,
           `${L} at ${w} px: a contents link brings its section to the top`, page.url(), `top ${top}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        ok(wide <= w, `${L} at ${w} px: no horizontal scroll`, `scrollWidth ${wide}`);
        if (w === 390) {
          const first = await page.locator('figure.chart img').first().evaluate(
            (el) => [el.currentSrc, el.getBoundingClientRect().width]);
          ok(first[0].includes('w=narrow') && first[1] <= 390,
             'en at 390 px: a bar chart drawn for the phone\'s width', JSON.stringify(first));
          await shot('18-review-phone');
        }
      }
      const dl = await page.locator('nav.review-contents a[href*="/review/download/review.pdf"]').getAttribute('href');
      const pdfAnswer = await page.request.get(`${BASE}${dl}`);
      ok(pdfAnswer.status() === 200 && (await pdfAnswer.body()).subarray(0, 5).toString() === '%PDF-',
         `${L}: the dashboard's PDF link gives the review as PDF`, dl, pdfAnswer.status());
      const xl = await page.locator('nav.review-contents a[href*="/review/download/review.xlsx"]').getAttribute('href');
      const xlAnswer = await page.request.get(`${BASE}${xl}`);
      ok(xlAnswer.status() === 200 && (await xlAnswer.body()).subarray(0, 2).toString() === 'PK',
         `${L}: the dashboard's XLSX link gives the same review as XLSX`, xl, xlAnswer.status());
      ok(!(await page.locator('body').innerText()).includes('docs/review.md'),
         `${L}: the dashboard names no repository path (the methodology is named in words)`);
      await page.setViewportSize({ width: 1280, height: 900 });
      if (L === 'zh' && english.length) console.log(`# zh: English left: ${english.join(' | ')}`);
    }
    ok(problems.length === 0, 'no console errors or page errors (CSP violations included)', ...problems);
  } catch (err) {
    ok(false, `the walk ran to its end`, err.stack || err);
    await page.screenshot({ path: `${OUT}/failure.png` }).catch(() => {});
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
  console.log(`# ${n} browser checks`);
}

await main();
