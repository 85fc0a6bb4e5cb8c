// What a word processor or a web page puts on the clipboard, reduced to structure before the
// editor's schema reads it: no style, class or id survives, Word's list paragraphs become
// lists, and images from other sites are dropped (they would let a third party watch readers).

const NOISE = "style, script, meta, link, title, xml, template, o\\:p";
const KEPT_ATTRIBUTES = new Set(["href", "src", "alt", "title", "colspan", "rowspan", "align", "start"]);

export function cleanPastedHTML(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll(NOISE).forEach((e) => e.remove());
  removeComments(doc);
  wordLists(doc);
  styledEmphasis(doc);
  doc.querySelectorAll("img").forEach((img) => {
    if (!sameSite(img.getAttribute("src") || "")) img.remove();
  });
  doc.body.querySelectorAll("*").forEach((element) => {
    for (const name of element.getAttributeNames()) {
      if (!KEPT_ATTRIBUTES.has(name)) element.removeAttribute(name);
    }
  });
  return doc.body.innerHTML;
}

function removeComments(doc) {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
  const comments = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  comments.forEach((c) => c.remove());
}

function sameSite(src) {
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
    const style = p.getAttribute("style") || "";
    if (!/mso-list/.test(style)) {
      list = null;
      continue;
    }
    const marker = p.querySelector("span[style*='mso-list:Ignore'], span[style*='mso-list: Ignore']");
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

// Bold and italic written as styles (Google Docs, some web pages) become elements before
// styles go; Google Docs also wraps everything in a <b> that is not bold.
function styledEmphasis(doc) {
  doc.querySelectorAll("b, span").forEach((element) => {
    const weight = element.style.fontWeight;
    const italic = element.style.fontStyle === "italic";
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
