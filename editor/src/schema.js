// The document structure the rich editor allows: exactly what the site's Markdown can say
// (CommonMark, tables, strikethrough) plus a figure, an image with its caption, which the
// body's Markdown writes as the image followed by its caption in italics on the next line.

import { Schema } from "prosemirror-model";
import { schema as markdownSchema } from "prosemirror-markdown";
import { tableNodes } from "prosemirror-tables";

// Words shown inside the document (an empty caption's placeholder), set once at start.
export const placeholders = { caption: "" };

const figure = {
  group: "block",
  content: "text*",
  // The caption is written inside `*…*`: marks in it would not survive the way back.
  marks: "",
  isolating: true,
  attrs: { src: {}, alt: { default: "" }, title: { default: null } },
  parseDOM: [
    {
      tag: "figure",
      getAttrs(dom) {
        const img = dom.querySelector("img[src]");
        if (!img) return false;
        return { src: img.getAttribute("src"), alt: img.getAttribute("alt") || "", title: img.getAttribute("title") };
      },
      contentElement: (dom) => dom.querySelector("figcaption") || dom.ownerDocument.createElement("figcaption"),
    },
  ],
  toDOM(node) {
    const { src, alt, title } = node.attrs;
    return [
      "figure",
      { class: "editor-figure" },
      ["img", { src, alt, title }],
      ["figcaption", { "data-placeholder": placeholders.caption }, 0],
    ];
  },
};

// Alignment of a table column; a class rather than a style attribute, which the back
// office's content security policy would refuse.
const align = {
  default: null,
  getFromDOM: (dom) => {
    const value = dom.style.textAlign || dom.getAttribute("align");
    return ["left", "center", "right"].includes(value) ? value : null;
  },
  setDOMAttr: (value, attrs) => {
    if (value) attrs.class = "align-" + value;
  },
};

// Lists made in the editor or pasted are tight ("- a\n- b"), as people write them; a loose
// list read from Markdown stays loose.
const base = markdownSchema.spec.nodes;
const nodes = base
  .update("bullet_list", {
    ...base.get("bullet_list"),
    // The bullet the source used, so that "*" lists stay "*" lists.
    attrs: { tight: { default: true }, bullet: { default: "-" } },
    parseDOM: [{ tag: "ul" }],
  })
  .update("ordered_list", {
    ...base.get("ordered_list"),
    attrs: { order: { default: 1 }, tight: { default: true } },
    parseDOM: [{ tag: "ol", getAttrs: (dom) => ({ order: dom.hasAttribute("start") ? +dom.getAttribute("start") : 1 }) }],
  })
  .addBefore("image", "figure", figure)
  .append(tableNodes({ tableGroup: "block", cellContent: "inline*", cellAttributes: { align } }));

const strike = {
  parseDOM: [{ tag: "s" }, { tag: "del" }, { tag: "strike" }, { style: "text-decoration=line-through" }],
  toDOM: () => ["s", 0],
};

export const schema = new Schema({ nodes, marks: markdownSchema.spec.marks.addToEnd("strike", strike) });
