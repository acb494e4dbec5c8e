// Small enhancements only: every page works without this file.
// Coverage bars: the width comes from data-pct (inline styles are not allowed by the CSP).
document.querySelectorAll('.bar > span[data-pct]').forEach(function (el) {
  var p = parseFloat(el.getAttribute('data-pct'));
  if (!isNaN(p)) el.style.width = Math.max(0, Math.min(100, p)) + '%';
});
