// Copy buttons for citations: a button with data-copy="ID" copies the text of element ID.
// Without this script the text stays selectable in its read-only field, and the button,
// hidden until the script shows it, never appears.
(function () {
  "use strict";
  function copied(button) {
    var done = button.getAttribute("data-copied");
    var label = button.textContent;
    button.textContent = done;
    setTimeout(function () { button.textContent = label; }, 2000);
  }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = source.value !== undefined ? source.value : source.textContent;
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { copied(button); });
      } else {
        source.focus();
        source.select();
        if (document.execCommand("copy")) { copied(button); }
      }
    });
  });
})();
