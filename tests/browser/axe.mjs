// axe-core on the page a walk is on: the serious and critical violations
// (none expected) and whether the demo banner sits inside a landmark. The
// walk's browser context must bypass the site's CSP (bypassCSP), since axe is
// injected as a script of the test's. Used by walk_edit.mjs and
// walk_comments.mjs; walk_forms.mjs checks the main pages of each role.
const AXE = 'node_modules/axe-core/axe.min.js';

export async function axeProblems(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(', ')}`);
    const d = document.querySelector('.demo');
    if (d && !d.closest('main, header, footer, nav, aside, [role=region], [role=complementary]'))
      bad.push('the demo banner is outside every landmark');
    return bad;
  });
}
