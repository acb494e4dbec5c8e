// Browser walk: a provider answers a proposal from the e-mail's link (issue
// 17). A browser that is not signed in opens the link of the mail
// (R1540_LINK), is sent to the sign-in form, signs in as the IAEA provider,
// lands on the proposal itself (the link survives the sign-in) and accepts it.
// TAP output; screenshots in tests/out/browser/proposal-mail-*.png.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PW = process.env.R1540_PW;
const LINK = process.env.R1540_LINK;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const OUT = 'tests/out/browser';

let n = Number(process.env.R1540_TAP_FROM || 0); // the shell script's checks come first
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
    viewport: { width: 390, height: 844 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  try {
    await page.goto(LINK);
    ok(/\/en\/login\?next=/.test(page.url()), 'the link, not signed in, asks to sign in first', page.url());
    await page.screenshot({ path: `${OUT}/proposal-mail-login-390.png`, fullPage: true });
    await page.fill('input[name=name]', 'iaea');
    await page.fill('input[name=password]', PW);
    await Promise.all([page.waitForNavigation(), page.click('form.login button[type=submit]')]);
    ok(page.url().split('?')[0] === LINK, 'after the sign-in the browser is on the proposal of the link', page.url());
    const text = await page.textContent('main, body');
    ok(text.includes('IAEA legal assistance') && text.includes('Export control law'),
      'the page is the proposal between the offer and the request');
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    ok(sw <= 390, 'at 390 px the proposal page does not overflow', `scrollWidth ${sw}`);
    await page.screenshot({ path: `${OUT}/proposal-mail-proposal-390.png`, fullPage: true });
    await page.fill('textarea[name=note]', 'We can start in March.');
    await Promise.all([page.waitForURL(/msg=proposal-accepted/), page.click('form.comment button[type=submit]:not(.secondary)')]);
    const after = await page.textContent('main, body');
    ok(after.includes('You accepted the proposal.'), 'the page confirms the answer');
    ok(after.includes('We can start in March.'), 'the note is in the history');
    await page.screenshot({ path: `${OUT}/proposal-mail-accepted-390.png`, fullPage: true });
    ok(problems.length === 0, 'no script errors', ...problems);
  } finally {
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

main().catch((err) => { console.log(`not ok ${n + 1} - the walk ran to its end`); console.log(`#   ${err.stack}`); process.exit(1); });
