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

// Decisive steps ask first: a form (or its submit button) with data-confirm asks before it is sent.
// Inline handlers are forbidden by the Content-Security-Policy, so the text lives in the markup.
(function () {
  document.addEventListener("submit", function (e) {
    const form = e.target;
    if (!(form instanceof HTMLFormElement)) { return; }
    const button = e.submitter && e.submitter.hasAttribute("data-confirm") ? e.submitter : null;
    const text = (button || form).getAttribute("data-confirm");
    if (text && !window.confirm(text)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
})();

// Small behaviours declared in the markup (no inline handlers under the Content-Security-Policy).
(function () {
  document.addEventListener("click", function (e) {
    const button = e.target.closest("[data-remove-row]");
    if (button) { button.closest("tr").remove(); }
    const copy = e.target.closest("[data-copy-from]");
    if (copy && navigator.clipboard) {
      const source = document.getElementById(copy.dataset.copyFrom);
      if (source) { navigator.clipboard.writeText(source.textContent.trim()); }
    }
    if (e.target.closest("[data-print]")) { window.print(); }
    const back = e.target.closest("[data-history-back]");
    if (back && window.history.length > 1) { e.preventDefault(); window.history.back(); }
  });
  document.addEventListener("change", function (e) {
    const field = e.target.closest("[data-autosubmit]");
    if (field && field.form) { field.form.requestSubmit(); }
  });
})();
