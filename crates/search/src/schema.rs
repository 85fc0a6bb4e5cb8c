//! The index schema: stored fields for hits, one pair of text fields per analysis, facets,
//! and the back office's fields (hidden flag, status, author, last save).

use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};

use crate::analysis::{OTHER, STEMMED, tokenizer_name};

/// Which value of a `body_{suffix}` field is the summary.
pub(crate) const BODY_SUMMARY: usize = 0;
/// Which value of a `body_{suffix}` field is the body text.
pub(crate) const BODY_TEXT: usize = 2;

/// The fast field results are sorted by when the text is empty.
pub(crate) const PUBLISHED_AT: &str = "published_at";
/// The publication time of a variant that has none, as the indexer writes it.
pub(crate) const UNPUBLISHED: i64 = 0;
/// The fast field that breaks ties in back-office results.
pub(crate) const VARIANT_ID: &str = "variant_id";
/// The fast field back-office hits read their document from, without the document store.
pub(crate) const DOCUMENT_ID: &str = "document_id";
/// The fast field of the last save.
pub(crate) const UPDATED_AT: &str = "updated_at";

/// The searchable fields of one analysis.
pub(crate) struct LanguageFields {
    /// The analysis's field suffix: a language code or [`OTHER`].
    pub suffix: &'static str,
    /// `title_{suffix}`, stored: hits show it.
    pub title: Field,
    /// `body_{suffix}`, stored: three values, [`BODY_SUMMARY`], the dateline and
    /// [`BODY_TEXT`]. Stored once for search and snippets, so a queued document holds its
    /// text once.
    pub body: Field,
}

/// A facet: a field of [`Facet`](tantivy::schema::Facet) values counted per search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FacetKind {
    Country,
    Region,
    Theme,
    Kind,
    Year,
    Language,
}

impl FacetKind {
    pub const ALL: [FacetKind; 6] = [
        FacetKind::Country,
        FacetKind::Region,
        FacetKind::Theme,
        FacetKind::Kind,
        FacetKind::Year,
        FacetKind::Language,
    ];

    /// The field's name in the schema.
    pub fn field_name(self) -> &'static str {
        match self {
            FacetKind::Country => "country",
            FacetKind::Region => "region",
            FacetKind::Theme => "theme",
            FacetKind::Kind => "kind",
            FacetKind::Year => "year",
            FacetKind::Language => "language",
        }
    }
}

/// Every field of the schema.
pub(crate) struct Fields {
    pub variant_id: Field,
    pub document_id: Field,
    pub site_id: Field,
    pub published_at: Field,
    pub slug: Field,
    /// Indexed `true` for documents readers must not see.
    pub hidden: Field,
    /// The workflow status, one untokenized term.
    pub status: Field,
    pub author_id: Field,
    pub editor_id: Field,
    pub updated_at: Field,
    /// The facet fields, in [`FacetKind::ALL`] order.
    facets: [Field; 6],
    /// One entry per analysis: [`STEMMED`] in order, then [`OTHER`].
    pub languages: Vec<LanguageFields>,
}

impl Fields {
    /// The field of one facet.
    pub fn facet(&self, kind: FacetKind) -> Field {
        self.facets[kind as usize]
    }

    /// Every facet with its field, in [`FacetKind::ALL`] order.
    pub fn facets(&self) -> [(FacetKind, Field); 6] {
        FacetKind::ALL.map(|kind| (kind, self.facet(kind)))
    }

    /// The searchable fields for a field suffix (from `analysis::suffix_for`).
    pub fn language(&self, suffix: &str) -> &LanguageFields {
        self.languages
            .iter()
            .find(|fields| fields.suffix == suffix)
            // Any other suffix gets `OTHER`'s fields: `build` always adds them, last.
            .unwrap_or_else(|| &self.languages[self.languages.len() - 1])
    }
}

/// Builds the schema; the same code always builds an equal schema, which `open` relies on.
pub(crate) fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let variant_id = builder.add_i64_field(VARIANT_ID, INDEXED | STORED | FAST);
    let document_id = builder.add_i64_field(DOCUMENT_ID, STORED | FAST);
    let site_id = builder.add_i64_field("site_id", INDEXED);
    let published_at = builder.add_i64_field(PUBLISHED_AT, STORED | FAST);
    let slug = builder.add_text_field("slug", STORED);
    let hidden = builder.add_bool_field("hidden", INDEXED);
    let status = builder.add_text_field("status", STRING);
    let author_id = builder.add_i64_field("author_id", INDEXED | FAST);
    let editor_id = builder.add_i64_field("editor_id", INDEXED);
    let updated_at = builder.add_i64_field(UPDATED_AT, FAST);
    let facets = FacetKind::ALL.map(|kind| {
        // Stored where hits show the value.
        let options = match kind {
            FacetKind::Country | FacetKind::Kind | FacetKind::Language => {
                FacetOptions::default().set_stored()
            }
            FacetKind::Region | FacetKind::Theme | FacetKind::Year => FacetOptions::default(),
        };
        builder.add_facet_field(kind.field_name(), options)
    });
    let suffixes = STEMMED.iter().map(|analysis| analysis.code).chain([OTHER]);
    let languages = suffixes
        .map(|suffix| {
            let indexing = TextFieldIndexing::default()
                .set_tokenizer(&tokenizer_name(suffix))
                .set_index_option(IndexRecordOption::WithFreqsAndPositions);
            let options = TextOptions::default().set_indexing_options(indexing).set_stored();
            LanguageFields {
                suffix,
                title: builder.add_text_field(&format!("title_{suffix}"), options.clone()),
                body: builder.add_text_field(&format!("body_{suffix}"), options),
            }
        })
        .collect();
    let fields = Fields {
        variant_id,
        document_id,
        site_id,
        published_at,
        slug,
        hidden,
        status,
        author_id,
        editor_id,
        updated_at,
        facets,
        languages,
    };
    (builder.build(), fields)
}
