// The rich editor over a Markdown textarea: a toolbar, the editing surface, and a "Source"
// toggle back to the textarea. The textarea stays the form's field; it is rewritten from the
// document only once the document has changed, so opening and saving a body rewrites nothing.

import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { history, undo, redo } from "prosemirror-history";
import { keymap } from "prosemirror-keymap";
import { baseKeymap, toggleMark, setBlockType, chainCommands, exitCode } from "prosemirror-commands";
import { splitListItem, liftListItem, sinkListItem } from "prosemirror-schema-list";
import { inputRules, wrappingInputRule, textblockTypeInputRule } from "prosemirror-inputrules";
import {
  tableEditing, goToNextCell, addRowAfter, addColumnAfter, deleteRow, deleteColumn, deleteTable, isInTable,
} from "prosemirror-tables";
import { schema, placeholders } from "./schema.js";
import { parseMarkdown, toMarkdown } from "./markdown.js";
import { cleanPastedHTML } from "./paste.js";
import {
  markActive, blockActive, inside, toggleHeading, toggleList, toggleQuote, editLink, insertImage, insertVideo,
  insertTable,
} from "./commands.js";

const { nodes, marks } = schema;
const MAC = typeof navigator !== "undefined" && /Mac|iP(hone|[oa]d)/.test(navigator.platform);

// A shortcut ("Mod-Shift-z") as people read it ("Ctrl+Shift+Z", "⌘⇧Z") and as ARIA
// writes it ("Control+Shift+Z").
const KEY_NAMES = {
  text: MAC ? { Mod: "⌘", Shift: "⇧", Alt: "⌥", join: "" } : { Mod: "Ctrl", Shift: "Shift", Alt: "Alt", join: "+" },
  aria: { Mod: MAC ? "Meta" : "Control", Shift: "Shift", Alt: "Alt", join: "+" },
};

function shortcut(keys, style) {
  const names = KEY_NAMES[style];
  const parts = keys.split("-");
  const key = parts.pop().toUpperCase();
  return [...parts.map((p) => names[p]), key].join(names.join);
}

function buttons(strings, chooseImage) {
  return [
    { name: "heading-2", keys: "Mod-Alt-2", run: toggleHeading(2), active: blockActive(nodes.heading, { level: 2 }) },
    { name: "heading-3", keys: "Mod-Alt-3", run: toggleHeading(3), active: blockActive(nodes.heading, { level: 3 }) },
    { name: "bold", keys: "Mod-b", run: toggleMark(marks.strong), active: (s) => markActive(s, marks.strong) },
    { name: "italic", keys: "Mod-i", run: toggleMark(marks.em), active: (s) => markActive(s, marks.em) },
    { name: "link", keys: "Mod-k", run: editLink(strings), active: (s) => markActive(s, marks.link), asks: true },
    { name: "bullet-list", keys: "Mod-Shift-8", run: toggleList(nodes.bullet_list), active: inside(nodes.bullet_list) },
    { name: "numbered-list", keys: "Mod-Shift-7", run: toggleList(nodes.ordered_list), active: inside(nodes.ordered_list) },
    { name: "quote", keys: "Mod-Shift-9", run: toggleQuote, active: inside(nodes.blockquote) },
    { name: "image", run: insertImage(strings), asks: true },
    { name: "video", run: insertVideo(strings, chooseImage), asks: true },
    { name: "table", run: insertTable, hiddenIn: isInTable },
    { name: "table-add-row", run: addRowAfter, shownIn: isInTable },
    { name: "table-add-column", run: addColumnAfter, shownIn: isInTable },
    { name: "table-delete-row", run: deleteRow, shownIn: isInTable },
    { name: "table-delete-column", run: deleteColumn, shownIn: isInTable },
    { name: "table-delete", run: deleteTable, shownIn: isInTable },
    { name: "undo", keys: "Mod-z", run: undo },
    { name: "redo", keys: "Mod-Shift-z", run: redo },
  ];
}

function shortcuts(tools) {
  const keys = {};
  for (const tool of tools) if (tool.keys) keys[tool.keys] = tool.run;
  Object.assign(keys, {
    "Mod-y": redo,
    "Mod-Alt-0": setBlockType(nodes.paragraph),
    "Shift-Enter": chainCommands(exitCode, (state, dispatch) => {
      if (dispatch) dispatch(state.tr.replaceSelectionWith(nodes.hard_break.create()).scrollIntoView());
      return true;
    }),
    Enter: splitListItem(nodes.list_item),
    "Mod-[": liftListItem(nodes.list_item),
    "Mod-]": sinkListItem(nodes.list_item),
    Tab: goToNextCell(1),
    "Shift-Tab": goToNextCell(-1),
  });
  return keys;
}

const rules = inputRules({
  rules: [
    textblockTypeInputRule(/^(#{2,4})\s$/, nodes.heading, (m) => ({ level: m[1].length })),
    wrappingInputRule(/^\s*>\s$/, nodes.blockquote),
    wrappingInputRule(/^\s*([-+*])\s$/, nodes.bullet_list, (m) => ({ bullet: m[1] === "+" ? "-" : m[1] })),
    wrappingInputRule(
      /^(\d+)\.\s$/,
      nodes.ordered_list,
      (m) => ({ order: +m[1] }),
      (m, node) => node.childCount + node.attrs.order === +m[1],
    ),
  ],
});

// Drawn icons (24-unit strokes); the other buttons show short text.
const ICONS = {
  link: "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
  "bullet-list": "M4 6h.01M4 12h.01M4 18h.01M9 6h11M9 12h11M9 18h11",
  "numbered-list": "M10 6h10M10 12h10M10 18h10M4 4h1v5M3.5 20H6l-2.5-3a1.2 1.2 0 1 1 2.2-.8",
  quote: "M6 8h4v4c0 2.5-1.5 4-4 5M14 8h4v4c0 2.5-1.5 4-4 5",
  image: "M4 5h16v14H4zM9 10.5a1.5 1.5 0 1 0 0-.01M4 17l5-5 4 4 2.5-2.5L20 18",
  video: "M3 5h18v14H3zM10 9v6l5-3z",
  table: "M4 5h16v14H4zM4 10h16M4 15h16M12 5v14",
  undo: "M9 13 4 8l5-5M4 8h10a6 6 0 0 1 0 12h-3",
  redo: "M15 13l5-5-5-5M20 8H10a6 6 0 0 0 0 12h3",
};
const LETTERS = { "heading-2": "H2", "heading-3": "H3", bold: "B", italic: "I" };

function glyph(tool, name) {
  if (ICONS[tool]) {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
    path.setAttribute("d", ICONS[tool]);
    svg.append(path);
    return svg;
  }
  const text = document.createElement("span");
  text.setAttribute("aria-hidden", "true");
  text.textContent = LETTERS[tool] || name;
  return text;
}

export class RichEditor {
  /// Puts the editor before `textarea`; `onChange` hears of every change to the text.
  /// `chooseImage`, when given, opens the grid of the site's images and resolves with the one
  /// chosen or null: the video dialog offers it for the thumbnail.
  constructor(textarea, strings, onChange, { chooseImage } = {}) {
    this.textarea = textarea;
    this.strings = strings;
    this.onChange = onChange;
    this.changed = false;
    placeholders.caption = strings["image-caption"];
    this.tools = buttons(strings, chooseImage);
    this.plugins = [
      rules,
      keymap(shortcuts(this.tools)),
      keymap(baseKeymap),
      history(),
      tableEditing(),
    ];
    this.root = document.createElement("div");
    this.root.className = "rich-editor";
    this.toolbar = this.buildToolbar();
    this.notice = document.createElement("p");
    this.notice.className = "hint rich-editor-notice";
    this.notice.hidden = true;
    this.surface = document.createElement("div");
    this.surface.className = "rich-editor-surface";
    this.root.append(this.toolbar, this.notice, this.surface);
    textarea.before(this.root);
    const label = textarea.id && document.querySelector(`label[for="${textarea.id}"]`);
    if (label) {
      if (!label.id) label.id = `${textarea.id}-label`;
      label.addEventListener("click", () => this.focus());
    }
    // The field's hint teaches Markdown: shown with the source view only. Its errors stay.
    const ids = (textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    this.hint = ids.map((id) => document.getElementById(id)).find((e) => e && e.id.endsWith("-hint"));
    const described = ids.filter((id) => !this.hint || id !== this.hint.id).join(" ");
    this.view = new EditorView(this.surface, {
      state: this.createState(parseMarkdown(textarea.value) || parseMarkdown("")),
      attributes: {
        class: "prose",
        role: "textbox",
        "aria-multiline": "true",
        ...(label ? { "aria-labelledby": label.id } : {}),
        ...(described ? { "aria-describedby": described } : {}),
        ...(textarea.getAttribute("aria-invalid") ? { "aria-invalid": "true" } : {}),
      },
      transformPastedHTML: cleanPastedHTML,
      dispatchTransaction: (tr) => this.apply(tr),
    });
    this.dir = textarea.dataset.dir || "auto";
    this.setDirection(this.dir);
    if (parseMarkdown(textarea.value) === null) {
      // Raw HTML or footnotes: shown as source rather than rewritten.
      this.showSource(true, strings["source-only"]);
    } else {
      this.showSource(false);
    }
  }

  createState(doc) {
    return EditorState.create({ doc, plugins: this.plugins });
  }

  apply(tr) {
    this.view.updateState(this.view.state.apply(tr));
    if (tr.docChanged) {
      this.changed = true;
      this.onChange();
    }
    this.updateToolbar();
  }

  /// The body as Markdown: the textarea's own text until the document changed.
  markdown() {
    if (this.source || !this.changed) return this.textarea.value;
    return toMarkdown(this.view.state.doc, this.textarea.value);
  }

  /// Writes the document into the textarea, before the form is sent.
  sync() {
    if (!this.source && this.changed) this.textarea.value = toMarkdown(this.view.state.doc, this.textarea.value);
  }

  /// Replaces the text (a restored draft); false when the rich view cannot show it.
  load(markdown) {
    this.textarea.value = markdown;
    this.changed = false;
    const doc = parseMarkdown(markdown);
    if (!doc) {
      this.showSource(true, this.strings["source-only"]);
      return;
    }
    this.view.updateState(this.createState(doc));
    this.updateToolbar();
  }

  setDirection(dir) {
    this.dir = dir;
    this.surface.dir = dir;
    this.textarea.dir = dir;
    this.view.setProps({ attributes: { ...this.view.props.attributes, dir } });
  }

  focus() {
    if (this.source) this.textarea.focus();
    else this.view.focus();
  }

  /// Shows the Markdown textarea (true) or the rich view (false).
  showSource(source, why) {
    if (!source && this.source) {
      const doc = parseMarkdown(this.textarea.value);
      if (!doc) {
        why = this.strings["source-only"];
        source = true;
      } else {
        this.view.updateState(this.createState(doc));
        this.changed = false;
      }
    } else if (source && !this.source) {
      this.sync();
      this.changed = false;
    }
    this.source = source;
    this.textarea.hidden = !source;
    if (this.hint) this.hint.hidden = !source;
    this.surface.hidden = source;
    this.notice.hidden = !why;
    this.notice.textContent = why || "";
    this.sourceButton.setAttribute("aria-pressed", String(source));
    this.updateToolbar();
  }

  buildToolbar() {
    const bar = document.createElement("div");
    bar.className = "rich-editor-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", this.strings.toolbar);
    if (this.textarea.id) bar.setAttribute("aria-controls", this.textarea.id);
    for (const tool of this.tools) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `rich-tool rich-tool-${tool.name}`;
      const name = this.strings[tool.name] || tool.name;
      // A speech user says what they see: a button showing "H2" answers to "H2" too.
      const letters = LETTERS[tool.name] || "";
      const spoken = letters.length > 1 && !name.includes(letters) ? `${letters} ${name}` : name;
      button.setAttribute("aria-label", spoken);
      button.title = tool.keys ? `${name} (${shortcut(tool.keys, "text")})` : name;
      if (tool.keys) button.setAttribute("aria-keyshortcuts", shortcut(tool.keys, "aria"));
      if (tool.active) button.setAttribute("aria-pressed", "false");
      button.append(glyph(tool.name, name));
      // Keeps the selection in the document when the button is clicked.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      button.addEventListener("click", () => {
        tool.run(this.view.state, (tr) => this.view.dispatch(tr), this.view);
        // A tool that asks in a dialog gives the focus back itself, once the dialog closes.
        if (!tool.asks) this.view.focus();
      });
      tool.button = button;
      bar.append(button);
    }
    this.sourceButton = document.createElement("button");
    this.sourceButton.type = "button";
    this.sourceButton.className = "rich-tool rich-tool-source";
    this.sourceButton.textContent = this.strings.source;
    this.sourceButton.addEventListener("click", () => {
      this.showSource(!this.source);
      this.focus();
    });
    bar.append(this.sourceButton);
    bar.addEventListener("keydown", (event) => this.moveInToolbar(event));
    return bar;
  }

  updateToolbar() {
    const state = this.view.state;
    for (const tool of this.tools) {
      const { button } = tool;
      button.hidden = (tool.shownIn && !tool.shownIn(state)) || (tool.hiddenIn && tool.hiddenIn(state)) || false;
      button.disabled = this.source || !tool.run(state, undefined, this.view);
      if (tool.active) button.setAttribute("aria-pressed", String(!this.source && tool.active(state)));
    }
    this.rovingFocus();
  }

  // One button of the toolbar is in the tab order, the arrow keys move between them (the
  // ARIA toolbar pattern): Tab passes the toolbar in one step.
  rovingFocus(target) {
    const usable = this.usableButtons();
    const current = target || usable.find((b) => b.tabIndex === 0) || usable[0];
    for (const b of this.toolbar.querySelectorAll("button")) b.tabIndex = b === current ? 0 : -1;
  }

  usableButtons() {
    return Array.from(this.toolbar.querySelectorAll("button")).filter((b) => !b.hidden && !b.disabled);
  }

  moveInToolbar(event) {
    const usable = this.usableButtons();
    const index = usable.indexOf(document.activeElement);
    if (index < 0) return;
    const forward = this.toolbar.matches(":dir(rtl)") ? "ArrowLeft" : "ArrowRight";
    const backward = forward === "ArrowLeft" ? "ArrowRight" : "ArrowLeft";
    const next = {
      [forward]: usable[(index + 1) % usable.length],
      [backward]: usable[(index - 1 + usable.length) % usable.length],
      Home: usable[0],
      End: usable[usable.length - 1],
    }[event.key];
    if (!next) return;
    event.preventDefault();
    this.rovingFocus(next);
    next.focus();
  }
}
