// Small enhancements only: every page works without this file.
// Coverage bars: the width comes from data-pct (inline styles are not allowed by the CSP).
document.querySelectorAll('.bar > span[data-pct]').forEach(function (el) {
  var p = parseFloat(el.getAttribute('data-pct'));
  if (!isNaN(p)) el.style.width = Math.max(0, Math.min(100, p)) + '%';
});
// The entry form: choosing another item loads that item's current values (a
// plain GET of ?item=; without this script the server refuses to save one
// item's values over another's and shows the chosen item's values instead).
document.querySelectorAll('select[data-load]').forEach(function (sel) {
  sel.addEventListener('change', function () {
    var u = new URL(window.location.href);
    u.searchParams.delete('msg');
    u.searchParams.delete('saved');
    u.searchParams.set(sel.getAttribute('data-load'), sel.value);
    u.hash = 'edit';
    window.location.assign(u.toString());
  });
});
// After a save the page comes back to the row (#ITEM): focus it, so that the
// keyboard and screen readers go on from there too.
(function () {
  var id = decodeURIComponent(window.location.hash.slice(1));
  var row = id && document.getElementById(id);
  if (row && row.classList.contains('saved')) row.focus();
})();
