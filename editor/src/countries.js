// The countries of a release picked by name, in the interface language, with type-ahead (the
// ARIA combobox pattern), over the text field of ISO codes that the form sends. A UN M49
// region or sub-region found the same way adds all its countries at once. Without this script
// the field takes codes as before.

// Accents and case aside, so that "cote" finds "Côte d’Ivoire".
function fold(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();
}

// Its code typed exactly comes first ("sv"), then names that start with what was typed; a
// region after the countries that rank as well as it does.
function rank(choice, query) {
  const base = !choice.region && choice.code.toLowerCase() === query ? 0 : choice.folded.startsWith(query) ? 1 : 2;
  return base * 2 + (choice.region ? 1 : 0);
}

// Most countries and regions shown under the box at once.
const SHOWN_COUNTRIES = 12;
const SHOWN_REGIONS = 4;

let counter = 0;

export function countryPicker(input) {
  const all = JSON.parse(input.dataset.countries || "[]").map(([code, name]) => ({ code, name, folded: fold(name) }));
  const byCode = new Map(all.map((c) => [c.code, c]));
  const regions = JSON.parse(input.dataset.regions || "[]").map(([code, name, detail, countries]) => ({
    code,
    name,
    detail,
    countries,
    folded: fold(name),
    region: true,
  }));
  const strings = JSON.parse((input.form && input.form.dataset.editorStrings) || "{}");
  const id = `country-picker-${++counter}`;
  const chosen = () =>
    input.value
      .split(/[\s,]+/)
      .map((c) => c.toUpperCase())
      .filter((c) => c);

  const box = document.createElement("div");
  box.className = "picker";
  const list = document.createElement("ul");
  list.className = "picker-chosen";
  const search = document.createElement("input");
  search.type = "text";
  search.id = `${id}-search`;
  search.className = "picker-search";
  search.setAttribute("role", "combobox");
  search.setAttribute("aria-autocomplete", "list");
  search.setAttribute("aria-expanded", "false");
  search.setAttribute("aria-controls", `${id}-options`);
  search.autocomplete = "off";
  search.placeholder = strings["country-search"] || "";
  const options = document.createElement("ul");
  options.id = `${id}-options`;
  options.className = "picker-options";
  options.setAttribute("role", "listbox");
  options.hidden = true;
  // Says what choosing a region did, which the chips alone show only to the eye.
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  box.append(list, search, options, status);
  input.after(box);
  input.hidden = true;
  // The field's label now names the search box, where typing happens.
  const label = document.querySelector(`label[for="${input.id}"]`);
  if (label) label.htmlFor = search.id;
  const described = input.getAttribute("aria-describedby");
  if (described) search.setAttribute("aria-describedby", described);
  // The hint spoke of ISO codes; the picker takes names.
  const hint = described && document.getElementById(described.trim().split(/\s+/)[0]);
  if (hint && strings["country-hint"]) hint.textContent = strings["country-hint"];

  let matches = [];
  let active = -1;

  function setCodes(codes) {
    input.value = codes.join(", ");
    input.dispatchEvent(new Event("input", { bubbles: true }));
    drawChosen();
  }

  function drawChosen() {
    list.replaceChildren(
      ...chosen().map((code) => {
        const item = document.createElement("li");
        const name = byCode.has(code) ? byCode.get(code).name : code;
        const label = document.createElement("span");
        label.className = "picker-name";
        label.textContent = name;
        item.append(label);
        const remove = document.createElement("button");
        remove.type = "button";
        remove.className = "picker-remove";
        remove.dataset.code = code;
        remove.textContent = "×";
        remove.setAttribute("aria-label", (strings["country-remove"] || "× {name}").replace("{name}", name));
        remove.addEventListener("click", () => {
          setCodes(chosen().filter((c) => c !== code));
          search.focus();
        });
        item.append(remove);
        return item;
      }),
    );
  }

  function drawOptions() {
    const query = fold(search.value.trim());
    const taken = new Set(chosen());
    const countries = query
      ? all
          .filter((c) => !taken.has(c.code) && (c.folded.includes(query) || c.code.toLowerCase() === query))
          .sort((a, b) => rank(a, query) - rank(b, query))
          .slice(0, SHOWN_COUNTRIES)
      : [];
    // A region whose countries are all chosen already has nothing left to add.
    const areas = query
      ? regions
          .filter((r) => r.folded.includes(query) && r.countries.some((code) => !taken.has(code)))
          .slice(0, SHOWN_REGIONS)
      : [];
    // Array.prototype.sort is stable: within a rank, the alphabetical order stays.
    matches = [...countries, ...areas].sort((a, b) => rank(a, query) - rank(b, query));
    active = matches.length ? 0 : -1;
    options.replaceChildren(
      ...matches.map((country, index) => {
        const option = document.createElement("li");
        option.id = `${id}-option-${index}`;
        option.setAttribute("role", "option");
        option.textContent = country.name;
        if (country.region) {
          option.className = "picker-region";
          option.dataset.region = country.code;
          const detail = document.createElement("span");
          detail.className = "picker-detail";
          detail.textContent = country.detail;
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
    });
    if (active >= 0) search.setAttribute("aria-activedescendant", `${id}-option-${active}`);
    else search.removeAttribute("aria-activedescendant");
  }

  function pick(index) {
    const country = matches[index];
    if (!country) return;
    if (country.region) {
      const taken = new Set(chosen());
      setCodes([...chosen(), ...country.countries.filter((code) => !taken.has(code))]);
      status.textContent = (strings["region-added"] || "{name}").replace("{name}", country.name);
    } else {
      setCodes([...chosen(), country.code]);
      status.textContent = "";
    }
    search.value = "";
    drawOptions();
    search.focus();
  }

  // Others change the field too (a proposal accepted or dismissed from the paste table).
  input.addEventListener("change", drawChosen);

  search.addEventListener("input", (event) => {
    // The search box's own typing is not a change of the form.
    event.stopPropagation();
    drawOptions();
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" && matches.length) {
      active = (active + 1) % matches.length;
      highlight();
    } else if (event.key === "ArrowUp" && matches.length) {
      active = (active - 1 + matches.length) % matches.length;
      highlight();
    } else if (event.key === "Enter" && active >= 0) {
      pick(active);
    } else if (event.key === "Escape" && !options.hidden) {
      search.value = "";
      drawOptions();
    } else if (event.key === "Backspace" && !search.value && chosen().length) {
      setCodes(chosen().slice(0, -1));
    } else {
      return;
    }
    event.preventDefault();
  });
  search.addEventListener("blur", () => {
    options.hidden = true;
    search.setAttribute("aria-expanded", "false");
  });
  drawChosen();
}
