//! A `.docx` written in memory the way Word lays one out (relationships, numbering, pictures
//! in `word/media`, a drawing's fallback for old readers), for the tests of the reader and of
//! the paste flow. Only built with the `testing` feature; never used outside tests.

use std::io::Write;

/// A `.docx` being written: paragraphs in order, then [`Docx::build`].
#[derive(Debug, Default)]
pub struct Docx {
    body: String,
    /// Relationship id, target, whether it is outside the file.
    rels: Vec<(String, String, bool)>,
    media: Vec<(String, Vec<u8>)>,
}

/// Numbering: list 1 is numbered ("1.", then "a."), list 2 bulleted at every level.
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="lowerLetter"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"#;

/// The numbered list of [`Docx::list_item`].
pub const NUMBERED: u8 = 1;
/// The bulleted list of [`Docx::list_item`].
pub const BULLETED: u8 = 2;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:rPr><w:rFonts w:ascii="Calibri"/><w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

impl Docx {
    /// An empty document.
    pub fn new() -> Docx {
        Docx::default()
    }

    /// A paragraph of plain text.
    pub fn paragraph(self, text: &str) -> Docx {
        self.raw(&format!("<w:p>{}</w:p>", run(text)))
    }

    /// A paragraph in a style (`Heading1`, `Caption`, `Title`).
    pub fn styled(self, style: &str, text: &str) -> Docx {
        self.raw(&format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#, run(text)))
    }

    /// A paragraph with a link in it: `before`, the linked `text`, `after`. An `address`
    /// starting with `#` is a link to a bookmark, as Word writes those.
    pub fn link(mut self, before: &str, text: &str, address: &str, after: &str) -> Docx {
        let link = match address.strip_prefix('#') {
            Some(bookmark) => format!(
                r#"<w:hyperlink w:anchor="{}" w:history="1">{}</w:hyperlink>"#,
                escape(bookmark),
                run(text)
            ),
            None => {
                let id = format!("rId{}", 100 + self.rels.len());
                self.rels.push((id.clone(), address.to_owned(), true));
                format!(
                    r#"<w:hyperlink r:id="{id}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{}</w:t></w:r></w:hyperlink>"#,
                    escape(text)
                )
            }
        };
        self.raw(&format!("<w:p>{}{link}{}</w:p>", run(before), run(after)))
    }

    /// An item of list [`NUMBERED`] or [`BULLETED`], `level` deep (0 outermost).
    pub fn list_item(self, list: u8, level: u8, text: &str) -> Docx {
        self.raw(&format!(
            r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr></w:pPr>{}</w:p>"#,
            run(text)
        ))
    }

    /// A table, the first row its heading row (repeated atop each page, as Word marks it).
    pub fn table(self, rows: &[&[&str]]) -> Docx {
        let rows: String = rows
            .iter()
            .enumerate()
            .map(|(index, cells)| {
                let cells: String =
                    cells.iter().map(|c| format!("<w:tc><w:p>{}</w:p></w:tc>", run(c))).collect();
                let heading = if index == 0 { "<w:trPr><w:tblHeader/></w:trPr>" } else { "" };
                format!("<w:tr>{heading}{cells}</w:tr>")
            })
            .collect();
        self.raw(&format!(r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>{rows}</w:tbl>"#))
    }

    /// A picture in a paragraph of its own, stored as `word/media/{file_name}` and described
    /// as `description`; written twice, as Word does, the second time as the fallback.
    pub fn image(mut self, file_name: &str, bytes: &[u8], description: &str) -> Docx {
        let id = format!("rId{}", 100 + self.rels.len());
        self.rels.push((id.clone(), format!("media/{file_name}"), false));
        self.media.push((file_name.to_owned(), bytes.to_vec()));
        let descr = escape(description);
        self.raw(&format!(
            r#"<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:inline distT="0" distB="0"><wp:extent cx="5486400" cy="3429000"/><wp:docPr id="1" name="Picture 1" descr="{descr}"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{file_name}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:imagedata r:id="{id}" o:title="{descr}"/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#
        ))
    }

    /// Any WordprocessingML, as the body's next element.
    pub fn raw(mut self, xml: &str) -> Docx {
        self.body.push_str(xml);
        self
    }

    /// The `.docx` file.
    pub fn build(self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let mut put = |name: &str, content: &[u8]| {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).expect("zip entry");
            zip.write_all(content).expect("zip write");
        };
        put(
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>"#,
        );
        put(
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#,
        );
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:body>{}<w:sectPr/></w:body></w:document>"#,
            self.body
        );
        put("word/document.xml", document.as_bytes());
        let mut rels = String::from(
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#,
        );
        for (id, target, external) in &self.rels {
            let (kind, mode) =
                if *external { ("hyperlink", r#" TargetMode="External""#) } else { ("image", "") };
            rels.push_str(&format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{}"{mode}/>"#,
                escape(target)
            ));
        }
        rels.push_str("</Relationships>");
        put("word/_rels/document.xml.rels", rels.as_bytes());
        put("word/numbering.xml", NUMBERING.as_bytes());
        for (name, content) in &self.media {
            put(&format!("word/media/{name}"), content);
        }
        zip.finish().expect("zip");
        bytes
    }
}
