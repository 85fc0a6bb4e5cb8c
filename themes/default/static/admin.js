// The back office's only script. Progressive enhancement: every form works without it.
"use strict";

(function () {
  // Warn before leaving a form with changes that were not saved.
  var forms = document.querySelectorAll("form[data-warn-unsaved]");
  var dirty = false;
  // A form shown again with errors or a conflict holds text that is not saved yet.
  if (document.querySelector(".error-summary") && forms.length) {
    dirty = true;
  }
  forms.forEach(function (form) {
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    form.addEventListener("submit", function () { dirty = false; });
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  // Take keyboard and screen-reader users straight to the list of problems.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) {
    summary.focus();
  }
})();
