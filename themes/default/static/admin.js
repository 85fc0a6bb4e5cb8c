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

  // A pasted release's proposals: Accept and Dismiss change the form field a row stands for.
  // The field stays the truth (typing in it works too), so each row's state is read back
  // from the form after every change rather than kept here.
  var proposals = document.querySelector("table[data-proposals]");
  var editor = document.querySelector("form.editor");
  if (proposals && editor) {
    var rows = Array.prototype.slice.call(proposals.querySelectorAll("tr[data-target]"));
    var codesIn = function (input) {
      return input.value.split(/[\s,]+/).filter(Boolean).map(function (c) { return c.toUpperCase(); });
    };
    var checkboxFor = function (name, value) {
      var boxes = editor.querySelectorAll("input[type=checkbox][name='" + name + "']");
      return Array.prototype.filter.call(boxes, function (box) { return box.value === value; })[0];
    };
    var fieldOf = function (row) {
      var target = row.getAttribute("data-target");
      if (target === "themes" || target === "partners" || target === "contacts") {
        return checkboxFor(target, row.getAttribute("data-code"));
      }
      return editor.querySelector("#f-" + target);
    };
    var holds = function (row) {
      var field = fieldOf(row);
      var code = row.getAttribute("data-code");
      if (!field) { return false; }
      if (field.type === "checkbox") { return field.checked; }
      if (row.getAttribute("data-target") === "countries") {
        return codesIn(field).indexOf(code.toUpperCase()) >= 0;
      }
      return field.value.trim() === code;
    };
    var decide = function (row, accept) {
      var field = fieldOf(row);
      var code = row.getAttribute("data-code");
      if (!field) { return; }
      if (field.type === "checkbox") {
        field.checked = accept;
      } else if (row.getAttribute("data-target") === "countries") {
        var codes = codesIn(field).filter(function (c) { return c !== code.toUpperCase(); });
        if (accept) { codes.push(code.toUpperCase()); }
        field.value = codes.join(", ");
      } else if (accept) {
        field.value = code;
      } else if (field.value.trim() === code) {
        // Only the proposal is cleared: what the person typed instead stays.
        field.value = "";
      }
      field.dispatchEvent(new Event("change", { bubbles: true }));
    };
    var show = function () {
      rows.forEach(function (row) {
        var inForm = holds(row);
        row.classList.toggle("in-form", inForm);
        row.classList.toggle("not-filled", !inForm);
        row.querySelector(".proposal-state").textContent =
          proposals.getAttribute(inForm ? "data-in-form" : "data-left-out");
        row.querySelector("[data-decide=accept]").setAttribute("aria-pressed", String(inForm));
        row.querySelector("[data-decide=dismiss]").setAttribute("aria-pressed", String(!inForm));
      });
    };
    rows.forEach(function (row) {
      if (!fieldOf(row)) { return; }
      row.querySelector(".proposal-actions").hidden = false;
      row.querySelector("[data-decide=accept]").addEventListener("click", function () { decide(row, true); });
      row.querySelector("[data-decide=dismiss]").addEventListener("click", function () { decide(row, false); });
    });
    editor.addEventListener("input", show);
    editor.addEventListener("change", show);
    show();
  }

  // Take keyboard and screen-reader users straight to the list of problems.
  var summary = document.querySelector(".error-summary[tabindex]");
  if (summary) {
    summary.focus();
  }
})();
