// An image (a release's lead image, a publication's cover) or a PDF (a publication's file,
// with `data-accept="application/pdf"`) chosen from a grid of the site's thumbnails, searched and paged by the server,
// or uploaded from here: by a button or by dropping an image file anywhere on the editor. An
// upload goes to the back office's own upload (POST /admin/media, the same checks as the Media
// page) with a progress bar, and its alternative text is asked at once, while it travels.
// Without this script the field takes an image's number. The grid opens for other choosers
// too: a video card's thumbnail is picked from it (`openImageGrid`).

import { askFor } from "./dialog.js";
import { siteOf } from "./site.js";

let counter = 0;

function button(text, className) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = className;
  b.textContent = text;
  return b;
}

// Whether the picker `field` takes `file`: a PDF picker PDFs, any other images.
function takes(field, file) {
  return field.dataset.accept === "application/pdf" ? file.type === "application/pdf" : file.type.startsWith("image/");
}

// The editor's words: `say("image-count", { count })` fills the placeholders, and a picker's
// own words (`own` "pdf" reads `pdf-choose` for `image-choose`, …) come first where it has them.
function wording(strings, own) {
  // Numbers written with the interface language's digits, as the server writes them.
  const digits = [...(strings.digits || "0123456789")];
  const number = (n) => String(n).replace(/[0-9]/g, (d) => digits[Number(d)]);
  const word = (key) => (own && key.startsWith("image-") && strings[`${own}-${key.slice(6)}`]) || strings[key] || "";
  const say = (key, values = {}) =>
    Object.entries(values).reduce((text, [name, value]) => text.replace(`{${name}}`, value), word(key));
  return { say, number };
}

// A thumbnail, or for a PDF (which has none) a badge saying what it is.
function preview(item) {
  if (!item.thumbnail) {
    const badge = document.createElement("span");
    badge.className = "file-badge";
    badge.setAttribute("aria-hidden", "true");
    badge.textContent = "PDF";
    badge.dataset.imageId = String(item.id);
    return badge;
  }
  const img = document.createElement("img");
  img.src = item.thumbnail;
  img.alt = "";
  img.dataset.imageId = String(item.id);
  return img;
}

/// Where the site's images are listed for the grid: what the form's own image picker reads
/// (the lead image's), else the back office's image list, which every editor page may read.
export function imageListOf(form) {
  const field = form.querySelector("[data-image-picker][data-pick]:not([data-accept])");
  return (field && field.dataset.pick) || "/admin/pick/images";
}

export function imagePicker(field) {
  const form = field.closest("form");
  // The field's own number input: the lead image's, or a publication's cover.
  const input = field.querySelector("input[type=text]");
  const strings = JSON.parse(form.dataset.editorStrings || "{}");
  // A field's own words (`data-strings="pdf"` reads `pdf-choose`, …) where it has them.
  const own = field.dataset.strings;
  const pdfs = field.dataset.accept === "application/pdf";
  const { say } = wording(strings, own);
  const id = `image-picker-${++counter}`;
  const csrf = () => (form.querySelector("input[name=_csrf]") || {}).value || "";
  const chosenView = field.querySelector(".image-chosen");

  input.hidden = true;
  const actions = document.createElement("div");
  actions.className = "image-actions";
  const choose = button("", "button");
  choose.id = `${id}-choose`;
  const remove = button(say("image-remove"), "button");
  actions.append(choose, remove);
  // The field's label now names the button that opens the grid.
  const label = field.querySelector(`label[for="${input.id}"]`);
  if (label) {
    label.htmlFor = choose.id;
    label.id = label.id || `${id}-label`;
    choose.setAttribute("aria-describedby", [label.id, input.getAttribute("aria-describedby")].filter(Boolean).join(" "));
  }
  let fileInput = null;
  if (field.dataset.upload) {
    const upload = button(say("image-upload"), "button");
    fileInput = document.createElement("input");
    fileInput.type = "file";
    fileInput.accept = field.dataset.accept || "image/jpeg,image/png,image/webp";
    fileInput.className = "visually-hidden";
    fileInput.tabIndex = -1;
    fileInput.setAttribute("aria-hidden", "true");
    upload.addEventListener("click", () => fileInput.click());
    fileInput.addEventListener("change", () => {
      if (fileInput.files[0]) send(fileInput.files[0]);
      fileInput.value = "";
    });
    const drop = document.createElement("span");
    drop.className = "hint image-drop-hint";
    drop.textContent = say("image-drop");
    actions.append(upload, fileInput, drop);
  }
  const progress = document.createElement("progress");
  progress.className = "image-progress";
  progress.max = 100;
  progress.hidden = true;
  const status = document.createElement("p");
  status.className = "image-status";
  status.setAttribute("role", "status");
  chosenView.after(actions, progress, status);

  function draw() {
    const has = input.value.trim() !== "";
    chosenView.hidden = !has;
    remove.hidden = !has;
    choose.textContent = say(has ? "image-change" : "image-choose");
  }

  function set(image) {
    input.value = image ? String(image.id) : "";
    if (image) {
      const caption = document.createElement("span");
      caption.dir = "auto";
      caption.textContent = image.label;
      if (pdfs) caption.className = "chosen-file";
      chosenView.replaceChildren(preview(image), caption);
    } else {
      chosenView.replaceChildren();
    }
    // admin.js warns before leaving a form that heard input.
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    draw();
  }

  remove.addEventListener("click", () => {
    set(null);
    choose.focus();
  });
  choose.addEventListener("click", async () => {
    const image = await openImageGrid({ url: field.dataset.pick, site: siteOf(form), strings, own });
    if (image) set(image);
    choose.focus();
  });

  // Sends a file to the upload endpoint and asks for its alternative text meanwhile; the
  // upload becomes the lead image, and the text is saved on it once both are done.
  async function send(file) {
    progress.hidden = false;
    progress.value = 0;
    progress.setAttribute("aria-label", say("image-uploading", { name: file.name }));
    status.textContent = say("image-uploading", { name: file.name });
    const uploaded = new Promise((done) => {
      const request = new XMLHttpRequest();
      request.open("POST", field.dataset.upload);
      request.setRequestHeader("Accept", "application/json");
      request.responseType = "json";
      request.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
      });
      request.addEventListener("load", () => {
        const body = request.response || {};
        if (request.status === 201) done({ image: body });
        else done({ error: body.error || say("image-failed") });
      });
      request.addEventListener("error", () => done({ error: say("image-failed") }));
      const body = new FormData();
      body.append("_csrf", csrf());
      body.append("site", siteOf(form));
      body.append("file", file, file.name);
      request.send(body);
    });
    // A refused file closes the question: there is nothing to describe.
    uploaded.then(({ error }) => {
      if (error) document.querySelectorAll("dialog.alt-dialog[open]").forEach((d) => d.close());
    });
    // A PDF has no alternative text to ask for: its name and pages say what it is.
    const described = pdfs
      ? Promise.resolve(null)
      : askFor({
          title: say("image-alt-title"),
          fields: [{ name: "alt", label: strings["image-alt"] || "", required: true }],
          ok: strings.apply || "",
          cancel: strings.cancel || "",
          className: "alt-dialog",
        });
    const [{ image, error }, answer] = await Promise.all([uploaded, described]);
    progress.hidden = true;
    if (error) {
      status.textContent = error;
      return;
    }
    let message = say("image-uploaded", { name: image.file_name });
    if (answer && answer !== "remove" && answer.alt) {
      const saved = await saveAlt(image.id, answer.alt);
      if (saved) {
        image.alt = answer.alt;
        image.label = answer.alt;
        message += ` ${say("image-alt-saved")}`;
      }
    }
    set(image);
    status.textContent = message;
    choose.focus();
  }

  // The alternative text goes through the media item's own form, with its checks.
  async function saveAlt(mediaId, alt) {
    const body = new URLSearchParams({ _csrf: csrf(), alt, caption: "", credit: "" });
    try {
      const response = await fetch(`/admin/media/${mediaId}`, { method: "POST", body });
      return response.ok;
    } catch {
      return false;
    }
  }

  // Dropping an image file anywhere on the editor uploads it; the rich editor's surface
  // would otherwise take the drop (or the browser would open the file in place of the form).
  if (fileInput) {
    const hasFiles = (event) => event.dataTransfer && [...event.dataTransfer.types].includes("Files");
    form.addEventListener(
      "dragover",
      (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
        field.classList.add("dropping");
      },
      true,
    );
    form.addEventListener("dragleave", (event) => {
      if (event.target === form || !form.contains(event.relatedTarget)) field.classList.remove("dropping");
    });
    form.addEventListener(
      "drop",
      (event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.stopPropagation();
        field.classList.remove("dropping");
        const files = [...event.dataTransfer.files];
        const file = files.find((f) => takes(field, f));
        const others = [...form.querySelectorAll("[data-image-picker]")].filter((f) => f !== field);
        if (file) send(file);
        else if (files.length && !files.some((f) => others.some((other) => takes(other, f))))
          status.textContent = say("image-wrong-type", { name: files[0].name });
      },
      true,
    );
  }

  draw();
}

/// The grid: a modal dialog with a search box over a listbox of thumbnails, one page at a time,
/// of what the server lists at `url` (`/admin/pick/images`, `/admin/pick/files`) for `site`.
/// Resolves with the item chosen ({id, thumbnail, alt, file_name, label}), or null when the
/// person cancels or presses Escape; whoever opened it then puts the focus back. `own` and
/// `title` are the words of the picker that asks (see `wording`).
export function openImageGrid({ url, site, strings, own, title }) {
  const { say, number } = wording(strings, own);
  const id = `image-grid-${++counter}`;
  const dialog = document.createElement("dialog");
  dialog.className = "editor-dialog image-dialog";
  dialog.setAttribute("aria-labelledby", `${id}-title`);
  const heading = document.createElement("h2");
  heading.id = `${id}-title`;
  heading.textContent = title || say("image-grid");
  const searchLabel = document.createElement("label");
  searchLabel.htmlFor = `${id}-search`;
  searchLabel.textContent = say("image-search");
  const search = document.createElement("input");
  search.type = "search";
  search.id = `${id}-search`;
  search.dir = "auto";
  search.autocomplete = "off";
  search.setAttribute("aria-controls", `${id}-grid`);
  const list = document.createElement("ul");
  list.id = `${id}-grid`;
  list.className = "image-grid";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-labelledby", heading.id);
  const count = document.createElement("p");
  count.className = "hint";
  count.setAttribute("role", "status");
  const more = button(say("image-more"), "button");
  more.hidden = true;
  const cancel = button(strings.cancel || "", "button");
  const footer = document.createElement("div");
  footer.className = "form-actions";
  footer.append(more, cancel);
  dialog.append(heading, searchLabel, search, list, count, footer);
  document.body.append(dialog);

  let items = [];
  let next = null;
  let active = -1;
  let asking = null;
  let timer = 0;
  // A search typed but not yet asked for: the grid is out of date until it is drawn.
  let waiting = false;

  const options = () => [...list.querySelectorAll("[role=option]")];

  function focusOption(index, moveFocus = true) {
    const all = options();
    if (!all.length) return;
    active = Math.max(0, Math.min(index, all.length - 1));
    all.forEach((option, i) => {
      option.tabIndex = i === active ? 0 : -1;
      option.setAttribute("aria-selected", String(i === active));
    });
    if (moveFocus) all[active].focus();
  }

  function drawGrid() {
    list.replaceChildren(
      ...items.map((image, index) => {
        const option = document.createElement("li");
        option.setAttribute("role", "option");
        option.id = `${id}-image-${image.id}`;
        option.dataset.imageId = String(image.id);
        option.tabIndex = -1;
        option.setAttribute("aria-selected", "false");
        const shown = preview(image);
        if (shown.tagName === "IMG") shown.loading = "lazy";
        delete shown.dataset.imageId;
        const caption = document.createElement("span");
        caption.dir = "auto";
        caption.textContent = image.label;
        option.append(shown, caption);
        option.addEventListener("click", () => finish(image));
        option.addEventListener("focus", () => focusOption(index, false));
        return option;
      }),
    );
    // One option is reachable by Tab; the arrow keys move among them.
    if (items.length) focusOption(Math.min(Math.max(active, 0), items.length - 1), false);
    more.hidden = next === null;
    count.textContent = items.length ? say("image-count", { count: number(items.length) }) : say("image-none");
  }

  async function load(append) {
    if (asking) asking.abort();
    const controller = new AbortController();
    asking = controller;
    // Busy until these images are drawn: assistive technology (and a test) waits for them.
    list.setAttribute("aria-busy", "true");
    const params = new URLSearchParams({ site, q: search.value.trim() });
    if (append && next !== null) params.set("before", String(next));
    try {
      const response = await fetch(`${url}?${params}`, {
        headers: { Accept: "application/json" },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(String(response.status));
      const page = await response.json();
      items = append ? [...items, ...page.items] : page.items;
      if (!append) active = -1;
      next = page.next;
      drawGrid();
    } catch (error) {
      if (error.name !== "AbortError") count.textContent = say("pick-failed");
    } finally {
      if (asking === controller) {
        asking = null;
        if (!waiting) list.removeAttribute("aria-busy");
      }
    }
  }

  let resolve;
  const chosen = new Promise((r) => (resolve = r));
  function finish(image) {
    resolve(image);
    dialog.close();
  }

  search.addEventListener("input", () => {
    clearTimeout(timer);
    waiting = true;
    list.setAttribute("aria-busy", "true");
    timer = setTimeout(() => {
      waiting = false;
      load(false);
    }, 200);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      focusOption(Math.max(active, 0));
    } else if (event.key === "Enter") {
      // Enter searches at once; it never sends the editor's form behind the dialog.
      event.preventDefault();
      clearTimeout(timer);
      waiting = false;
      load(false);
    }
  });
  list.addEventListener("keydown", (event) => {
    const all = options();
    if (!all.length) return;
    // How many thumbnails a row holds, from where they are laid out.
    const columns = Math.max(1, all.filter((o) => o.offsetTop === all[0].offsetTop).length);
    const rtl = getComputedStyle(list).direction === "rtl";
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: columns, ArrowUp: -columns }[event.key];
    if (step !== undefined) {
      if (event.key === "ArrowUp" && active < columns) search.focus();
      else focusOption(active + step);
    } else if (event.key === "Home") {
      focusOption(0);
    } else if (event.key === "End") {
      focusOption(all.length - 1);
    } else if (event.key === "Enter" || event.key === " ") {
      finish(items[active]);
    } else {
      return;
    }
    event.preventDefault();
  });
  more.addEventListener("click", async () => {
    const first = items.length;
    await load(true);
    // Focus the first of the new thumbnails: the button may be gone on the last page.
    if (items.length > first) focusOption(first);
  });
  cancel.addEventListener("click", () => finish(null));
  dialog.addEventListener("close", () => {
    resolve(null);
    dialog.remove();
  });
  dialog.showModal();
  search.focus();
  load(false);
  return chosen;
}
