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

// Behaviour that pages ask for with data attributes (no inline handlers: the pages' security
// policy runs only the project's own script files).
(function () {
  // data-confirm on a form or on its submit button: ask before a decisive step.
  document.addEventListener("submit", function (e) {
    const form = e.target;
    const asker = (e.submitter && e.submitter.dataset.confirm !== undefined) ? e.submitter : form;
    const question = asker.dataset ? asker.dataset.confirm : undefined;
    if (question && !window.confirm(question)) { e.preventDefault(); e.stopImmediatePropagation(); }
  }, true);
  // data-autosubmit on a select: submit its form when the choice changes.
  document.addEventListener("change", function (e) {
    if (e.target.matches("[data-autosubmit]") && e.target.form) { e.target.form.requestSubmit(); }
  });
  // data-remove-row on a button: drop the table row it sits in (an unsaved new row).
  document.addEventListener("click", function (e) {
    const button = e.target.closest("[data-remove-row]");
    if (button) { button.closest("tr").remove(); }
  });
})();
