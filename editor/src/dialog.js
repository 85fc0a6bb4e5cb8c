// A small modal form (the link's address, an image's words): a native <dialog>, so focus stays
// in it, Escape closes it and focus goes back where it was.

let counter = 0;

/// Shows `fields` ({name, label, value, type, required, error, choose}) and resolves with their
/// values when the person applies, with "remove" when they press the optional remove button, or
/// null on cancel. A field's error is shown under it, and the first field with one has the focus.
/// A field with `choose` may also be filled by a button beside it (see `chooser`).
export function askFor({ title, fields, ok, cancel, remove, className }) {
  const dialog = document.createElement("dialog");
  dialog.className = className ? `editor-dialog ${className}` : "editor-dialog";
  const id = `editor-dialog-${++counter}`;
  dialog.setAttribute("aria-labelledby", `${id}-title`);
  const form = document.createElement("form");
  form.method = "dialog";
  const heading = document.createElement("h2");
  heading.id = `${id}-title`;
  heading.textContent = title;
  form.append(heading);
  const inputs = fields.map((field) => {
    const wrapper = document.createElement("div");
    wrapper.className = "field";
    const label = document.createElement("label");
    label.htmlFor = `${id}-${field.name}`;
    label.textContent = field.label;
    const input = document.createElement("input");
    input.id = label.htmlFor;
    input.name = field.name;
    input.type = field.type || "text";
    input.value = field.value || "";
    input.dir = "auto";
    if (field.required) input.required = true;
    wrapper.append(label, input);
    if (field.error) {
      const error = document.createElement("p");
      error.id = `${input.id}-error`;
      error.className = "field-error";
      error.textContent = field.error;
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id);
      wrapper.append(error);
    }
    if (field.choose) {
      label.id = `${input.id}-label`;
      wrapper.append(...chooser(input, label, field.choose));
    }
    form.append(wrapper);
    return input;
  });
  const actions = document.createElement("div");
  actions.className = "form-actions";
  const button = (text, value, className) => {
    const b = document.createElement("button");
    b.type = "submit";
    b.value = value;
    b.className = className;
    b.textContent = text;
    if (value !== "ok") b.formNoValidate = true;
    actions.append(b);
  };
  button(ok, "ok", "button primary");
  if (remove) button(remove, "remove", "button danger");
  button(cancel, "cancel", "button");
  form.append(actions);
  dialog.append(form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const values = Object.fromEntries(inputs.map((i) => [i.name, i.value.trim()]));
      dialog.remove();
      if (dialog.returnValue === "ok") resolve(values);
      else if (dialog.returnValue === "remove") resolve("remove");
      else resolve(null);
    });
    dialog.showModal();
    (inputs.find((i) => i.getAttribute("aria-invalid")) || inputs[0]).focus();
  });
}

/// A button that fills `input` with something chosen elsewhere (an image from the site's grid),
/// and a small preview of what the field holds: `pick()` resolves with {value, label}, or null
/// when the person changes their mind; `shows(value)` says whether a value may be previewed
/// (the back office's content security policy loads only this site's images). Typing still
/// works; the preview follows what is typed, and the chosen item's label shows while its value
/// stays. The focus comes back to the button however the choice ends, Escape included.
function chooser(input, label, { label: text, pick, shows }) {
  const actions = document.createElement("div");
  actions.className = "dialog-choose";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button";
  button.textContent = text;
  button.setAttribute("aria-describedby", label.id);
  actions.append(button);
  // Announced when a choice fills it: what was chosen, beside its thumbnail.
  const shown = document.createElement("p");
  shown.className = "dialog-preview";
  shown.setAttribute("role", "status");
  const img = document.createElement("img");
  img.alt = "";
  img.hidden = true;
  const caption = document.createElement("span");
  caption.dir = "auto";
  shown.append(img, caption);
  let chosen = null;

  function draw() {
    const value = input.value.trim();
    caption.textContent = chosen && chosen.value === value ? chosen.label : "";
    if (!value || !shows(value)) {
      img.hidden = true;
      img.removeAttribute("src");
    } else if (img.getAttribute("src") !== value) {
      // Shown once it loads: an address typed wrong shows nothing rather than a broken image.
      img.hidden = true;
      img.src = value;
    }
  }
  img.addEventListener("load", () => (img.hidden = false));
  img.addEventListener("error", () => (img.hidden = true));
  input.addEventListener("input", draw);
  button.addEventListener("click", async () => {
    const answer = await pick();
    if (answer) {
      chosen = answer;
      input.value = answer.value;
      draw();
    }
    button.focus();
  });
  draw();
  return [actions, shown];
}
