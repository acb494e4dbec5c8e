// Browser test: the mistakes people make in forms, in Chromium, in English,
// Arabic and Chinese and at 390 px wide. A point of contact mistypes the
// password, uploads a file of the wrong type, forgets the title (the
// browser's own check switched off, so that the server's answer is seen); an
// administrator adds a user whose name is taken. Each time the form comes
// back with what was typed and the message next to the field at fault
// (aria-invalid, aria-describedby), in the page's language, and no page is
// wider than a phone's screen. Then axe-core checks the main pages of each
// role (public, point of contact, expert, Committee, administrator) in
// English and Arabic: no serious or critical violation, and the demo banner
// inside a landmark. Screenshots go to tests/out/browser/forms-*.png.
// Started by tests/browser/run.sh after walk.mjs; prints TAP lines.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE = process.env.R1540_BASE;
const PW = process.env.R1540_PW;
const OUT = process.env.R1540_SHOTS || 'tests/out/browser';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const N0 = Number(process.env.R1540_TAP_FROM || 0);
const AXE = 'node_modules/axe-core/axe.min.js';
// language, the point of contact, the words of the messages expected
const WALKS = [
  ['en', 'pocfra', { wrong: 'The user name or the password is wrong.', type: 'The file must be a PDF', required: 'A title is required.', taken: 'This user name is already taken.' }],
  ['ar', 'pocegy', { wrong: 'اسم المستخدم أو كلمة المرور غير صحيحة.', type: 'يجب أن يكون الملف', required: null, taken: 'اسم المستخدم هذا مستخدم بالفعل.' }],
  ['zh', 'pocchn', { wrong: '用户名或密码错误。', type: '文件须为', required: null, taken: '此用户名已被占用。' }],
];

let n = N0;
function ok(cond, name, ...diag) {
  n++;
  console.log(`${cond ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!cond) for (const d of diag) console.log(`#   ${String(d).slice(0, 800).replace(/\n/g, '\n#   ')}`);
  return cond;
}

// The field's message: the control is marked invalid and described by it.
async function fieldError(page, name) {
  return page.evaluate((nm) => {
    const c = document.querySelector(`form [name="${nm}"][aria-invalid="true"]`);
    const id = c && c.getAttribute('aria-describedby');
    const msg = id && document.getElementById(id);
    return msg ? msg.textContent : null;
  }, name);
}

async function narrow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'r1540-chromium-'));
  const ctx = await chromium.launchPersistentContext(userDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    bypassCSP: true, // axe-core is injected as a script of the test's, not the site's
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.setDefaultTimeout(20000);
  const problems = [];
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  const signIn = async (L, user) => {
    await page.goto(`${BASE}/${L}/login`);
    await page.fill('input[name=name]', user);
    await page.fill('input[name=password]', PW);
    await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
  };
  const signOut = async () => {
    await Promise.all([page.waitForURL(/msg=signed-out/), page.click('form[action$="/logout"] button')]);
  };

  try {
    for (const [L, poc, words] of WALKS) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const tag = `${L}-${width}`;
        const shot = (step) => page.screenshot({ path: `${OUT}/forms-${tag}-${step}.png`, fullPage: true });
        const fits = async (what) => {
          if (width !== 390) return;
          const w = await narrow(page);
          ok(w <= 390, `${tag}: ${what} fits 390 px (scrollWidth ${w})`, `scrollWidth=${w}`);
        };

        // a wrong password: the name stays, the password does not
        await page.goto(`${BASE}/${L}/login`);
        await page.fill('input[name=name]', poc);
        await page.fill('input[name=password]', 'not the password at all');
        await Promise.all([page.waitForLoadState('load'), page.click('form.login button[type=submit]')]);
        ok(await page.inputValue('input[name=name]') === poc, `${tag}: a wrong password shows the sign-in form again with the name`);
        ok(await page.inputValue('input[name=password]') === '', `${tag}: ... and an empty password`);
        const alert = await page.locator('form.login p.error[role=alert]').textContent().catch(() => '');
        ok(alert.includes(words.wrong), `${tag}: ... with the message in the page's language`, alert);
        await fits('the refused sign-in');
        await shot('01-login-wrong');
        await page.fill('input[name=password]', PW);
        await Promise.all([page.waitForURL(/\/workspace/), page.click('form.login button[type=submit]')]);
        ok(page.url().includes('/workspace'), `${tag}: ... and the corrected form signs in`, page.url());

        // a file of the wrong type: the title, kind and language stay
        const title = `Walk forms ${tag} ${Date.now()}`;
        await page.selectOption('form.upload select[name=kind]', 'letter');
        await page.selectOption('form.upload select[name=language]', 'fr');
        await page.fill('form.upload input[name=title]', title);
        await page.setInputFiles('form.upload input[name=file]', { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00>\x00', 'latin1') });
        await Promise.all([page.waitForLoadState('load'), page.click('form.upload button[type=submit]')]);
        ok(await page.inputValue('form.upload input[name=title]') === title, `${tag}: a wrong file type shows the upload form again with the title`);
        ok(await page.inputValue('form.upload select[name=kind]') === 'letter', `${tag}: ... the kind`);
        ok(await page.inputValue('form.upload select[name=language]') === 'fr', `${tag}: ... and the language`);
        const typeMsg = await fieldError(page, 'file');
        ok(typeMsg && typeMsg.includes(words.type), `${tag}: ... the message by the file field, in the page's language`, typeMsg);
        ok(await page.evaluate(() => document.activeElement && document.activeElement.name) === 'file', `${tag}: ... the file field has the focus`);
        await fits('the refused upload');
        await shot('02-upload-wrong-type');

        // a missing title, past the browser's own check
        await page.fill('form.upload input[name=title]', '');
        await page.setInputFiles('form.upload input[name=file]', { name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('Note verbale.\n') });
        await page.evaluate(() => { document.querySelector('form.upload').noValidate = true; });
        await Promise.all([page.waitForLoadState('load'), page.click('form.upload button[type=submit]')]);
        const reqMsg = await fieldError(page, 'title');
        ok(!!reqMsg && (!words.required || reqMsg.includes(words.required)), `${tag}: a missing title is marked at the title`, reqMsg);
        ok(await page.inputValue('form.upload select[name=language]') === 'fr', `${tag}: ... the language still kept`);
        await fits('the upload without a title');
        await shot('03-upload-no-title');
        await signOut();

        // an administrator adds a user whose name is taken
        await signIn(L, 'admin');
        await page.goto(`${BASE}/${L}/users`);
        ok(await page.inputValue('form.user select[name=role]') === '', `${tag}: the role has no default`);
        await page.fill('form.user input[name=name]', 'exp');
        await page.selectOption('form.user select[name=role]', 'poc');
        await page.selectOption('form.user select[name=state]', 'EGY');
        await page.fill('form.user input[name=password]', PW);
        await Promise.all([page.waitForLoadState('load'), page.click('form.user button[type=submit]')]);
        const taken = await fieldError(page, 'name');
        ok(taken === words.taken, `${tag}: a taken user name is marked at the name, in the page's language`, taken);
        ok(await page.inputValue('form.user select[name=role]') === 'poc' &&
           await page.inputValue('form.user select[name=state]') === 'EGY', `${tag}: ... the role and the state kept`);
        ok(await page.inputValue('form.user input[name=password]') === '', `${tag}: ... the password not`);
        await fits('the refused new user');
        await shot('04-user-taken');
        await signOut();
      }
    }

    // axe-core on the main pages of each role, in English and Arabic
    await page.setViewportSize({ width: 1280, height: 900 });
    const roles = [
      ['public', null, ['', 'states', 'states/FRA', 'review', 'assistance/requests', 'assistance/offers', 'data', 'login']],
      ['poc', 'pocfra', ['workspace', 'states/FRA']],
      ['expert', 'exp', ['workspace', 'assistance/offers']],
      ['committee', 'com', ['workspace', 'assistance/match']],
      ['admin', 'admin', ['users', 'audit', 'signins']],
    ];
    for (const L of ['en', 'ar']) {
      for (const [role, user, paths] of roles) {
        if (user) await signIn(L, user);
        for (const p of paths) {
          // a first review or a long matrix takes a while to build on a busy machine
          await page.goto(`${BASE}/${L}/${p}`, { timeout: 180000 });
          await page.addScriptTag({ path: AXE });
          const res = await page.evaluate(async () => {
            // eslint-disable-next-line no-undef
            const r = await axe.run(document, { resultTypes: ['violations'] });
            return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
              .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(', ')}`);
          });
          ok(res.length === 0, `axe ${L} ${role} /${p}: no serious or critical violation`, ...res);
          const banner = await page.evaluate(() => {
            const d = document.querySelector('.demo');
            return !d || !!d.closest('main, header, footer, nav, aside, [role=region], [role=complementary]');
          });
          ok(banner, `axe ${L} ${role} /${p}: the demo banner is inside a landmark`);
        }
        if (user) await signOut();
      }
    }
  } catch (err) {
    ok(false, 'the forms walk runs to its end', err.stack || err);
  } finally {
    ok(problems.length === 0, 'no script error on any page of the forms walk', ...problems);
    await ctx.close();
    fs.rmSync(userDir, { recursive: true, force: true });
  }
}

await main();
