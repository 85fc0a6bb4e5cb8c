//! The body comes in clean: headings, links, lists, tables and images with their captions and
//! credits kept as Markdown, word-processor noise dropped — from a `.docx` laid out the way
//! Word writes one, and from HTML as Word exports it (tests/fixtures/word-export.html).

use portico_tagger::testing::{BULLETED, Docx, NUMBERED};
use portico_tagger::{Format, ImageProposal, Input, Proposal, Registry, docx_file, split_credit, tag};

/// A 1 × 1 PNG: the tagger never decodes pictures, it only carries them.
const PIXEL: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

fn tag_bytes(format: Format, bytes: &[u8]) -> Proposal {
    tag(&Input { format, bytes, language: None }, &Registry::default()).expect("reads")
}

fn release_docx() -> Vec<u8> {
    Docx::new()
        .styled("Title", "Health screenings reach families at the northern border")
        .paragraph("SAN SALVADOR, El Salvador, 21 August 2015 – Mobile teams screened 4,000 people.")
        .link("Read ", "the latest report", "https://example.org/reports/returns-2015", " for the figures.")
        .link("See ", "the annex", "#annex", " below.")
        .styled("Heading2", "What the teams offer")
        .list_item(BULLETED, 0, "Vaccinations for children")
        .list_item(BULLETED, 1, "Measles and polio")
        .list_item(BULLETED, 0, "Psychosocial support")
        .paragraph("The steps on arrival:")
        .list_item(NUMBERED, 0, "Registration")
        .list_item(NUMBERED, 0, "A health check")
        .image("image1.png", PIXEL, "Families queue at a border post")
        .styled("Caption", "Families wait for screening at El Amatillo. Photo: IOM/Jane Doe")
        .table(&[&["Month", "People screened"], &["August", "4,000"]])
        .build()
}

#[test]
fn a_docx_keeps_its_headings_links_lists_tables_and_pictures() {
    let docx = release_docx();
    let proposal = tag_bytes(Format::Docx, &docx);
    let body = &proposal.body_markdown;
    assert_eq!(proposal.title.as_deref(), Some("Health screenings reach families at the northern border"));
    assert!(body.contains("## What the teams offer"), "{body}");
    assert!(
        body.contains("Read [the latest report](https://example.org/reports/returns-2015) for the figures."),
        "{body}"
    );
    assert!(body.contains("See the annex below."), "a bookmark is no link on the site: {body}");
    assert!(
        body.contains("- Vaccinations for children\n    - Measles and polio\n- Psychosocial support"),
        "{body}"
    );
    assert!(body.contains("1. Registration\n1. A health check"), "{body}");
    assert!(
        body.contains(
            "![Families queue at a border post](word/media/image1.png)\n\
             *Families wait for screening at El Amatillo. Photo: IOM/Jane Doe*"
        ),
        "{body}"
    );
    assert_eq!(body.matches("![").count(), 1, "the fallback copy Word writes is not read twice: {body}");
    assert!(body.contains("| Month | People screened |\n| --- | --- |\n| August | 4,000 |"), "{body}");
    assert_eq!(
        proposal.images,
        [ImageProposal {
            src: "word/media/image1.png".into(),
            alt: "Families queue at a border post".into(),
            caption: "Families wait for screening at El Amatillo.".into(),
            credit: "IOM/Jane Doe".into(),
        }]
    );
    let image = &proposal.images[0];
    let stored = image.moved_in(body, "/media/7-ab/640.png");
    assert!(
        stored.contains("![Families queue at a border post](/media/7-ab/640.png)\n*Families"),
        "{stored}"
    );
    let left_out = image.left_out_of(body);
    assert!(!left_out.contains("![") && left_out.contains("*Families wait"), "the caption stays: {left_out}");
    assert_eq!(docx_file(&docx, "word/media/image1.png", 1 << 20).as_deref(), Some(PIXEL));
    assert_eq!(
        docx_file(&docx, "word/media/image1.png", 4).map(|b| b.len()),
        Some(4),
        "read up to the limit"
    );
    assert_eq!(docx_file(&docx, "word/media/nothing.png", 1 << 20), None);

    // What it renders to is the editor's own sanitized HTML.
    let html = portico_content::markdown::render(body);
    assert!(html.contains("<a href=\"https://example.org/reports/returns-2015\""), "{html}");
    assert!(html.contains("<ol>") && html.contains("<ul>") && html.contains("<table>"), "{html}");
}

#[test]
fn links_written_as_fields_by_older_files_are_kept_too() {
    let docx = Docx::new()
        .raw(r#"<w:p><w:r><w:t xml:space="preserve">See </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "https://example.org/annual" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the annual report</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>"#)
        .raw(r#"<w:p><w:fldSimple w:instr=" HYPERLINK &quot;mailto:press@example.org&quot; "><w:r><w:t>the press office</w:t></w:r></w:fldSimple></w:p>"#)
        .raw(r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK \l "annex" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the annex</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#)
        .raw(r#"<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#)
        .build();
    let body = tag_bytes(Format::Docx, &docx).body_markdown;
    assert!(body.contains("See [the annual report](https://example.org/annual)."), "{body}");
    assert!(body.contains("[the press office](mailto:press@example.org)"), "{body}");
    assert!(body.contains("the annex") && !body.contains("(annex)"), "{body}");
    assert!(!body.contains("HYPERLINK") && !body.contains("PAGE"), "instructions are not text: {body}");
}

#[test]
fn a_docx_with_broken_relationships_still_reads_its_text() {
    let docx = Docx::new()
        .raw(r#"<w:p><w:hyperlink r:id="rId404"><w:r><w:t>no target</w:t></w:r></w:hyperlink><w:hyperlink r:id="rId1"/></w:p>"#)
        .raw(r#"<w:p><w:r><w:drawing><wp:inline><wp:docPr id="9" name="x" descr="A lost picture"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rId404"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#)
        .list_item(7, 3, "An item of a list the numbering does not know")
        .build();
    let proposal = tag_bytes(Format::Docx, &docx);
    let body = &proposal.body_markdown;
    assert!(body.contains("no target") && !body.contains("]("), "{body}");
    assert!(proposal.images.is_empty(), "{:?}", proposal.images);
    assert!(!body.contains("!["), "no image without its picture: {body}");
    assert!(body.contains("            - An item of a list"), "bulleted at its level: {body}");
}

#[test]
fn html_exported_by_word_loses_its_noise_and_keeps_its_structure() {
    let html = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/word-export.html"))
        .expect("fixture");
    let proposal = tag_bytes(Format::Html, &html);
    let body = &proposal.body_markdown;
    assert_eq!(proposal.title.as_deref(), Some("Health screenings reach families at the northern border"));
    for noise in ["mso", "Mso", "o:p", "<", "font-family", "Times New Roman", "·", "WordDocument", "&nbsp;"]
    {
        assert!(!body.contains(noise), "{noise:?} in {body}");
    }
    assert!(body.contains("[the latest report](https://example.org/reports/returns-2015)"), "{body}");
    assert!(!body.contains("(#_ftn1)"), "footnote anchors are no links: {body}");
    assert!(body.contains("## What the teams offer"), "{body}");
    assert!(
        body.contains("- Vaccinations for children\n    - Measles and polio\n- Psychosocial support"),
        "{body}"
    );
    assert!(body.contains("1. Registration\n1. A health check"), "{body}");
    assert!(
        body.contains(
            "![Families queue at a border post](https://www.example.org/media/border-post.png)\n\
             *Families wait for screening at El Amatillo. Photo: IOM/Jane Doe*"
        ),
        "{body}"
    );
    assert!(
        body.contains("| **Month** | **People screened** |\n| --- | --- |\n| August | 4,000 |"),
        "{body}"
    );
    assert!(!body.contains("\n\n\n"), "empty paragraphs dropped: {body:?}");
    assert_eq!(proposal.contacts.first().map(|c| c.name.as_str()), Some("Ana Morales"));
    assert_eq!(proposal.images[0].credit, "IOM/Jane Doe");
}

#[test]
fn pictures_only_on_the_writers_disk_keep_their_words_and_are_left_to_the_caller() {
    let proposal = tag_bytes(
        Format::Html,
        br#"<p>Text.</p><p><img src="file:///C:/Users/ml/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" alt="A camp"></p><p class=MsoCaption>Tents. Photo: IOM</p>
        <p><img src="release_files/image003.png" alt="A clinic"></p>"#,
    );
    assert!(!proposal.body_markdown.contains("file:"), "{}", proposal.body_markdown);
    assert!(proposal.body_markdown.contains("*Tents. Photo: IOM*"), "{}", proposal.body_markdown);
    // A picture beside the file is the caller's to bring in (an imported folder has it) or
    // to leave out (a paste has none).
    assert_eq!(proposal.images.len(), 1, "{:?}", proposal.images);
    assert!(proposal.images[0].is_relative());
    let left = proposal.images[0].left_out_of(&proposal.body_markdown);
    assert!(!left.contains("release_files") && left.contains("Tents"), "{left}");
}

#[test]
fn credits_are_parted_from_captions_in_each_language() {
    for (caption, expected) in [
        ("Families at the border. Photo: IOM/Jane Doe", ("Families at the border.", "IOM/Jane Doe")),
        (
            "Des familles à la frontière (Photo : OIM/Jean Dupont)",
            ("Des familles à la frontière", "OIM/Jean Dupont"),
        ),
        ("Familias en la frontera. Foto: OIM", ("Familias en la frontera.", "OIM")),
        ("Familien an der Grenze © IOM 2015", ("Familien an der Grenze", "IOM 2015")),
        ("A caption without a credit", ("A caption without a credit", "")),
    ] {
        let (caption, credit) = split_credit(caption);
        assert_eq!((caption.as_str(), credit.as_str()), expected);
    }
}
