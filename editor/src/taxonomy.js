// Partners and media contacts picked by search with type-ahead (the ARIA combobox pattern),
// over the fieldset of checkboxes that the form sends. The server renders boxes only for what
// the draft names or a pasted release proposes; the rest is asked of a bounded endpoint as the
// person types, so the lists may grow to thousands. The boxes stay the truth: a proposal's
// Accept or Dismiss ticks one, and the chips follow their `change` events.

import { siteOf } from "./site.js";

let counter = 0;

// Answers for a few keystrokes are kept, so that deleting a letter shows its list at once.
const KEPT_ANSWERS = 50;

export function taxonomyPicker(fieldset) {
  const form = fieldset.form || fieldset.closest("form");
  const name = fieldset.dataset.name;
  const endpoint = fieldset.dataset.pick;
  const strings = JSON.parse((form && form.dataset.editorStrings) || "{}");
  const id = `${name}-picker-${++counter}`;
  const legend = fieldset.querySelector("legend");
  const boxes = () => [...fieldset.querySelectorAll(`input[type=checkbox][name="${name}"]`)];
  const chosen = () => boxes().filter((box) => box.checked);

  fieldset.classList.add("picked");
  // The field of typed keys stands in for the picker only where this script does not run.
  const fallback = fieldset.querySelector(".picker-fallback");
  if (fallback) fallback.remove();
  for (const label of fieldset.querySelectorAll("label")) label.hidden = true;

  const box = document.createElement("div");
  box.className = "picker";
  const list = document.createElement("ul");
  list.className = "picker-chosen";
  const search = document.createElement("input");
  search.type = "text";
  search.id = `${id}-search`;
  search.className = "picker-search";
  search.dir = "auto";
  search.setAttribute("role", "combobox");
  search.setAttribute("aria-autocomplete", "list");
  search.setAttribute("aria-expanded", "false");
  search.setAttribute("aria-controls", `${id}-options`);
  if (legend) {
    legend.id = legend.id || `${id}-legend`;
    search.setAttribute("aria-labelledby", legend.id);
  }
  const hints = [...fieldset.querySelectorAll(".hint, .field-error")].map((el) => el.id).filter(Boolean);
  if (hints.length) search.setAttribute("aria-describedby", hints.join(" "));
  search.autocomplete = "off";
  search.placeholder = strings[`${fieldset.dataset.strings}-search`] || "";
  const options = document.createElement("ul");
  options.id = `${id}-options`;
  options.className = "picker-options";
  options.setAttribute("role", "listbox");
  if (legend) options.setAttribute("aria-labelledby", legend.id);
  options.hidden = true;
  // Said once a search answers: how many were found, or that none were, or that it failed.
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  box.append(list, search, options, status);
  (legend || fieldset.firstChild).after(box);

  let matches = [];
  let active = -1;
  let asked = "";
  let timer = 0;
  let inFlight = null;
  // Enter pressed before the answer came: the first match is taken when it comes.
  let pickWhenAnswered = false;
  const answers = new Map();

  function boxFor(value) {
    return boxes().find((b) => b.value === value);
  }

  function labelOf(input) {
    return input.dataset.label || (input.closest("label") ? input.closest("label").textContent.trim() : input.value);
  }

  function setChosen(value, label, on) {
    let input = boxFor(value);
    if (!input && on) {
      // A label around the new box, as the server writes them, for the form and for admin.js.
      const wrapper = document.createElement("label");
      wrapper.hidden = true;
      input = document.createElement("input");
      input.type = "checkbox";
      input.name = name;
      input.value = value;
      input.dataset.label = label;
      wrapper.append(input, ` ${label}`);
      // After the boxes already there, so the chips keep the order they were chosen in.
      const hint = fieldset.querySelector(".hint");
      if (hint) hint.before(wrapper);
      else fieldset.append(wrapper);
    }
    if (!input) return;
    input.checked = on;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function drawChosen() {
    list.replaceChildren(
      ...chosen().map((input) => {
        const item = document.createElement("li");
        const label = document.createElement("span");
        label.className = "picker-name";
        label.dir = "auto";
        label.textContent = labelOf(input);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "picker-remove";
        remove.dataset.value = input.value;
        remove.textContent = "×";
        remove.setAttribute("aria-label", (strings["pick-remove"] || "× {name}").replace("{name}", labelOf(input)));
        remove.addEventListener("click", () => {
          setChosen(input.value, "", false);
          search.focus();
        });
        item.append(label, remove);
        return item;
      }),
    );
  }

  function drawOptions(items) {
    const taken = new Set(chosen().map((b) => b.value));
    matches = items.filter((item) => !taken.has(item.value));
    active = matches.length ? 0 : -1;
    options.replaceChildren(
      ...matches.map((item, index) => {
        const option = document.createElement("li");
        option.id = `${id}-option-${index}`;
        option.setAttribute("role", "option");
        option.dir = "auto";
        option.textContent = item.label;
        if (item.detail) {
          const detail = document.createElement("span");
          detail.className = "picker-detail";
          detail.textContent = item.detail;
          option.append(" ", detail);
        }
        option.addEventListener("mousedown", (event) => event.preventDefault());
        option.addEventListener("click", () => pick(index));
        return option;
      }),
    );
    options.hidden = matches.length === 0;
    search.setAttribute("aria-expanded", String(!options.hidden));
    highlight();
  }

  function highlight() {
    options.querySelectorAll("[role=option]").forEach((option, index) => {
      option.setAttribute("aria-selected", String(index === active));
      if (index === active) option.scrollIntoView({ block: "nearest" });
    });
    if (active >= 0) search.setAttribute("aria-activedescendant", `${id}-option-${active}`);
    else search.removeAttribute("aria-activedescendant");
  }

  function announce(count) {
    status.textContent = count ? "" : strings["pick-none"] || "";
  }

  // Asks the server for the words typed, a moment after the last keystroke; an answer to
  // words no longer in the box is dropped, so a slow answer never overwrites a newer one.
  function answered(items) {
    drawOptions(items);
    announce(items.length);
    if (pickWhenAnswered) {
      pickWhenAnswered = false;
      pick(0);
    }
  }

  async function ask(words) {
    const key = `${siteOf(form)}\n${words}`;
    if (answers.has(key)) {
      answered(answers.get(key));
      return;
    }
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    const url = `${endpoint}?site=${encodeURIComponent(siteOf(form))}&q=${encodeURIComponent(words)}`;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, signal: controller.signal });
      if (!response.ok) throw new Error(String(response.status));
      const { items } = await response.json();
      if (answers.size >= KEPT_ANSWERS) answers.delete(answers.keys().next().value);
      answers.set(key, items);
      if (search.value.trim() === words) answered(items);
    } catch (error) {
      if (error.name === "AbortError") return;
      pickWhenAnswered = false;
      drawOptions([]);
      status.textContent = strings["pick-failed"] || "";
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  function pick(index) {
    const item = matches[index];
    if (!item) return;
    setChosen(item.value, item.detail ? `${item.label}, ${item.detail}` : item.label, true);
    search.value = "";
    asked = "";
    drawOptions([]);
    search.focus();
  }

  fieldset.addEventListener("change", drawChosen);

  search.addEventListener("input", (event) => {
    // The search box's own typing is not a change of the form.
    event.stopPropagation();
    const words = search.value.trim();
    clearTimeout(timer);
    pickWhenAnswered = false;
    if (!words) {
      asked = "";
      drawOptions([]);
      return;
    }
    if (words === asked) return;
    timer = setTimeout(() => {
      asked = words;
      ask(words);
    }, 150);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && matches.length) {
      active = (active + 1) % matches.length;
      highlight();
    } else if (event.key === "ArrowUp" && matches.length) {
      active = (active - 1 + matches.length) % matches.length;
      highlight();
    } else if (event.key === "Enter" && search.value.trim()) {
      // Enter in the search box picks; it never sends the form half-chosen.
      const words = search.value.trim();
      if (words === asked && !inFlight) {
        if (active >= 0 && !options.hidden) pick(active);
      } else {
        pickWhenAnswered = true;
        clearTimeout(timer);
        asked = words;
        ask(words);
      }
    } else if (event.key === "Escape" && !options.hidden) {
      search.value = "";
      asked = "";
      drawOptions([]);
    } else if (event.key === "Backspace" && !search.value && chosen().length) {
      const last = chosen().pop();
      setChosen(last.value, "", false);
    } else {
      return;
    }
    event.preventDefault();
  });
  search.addEventListener("blur", () => {
    options.hidden = true;
    search.setAttribute("aria-expanded", "false");
  });
  search.addEventListener("focus", () => {
    if (matches.length) {
      options.hidden = false;
      search.setAttribute("aria-expanded", "true");
    }
  });
  drawChosen();
}
