//! Reads a release in any input format into one shape: a title and a list of blocks
//! (headings, paragraphs, list items, table rows, images), the plain text every analysis reads,
//! and the body as clean Markdown.
//!
//! Only structure survives: word-processor styling, scripts, comments and empty paragraphs are
//! dropped. This module never looks at what the text means.

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
    /// An item of a bulleted or numbered list.
    ListItem,
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
}

impl Builder {
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
        if !text.is_empty() {
            self.blocks.push((kind, text, markdown));
        }
    }

    fn end_cell(&mut self) {
        let text = tidy(&self.text).replace('\n', " ");
        let markdown = tidy(&self.markdown).replace('\n', " ").replace('|', "\\|");
        self.text.clear();
        self.markdown.clear();
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
        let text = alt.trim().to_owned();
        let kind = BlockKind::Image { src: src.trim().to_owned(), alt: text.clone(), caption: String::new() };
        self.blocks.push((kind, text, String::new()));
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
            Event::Start(Tag::Item) => {
                in_item += 1;
                builder.start(BlockKind::ListItem);
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
                        builder.start(BlockKind::ListItem);
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.flush();
                    }
                    "tr" => {
                        builder.flush();
                        builder.row_header = true;
                        for cell in child.children().filter_map(ElementRef::wrap) {
                            let cell_name = cell.value().name().to_ascii_lowercase();
                            if cell_name != "td" && cell_name != "th" {
                                continue;
                            }
                            if cell_name == "td" {
                                builder.row_header = false;
                            }
                            walk_html(cell, builder, true, depth + 1);
                            builder.end_cell();
                        }
                        builder.end_row();
                    }
                    "img" => {
                        let src = child.value().attr("src").unwrap_or_default();
                        let alt = child.value().attr("alt").unwrap_or_default();
                        builder.image(src, alt);
                    }
                    "figcaption" => {
                        let caption: String = child.text().collect();
                        builder.flush();
                        builder.caption(&caption);
                    }
                    "a" => {
                        let href = child.value().attr("href").unwrap_or_default().to_owned();
                        let linked = !href.is_empty() && !href.starts_with("javascript:");
                        if linked {
                            builder.push("", "[");
                        }
                        walk_html(child, builder, in_cell, depth + 1);
                        if linked {
                            builder.push("", &format!("]({href})"));
                        }
                    }
                    "strong" | "b" => {
                        builder.push("", "**");
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.push("", "**");
                    }
                    "em" | "i" => {
                        builder.push("", "*");
                        walk_html(child, builder, in_cell, depth + 1);
                        builder.push("", "*");
                    }
                    "p" | "div" | "section" | "article" | "header" | "footer" | "blockquote" | "address"
                    | "main" | "center" | "figure" | "ul" | "ol" | "table" | "tbody" | "thead" | "body"
                    | "html"
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

fn read_docx(bytes: &[u8]) -> Result<Vec<(BlockKind, String, String)>, TagError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| TagError::Docx(error.to_string()))?;
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .map_err(|error| TagError::Docx(format!("word/document.xml: {error}")))?
        .take(64 << 20)
        .read_to_string(&mut xml)
        .map_err(|error| TagError::Docx(format!("word/document.xml: {error}")))?;
    read_docx_xml(&xml)
}

/// Reads WordprocessingML: paragraphs (with heading and list styles), runs of text, breaks,
/// tables and images' descriptions.
fn read_docx_xml(xml: &str) -> Result<Vec<(BlockKind, String, String)>, TagError> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut builder = Builder::default();
    let mut table_depth = 0usize;
    let mut in_text = false;
    let mut paragraph_kind = BlockKind::Paragraph;
    loop {
        let event = reader.read_event().map_err(|error| TagError::DocxXml(error.to_string()))?;
        match event {
            XmlEvent::Eof => break,
            XmlEvent::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            XmlEvent::Start(e) | XmlEvent::Empty(e) => {
                let name = e.name();
                match name.as_ref() {
                    "w:p" => paragraph_kind = BlockKind::Paragraph,
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
                        } else if style.contains("list") {
                            paragraph_kind = BlockKind::ListItem;
                        }
                    }
                    "w:numPr" if paragraph_kind == BlockKind::Paragraph => {
                        paragraph_kind = BlockKind::ListItem
                    }
                    "w:tab" => builder.push_both(" "),
                    "w:br" | "w:cr" => builder.push_both("\n"),
                    "w:tbl" => {
                        builder.flush();
                        table_depth += 1;
                    }
                    "w:tr" => builder.flush(),
                    "wp:docPr" => {
                        let description = attribute(&e, "descr");
                        let title = attribute(&e, "title");
                        let alt = if description.is_empty() { title } else { description };
                        if table_depth == 0 {
                            builder.image("", &alt);
                        }
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
                "w:p" if table_depth == 0 => {
                    builder.kind = Some(std::mem::replace(&mut paragraph_kind, BlockKind::Paragraph));
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
        BlockKind::ListItem => (format!("- {}", markdown.replace('\n', " ")), "item"),
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
            let mut out = format!("![{}]({})", alt.replace(']', ""), src);
            if !caption.is_empty() {
                out.push_str(&format!("\n*{caption}*"));
            }
            (out, "image")
        }
    }
}

fn join_markdown(parts: &[Rendered]) -> String {
    let mut out = String::new();
    let mut previous = "";
    for (text, kind) in parts {
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
        let blocks = read_docx_xml(xml).expect("reads");
        let doc = assemble(blocks, false);
        assert_eq!(doc.title.as_deref(), Some("Title & more"));
        assert!(doc.plain.contains("GENEVA – Text."));
        assert!(doc.plain.contains("Ana | a@iom.int"));
    }
}
