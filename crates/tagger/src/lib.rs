//! Reads a press release and proposes the facts an editor would otherwise type by hand: the
//! dateline (place, country, date), the countries it is about, the partner organizations, the
//! media contacts and the site's themes — each proposal with the words it came from, so that
//! the author can accept or dismiss it.
//!
//! Entry points: [`tag`] for one release, [`eval::evaluate`] to score the tagger against a
//! labelled set in JSON Lines.
//!
//! ```
//! use portico_tagger::{Format, Input, Registry, tag};
//!
//! let text = "GENEVA, 12 March 2024 – IOM and UNHCR today welcomed Syrians back to Homs.";
//! let input = Input { format: Format::Text, bytes: text.as_bytes(), language: None };
//! let proposal = tag(&input, &Registry::default()).expect("plain text always reads");
//! assert_eq!(proposal.dateline.as_ref().map(|d| d.country.as_deref()), Some(Some("CH")));
//! assert!(proposal.countries.iter().any(|c| c.iso2 == "SY"));
//! assert!(proposal.organizations.iter().any(|o| o.acronym.as_deref() == Some("UNHCR")));
//! ```
//!
//! The crate is pure: no network, no file system, no clock. Its only input is the bytes it is
//! given and the caller's registry; its reference tables are compiled in.

#[rustfmt::skip]
mod cities_generated;
mod contacts;
mod countries;
mod country_tables;
mod dateline;
mod document;
pub mod eval;
mod fold;
mod gazetteer;
mod language;
mod orgs;
mod orgs_table;
#[cfg(feature = "testing")]
pub mod testing;
mod themes;

pub use document::docx_file;

use serde::Serialize;

/// How the bytes of an [`Input`] are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: paragraphs separated by blank lines.
    Text,
    /// CommonMark with tables.
    Markdown,
    /// An HTML document or fragment (as pasted from a word processor or a web page).
    Html,
    /// A Word `.docx` file (a zip of XML parts).
    Docx,
}

impl Format {
    /// Guesses the format of `bytes`: a zip is a `.docx`; text that starts with a tag, or has
    /// HTML block tags and no Markdown heading or table, is HTML; any other text is read as
    /// Markdown (which plain text is, too). Markdown may hold HTML blocks (a pasted table).
    pub fn detect(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            return Format::Docx;
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
        if head.trim_start().starts_with('<') {
            return Format::Html;
        }
        let markdown = head.lines().any(|line| {
            let line = line.trim_start();
            line.starts_with("# ")
                || line.starts_with("## ")
                || line.starts_with("|---")
                || line.starts_with("| ---")
        });
        let html_tags = ["<p>", "<p ", "<h1", "<h2", "<div", "<table", "<html", "<body", "<br", "<ul"];
        if !markdown && html_tags.iter().any(|tag| head.contains(tag)) {
            Format::Html
        } else {
            Format::Markdown
        }
    }
}

/// One release to tag.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// How to read `bytes`.
    pub format: Format,
    /// The release: UTF-8 text for every format but [`Format::Docx`].
    pub bytes: &'a [u8],
    /// The language (ISO 639-1) if the caller knows it; otherwise it is detected.
    pub language: Option<&'a str>,
}

/// A partner organization the site already has.
#[derive(Debug, Clone, Default)]
pub struct KnownPartner {
    /// The partner's id in the caller's store.
    pub id: i64,
    /// Full names, in any languages ("UN Refugee Agency", "Agencia de la ONU para los Refugiados").
    pub names: Vec<String>,
    /// Acronyms, matched case-sensitively ("UNHCR", "ACNUR").
    pub acronyms: Vec<String>,
}

/// A media contact the site already has.
#[derive(Debug, Clone, Default)]
pub struct KnownContact {
    /// The contact's id in the caller's store.
    pub id: i64,
    /// The person's name.
    pub name: String,
    /// The e-mail address, if known.
    pub email: Option<String>,
}

/// One of the site's themes.
#[derive(Debug, Clone, Default)]
pub struct KnownTheme {
    /// The theme's slug, returned in [`ThemeProposal::slug`].
    pub slug: String,
    /// The theme's names, in any languages; a name found counts more than a keyword.
    pub names: Vec<String>,
    /// Further words that point to the theme ("smuggling", "trata"); a keyword also matches
    /// as the start of a longer word ("traffick" matches "trafficking").
    pub keywords: Vec<String>,
}

/// What the site already knows: proposals are matched to it rather than duplicated.
#[derive(Debug, Clone, Copy, Default)]
pub struct Registry<'a> {
    /// Partner organizations.
    pub partners: &'a [KnownPartner],
    /// Media contacts.
    pub contacts: &'a [KnownContact],
    /// Themes.
    pub themes: &'a [KnownTheme],
}

/// The words a proposal came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The words matched, as printed ("Venezuelans", "ACNUR").
    pub matched: String,
    /// Up to a few words around them, for the editor to judge.
    pub context: String,
}

/// The place and date printed at the start of a release.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dateline {
    /// The place as printed, usually a city ("SAN SALVADOR", "Genève", "عمان").
    pub city: String,
    /// Its country (ISO 3166-1 alpha-2), printed ("El Salvador") or known from the city.
    pub country: Option<String>,
    /// The date, ISO 8601 (`2015-08-21`), when one is printed in the dateline.
    pub date: Option<String>,
    /// The dateline as printed.
    pub evidence: String,
}

/// A country the release is about.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryProposal {
    /// ISO 3166-1 alpha-2, upper case.
    pub iso2: String,
    /// The English name, for display.
    pub name: String,
    /// Every mention, in order.
    pub evidence: Vec<Evidence>,
    /// True when the release names only the country's people ("Venezuelans"), never the
    /// country itself: a weaker proposal, shown apart.
    pub via_demonym_only: bool,
    /// Confidence between 0 and 1: names count most, demonyms and cities less.
    pub score: f32,
}

/// A partner organization named in the release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgProposal {
    /// The caller's partner this is, when one matches.
    pub known_partner_id: Option<i64>,
    /// The acronym as printed or, failing that, the organization's usual one.
    pub acronym: Option<String>,
    /// The organization's name (as printed when only the name is).
    pub name: String,
    /// Every other acronym and name this organization goes by (across languages).
    pub aliases: Vec<String>,
    /// True when neither the registry nor the built-in list knows it: a new partner to add.
    pub is_new: bool,
    /// Every mention, in order.
    pub evidence: Vec<Evidence>,
}

/// A media contact from the release's contact block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactProposal {
    /// The caller's contact this is (same e-mail or same name), when one matches.
    pub known_contact_id: Option<i64>,
    /// The person's name.
    pub name: String,
    /// The office or organization printed with the name.
    pub office: Option<String>,
    /// The first phone number, in international form ("+41 22 717 9111").
    pub phone: Option<String>,
    /// The e-mail address.
    pub email: Option<String>,
    /// The words of the contact block this contact was read from.
    pub evidence: String,
}

/// One of the site's themes that the release touches.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeProposal {
    /// The theme's slug.
    pub slug: String,
    /// Between 0 and 1: how strongly the text points to the theme.
    pub score: f32,
    /// The names and keywords found.
    pub evidence: Vec<Evidence>,
}

/// An image of the release's body, for the caller to store and point the body to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageProposal {
    /// Its source as the body's Markdown names it: an address, or for a `.docx` the file's
    /// name inside it (`word/media/image1.png`, read with [`docx_file`]).
    pub src: String,
    /// Its description (the picture's alternative text in Word).
    pub alt: String,
    /// The caption printed under it, without its credit.
    pub caption: String,
    /// Who made it, from the end of the caption ("Photo: IOM/Jane Doe" gives "IOM/Jane Doe").
    pub credit: String,
}

impl ImageProposal {
    /// How the body's Markdown points to the picture, as the reader wrote it.
    fn link(&self) -> String {
        format!("]({})", self.src.replace(' ', "%20"))
    }

    /// Whether the body names the picture by a path relative to the release's file (a
    /// `.docx`'s `word/media/image1.png`, an HTML file's `photos/camp.jpg`) rather than by an
    /// address on the web or the site: the caller must bring it in, or leave it out.
    pub fn is_relative(&self) -> bool {
        let scheme = self.src.split_once(':').is_some_and(|(before, _)| !before.contains('/'));
        !(scheme || self.src.starts_with('/') || self.src.starts_with('#'))
    }

    /// `body` with the picture shown from `address` instead (once the caller stored it).
    pub fn moved_in(&self, body: &str, address: &str) -> String {
        body.replace(&self.link(), &format!("]({address})"))
    }

    /// `body` without the picture (one the caller could not store); its caption, text like
    /// any other, stays.
    pub fn left_out_of(&self, body: &str) -> String {
        let link = self.link();
        body.lines()
            .filter(|line| !(line.starts_with("![") && line.ends_with(&link)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Everything proposed for one release.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// The language (ISO 639-1): the caller's, or detected.
    pub language: String,
    /// The title: the first heading, or the first line when it reads as one.
    pub title: Option<String>,
    /// The body as clean Markdown: headings, paragraphs, links, lists, tables, images with
    /// their captions; word-processor noise dropped. The title is not repeated in it.
    pub body_markdown: String,
    /// The dateline, when the release starts with one.
    pub dateline: Option<Dateline>,
    /// Countries, strongest first.
    pub countries: Vec<CountryProposal>,
    /// Partner organizations, in order of first mention.
    pub organizations: Vec<OrgProposal>,
    /// Media contacts, in order.
    pub contacts: Vec<ContactProposal>,
    /// Themes, strongest first.
    pub themes: Vec<ThemeProposal>,
    /// The images of the body, in order.
    pub images: Vec<ImageProposal>,
}

/// Why a release could not be read. Text that reads but says nothing is not an error: it gives
/// an empty [`Proposal`].
#[derive(Debug, thiserror::Error)]
pub enum TagError {
    /// The bytes of a text format are not UTF-8.
    #[error("the release is not valid UTF-8 text (first bad byte at offset {offset})")]
    InvalidUtf8 {
        /// Byte offset of the first invalid sequence.
        offset: usize,
    },
    /// The `.docx` is not a readable zip, or lacks `word/document.xml`.
    #[error("the .docx file cannot be read: {0}")]
    Docx(String),
    /// HTML elements nested deeper than any real document (`limit` levels).
    #[error("the release's HTML is nested more than {limit} levels deep")]
    TooDeep {
        /// The deepest nesting read.
        limit: usize,
    },
    /// An XML part of the `.docx` is malformed.
    #[error("the .docx file's XML is malformed: {0}")]
    DocxXml(String),
}

/// Tags one release: reads it, then proposes its dateline, countries, organizations, contacts
/// and themes, matched against `registry`.
pub fn tag(input: &Input, registry: &Registry) -> Result<Proposal, TagError> {
    let doc = document::read(input.format, input.bytes)?;
    let language = input
        .language
        .map(|code| code.to_ascii_lowercase())
        .unwrap_or_else(|| language::detect(&doc.plain).to_owned());

    let folded = fold::Folded::new(&doc.plain);
    let hits = gazetteer::scan(&folded, &doc.plain, &language);
    let contact_region = contacts::region(&doc);
    let dateline = dateline::find(&doc, contact_region.as_ref(), &language);
    let orgs_found = orgs::find(&doc.plain, &folded, &hits, registry.partners);
    let countries =
        countries::find(&doc, &hits, dateline.as_ref(), contact_region.as_ref(), &orgs_found.spans);
    let contacts = contacts::find(&doc, contact_region.as_ref(), registry.contacts);
    let themes = themes::score(&doc.plain, registry.themes);

    Ok(Proposal {
        language,
        title: doc.title.clone(),
        body_markdown: doc.markdown.clone(),
        dateline: dateline.map(|found| found.dateline),
        countries,
        organizations: orgs_found.proposals,
        contacts,
        themes,
        images: images_of(&doc),
    })
}

/// The images of a read release with a source, each caption parted from its credit.
fn images_of(doc: &document::Document) -> Vec<ImageProposal> {
    doc.blocks
        .iter()
        .filter_map(|block| match &block.kind {
            document::BlockKind::Image { src, alt, caption } if !src.is_empty() => {
                let (caption, credit) = split_credit(caption);
                Some(ImageProposal { src: src.clone(), alt: alt.clone(), caption, credit })
            }
            _ => None,
        })
        .collect()
}

/// How captions introduce a credit, in lower case, in the languages read.
const CREDIT_MARKERS: [&str; 12] = [
    "photo credit:",
    "photo:",
    "photos:",
    "photo :",
    "foto:",
    "fotos:",
    "credit:",
    "crédit :",
    "crédit:",
    "crédito:",
    "bildnachweis:",
    "©",
];

/// A caption and the credit at its end ("Families at the border. Photo: IOM/Jane Doe").
pub fn split_credit(caption: &str) -> (String, String) {
    let lower = caption.to_lowercase();
    // Lower case may change a character's length: then byte offsets would not carry over.
    let found = (lower.len() == caption.len())
        // The last marker, and of two ending together ("photo credit:") the longer.
        .then(|| {
            CREDIT_MARKERS
                .iter()
                .filter_map(|m| lower.rfind(m).map(|at| (at, m.len())))
                .max_by_key(|&(at, len)| (at + len, len))
        })
        .flatten();
    let Some((at, len)) = found else { return (caption.trim().to_owned(), String::new()) };
    let credit = caption[at + len..].trim().trim_end_matches(')').trim();
    let before = caption[..at].trim_end_matches(|c: char| c.is_whitespace() || "(–—|,".contains(c));
    (before.to_owned(), credit.to_owned())
}
