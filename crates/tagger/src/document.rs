//! Reads a release in any input format into one shape: a title and a list of blocks
//! (headings, paragraphs, list items, table rows, images), the plain text every analysis reads,
//! and the body as clean Markdown.
//!
//! Only structure survives: word-processor styling, scripts, comments and empty paragraphs are
//! dropped. This module never looks at what the text means.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use quick_xml::events::Event as XmlEvent;
use scraper::{ElementRef, Html, Node};

use crate::{Format, TagError};

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading of this level (1-6).
    Heading(u8),
    /// A paragraph; its lines are kept.
    Paragraph,
    /// An item of a bulleted or numbered list, `level` lists deep (0 for the outermost).
    ListItem { ordered: bool, level: u8 },
    /// A table row, with its cells' text; `header` when every cell is a header cell.
    TableRow { cells: Vec<String>, header: bool },
    /// An image with its alternative text and caption.
    Image { src: String, alt: String, caption: String },
}

/// One block of a release.
#[derive(Debug, Clone)]
pub struct Block {
    /// What it is.
    pub kind: BlockKind,
    /// Its text, plain (table cells joined by " | ").
    pub text: String,
    /// Where `text` starts in [`Document::plain`].
    pub start: usize,
}

impl Block {
    /// Where `text` ends in [`Document::plain`].
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }
}

/// A release, read.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The title, when the release has one.
    pub title: Option<String>,
    /// The blocks, title first when there is one.
    pub blocks: Vec<Block>,
    /// Whether `blocks[0]` is the title.
    pub has_title_block: bool,
    /// Every block's text, separated by blank lines: what the analyses read.
    pub plain: String,
    /// The body (without the title) as Markdown.
    pub markdown: String,
}

/// Reads `bytes` in `format`.
pub fn read(format: Format, bytes: &[u8]) -> Result<Document, TagError> {
    let raw = match format {
        Format::Docx => read_docx(bytes)?,
        _ => {
            let text = std::str::from_utf8(bytes)
                .map_err(|error| TagError::InvalidUtf8 { offset: error.valid_up_to() })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            // HTML parsers slow down with the square of the nesting: refused before parsing.
            if format != Format::Text
                && portico_content::markdown::deepest_html_nesting(text) > MAX_HTML_NESTING
            {
                return Err(TagError::TooDeep { limit: MAX_HTML_NESTING });
            }
            match format {
                Format::Text => read_text(text),
                Format::Markdown => read_markdown(text),
                _ => read_html(text),
            }
        }
    };
    Ok(assemble(raw, format == Format::Text))
}

/// Blocks as read, before the title is chosen and offsets are set.
#[derive(Default)]
struct Builder {
    blocks: Vec<(BlockKind, String, String)>,
    text: String,
    markdown: String,
    kind: Option<BlockKind>,
    cells: Vec<String>,
    cell_markdown: Vec<String>,
    row_header: bool,
    /// The lists the reader is in, innermost last: whether each is numbered.
    lists: Vec<bool>,
    /// How many times `markdown` was emptied: a position in it holds only while this stays.
    cleared: usize,
}

/// Lists nested deeper than this are written at this depth: no release needs more, and
/// bodies have a nesting limit.
const MAX_LIST_LEVEL: u8 = 8;

impl Builder {
    /// An item of the innermost list the reader is in (a bulleted one when it is in none).
    fn list_item(&self) -> BlockKind {
        let level = u8::try_from(self.lists.len().saturating_sub(1)).unwrap_or(MAX_LIST_LEVEL);
        BlockKind::ListItem {
            ordered: self.lists.last().copied().unwrap_or(false),
            level: level.min(MAX_LIST_LEVEL),
        }
    }

    fn start(&mut self, kind: BlockKind) {
        self.flush();
        self.kind = Some(kind);
    }

    fn push(&mut self, text: &str, markdown: &str) {
        self.text.push_str(text);
        self.markdown.push_str(markdown);
    }

    fn push_both(&mut self, text: &str) {
        self.push(text, text);
    }

    fn flush(&mut self) {
        let kind = self.kind.take().unwrap_or(BlockKind::Paragraph);
        let text = tidy(&self.text);
        let markdown = tidy(&self.markdown);
        self.text.clear();
        self.markdown.clear();
        self.cleared += 1;
        if !text.is_empty() {
            self.blocks.push((kind, text, markdown));
        }
    }

    fn end_cell(&mut self) {
        let text = tidy(&self.text).replace('\n', " ");
        let markdown = tidy(&self.markdown).replace('\n', " ").replace('|', "\\|");
        self.text.clear();
        self.markdown.clear();
        self.cleared += 1;
        self.cells.push(text);
        self.cell_markdown.push(markdown);
    }

    fn end_row(&mut self) {
        let cells = std::mem::take(&mut self.cells);
        let cell_markdown = std::mem::take(&mut self.cell_markdown);
        if cells.iter().any(|cell| !cell.is_empty()) {
            let text = cells.join(" | ");
            let markdown = format!("| {} |", cell_markdown.join(" | "));
            self.blocks.push((BlockKind::TableRow { cells, header: self.row_header }, text, markdown));
        }
        self.row_header = false;
    }

    fn image(&mut self, src: &str, alt: &str) {
        self.flush();
        let text = tidy(alt).replace('\n', " ");
        // A picture only on the writer's disk or inlined in the paste cannot be shown on the
        // site: its words are kept, the picture is not.
        let src = src.trim();
        let usable = !src.is_empty()
            && !["file:", "data:", "cid:"]
                .iter()
                .any(|s| src.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)));
        let kind = BlockKind::Image {
            src: if usable { src.to_owned() } else { String::new() },
            alt: text.clone(),
            caption: String::new(),
        };
        self.blocks.push((kind, text, String::new()));
    }

    /// Ends a caption paragraph: it belongs to the image just before it.
    fn end_caption(&mut self) {
        let text = std::mem::take(&mut self.text);
        self.markdown.clear();
        self.cleared += 1;
        self.kind = None;
        self.caption(&text);
    }

    fn caption(&mut self, caption: &str) {
        let caption = tidy(caption);
        if caption.is_empty() {
            return;
        }
        if let Some((BlockKind::Image { caption: slot, .. }, text, _)) = self.blocks.last_mut() {
            *slot = caption.clone();
            if !text.is_empty() {
                text.push_str(". ");
            }
            text.push_str(&caption);
        } else {
            self.blocks.push((BlockKind::Paragraph, caption.clone(), caption));
        }
    }
}

/// Trims each line and drops empty lines and runs of spaces.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

fn read_text(text: &str) -> Vec<(BlockKind, String, String)> {
    let mut builder = Builder::default();
    for paragraph in text.replace("\r\n", "\n").split("\n\n") {
        builder.start(BlockKind::Paragraph);
        builder.push_both(paragraph);
        builder.flush();
    }
    builder.blocks
}

fn read_markdown(text: &str) -> Vec<(BlockKind, String, String)> {
    let mut builder = Builder::default();
    let mut in_item = 0usize;
    let mut image: Option<(String, String)> = None;
    let mut links: Vec<String> = Vec::new();
    let mut html_block: Option<String> = None;
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        if let Some((_, alt)) = image.as_mut() {
            match event {
                Event::Text(t) | Event::Code(t) => alt.push_str(&t),
                Event::End(TagEnd::Image) => {
                    if let Some((src, alt)) = image.take() {
                        builder.image(&src, &alt);
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some(html) = html_block.as_mut() {
            match event {
                Event::Html(t) | Event::Text(t) => html.push_str(&t),
                Event::End(TagEnd::HtmlBlock) => {
                    // An HTML block in Markdown (a pasted table) is read as HTML.
                    if let Some(html) = html_block.take() {
                        builder.flush();
                        builder.blocks.extend(read_html(&html));
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
            Event::Start(Tag::Heading { level, .. }) => {
                builder.start(BlockKind::Heading(heading_level(level)))
            }
            Event::Start(Tag::Paragraph) if in_item == 0 => builder.start(BlockKind::Paragraph),
            Event::Start(Tag::Paragraph) => builder.push_both("\n"),
            Event::Start(Tag::List(start)) => builder.lists.push(start.is_some()),
            Event::End(TagEnd::List(_)) => {
                builder.lists.pop();
            }
            Event::Start(Tag::Item) => {
                in_item += 1;
                let item = builder.list_item();
                builder.start(item);
            }
            Event::End(TagEnd::Item) => {
                in_item = in_item.saturating_sub(1);
                builder.flush();
            }
            Event::End(TagEnd::Heading(_))
            | Event::End(TagEnd::CodeBlock)
            | Event::End(TagEnd::BlockQuote(_)) => builder.flush(),
            Event::End(TagEnd::Paragraph) if in_item == 0 => builder.flush(),
            Event::Start(Tag::TableHead) => {
                builder.flush();
                builder.row_header = true;
            }
            Event::Start(Tag::TableRow) => builder.flush(),
            Event::End(TagEnd::TableCell) => builder.end_cell(),
            Event::End(TagEnd::TableHead) | Event::End(TagEnd::TableRow) => builder.end_row(),
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string());
                builder.push("", "[");
            }
            Event::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                builder.push("", &format!("]({url})"));
            }
            Event::Start(Tag::Strong) | Event::End(TagEnd::Strong) => builder.push("", "**"),
            Event::Start(Tag::Emphasis) | Event::End(TagEnd::Emphasis) => builder.push("", "*"),
            Event::Start(Tag::Image { dest_url, .. }) => image = Some((dest_url.to_string(), String::new())),
            Event::Text(t) | Event::Code(t) => builder.push_both(&t),
            Event::SoftBreak | Event::HardBreak => builder.push_both("\n"),
            Event::Html(html) | Event::InlineHtml(html) => {
                // HTML inside Markdown (a pasted table, a <br>): read as HTML, block by block.
                if html.trim_start().starts_with("<br") {
                    builder.push_both("\n");
                } else if !html.trim_start().starts_with('<') {
                    builder.push_both(&html);
                }
            }
            _ => {}
        }
    }
    builder.flush();
    builder.blocks
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn read_html(text: &str) -> Vec<(BlockKind, String, String)> {
    let html = Html::parse_fragment(text);
    let mut builder = Builder::default();
    walk_html(html.root_element(), &mut builder, false, 0);
    builder.flush();
    builder.blocks
}

/// HTML nested deeper than this (as a cheap scan counts it) is refused before parsing.
const MAX_HTML_NESTING: usize = 500;

/// Deeper than any real document: below this, text is read flat instead of walked.
const MAX_HTML_DEPTH: usize = 64;

fn walk_html(element: ElementRef, builder: &mut Builder, in_cell: bool, depth: usize) {
    // A hostile paste may nest elements a million deep; reading the rest flat (an iterative
    // walk) keeps the stack bounded.
    if depth > MAX_HTML_DEPTH {
        let text = element.text().collect::<Vec<_>>().join(" ");
        builder.push_both(&text);
        return;
    }
    for child in element.children() {
        match child.value() {
            Node::Text(text) => {
                // Markdown-ish pasted text inside HTML keeps its line breaks only through <br>.
                let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
                let spaced = if text.starts_with(char::is_whitespace) && !collapsed.is_empty() {
                    format!(" {collapsed}")
                } else {
                    collapsed
                };
                let spaced = if text.ends_with(char::is_whitespace) && !spaced.trim().is_empty() {
                    format!("{spaced} ")
                } else {
                    spaced
                };
                builder.push_both(&spaced);
            }
            Node::Element(_) => {
                let Some(child) = ElementRef::wrap(child) else { continue };
                let name = child.value().name().to_ascii_lowercase();
                match name.as_str() {
                    "script" | "style" | "head" | "title" | "meta" | "link" | "noscript" | "template"
                    | "xml" => {}
                    "br" => builder.push_both("\n"),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if !in_cell => {
                        let level = name[1..].parse().unwrap_or(1);
                        builder.start(BlockKind::Heading(level));
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.flush();
                    }
                    "li" if !in_cell => {
                        let item = builder.list_item();
                        builder.start(item);
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.flush();
                    }
                    "ul" | "ol" if !in_cell => {
                        builder.flush();
                        builder.lists.push(name == "ol");
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.lists.pop();
                        builder.flush();
                    }
                    // Word's HTML: a list item is a paragraph styled `mso-list`, its bullet or
                    // number a span styled `mso-list:Ignore` (dropped, but it tells which).
                    "p" if !in_cell && word_list_level(&child).is_some() => {
                        let level = word_list_level(&child).unwrap_or(0);
                        let marker = word_list_marker(&child);
                        let marker = marker.trim_matches(|c: char| c.is_whitespace());
                        // "1." and "a)" number; "·", "o" and "§" are Word's bullets.
                        let ordered =
                            marker.ends_with(['.', ')']) && marker.chars().any(char::is_alphanumeric);
                        builder.start(BlockKind::ListItem { ordered, level });
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.flush();
                    }
                    "p" if !in_cell && has_class(&child, "msocaption") => {
                        builder.flush();
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.end_caption();
                    }
                    "p" if !in_cell && has_class(&child, "msotitle") => {
                        builder.start(BlockKind::Heading(1));
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.flush();
                    }
                    "span" if is_word_list_marker(&child) => {}
                    "tr" => {
                        builder.flush();
                        builder.row_header = true;
                        // Word's HTML marks a table's heading row by style, its cells being `td`.
                        let word_heading = compact_style(&child).contains("mso-yfti-firstrow:yes");
                        for cell in child.children().filter_map(ElementRef::wrap) {
                            let cell_name = cell.value().name().to_ascii_lowercase();
                            if cell_name != "td" && cell_name != "th" {
                                continue;
                            }
                            if cell_name == "td" && !word_heading {
                                builder.row_header = false;
                            }
                            walk_html(cell, builder, true, depth + 1);
                            builder.end_cell();
                        }
                        builder.end_row();
                    }
                    "img" => {
                        // A relative source (Word's `release_files/image001.png`) is kept:
                        // a file read from a folder has its pictures beside it, while pasted
                        // HTML has none, and the caller knows which ([`crate::ImageProposal::is_relative`]).
                        let src = child.value().attr("src").unwrap_or_default().trim();
                        let alt = child.value().attr("alt").unwrap_or_default();
                        builder.image(src, alt);
                    }
                    "figcaption" => {
                        let caption: String = child.text().collect();
                        builder.flush();
                        builder.caption(&caption);
                    }
                    "a" => {
                        let href = child.value().attr("href").unwrap_or_default().trim().to_owned();
                        // Anchors within the document (Word's footnotes and contents) lead
                        // nowhere on the site.
                        let linked = !href.is_empty()
                            && !href.starts_with('#')
                            && !href.to_ascii_lowercase().starts_with("javascript:")
                            && has_words(&child);
                        if linked {
                            builder.push("", "[");
                        }
                        walk_html(child, builder, in_cell, depth + 1);
                        if linked {
                            builder.push("", &format!("]({href})"));
                        }
                    }
                    "strong" | "b" | "em" | "i" => {
                        let mark = if name == "strong" || name == "b" { "**" } else { "*" };
                        let (before, cleared) = (builder.markdown.len(), builder.cleared);
                        walk_html(child, builder, in_cell, depth + 1);
                        if builder.cleared != cleared {
                            // A block inside the emphasis ended: there is nothing left to wrap.
                            continue;
                        }
                        // Markdown emphasis may not start or end with a space ("**GENEVA – **"
                        // is literal stars): the spaces go outside, and empty emphasis goes.
                        let inner = builder.markdown.split_off(before);
                        let words = inner.trim();
                        if words.is_empty() {
                            builder.markdown.push_str(&inner);
                        } else {
                            let lead = &inner[..inner.len() - inner.trim_start().len()];
                            let trail = &inner[inner.trim_end().len()..];
                            builder.markdown.push_str(&format!("{lead}{mark}{words}{mark}{trail}"));
                        }
                    }
                    "p" | "div" | "section" | "article" | "header" | "footer" | "blockquote" | "address"
                    | "main" | "center" | "figure" | "table" | "tbody" | "thead" | "body" | "html"
                        if !in_cell =>
                    {
                        builder.flush();
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.flush();
                    }
                    "p" | "div" if in_cell => {
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.push_both(" ");
                    }
                    _ => walk_html(child, builder, in_cell, depth + 1),
                }
            }
            _ => {}
        }
    }
}

/// Whether the element has a class, compared without case (Word writes `MsoCaption`).
fn has_class(element: &ElementRef, class: &str) -> bool {
    element.value().attr("class").is_some_and(|c| c.split_whitespace().any(|c| c.eq_ignore_ascii_case(class)))
}

/// Whether any text under the element is more than white space.
fn has_words(element: &ElementRef) -> bool {
    element.text().any(|t| !t.trim().is_empty())
}

/// The element's `style` without spaces, in lower case: Word writes `mso-list:Ignore` and
/// `mso-list: l0 level1 lfo1` alike.
fn compact_style(element: &ElementRef) -> String {
    element
        .value()
        .attr("style")
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The level (0 for the outermost) of a paragraph that Word's HTML export made of a list
/// item (`style="mso-list:l0 level2 lfo1"`).
fn word_list_level(element: &ElementRef) -> Option<u8> {
    let style = element.value().attr("style")?.to_ascii_lowercase();
    let rest = &style[style.find("mso-list:")? + "mso-list:".len()..];
    let declaration = rest.split(';').next().unwrap_or_default();
    let level: u8 = declaration.split_whitespace().find_map(|w| w.strip_prefix("level"))?.parse().ok()?;
    Some(level.saturating_sub(1).min(MAX_LIST_LEVEL))
}

/// A span holding the bullet or number Word's HTML export typed before a list item.
fn is_word_list_marker(element: &ElementRef) -> bool {
    compact_style(element).contains("mso-list:ignore")
}

/// The bullet or number of one of Word's HTML list items ("1.", "·").
fn word_list_marker(element: &ElementRef) -> String {
    element
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(is_word_list_marker)
        .map(|marker| marker.text().collect())
        .unwrap_or_default()
}

/// The most read from one part of a .docx: far more than any release's text.
const MAX_DOCX_PART: u64 = 64 << 20;

/// A part of a .docx as text; `None` when the file has no such part.
fn docx_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, TagError> {
    let mut part = match archive.by_name(name) {
        Ok(part) => part,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(TagError::Docx(format!("{name}: {error}"))),
    };
    let mut text = String::new();
    (&mut part)
        .take(MAX_DOCX_PART)
        .read_to_string(&mut text)
        .map_err(|error| TagError::Docx(format!("{name}: {error}")))?;
    Ok(Some(text))
}

/// What word/document.xml points to elsewhere in the file.
#[derive(Default)]
struct DocxLinks {
    /// Relationship id → an address (hyperlinks) or a part's name from the zip's root
    /// (`word/media/image1.png`).
    targets: HashMap<String, String>,
    /// List (`w:numId`) → whether each level (`w:ilvl`) is numbered rather than bulleted.
    numbered: HashMap<String, Vec<bool>>,
}

impl DocxLinks {
    fn read(rels: Option<&str>, numbering: Option<&str>) -> Result<DocxLinks, TagError> {
        let mut links = DocxLinks::default();
        if let Some(rels) = rels {
            let mut reader = quick_xml::Reader::from_str(rels);
            loop {
                match reader.read_event().map_err(|error| TagError::DocxXml(error.to_string()))? {
                    XmlEvent::Eof => break,
                    XmlEvent::Start(e) | XmlEvent::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                        let target = attribute(&e, "Target");
                        let external = attribute(&e, "TargetMode").eq_ignore_ascii_case("external");
                        let target = if external {
                            target
                        } else if let Some(absolute) = target.strip_prefix('/') {
                            absolute.to_owned()
                        } else {
                            format!("word/{target}")
                        };
                        links.targets.insert(attribute(&e, "Id"), target);
                    }
                    _ => {}
                }
            }
        }
        if let Some(numbering) = numbering {
            // Lists point to abstract lists, whose levels say how they are numbered.
            let mut formats: HashMap<String, Vec<bool>> = HashMap::new();
            let mut uses: Vec<(String, String)> = Vec::new();
            let (mut abstract_id, mut level, mut num_id) = (String::new(), 0usize, String::new());
            let mut reader = quick_xml::Reader::from_str(numbering);
            loop {
                match reader.read_event().map_err(|error| TagError::DocxXml(error.to_string()))? {
                    XmlEvent::Eof => break,
                    XmlEvent::Start(e) | XmlEvent::Empty(e) => match e.name().as_ref() {
                        "w:abstractNum" => abstract_id = attribute(&e, "w:abstractNumId"),
                        "w:lvl" => {
                            level =
                                attribute(&e, "w:ilvl").parse().unwrap_or(0).min(usize::from(MAX_LIST_LEVEL))
                        }
                        "w:numFmt" => {
                            let levels = formats.entry(abstract_id.clone()).or_default();
                            if levels.len() <= level {
                                levels.resize(level + 1, false);
                            }
                            levels[level] =
                                !matches!(attribute(&e, "w:val").as_str(), "bullet" | "none" | "");
                        }
                        "w:num" => num_id = attribute(&e, "w:numId"),
                        "w:abstractNumId" => uses.push((num_id.clone(), attribute(&e, "w:val"))),
                        _ => {}
                    },
                    _ => {}
                }
            }
            for (num, abstract_num) in uses {
                if let Some(levels) = formats.get(&abstract_num) {
                    links.numbered.insert(num, levels.clone());
                }
            }
        }
        Ok(links)
    }
}

fn read_docx(bytes: &[u8]) -> Result<Vec<(BlockKind, String, String)>, TagError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| TagError::Docx(error.to_string()))?;
    let xml = docx_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| TagError::Docx("word/document.xml: not in the file".to_owned()))?;
    let rels = docx_part(&mut archive, "word/_rels/document.xml.rels")?;
    let numbering = docx_part(&mut archive, "word/numbering.xml")?;
    let links = DocxLinks::read(rels.as_deref(), numbering.as_deref())?;
    read_docx_xml(&xml, &links)
}

/// A file stored in a .docx (`word/media/image1.png`, as an image's source in the body reads),
/// its first `limit` bytes at most (a size the zip declares is not trusted); `None` when there
/// is no such file or it cannot be read.
pub fn docx_file(docx: &[u8], name: &str, limit: u64) -> Option<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).ok()?;
    let file = archive.by_name(name).ok()?;
    let mut bytes = Vec::new();
    file.take(limit).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// Word's names for the caption style, in the languages the tagger reads.
fn is_caption_style(style: &str) -> bool {
    [
        "caption",
        "légende",
        "legende",
        "lgende",
        "beschriftung",
        "descripción",
        "descripcion",
        "didascalia",
        "legenda",
    ]
    .contains(&style)
}

/// Reads WordprocessingML: paragraphs (with heading, list and caption styles), runs of text,
/// breaks, hyperlinks, tables and images (their source in the file and their description).
fn read_docx_xml(xml: &str, links: &DocxLinks) -> Result<Vec<(BlockKind, String, String)>, TagError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut builder = Builder::default();
    let mut table_depth = 0usize;
    let mut in_text = false;
    let mut paragraph_kind = BlockKind::Paragraph;
    let mut caption = false;
    let (mut list_id, mut list_level) = (String::new(), 0u8);
    // The open hyperlinks' addresses; empty for one that leads nowhere on the site.
    let mut hyperlinks: Vec<String> = Vec::new();
    // The image being read: its description until its picture is found.
    let mut drawing: Option<String> = None;
    let mut fallback_depth = 0usize;
    // The open fields, innermost last: their instruction, and the link they make, if any.
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut in_instruction = false;
    loop {
        let event = reader.read_event().map_err(|error| TagError::DocxXml(error.to_string()))?;
        match event {
            XmlEvent::Eof => break,
            // Word writes a drawing twice, the second time for old readers: read it once.
            XmlEvent::Start(e) if e.name().as_ref() == "mc:Fallback" => fallback_depth += 1,
            XmlEvent::End(e) if e.name().as_ref() == "mc:Fallback" => {
                fallback_depth = fallback_depth.saturating_sub(1)
            }
            _ if fallback_depth > 0 => {}
            XmlEvent::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            // A link around nothing: nothing to close.
            XmlEvent::Empty(e) if matches!(e.name().as_ref(), "w:hyperlink" | "w:fldSimple") => {}
            XmlEvent::Start(e) if e.name().as_ref() == "w:instrText" => in_instruction = true,
            XmlEvent::Text(text) if in_instruction => {
                if let Some(field) = fields.last_mut() {
                    field.0.push_str(&text);
                }
            }
            XmlEvent::End(e) if e.name().as_ref() == "w:instrText" => in_instruction = false,
            XmlEvent::Start(e) | XmlEvent::Empty(e) => {
                let name = e.name();
                match name.as_ref() {
                    "w:p" => {
                        paragraph_kind = BlockKind::Paragraph;
                        caption = false;
                        list_id.clear();
                        list_level = 0;
                    }
                    "w:pStyle" => {
                        let style = attribute(&e, "w:val").to_ascii_lowercase();
                        if style == "title" || style.starts_with("titre") {
                            paragraph_kind = BlockKind::Heading(1);
                        } else if let Some(rest) = ["heading", "titre", "berschrift", "titolo", "ttulo"]
                            .iter()
                            .find_map(|p| style.find(p).map(|at| &style[at + p.len()..]))
                        {
                            let level = rest.trim().parse::<u8>().unwrap_or(2).clamp(1, 6);
                            paragraph_kind = BlockKind::Heading(level);
                        } else if is_caption_style(&style) {
                            caption = true;
                        } else if style.contains("list") && paragraph_kind == BlockKind::Paragraph {
                            paragraph_kind = BlockKind::ListItem { ordered: false, level: 0 };
                        }
                    }
                    "w:numId" => list_id = attribute(&e, "w:val"),
                    "w:ilvl" => list_level = attribute(&e, "w:val").parse().unwrap_or(0).min(MAX_LIST_LEVEL),
                    "w:tab" if drawing.is_none() => builder.push_both(" "),
                    "w:br" | "w:cr" if drawing.is_none() => builder.push_both("\n"),
                    "w:tbl" => {
                        builder.flush();
                        table_depth += 1;
                    }
                    "w:tr" => builder.flush(),
                    // A row repeated atop each page is the table's heading row.
                    "w:tblHeader" => builder.row_header = true,
                    "w:hyperlink" | "w:fldSimple" => {
                        let target = if name.as_ref() == "w:hyperlink" {
                            links.targets.get(&attribute(&e, "r:id")).cloned().unwrap_or_default()
                        } else {
                            field_link(&attribute(&e, "w:instr"))
                        };
                        let target = site_link(target);
                        if !target.is_empty() {
                            builder.push("", "[");
                        }
                        hyperlinks.push(target);
                    }
                    // A field (`HYPERLINK "…"` in older files): its instruction, then its text.
                    "w:fldChar" => match attribute(&e, "w:fldCharType").as_str() {
                        "begin" => fields.push((String::new(), String::new())),
                        "separate" => {
                            if let Some((instruction, target)) = fields.last_mut() {
                                *target = site_link(field_link(instruction));
                                if !target.is_empty() {
                                    builder.push("", "[");
                                }
                            }
                        }
                        "end" => {
                            if let Some((_, target)) = fields.pop()
                                && !target.is_empty()
                            {
                                builder.push("", &format!("]({target})"));
                            }
                        }
                        _ => {}
                    },
                    "w:drawing" | "w:pict" => drawing = Some(String::new()),
                    "wp:docPr" | "v:imagedata" | "pic:cNvPr" => {
                        let description = attribute(&e, "descr");
                        let title = attribute(&e, "title");
                        let alt = if description.is_empty() { title } else { description };
                        if let Some(pending) = drawing.as_mut()
                            && pending.is_empty()
                        {
                            *pending = alt;
                        }
                        if name.as_ref() == "v:imagedata" {
                            finish_drawing(
                                &mut builder,
                                &mut drawing,
                                links,
                                &attribute(&e, "r:id"),
                                table_depth,
                            );
                        }
                    }
                    "a:blip" => {
                        finish_drawing(
                            &mut builder,
                            &mut drawing,
                            links,
                            &attribute(&e, "r:embed"),
                            table_depth,
                        );
                    }
                    _ => {}
                }
            }
            XmlEvent::Text(text) if in_text => builder.push_both(&text),
            XmlEvent::GeneralRef(reference) if in_text => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(ch)) => ch.to_string(),
                    _ => match &*reference.xml10_content() {
                        "amp" => "&".to_owned(),
                        "lt" => "<".to_owned(),
                        "gt" => ">".to_owned(),
                        "quot" => "\"".to_owned(),
                        "apos" => "'".to_owned(),
                        _ => String::new(),
                    },
                };
                builder.push_both(&resolved);
            }
            XmlEvent::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:hyperlink" | "w:fldSimple" => {
                    if let Some(target) = hyperlinks.pop()
                        && !target.is_empty()
                    {
                        builder.push("", &format!("]({target})"));
                    }
                }
                "w:drawing" | "w:pict" => {
                    // A picture whose file was not found: its description is still read.
                    finish_drawing(&mut builder, &mut drawing, links, "", table_depth);
                }
                "w:p" if table_depth == 0 && caption => builder.end_caption(),
                "w:p" if table_depth == 0 => {
                    let kind = std::mem::replace(&mut paragraph_kind, BlockKind::Paragraph);
                    let kind = if list_id.is_empty() || list_id == "0" {
                        kind
                    } else {
                        // A numbered paragraph (`w:numPr`) is a list item whatever its style.
                        let ordered = links
                            .numbered
                            .get(&list_id)
                            .and_then(|levels| levels.get(usize::from(list_level)))
                            .copied()
                            .unwrap_or(false);
                        match kind {
                            BlockKind::Heading(_) => kind,
                            _ => BlockKind::ListItem { ordered, level: list_level },
                        }
                    };
                    builder.kind = Some(kind);
                    builder.flush();
                }
                "w:p" => builder.push_both(" "),
                "w:tc" => builder.end_cell(),
                "w:tr" => builder.end_row(),
                "w:tbl" => table_depth = table_depth.saturating_sub(1),
                _ => {}
            },
            _ => {}
        }
    }
    builder.flush();
    Ok(builder.blocks)
}

/// A link's target if it leads somewhere from the site (a web or mail address), else "".
fn site_link(target: String) -> String {
    let lower = target.to_ascii_lowercase();
    let usable = ["http://", "https://", "mailto:"].iter().any(|s| lower.starts_with(s));
    if usable { target } else { String::new() }
}

/// The address of a `HYPERLINK "https://…"` field; "" for other fields and for links to a
/// bookmark (`HYPERLINK \l "annex"`).
fn field_link(instruction: &str) -> String {
    let Some(rest) = instruction.trim_start().strip_prefix("HYPERLINK") else { return String::new() };
    if rest.trim_start().starts_with("\\l") {
        return String::new();
    }
    rest.split('"').nth(1).unwrap_or_default().trim().to_owned()
}

/// Ends the image being read (if any) with its picture, the relationship `id` points to;
/// images in tables are left out (a table cell holds text only).
fn finish_drawing(
    builder: &mut Builder,
    drawing: &mut Option<String>,
    links: &DocxLinks,
    id: &str,
    table_depth: usize,
) {
    let Some(alt) = drawing.take() else { return };
    if table_depth > 0 {
        return;
    }
    // The text before the picture is a paragraph of its own; the rest of it another.
    let src = links.targets.get(id).filter(|target| target.starts_with("word/")).map_or("", String::as_str);
    builder.image(src, &alt);
}

fn attribute(element: &quick_xml::events::BytesStart, key: &str) -> String {
    element
        .attributes()
        .flatten()
        .find(|attr| attr.key.as_ref() == key)
        .and_then(|attr| {
            attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|value| value.into_owned())
        })
        .unwrap_or_default()
}

/// Chooses the title, sets offsets, renders the Markdown body.
fn assemble(raw: Vec<(BlockKind, String, String)>, plain_text: bool) -> Document {
    let mut doc = Document::default();
    let title_index = raw.iter().position(|(kind, text, _)| match kind {
        BlockKind::Heading(_) => true,
        BlockKind::Paragraph => {
            plain_text
                && raw.len() > 1
                && !text.contains('\n')
                && text.chars().count() <= 200
                && !looks_like_dateline(text)
        }
        _ => false,
    });
    // A heading is the title only if it comes first (an image or nothing before it).
    let title_index = title_index
        .filter(|&index| raw[..index].iter().all(|(kind, ..)| matches!(kind, BlockKind::Image { .. })));
    let mut ordered = raw;
    if let Some(index) = title_index {
        let title = ordered.remove(index);
        doc.title = Some(title.1.replace('\n', " "));
        ordered.insert(0, title);
        doc.has_title_block = true;
    }
    let mut markdown_parts = Vec::new();
    for (index, (kind, text, markdown)) in ordered.into_iter().enumerate() {
        if !doc.plain.is_empty() {
            doc.plain.push_str("\n\n");
        }
        let start = doc.plain.len();
        doc.plain.push_str(&text);
        if !(doc.has_title_block && index == 0) {
            markdown_parts.push(render_block(&kind, &markdown, markdown_parts.last()));
        }
        doc.blocks.push(Block { kind, text, start });
    }
    doc.markdown = join_markdown(&markdown_parts);
    doc
}

/// A rendered block and whether it continues the block before (list items, table rows).
type Rendered = (String, &'static str);

fn render_block(kind: &BlockKind, markdown: &str, previous: Option<&Rendered>) -> Rendered {
    match kind {
        BlockKind::Heading(level) => {
            (format!("{} {}", "#".repeat(usize::from(*level)), markdown.replace('\n', " ")), "heading")
        }
        BlockKind::Paragraph => (markdown.replace('\n', "  \n"), "paragraph"),
        BlockKind::ListItem { ordered, level } => {
            // Four spaces a level nest under both "- " and "1. ".
            let indent = "    ".repeat(usize::from(*level));
            let marker = if *ordered { "1." } else { "-" };
            (format!("{indent}{marker} {}", markdown.replace('\n', " ")), "item")
        }
        BlockKind::TableRow { cells, header } => {
            let continues = previous.is_some_and(|(_, kind)| kind.starts_with("row"));
            let mut out = String::new();
            if !continues && !header {
                // Markdown tables need a header row: an empty one keeps the data as data.
                out.push_str(&format!("|{}\n|{}\n", " |".repeat(cells.len()), " --- |".repeat(cells.len())));
            }
            out.push_str(markdown);
            if *header {
                out.push_str(&format!("\n|{}", " --- |".repeat(cells.len())));
            }
            (out, "row")
        }
        BlockKind::Image { src, alt, caption } => {
            let mut lines = Vec::new();
            if !src.is_empty() {
                lines.push(format!("![{}]({})", alt.replace(['[', ']'], ""), src.replace(' ', "%20")));
            }
            if !caption.is_empty() {
                lines.push(format!("*{}*", caption.replace('*', "\\*")));
            }
            (lines.join("\n"), "image")
        }
    }
}

fn join_markdown(parts: &[Rendered]) -> String {
    let mut out = String::new();
    let mut previous = "";
    for (text, kind) in parts.iter().filter(|(text, _)| !text.is_empty()) {
        if !out.is_empty() {
            let tight = (previous == "item" && *kind == "item") || (previous == "row" && *kind == "row");
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(text);
        previous = kind;
    }
    out
}

/// A first line that is a dateline ("GENEVA – …") is not a title.
fn looks_like_dateline(text: &str) -> bool {
    let head: String = text.chars().take(120).collect();
    head.contains(" – ") || head.contains(" — ") || head.contains(" - ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_headings_lists_tables_links_and_images() {
        let doc = read(
            Format::Markdown,
            "# Title\n\nSee [the report](https://example.org).\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![A camp](/c.jpg)\n"
                .as_bytes(),
        )
        .expect("reads");
        assert_eq!(doc.title.as_deref(), Some("Title"));
        assert!(doc.markdown.contains("[the report](https://example.org)"), "{}", doc.markdown);
        assert!(doc.markdown.contains("- one\n- two"), "{}", doc.markdown);
        assert!(doc.markdown.contains("| a | b |\n| --- | --- |\n| 1 | 2 |"), "{}", doc.markdown);
        assert!(doc.markdown.contains("![A camp](/c.jpg)"), "{}", doc.markdown);
    }

    #[test]
    fn html_from_a_word_processor_loses_its_noise_but_not_its_structure() {
        let html = r#"<html><head><style>p.MsoNormal{}</style></head><body>
            <h1>Title</h1><p class="MsoNormal"><span style="mso-bidi-font-family:Arial">Hello<o:p></o:p></span></p>
            <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
            <figure><img src="/a.jpg" alt="Camp"><figcaption>Families. Photo: IOM</figcaption></figure>
            <table><tr><th>Name</th><th>Email</th></tr><tr><td>Ana</td><td>a@iom.int</td></tr></table></body></html>"#;
        let doc = read(Format::Html, html.as_bytes()).expect("reads");
        assert_eq!(doc.title.as_deref(), Some("Title"));
        assert!(!doc.markdown.contains("mso"), "{}", doc.markdown);
        assert!(doc.markdown.contains("Hello"));
        assert!(doc.markdown.contains("![Camp](/a.jpg)\n*Families. Photo: IOM*"), "{}", doc.markdown);
        assert!(
            doc.markdown.contains("| Name | Email |\n| --- | --- |\n| Ana | a@iom.int |"),
            "{}",
            doc.markdown
        );
    }

    #[test]
    fn docx_xml_gives_headings_paragraphs_and_tables() {
        let xml = r#"<w:document><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title &amp; more</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">GENEVA – </w:t></w:r><w:r><w:t>Text.</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ana</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>a@iom.int</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            </w:body></w:document>"#;
        let blocks = read_docx_xml(xml, &DocxLinks::default()).expect("reads");
        let doc = assemble(blocks, false);
        assert_eq!(doc.title.as_deref(), Some("Title & more"));
        assert!(doc.plain.contains("GENEVA – Text."));
        assert!(doc.plain.contains("Ana | a@iom.int"));
    }
}
