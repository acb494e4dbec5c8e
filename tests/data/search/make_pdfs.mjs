// Makes the multilingual test reports of tests/cli/40_search.sh with a real
// program: Chromium's print to PDF (playwright-core). Each language gets a
// two-page PDF: page 1 an opening, page 2 the passage the tests search for;
// the Chinese one carries a seed statement (../shared/seeds) on page 2 and,
// when a second seed is given, the other statement on page 3.
// A "scan" is a page whose only content is an image of text (a canvas), so
// it has no text layer. Usage: node make_pdfs.mjs OUTDIR [SEED.txt [SEED2.txt]]
import { chromium } from 'playwright-core';
import { readFileSync, existsSync } from 'node:fs';

const out = process.argv[2];
// The seeds are hard-wrapped text: a line end between two Chinese characters
// is inside a word (HTML would show it as a space), so it goes.
const unwrap = (s) => s.replace(/(\p{Script=Han})[ \t]*\r?\n\s*(?=\p{Script=Han})/gu, '$1');
const readSeed = (p) => (p && existsSync(p) ? unwrap(readFileSync(p, 'utf8')) : null);
const seed = readSeed(process.argv[3]) ?? '中国支持加强出口管制。';
const seed2 = readSeed(process.argv[4]);
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const docs = {
  en: ['National report submitted pursuant to resolution 1540 (2004).',
       'The Export Control Act 2019 regulates the transfer of dual-use items; article 12 sets licences for brokering.'],
  fr: ['Rapport national présenté en application de la résolution 1540 (2004).',
       'La loi n° 2011-266 organise les contrôles à l’exportation des biens à double usage (article 4).'],
  es: ['Informe nacional presentado de conformidad con la resolución 1540 (2004).',
       'La Ley 53/2007 prohíbe la exportación de armas químicas a actores no estatales.'],
  ru: ['Национальный доклад, представленный во исполнение резолюции 1540 (2004).',
       'Федеральный закон «Об экспортном контроле» устанавливает порядок экспортного контроля товаров двойного назначения.'],
  ar: ['تقرير وطني مقدم عملا بالقرار 1540 (2004).',
       'يحظر القانون رقم 8 لسنة 2012 نقل الأَسْلِحَة الكِيمِيائِيَّة إلى جهات من غير الدول، ويعاقب على تمويل الإرهاب بالأسلحة النووية.'],
  zh: ['根据第1540（2004）号决议提交的国家报告。', seed, ...(seed2 ? [seed2] : [])],
};
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium' });
const page = await browser.newPage();
for (const [lang, [one, ...rest]] of Object.entries(docs)) {
  const dir = lang === 'ar' ? 'rtl' : 'ltr';
  await page.setContent(`<!doctype html><html lang="${lang}" dir="${dir}"><meta charset="utf-8">
    <body style="font: 9pt 'Noto Sans', 'Noto Sans CJK SC', 'Noto Sans Arabic', sans-serif">
    <p>${esc(one)}</p>${rest.map((p) => `<p style="break-before: page">${esc(p)}</p>`).join('')}</body></html>`);
  await page.pdf({ path: `${out}/${lang}.pdf`, format: 'A4' });
}
await page.setContent(`<!doctype html><html><meta charset="utf-8"><body>
  <canvas id="c" width="900" height="200"></canvas><script>
  const x = document.getElementById('c').getContext('2d');
  x.fillStyle = '#fff'; x.fillRect(0, 0, 900, 200); x.fillStyle = '#000';
  x.font = '40px sans-serif'; x.fillText('Nuclear material protection', 20, 100);
  </script></body></html>`);
await page.pdf({ path: `${out}/scan.pdf`, format: 'A4' });
await browser.close();
