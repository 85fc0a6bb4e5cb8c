// Video cards: which addresses are videos, and the two Markdown forms of a card going through
// the editor and back unchanged while every other linked image or link stays what it was.
import test from "node:test";
import assert from "node:assert/strict";
import { parseMarkdown, toMarkdown } from "../src/markdown.js";
import { schema } from "../src/schema.js";
import { videoProvider, thumbnailAddress, libraryThumbnail } from "../src/video.js";

function onlyBlock(markdown) {
  const doc = parseMarkdown(markdown);
  assert.ok(doc, `the editor shows ${JSON.stringify(markdown)}`);
  assert.equal(doc.childCount, 1);
  return doc.firstChild;
}

function comesBackUnchanged(markdown) {
  assert.equal(toMarkdown(parseMarkdown(markdown)), markdown);
}

test("a linked image of a video is a card with its thumbnail and title", () => {
  const markdown = "[![Return to Sofala](/media/12/sofala.jpg)](https://www.youtube.com/watch?v=dQw4w9WgXcQ)";
  const video = onlyBlock(markdown);
  assert.equal(video.type.name, "video");
  assert.deepEqual({ ...video.attrs }, {
    href: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    src: "/media/12/sofala.jpg",
    title: "Return to Sofala",
  });
  comesBackUnchanged(markdown);
});

test("a card's title may be empty or hold brackets", () => {
  for (const markdown of [
    "[![](https://i.ytimg.com/vi/abc/hqdefault.jpg)](https://vimeo.com/76979871)",
    "[![A \\[live\\] talk](/t.jpg)](https://youtu.be/abc_-1)",
  ]) {
    assert.equal(onlyBlock(markdown).type.name, "video");
    comesBackUnchanged(markdown);
  }
  assert.equal(onlyBlock("[![A \\[live\\] talk](/t.jpg)](https://youtu.be/abc_-1)").attrs.title, "A [live] talk");
});

test("an autolink to a video alone in a paragraph is a card without a thumbnail", () => {
  const markdown = "<https://vimeo.com/76979871>";
  const video = onlyBlock(markdown);
  assert.equal(video.type.name, "video");
  assert.deepEqual({ ...video.attrs }, { href: "https://vimeo.com/76979871", src: "", title: "" });
  comesBackUnchanged(markdown);
});

test("a card made in the editor is written in one of the two forms and read back the same", () => {
  const cards = [
    [
      { href: "https://youtu.be/abc", src: "/media/1/a(1).jpg", title: "Camp *life*" },
      "[![Camp \\*life\\*](/media/1/a\\(1\\).jpg)](https://youtu.be/abc)",
    ],
    [{ href: "https://www.youtube.com/shorts/abc" }, "<https://www.youtube.com/shorts/abc>"],
  ];
  for (const [attrs, expected] of cards) {
    const intro = schema.node("paragraph", null, [schema.text("Watch:")]);
    const doc = schema.node("doc", null, [intro, schema.nodes.video.create(attrs)]);
    const markdown = toMarkdown(doc);
    assert.equal(markdown, `Watch:\n\n${expected}`);
    assert.ok(parseMarkdown(markdown).eq(doc), markdown);
  }
});

test("a linked image or an autolink to anything but a video stays as it is", () => {
  for (const markdown of [
    "[![Camp](/a.jpg)](https://example.org/report)",
    "[![Camp](/a.jpg)](https://youtube.com.evil.org/watch?v=x)",
    "<https://example.org/report>",
    "<https://vimeo.com/channels/abc>",
  ]) {
    const block = onlyBlock(markdown);
    assert.equal(block.type.name, "paragraph", markdown);
    assert.equal(block.firstChild.marks[0].type.name, "link", markdown);
    comesBackUnchanged(markdown);
  }
});

test("a video's address written as a link, with a title, or inside more text is no card", () => {
  for (const markdown of [
    "[https://youtu.be/abc](https://youtu.be/abc)",
    "[![Camp](/a.jpg)](https://youtu.be/abc \"Watch\")",
    "[![Camp](/a.jpg \"Camp\")](https://youtu.be/abc)",
    "See <https://youtu.be/abc>",
  ]) {
    assert.equal(onlyBlock(markdown).type.name, "paragraph", markdown);
    comesBackUnchanged(markdown);
  }
});

test("a card may stand in a quote but not as a list item's first paragraph", () => {
  const quote = "> <https://youtu.be/abc>";
  assert.equal(onlyBlock(quote).firstChild.type.name, "video");
  comesBackUnchanged(quote);
  const list = "- <https://youtu.be/abc>";
  assert.equal(onlyBlock(list).firstChild.firstChild.type.name, "paragraph");
  comesBackUnchanged(list);
  const cell = "| Video |\n| --- |\n| <https://youtu.be/abc> |";
  comesBackUnchanged(cell);
});

test("a link the editor made from a video's address is not turned into a card", () => {
  const href = "https://youtu.be/abc";
  const link = schema.marks.link.create({ href });
  const doc = schema.node("doc", null, [schema.node("paragraph", null, [schema.text(href, [link])])]);
  const markdown = toMarkdown(doc);
  assert.equal(markdown, `[${href}](${href})`);
  assert.ok(parseMarkdown(markdown).eq(doc));
});

test("YouTube and Vimeo video addresses are recognised", () => {
  for (const url of [
    "https://youtube.com/watch?v=dQw4w9WgXcQ",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
    "http://m.youtube.com/watch?feature=share&v=a_b-C",
    "https://www.youtube.com/shorts/abc123",
    "https://www.youtube.com/embed/abc123",
    "https://youtu.be/dQw4w9WgXcQ",
    "https://youtu.be/dQw4w9WgXcQ?si=xyz",
    "HTTPS://WWW.YOUTUBE.COM/watch?v=abc",
  ]) {
    assert.equal(videoProvider(url), "YouTube", url);
  }
  for (const url of ["https://vimeo.com/76979871", "http://www.vimeo.com/1"]) {
    assert.equal(videoProvider(url), "Vimeo", url);
  }
});

test("addresses that only look like videos are not", () => {
  for (const url of [
    "https://youtube.com.evil.org/watch?v=x",
    "https://evil.org/youtube.com/watch?v=x",
    "https://notyoutube.com/watch?v=x",
    "https://youtube.com@evil.org/watch?v=x",
    "https://youtube.com:8080/watch?v=x",
    "https://www.youtube.com/watch",
    "https://www.youtube.com/watch?v=",
    "https://www.youtube.com/watch?list=abc",
    "https://www.youtube.com/watch/abc?v=x",
    "https://www.youtube.com/shorts/",
    "https://www.youtube.com/shorts/abc/extra",
    "https://www.youtube.com/@channel",
    "https://youtu.be/",
    "https://youtu.be/a/b",
    "https://vimeo.com/channels/abc",
    "https://vimeo.com/123abc",
    "https://player.vimeo.com/video/123",
    "ftp://vimeo.com/123",
    "//vimeo.com/123",
    "vimeo.com/123",
    "https://vimeo.com/123 x",
    "",
    null,
  ]) {
    assert.equal(videoProvider(url), null, String(url));
  }
});

test("a typed thumbnail is a web address or a path of this site, written so Markdown keeps it", () => {
  for (const [typed, address] of [
    ["https://i.ytimg.com/vi/abc/hqdefault.jpg", "https://i.ytimg.com/vi/abc/hqdefault.jpg"],
    ["HTTP://example.org/a.png", "HTTP://example.org/a.png"],
    ["/media/7-abc/640.jpg", "/media/7-abc/640.jpg"],
    ["/media/1/camp photo.jpg", "/media/1/camp%20photo.jpg"],
    ["example.org/still.jpg", "https://example.org/still.jpg"],
  ]) {
    assert.equal(thumbnailAddress(typed), address, typed);
  }
  for (const typed of ["javascript:alert(1)", "data:image/png;base64,AAAA", "media/1/a.jpg", "a b.jpg"]) {
    assert.equal(thumbnailAddress(typed), null, typed);
  }
});

test("an image chosen from the grid gives its rendition's path, which the card keeps", () => {
  const chosen = { id: 12, thumbnail: "/media/12-0a1b2c3d/320.webp", alt: "Tents", file_name: "camp.jpg", label: "Tents" };
  const src = libraryThumbnail(chosen);
  assert.equal(src, "/media/12-0a1b2c3d/320.webp");
  const doc = schema.node("doc", null, [schema.nodes.video.create({ href: "https://youtu.be/abc", src, title: "Camp" })]);
  const markdown = toMarkdown(doc);
  assert.equal(markdown, "[![Camp](/media/12-0a1b2c3d/320.webp)](https://youtu.be/abc)");
  assert.ok(parseMarkdown(markdown).eq(doc), markdown);
  // A PDF has no thumbnail; nothing but a path of this site is taken from the list.
  for (const item of [{ id: 3, thumbnail: "" }, { id: 4, thumbnail: "https://elsewhere.example/a.jpg" },
    { id: 5, thumbnail: "//elsewhere.example/a.jpg" }, { id: 6 }, null]) {
    assert.equal(libraryThumbnail(item), null, JSON.stringify(item));
  }
});
