// The back office's rich editor: every textarea marked `data-rich-editor` gets one. Without
// this script the textarea and the form work as before.

import "prosemirror-view/style/prosemirror.css";
import "prosemirror-tables/style/tables.css";
import "./editor.css";
import { RichEditor } from "./rich.js";
import { autosave } from "./autosave.js";
import { countryPicker } from "./countries.js";
import { taxonomyPicker } from "./taxonomy.js";
import { imagePicker, openImageGrid, imageListOf } from "./images.js";
import { siteOf } from "./site.js";

function start(textarea) {
  const form = textarea.form;
  const strings = JSON.parse(form.dataset.editorStrings || "{}");
  // A video's thumbnail is chosen from the same grid as the lead image.
  const chooseImage = () =>
    openImageGrid({
      url: imageListOf(form),
      site: siteOf(form),
      strings,
      title: strings["video-thumbnail-grid"] || strings["image-choose"],
    });
  const editor = new RichEditor(
    textarea,
    strings,
    () => {
      // admin.js warns before leaving a form that heard input.
      form.dispatchEvent(new Event("input", { bubbles: true }));
    },
    { chooseImage },
  );
  form.addEventListener("submit", () => editor.sync());
  form.addEventListener("keydown", (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    const intent = key === "s" && !event.shiftKey ? "save" : key === "p" && event.shiftKey ? "preview" : null;
    const button = intent && form.querySelector(`button[name=intent][value=${intent}]`);
    if (!button) return;
    event.preventDefault();
    editor.sync();
    form.requestSubmit(button);
  });
  // A new document is written in its site's first language, which the site picker changes.
  const site = form.querySelector("select[name=site]");
  if (site) {
    site.addEventListener("change", () => {
      const dir = site.selectedOptions[0] && site.selectedOptions[0].dataset.dir;
      if (dir) editor.setDirection(dir);
    });
  }
  autosave(form, editor);
  return editor;
}

document.querySelectorAll("textarea[data-rich-editor]").forEach(start);
document.querySelectorAll("input[data-country-picker]").forEach(countryPicker);
document.querySelectorAll("fieldset[data-taxonomy-picker]").forEach(taxonomyPicker);
document.querySelectorAll("[data-image-picker]").forEach(imagePicker);
