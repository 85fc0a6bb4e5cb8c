// What a word processor or a web page puts on the clipboard, reduced to structure before the
// editor's schema reads it: no style, class or id survives, Word's list paragraphs become
// lists, and images from other sites are dropped (they would let a third party watch readers).

const NOISE = "style, script, meta, link, title, xml, template, o\\:p";
const KEPT_ATTRIBUTES = new Set(["href", "src", "alt", "title", "colspan", "rowspan", "align", "start"]);
// A video card, copied from a public page or from the editor, stays one: the schema knows it
// by its classes (and the editor's by its data attributes), and its thumbnail is part of it.
const VIDEO_CARD = "figure.video-card, figure.editor-video";
const VIDEO_CARD_PARTS = `${VIDEO_CARD}, figure.video-card .video-title`;
const VIDEO_CARD_ATTRIBUTES = new Set(["class", "data-href", "data-src", "data-title"]);

export function cleanPastedHTML(html) {
  // Style sheets go and style attributes are renamed before parsing: the back office's content
  // security policy refuses inline styles (and says so in the console), yet the attributes tell
  // bold, italics and Word's lists apart.
  const renamed = html
    .replace(/<style[\s\S]*?<\/style\s*>/gi, "")
    .replace(/(<[a-z][^<>]*?\s)style\s*=/gi, "$1data-style=");
  const doc = new DOMParser().parseFromString(renamed, "text/html");
  doc.querySelectorAll(NOISE).forEach((e) => e.remove());
  removeComments(doc);
  wordLists(doc);
  styledEmphasis(doc);
  flatCells(doc);
  doc.querySelectorAll("img").forEach((img) => {
    if (!sameSite(img.getAttribute("src") || "") && !img.closest(VIDEO_CARD)) img.remove();
  });
  doc.body.querySelectorAll("*").forEach((element) => {
    const card = element.matches(VIDEO_CARD_PARTS);
    for (const name of element.getAttributeNames()) {
      if (!KEPT_ATTRIBUTES.has(name) && !(card && VIDEO_CARD_ATTRIBUTES.has(name))) element.removeAttribute(name);
    }
  });
  return doc.body.innerHTML;
}

function styleOf(element) {
  return (element.getAttribute("data-style") || "").toLowerCase();
}

// The value of one property in a style attribute ("mso-bidi-font-weight" is not "font-weight").
function declared(element, property) {
  for (const declaration of styleOf(element).split(";")) {
    const [name, value] = declaration.split(":");
    if (name && value && name.trim() === property) return value.trim();
  }
  return "";
}

function removeComments(doc) {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
}

export function sameSite(src) {
  try {
    return new URL(src, location.href).origin === location.origin && !src.startsWith("data:");
  } catch {
    return false;
  }
}

// Word writes a list as paragraphs styled `mso-list`, each starting with its bullet or number
// in a span marked `mso-list:Ignore`.
function wordLists(doc) {
  let list = null;
  for (const p of Array.from(doc.querySelectorAll("p"))) {
    if (!styleOf(p).includes("mso-list")) {
      list = null;
      continue;
    }
    const marker = Array.from(p.querySelectorAll("span")).find((span) => /mso-list:\s*ignore/.test(styleOf(span)));
    const ordered = marker ? /^\s*[0-9a-z]+[.)]/i.test(marker.textContent) : false;
    if (marker) marker.remove();
    const tag = ordered ? "ol" : "ul";
    if (!list || list.tagName.toLowerCase() !== tag || list.nextElementSibling !== p) {
      list = doc.createElement(tag);
      p.before(list);
    }
    const item = doc.createElement("li");
    item.append(...p.childNodes);
    list.append(item);
    p.remove();
  }
}

// A Markdown table cell holds one line of text, where word processors put paragraphs: they
// become lines of one cell.
function flatCells(doc) {
  doc.querySelectorAll("td, th").forEach((cell) => {
    cell.querySelectorAll("p, div, h1, h2, h3, h4, h5, h6, li").forEach((block) => {
      if (block.previousSibling) block.before(doc.createElement("br"));
      block.replaceWith(...block.childNodes);
    });
  });
}

// Bold and italic written as styles (Google Docs, some web pages) become elements before
// styles go; Google Docs also wraps everything in a <b> that is not bold.
function styledEmphasis(doc) {
  doc.querySelectorAll("b, span").forEach((element) => {
    const weight = declared(element, "font-weight");
    const italic = declared(element, "font-style") === "italic";
    const bold = /^(bold|bolder|[6-9]00)$/.test(weight);
    if (element.tagName === "B" && weight === "normal") {
      element.replaceWith(...element.childNodes);
      return;
    }
    if (element.tagName !== "SPAN" || (!bold && !italic)) return;
    let inner = element.ownerDocument.createDocumentFragment();
    inner.append(...element.childNodes);
    for (const [wanted, tag] of [[italic, "em"], [bold, "strong"]]) {
      if (!wanted) continue;
      const wrapper = doc.createElement(tag);
      wrapper.append(inner);
      inner = wrapper;
    }
    element.replaceWith(inner);
  });
}
