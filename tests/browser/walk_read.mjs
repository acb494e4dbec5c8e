// Browser test: the public reader (issue 13, items 5-7). In English, Arabic
// and Chinese, at 1366 px and at a phone's 390 px, every public page (home,
// states list, a state, a published version, a version comparison, a report,
// the review) fits the screen width (no horizontal scroll); a state page opens
// with its summary card and contents whose links land on the page; OP 2 and
// OP 3 show the grid with one column per weapon type; sources read as report
// titles, never "#id"; a blank is a visible "—" that the legend explains;
// the matrix rows become labelled cards on a phone; the version page links
// its PDF, XLSX and CSV, which download with the right types. Arabic pages
// are right to left. Screenshots go to tests/out/browser/read-*.png.
// Started by tests/browser/run.sh against its server; prints TAP lines.
import { chromium } from 'playwright-core';
import fs from 'node:fs';

const BASE = process.env.R1540_BASE;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const STATE = process.env.R1540_READ_STATE || 'FRA';

let n = 0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of diag) console.log(`#   ${String(d).slice(0, 800).replace(/\n/g, '\n#   ')}`);
  return cond;
}

fs.mkdirSync(OUT, { recursive: true });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await ctx.newPage();
  // the published version to read: the state page's "matrix in force" link
  await page.goto(`${BASE}/en/states/${STATE}`);
  const href = await page.getAttribute('.card dd a[href*="/versions/"]', 'href');
  const version = href ? href.split('/').pop() : null;
  ok(!!version, 'the summary card links the version in force', href);
  const reportHref = await page.getAttribute('table.matrix.rows td[data-label] a[href*="/reports/"]', 'href');
  const pages = (L) => [
    ['home', `/${L}/`],
    ['states', `/${L}/states`],
    ['state', `/${L}/states/${STATE}`],
    ['version', `/${L}/states/${STATE}/versions/${version}`],
    ['diff', `/${L}/states/${STATE}/diff?from=1&to=${version}`],
    ['report', reportHref ? reportHref.replace(/^\/en\//, `/${L}/`) : `/${L}/data`],
    ['review', `/${L}/review`],
  ];

  for (const L of ['en', 'ar', 'zh']) {
    for (const [w, h] of [[1366, 900], [390, 844]]) {
      await page.setViewportSize({ width: w, height: h });
      for (const [name, url] of pages(L)) {
        const resp = await page.goto(BASE + url);
        ok(resp.status() === 200, `${L} ${w}px ${name}: 200`, `${url}: ${resp.status()}`);
        const wide = await page.evaluate(() => document.documentElement.scrollWidth);
        ok(wide <= w, `${L} ${w}px ${name}: no horizontal scroll`, `${url}: scrollWidth ${wide}`);
        if (name === 'state' || name === 'version' || (w === 390 && name !== 'report'))
          await page.screenshot({ path: `${OUT}/read-${L}-${w}-${name}.png`, fullPage: false });
      }
    }
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${BASE}/${L}/states/${STATE}`);
    ok((await page.getAttribute('html', 'dir')) === (L === 'ar' ? 'rtl' : 'ltr'), `${L}: the page's direction`);
    // the card and the contents
    ok(await page.locator('section.card dl.meta dt').count() >= 4, `${L}: the summary card names reporting, first report, latest addendum, matrix in force`);
    ok(await page.locator('section.card table.coverage tbody tr').count() === 4, `${L}: the card's coverage has a row per section`);
    const toc = await page.$$eval('nav.toc a', (as) => as.map((a) => a.getAttribute('href')));
    const missing = [];
    for (const t of toc) if (!(await page.locator(t).count())) missing.push(t);
    ok(toc.length >= 7 && missing.length === 0, `${L}: every contents link lands on the page`, JSON.stringify({ toc, missing }));
    // the grid: OP2, OP3AB, OP3CD, four weapon columns each
    const grids = await page.$$eval('table.matrix.grid', (ts) => ts.map((t) => t.querySelectorAll('thead th').length));
    ok(grids.length === 3 && grids.every((c) => c === 5), `${L}: OP 2 and OP 3 in grids with a column per weapon type`, JSON.stringify(grids));
    await page.locator('#sec-OP2 table.grid').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/read-${L}-1366-grid.png` });
    const cell = page.locator('table.matrix.grid td.mark a').first();
    const target = await cell.getAttribute('href');
    await cell.click();
    ok(await page.locator(`${target}`).isVisible(), `${L}: a grid cell opens its field's row (legal reference and source)`, target);
    // sources as titles, blanks as a dash with the legend's meaning
    const sources = await page.$$eval('table.matrix.rows td[data-label] a[href*="/reports/"]', (as) => as.map((a) => a.textContent));
    ok(sources.length > 0 && sources.every((s) => !/^#\d+/.test(s) && s.length > 3), `${L}: sources are named by their report's title`, sources.slice(0, 3).join(' | '));
    const blanks = await page.locator('table.matrix td.mark.blank').count();
    const dash = await page.$$eval('table.matrix.rows td.mark.blank', (ts) => ts.slice(0, 5).map((t) => t.textContent.trim()));
    ok(blanks > 0 && dash.every((d) => d === '—'), `${L}: a blank field shows "—"`, JSON.stringify(dash));
    ok((await page.textContent('.legend')).includes('—'), `${L}: the legend explains the "—"`);
    // the version page's downloads
    await page.goto(`${BASE}/${L}/states/${STATE}/versions/${version}`);
    const links = await page.$$eval('.downloads a', (as) => as.map((a) => a.getAttribute('href')));
    ok(links.length === 3, `${L}: the version page links PDF, XLSX and CSV`, JSON.stringify(links));
    const types = { pdf: 'application/pdf', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv' };
    for (const l of links) {
      const fmt = l.split('/').pop();
      const r = await page.request.get(BASE + l);
      const body = await r.body();
      const magic = fmt === 'pdf' ? body.subarray(0, 5).toString() === '%PDF-' : fmt === 'xlsx' ? body.subarray(0, 2).toString() === 'PK' : body.length > 1000;
      ok(r.status() === 200 && (r.headers()['content-type'] || '').startsWith(types[fmt]) && magic, `${L}: the ${fmt} download`, `${r.status()} ${r.headers()['content-type']} ${body.length}`);
    }
  }
  // on a phone: the matrix rows are labelled cards, the grid and data tables keep their headings
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${BASE}/en/states/${STATE}`);
  const label = await page.$eval('table.matrix.rows td[data-label]', (td) => getComputedStyle(td, '::before').content);
  ok(/Mark/.test(label), 'en 390px: a matrix cell carries its column label', label);
  const headVisible = await page.$eval('table.data thead', (t) => getComputedStyle(t).display !== 'none');
  ok(headVisible, 'en 390px: a data table keeps its column headings');
  await page.locator('#sec-OP2').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}/read-en-390-grid.png` });
  await page.locator('details.rows').first().evaluate((d) => { d.open = true; });
  await page.locator('table.matrix.rows').nth(6).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${OUT}/read-en-390-rows.png` });
  for (const L of ['ar', 'zh']) {
    await page.goto(`${BASE}/${L}/states/${STATE}`);
    await page.locator('#sec-OP2').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/read-${L}-390-grid.png` });
  }
} finally {
  await browser.close();
}
