// The document structure the rich editor allows: exactly what the site's Markdown can say
// (CommonMark, tables, strikethrough) plus a figure, an image with its caption, which the
// body's Markdown writes as the image followed by its caption in italics on the next line,
// and a video, a card linking to a YouTube or Vimeo video (see video.js).

import { Schema } from "prosemirror-model";
import { schema as markdownSchema } from "prosemirror-markdown";
import { tableNodes } from "prosemirror-tables";
import { videoProvider } from "./video.js";
import { sameSite } from "./paste.js";

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

// A video card. The public page writes it as
// <figure class="video-card"><a href><img><span class="video-title">…</span>…</a></figure>,
// and the editor as a figure whose data attributes say it all, so that both paste back as one.
const video = {
  group: "block",
  atom: true,
  attrs: { href: {}, src: { default: "" }, title: { default: "" } },
  parseDOM: [
    {
      tag: "figure.video-card",
      // Before the figure's rule, which would take the card for an image with a caption.
      priority: 60,
      getAttrs(dom) {
        const link = dom.querySelector("a[href]");
        const href = link && link.getAttribute("href");
        if (!videoProvider(href)) return false;
        const img = dom.querySelector("img[src]");
        const title = dom.querySelector(".video-title");
        return { href, src: img ? img.getAttribute("src") : "", title: title ? oneLine(title.textContent) : "" };
      },
    },
    {
      tag: "figure.editor-video",
      priority: 60,
      getAttrs(dom) {
        const href = dom.getAttribute("data-href");
        if (!videoProvider(href)) return false;
        return { href, src: dom.getAttribute("data-src") || "", title: oneLine(dom.getAttribute("data-title") || "") };
      },
    },
  ],
  toDOM(node) {
    const { href, src, title } = node.attrs;
    const provider = videoProvider(href) || "";
    // The back office's content security policy shows only this site's images: a thumbnail
    // from elsewhere (YouTube's own) is left to the public page.
    const thumbnail = src && sameSite(src) ? [["img", { src, alt: "" }]] : [];
    return [
      "figure",
      { class: "editor-video", "data-provider": provider, "data-href": href, "data-src": src, "data-title": title },
      ["span", { class: "editor-video-screen" }, ...thumbnail],
      ["figcaption", {}, title || href, " · ", provider],
    ];
  },
};

// The Markdown title of a card is one line.
function oneLine(text) {
  return text.replace(/\s+/g, " ").trim();
}

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
  .addBefore("image", "video", video)
  .append(tableNodes({ tableGroup: "block", cellContent: "inline*", cellAttributes: { align } }));

const strike = {
  parseDOM: [{ tag: "s" }, { tag: "del" }, { tag: "strike" }, { style: "text-decoration=line-through" }],
  toDOM: () => ["s", 0],
};

export const schema = new Schema({ nodes, marks: markdownSchema.spec.marks.addToEnd("strike", strike) });
