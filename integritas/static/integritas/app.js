// Keep what a user typed: warn before leaving a form with unsaved edits.
(function () {
  let dirty = false;
  document.addEventListener("input", function (e) {
    if (e.target.closest("form[data-guard-unsaved]")) { dirty = true; }
  });
  document.addEventListener("submit", function () { dirty = false; });
  document.body.addEventListener("htmx:afterRequest", function (e) {
    if (e.detail.successful && e.detail.elt.closest("form[data-guard-unsaved]")) { dirty = false; }
  });
  window.addEventListener("beforeunload", function (e) {
    if (dirty) { e.preventDefault(); e.returnValue = ""; }
  });
})();
