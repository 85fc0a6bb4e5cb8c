// Markdown in and out of the editor's document, in the dialect the server renders
// (pulldown-cmark: CommonMark, tables, strikethrough, footnotes).

import MarkdownIt from "markdown-it";
import { MarkdownParser, MarkdownSerializer, defaultMarkdownSerializer } from "prosemirror-markdown";
import { schema } from "./schema.js";
import { videoProvider } from "./video.js";

// Raw HTML is parsed (not shown as text) so that a body holding some is recognised as one the
// editor cannot show: its tokens have no handler and parsing throws.
const tokenizer = MarkdownIt("commonmark", { html: true }).enable(["table", "strikethrough"]);

// "![alt](src)" alone in a paragraph, optionally followed on the next line by "*caption*",
// becomes a figure.
tokenizer.core.ruler.push("figures", (state) => {
  const tokens = state.tokens;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const [open, inline, close] = [tokens[i - 1], tokens[i], tokens[i + 1]];
    if (inline.type !== "inline" || open.type !== "paragraph_open" || close.type !== "paragraph_close") continue;
    const parts = inline.children;
    if (!parts.length || parts[0].type !== "image") continue;
    let caption = null;
    if (parts.length === 1) caption = [];
    else if (
      parts.length >= 4 &&
      parts[1].type === "softbreak" &&
      parts[2].type === "em_open" &&
      parts[parts.length - 1].type === "em_close" &&
      parts.slice(3, -1).every((t) => t.type === "text")
    ) {
      caption = parts.slice(3, -1);
    }
    if (!caption) continue;
    const image = parts[0];
    open.type = "figure_open";
    close.type = "figure_close";
    open.attrs = [
      ["src", image.attrGet("src")],
      ["alt", altText(image)],
      ["title", image.attrGet("title") || ""],
    ];
    inline.children = caption;
  }
});

// A paragraph holding only "[![title](thumbnail)](video)" or "<video>" becomes a video, where the
// schema allows one: directly in the body or a quote (a list item must start with a paragraph).
tokenizer.core.ruler.push("videos", (state) => {
  const kept = [];
  const containers = [];
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const container = containers[containers.length - 1];
    const inPlace = container === undefined || container === "blockquote_open";
    const video = token.type === "paragraph_open" && inPlace && videoOf(tokens[i + 1].children);
    if (video) {
      const card = new state.Token("video", "", 0);
      card.attrs = [["href", video.href], ["src", video.src], ["title", video.title]];
      kept.push(card);
      i += 2;
      continue;
    }
    if (token.nesting === 1) containers.push(token.type);
    else if (token.nesting === -1) containers.pop();
    kept.push(token);
  }
  state.tokens = kept;
});

// The video in a paragraph's inline tokens, or null. A card has no place for a title on the
// link or the image, nor for markup in the image's text: such a paragraph is no card.
function videoOf(parts) {
  if (!parts || parts.length !== 3 || parts[0].type !== "link_open" || parts[2].type !== "link_close") return null;
  const [link, inside] = parts;
  const href = link.attrGet("href");
  if (link.attrGet("title") || !videoProvider(href)) return null;
  // An escaped character ("\]") is a token of its own.
  const plain = (t) => t.type === "text" || t.type === "text_special";
  if (inside.type === "image" && !inside.attrGet("title") && inside.children.every(plain)) {
    return { href, src: inside.attrGet("src"), title: altText(inside) };
  }
  if (inside.type === "text" && link.markup === "autolink") return { href, src: "", title: "" };
  return null;
}

function altText(image) {
  return (image.children || []).map((t) => t.content).join("");
}

function cellAlign(token) {
  const match = /text-align:\s*(left|center|right)/.exec(token.attrGet("style") || "");
  return { align: match ? match[1] : null };
}

function listIsTight(tokens, i) {
  while (++i < tokens.length) if (tokens[i].type !== "list_item_open") return tokens[i].hidden;
  return false;
}

const parser = new MarkdownParser(schema, tokenizer, {
  blockquote: { block: "blockquote" },
  paragraph: { block: "paragraph" },
  list_item: { block: "list_item" },
  bullet_list: {
    block: "bullet_list",
    getAttrs: (tok, tokens, i) => ({ tight: listIsTight(tokens, i), bullet: tok.markup || "-" }),
  },
  ordered_list: {
    block: "ordered_list",
    getAttrs: (tok, tokens, i) => ({ order: +tok.attrGet("start") || 1, tight: listIsTight(tokens, i) }),
  },
  heading: { block: "heading", getAttrs: (tok) => ({ level: +tok.tag.slice(1) }) },
  code_block: { block: "code_block", noCloseToken: true },
  fence: { block: "code_block", getAttrs: (tok) => ({ params: tok.info || "" }), noCloseToken: true },
  hr: { node: "horizontal_rule" },
  figure: {
    block: "figure",
    getAttrs: (tok) => ({ src: tok.attrGet("src"), alt: tok.attrGet("alt"), title: tok.attrGet("title") || null }),
  },
  video: {
    node: "video",
    getAttrs: (tok) => ({ href: tok.attrGet("href"), src: tok.attrGet("src"), title: tok.attrGet("title") }),
  },
  image: {
    node: "image",
    getAttrs: (tok) => ({ src: tok.attrGet("src"), title: tok.attrGet("title") || null, alt: altText(tok) }),
  },
  hardbreak: { node: "hard_break" },
  em: { mark: "em" },
  strong: { mark: "strong" },
  s: { mark: "strike" },
  link: { mark: "link", getAttrs: (tok) => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }) },
  code_inline: { mark: "code", noCloseToken: true },
  table: { block: "table" },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: "table_row" },
  th: { block: "table_header", getAttrs: cellAlign },
  td: { block: "table_cell", getAttrs: cellAlign },
});

const base = defaultMarkdownSerializer.nodes;
const baseLink = defaultMarkdownSerializer.marks.link;
// Where a paragraph may be a video, as the "videos" rule reads it.
const VIDEO_PLACES = new Set(["doc", "blockquote"]);

function writeImage(state, node) {
  base.image(state, node);
}

// One table cell's Markdown on one line: pipes escaped, line breaks made spaces.
function cellMarkdown(cell) {
  // Serialized as a document's one paragraph: the serializer writes the children of what it
  // is given, and only a paragraph's inline content gets its marks.
  const paragraph = schema.node("doc", null, [schema.node("paragraph", null, cell.content)]);
  const text = serializer.serialize(paragraph, { tableCell: true }).trim();
  return text.replace(/\\\n/g, " ").replace(/\n/g, " ").replace(/(^|[^\\])\|/g, "$1\\|");
}

const delimiter = { left: ":---", center: ":---:", right: "---:" };

const serializer = new MarkdownSerializer(
  {
    ...base,
    bullet_list(state, node) {
      state.renderList(node, "  ", () => node.attrs.bullet + " ");
    },
    paragraph(state, node, parent) {
      state.videoPlace = !state.options.tableCell && VIDEO_PLACES.has(parent.type.name);
      base.paragraph(state, node, parent);
      state.videoPlace = false;
    },
    video(state, node) {
      const { href, src, title } = node.attrs;
      if (src) {
        // Escaped as the default serializer escapes an image in a link: a card writes what that did.
        const image = `![${state.esc(title)}](${src.replace(/[()]/g, "\\$&")})`;
        state.write(`[${image}](${href.replace(/[()"]/g, "\\$&")})`);
      } else {
        state.write(`<${href}>`);
      }
      state.closeBlock(node);
    },
    figure(state, node) {
      writeImage(state, node);
      const caption = node.textContent.trim();
      if (caption) {
        state.ensureNewLine();
        state.write("*");
        state.text(caption);
        state.write("*");
      }
      state.closeBlock(node);
    },
    table(state, node) {
      const rows = [];
      const aligns = [];
      node.forEach((row) => {
        const cells = [];
        row.forEach((cell) => {
          if (rows.length === 0) aligns.push(cell.attrs.align);
          cells.push(cellMarkdown(cell));
          // Markdown has no merged cells: the cells a merged one covered come back empty.
          for (let k = 1; k < cell.attrs.colspan; k++) cells.push("");
        });
        rows.push(cells);
      });
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells) => {
        const padded = Array.from({ length: width }, (_, k) => cells[k] || "");
        return "|" + padded.map((c) => (c ? ` ${c} ` : " ")).join("|") + "|";
      };
      const lines = [line(rows[0]), line(Array.from({ length: width }, (_, k) => delimiter[aligns[k]] || "---"))];
      rows.slice(1).forEach((r) => lines.push(line(r)));
      lines.forEach((l) => {
        state.ensureNewLine();
        state.write(l);
      });
      state.closeBlock(node);
    },
  },
  {
    ...defaultMarkdownSerializer.marks,
    link: {
      ...baseLink,
      open(state, mark, parent, index) {
        const open = baseLink.open(state, mark, parent, index);
        // "<address>" alone in a paragraph would come back as a video: a link that only looks
        // like one is written "[address](address)".
        if (state.inAutolink && state.videoPlace && parent.childCount === 1 && parent.firstChild.marks.length === 1 &&
          videoProvider(mark.attrs.href)) {
          state.inAutolink = false;
          return "[";
        }
        return open;
      },
    },
    strike: { open: "~~", close: "~~", mixable: true, expelEnclosingWhitespace: true },
  },
);

// Footnotes are Markdown the server renders but this parser does not know: it would take
// their definitions for link references and rewrite them.
const FOOTNOTE = /\[\^[^\]\s]+\]/;

/// The document for `markdown`, or null when the editor could not show it without changing it
/// (raw HTML, footnotes, or anything that does not come back the same).
export function parseMarkdown(markdown) {
  if (FOOTNOTE.test(markdown)) return null;
  try {
    const doc = parser.parse(markdown);
    return parser.parse(serializer.serialize(doc)).eq(doc) ? doc : null;
  } catch {
    return null;
  }
}

/// The document as Markdown, ending as `original` ended (the serializer drops a final newline
/// that a body may have had).
export function toMarkdown(doc, original = "") {
  return serializer.serialize(doc, { tightLists: true }) + /\s*$/.exec(original)[0];
}
