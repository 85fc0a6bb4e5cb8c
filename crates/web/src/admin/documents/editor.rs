//! The editor of releases and pages: new drafts, saving revisions, previews, and the
//! workflow buttons a document offers.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use minijinja::context;
use portico_content::access::Refusal;
use portico_content::publication::{Form, Publication};
use portico_content::sdg::Goal;
use portico_content::vacancy::{self, Vacancy};
use portico_content::{Action, Draft, Kind, MediaId, SiteId, Status, Transition, slugify};
use portico_store::{AutosaveTarget, EditableVariant, StoreError};
use serde::Serialize;

use crate::admin::{AdminLayout, FormData, admin_page_with_status, notice, see_other};
use crate::session::Signed;
use crate::{App, WebError};

use super::autosave::{self, target_of};
use super::{
    NoticeQuery, doc_url, input_time, may_create_on, parse_input_time, parse_kind, refusal_text, status_text,
    visible_document,
};
use crate::workflow::{edit_refusal, off_runtime, publication_time, target};

/// What the editor form shows.
#[derive(Serialize, Default)]
struct EditorForm {
    title: String,
    slug: String,
    dateline: String,
    published_at: String,
    summary: String,
    body_markdown: String,
    countries: String,
    programme: String,
    image: String,
    /// The goals' targets (`10.7, 10.c`); the goals themselves are boxes.
    targets: String,
    revision: i32,
    /// A vacancy's facts, as typed.
    vacancy: VacancyForm,
    /// A publication's facts and this version's PDF, as typed.
    publication: PublicationForm,
}

/// A publication's fields as the editor shows them; media as their ids.
#[derive(Serialize, Default)]
struct PublicationForm {
    year: String,
    authors: String,
    form: String,
    isbn: String,
    issn: String,
    series: String,
    cover: String,
    file: String,
}

impl PublicationForm {
    fn from_draft(draft: &Draft) -> PublicationForm {
        let id = |m: Option<MediaId>| m.map(|m| m.to_string()).unwrap_or_default();
        match &draft.publication {
            Some(p) => PublicationForm {
                year: p.year.to_string(),
                authors: p.authors.clone(),
                form: p.form.as_str().to_owned(),
                isbn: p.isbn.clone(),
                issn: p.issn.clone(),
                series: p.series.clone(),
                cover: id(p.cover),
                file: id(draft.file),
            },
            None => PublicationForm { file: id(draft.file), ..PublicationForm::default() },
        }
    }
}

/// A media id typed into `field`, if it names an item of `site` of `kind` (`image`, `file`);
/// a problem is reported by field, in `errors`.
async fn read_media_field(
    app: &App,
    user: &Signed,
    form: &FormData,
    site: SiteId,
    field: &'static str,
    kind: &str,
    errors: &mut BTreeMap<&'static str, String>,
) -> Result<Option<MediaId>, WebError> {
    let value = form.get(field).trim();
    if value.is_empty() {
        return Ok(None);
    }
    let Some(id) = value.parse::<i64>().ok().filter(|id| *id > 0).map(MediaId) else {
        errors.insert(field, user.t("error-image-list"));
        return Ok(None);
    };
    match app.store().media(id).await? {
        Some(media) if media.site == site && media.kind == kind => Ok(Some(id)),
        _ => {
            let key = if kind == "image" { "error-image-site" } else { "error-publication-file" };
            errors.insert(field, user.t(key));
            Ok(None)
        }
    }
}

/// Reads a publication's facts; a year that is no number is reported by field, in `errors`.
async fn read_publication(
    app: &App,
    user: &Signed,
    form: &FormData,
    site: SiteId,
    errors: &mut BTreeMap<&'static str, String>,
) -> Result<Publication, WebError> {
    let text = |field: &str| form.get(field).trim().to_owned();
    let year = match form.get("publication_year").trim().parse::<i32>() {
        Ok(year) => year,
        Err(_) => {
            errors.insert("publication_year", user.t("error-publication-year"));
            // A year no rule accepts, so that validation names the field too.
            0
        }
    };
    Ok(Publication {
        year,
        authors: text("publication_authors"),
        form: Form::parse(form.get("publication_form")).unwrap_or_default(),
        isbn: text("publication_isbn"),
        issn: text("publication_issn"),
        series: text("publication_series"),
        cover: read_media_field(app, user, form, site, "publication_cover", "image", errors).await?,
    })
}

/// A vacancy's fields as the editor shows them: times as `datetime-local` values in the
/// duty station's offset, which has its own field.
#[derive(Serialize, Default)]
struct VacancyForm {
    reference: String,
    duty_city: String,
    duty_country: String,
    grade: String,
    contract: String,
    duration: String,
    unit: String,
    opens_at: String,
    closes_at: String,
    offset: String,
    eligibility: String,
    apply_to: String,
}

impl VacancyForm {
    fn from_vacancy(vacancy: Option<&Vacancy>) -> VacancyForm {
        let Some(v) = vacancy else {
            return VacancyForm { offset: "UTC".to_owned(), ..VacancyForm::default() };
        };
        VacancyForm {
            reference: v.reference.clone(),
            duty_city: v.duty_city.clone(),
            duty_country: v.duty_country.clone(),
            grade: v.grade.clone(),
            contract: v.contract.as_str().to_owned(),
            duration: v.duration.clone(),
            unit: v.unit.clone(),
            opens_at: input_time(Some(v.opens_at)),
            closes_at: input_time(Some(v.closes_at)),
            offset: vacancy::offset_label(v.closes_at.offset()),
            eligibility: v.eligibility.as_str().to_owned(),
            apply_to: v.apply_to.clone(),
        }
    }
}

/// Reads a vacancy's fields; the times it cannot read are reported by field, in `errors`.
fn read_vacancy(user: &Signed, form: &FormData, errors: &mut BTreeMap<&'static str, String>) -> Vacancy {
    let offset = match vacancy::parse_offset(form.get("vacancy_offset")) {
        Some(offset) => offset,
        None => {
            errors.insert("vacancy_offset", user.t("error-vacancy-offset"));
            time::UtcOffset::UTC
        }
    };
    let mut time = |field: &'static str| match parse_input_time(form.get(field)) {
        Some(at) => at.replace_offset(offset),
        None => {
            errors.insert(field, user.t("error-vacancy-time"));
            time::OffsetDateTime::UNIX_EPOCH
        }
    };
    let opens_at = time("vacancy_opens_at");
    let closes_at = time("vacancy_closes_at");
    let text = |field: &str| form.get(field).trim().to_owned();
    Vacancy {
        reference: text("vacancy_reference"),
        duty_city: text("vacancy_duty_city"),
        duty_country: text("vacancy_duty_country").to_ascii_uppercase(),
        grade: text("vacancy_grade"),
        contract: vacancy::Contract::parse(form.get("vacancy_contract")).unwrap_or_default(),
        duration: text("vacancy_duration"),
        unit: text("vacancy_unit"),
        opens_at,
        closes_at,
        eligibility: vacancy::Eligibility::parse(form.get("vacancy_eligibility")).unwrap_or_default(),
        apply_to: text("vacancy_apply_to"),
    }
}

impl EditorForm {
    fn from_draft(draft: &Draft, revision: i32) -> EditorForm {
        EditorForm {
            title: draft.title.clone(),
            slug: draft.slug.clone(),
            dateline: draft.dateline.clone(),
            published_at: input_time(draft.published_at),
            summary: draft.summary.clone(),
            body_markdown: draft.body_markdown.clone(),
            countries: draft.countries.join(", "),
            programme: draft.programme.clone(),
            image: draft.image.map(|m| m.to_string()).unwrap_or_default(),
            // A goal has its box; anything else typed (a target, or a refused code to mend)
            // goes back into the text field.
            targets: draft
                .goals
                .iter()
                .filter(|c| c.contains('.') || c.parse::<u8>().ok().and_then(Goal::by_number).is_none())
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            revision,
            vacancy: VacancyForm::from_vacancy(draft.vacancy.as_ref()),
            publication: PublicationForm::from_draft(draft),
        }
    }
}

#[derive(Serialize)]
struct Choice {
    value: String,
    label: String,
    checked: bool,
}

/// A Sustainable Development Goal's box in the editor, in its official colour.
#[derive(Serialize)]
struct GoalChoice {
    #[serde(flatten)]
    choice: Choice,
    colour: &'static str,
}

/// A site a new document may be written for, with the direction of its first language (the
/// rich editor turns its surface when the choice changes).
#[derive(Serialize)]
struct SiteChoice {
    #[serde(flatten)]
    choice: Choice,
    dir: &'static str,
}

/// The words of the editor's scripts, the rich editor and the countries picker
/// (`editor-{name}` in the Fluent files).
const EDITOR_STRINGS: &[&str] = &[
    "toolbar",
    "heading-2",
    "heading-3",
    "bold",
    "italic",
    "link",
    "bullet-list",
    "numbered-list",
    "quote",
    "image",
    "video",
    "table",
    "table-add-row",
    "table-add-column",
    "table-delete-row",
    "table-delete-column",
    "table-delete",
    "undo",
    "redo",
    "source",
    "source-only",
    "apply",
    "cancel",
    "link-address",
    "link-remove",
    "image-address",
    "image-alt",
    "image-caption",
    "video-address",
    "video-title",
    "video-thumbnail",
    "video-unsupported",
    "video-thumbnail-invalid",
    "video-thumbnail-grid",
    "autosave-failed",
    "country-search",
    "country-remove",
    "country-hint",
    "region-added",
    "partner-search",
    "contact-search",
    "pick-remove",
    "pick-none",
    "pick-failed",
    "image-choose",
    "image-change",
    "image-remove",
    "image-upload",
    "image-drop",
    "image-search",
    "image-grid",
    "image-more",
    "image-none",
    "image-count",
    "image-uploading",
    "image-uploaded",
    "image-alt-title",
    "image-alt-saved",
    "image-failed",
    "image-wrong-type",
    "cover-remove",
    "cover-grid",
    "cover-uploaded",
    "pdf-choose",
    "pdf-change",
    "pdf-remove",
    "pdf-upload",
    "pdf-drop",
    "pdf-search",
    "pdf-grid",
    "pdf-more",
    "pdf-none",
    "pdf-count",
    "pdf-uploaded",
    "pdf-wrong-type",
];

/// The editor's scripts' words in the person's language, as the JSON they read.
fn editor_strings(user: &Signed) -> Result<String, WebError> {
    // A word that names something (`{ $name }`) or counts (`{ $count }`) keeps the placeholder
    // for the script to fill.
    let mut words: BTreeMap<&str, String> = EDITOR_STRINGS
        .iter()
        .map(|key| {
            let text = user
                .t_with(&format!("editor-{key}"), &[("name", "{name}".into()), ("count", "{count}".into())]);
            (*key, text)
        })
        .collect();
    // The ten digits as the language writes them, for the numbers the scripts put in words.
    words.insert("digits", user.i18n.digits(user.lang, "0123456789"));
    serde_json::to_string(&words).map_err(|err| WebError::Internal(err.to_string()))
}

/// Every country as `[code, name]` in the person's language, in its alphabetical order: what
/// the countries picker searches as they type.
fn country_names(user: &Signed) -> Result<String, WebError> {
    let mut countries: Vec<(&str, &str)> = portico_geo::countries()
        .iter()
        .map(|c| (c.iso2, c.name_in(user.lang).unwrap_or(c.name(portico_geo::Lang::En))))
        .collect();
    crate::i18n::I18n::sort_by_name(user.lang, &mut countries, |(_, name)| name);
    serde_json::to_string(&countries).map_err(|err| WebError::Internal(err.to_string()))
}

/// Every UN M49 region and sub-region as `[code, name, detail, [country codes]]` in the
/// person's language, by name: choosing one in the countries picker adds all its countries.
fn region_choices(user: &Signed) -> Result<String, WebError> {
    let lang = portico_geo::Lang::from_code(user.lang).unwrap_or(portico_geo::Lang::En);
    let mut regions: Vec<(&str, &str, String, Vec<&str>)> = portico_geo::regions()
        .iter()
        .flat_map(|region| std::iter::once(region).chain(portico_geo::subregions_of(region)))
        .map(|region| {
            let countries: Vec<&str> = portico_geo::countries_in(region).map(|c| c.iso2).collect();
            let detail = user.t1("editor-region-detail", "count", countries.len());
            (region.code, region.name(lang), detail, countries)
        })
        .collect();
    crate::i18n::I18n::sort_by_name(user.lang, &mut regions, |(_, name, _, _)| name);
    serde_json::to_string(&regions).map_err(|err| WebError::Internal(err.to_string()))
}

/// The editor's state between a request and its page.
struct Editor {
    kind: Kind,
    site: SiteId,
    document: Option<EditableVariant>,
    form: EditorForm,
    draft: Draft,
    errors: BTreeMap<&'static str, String>,
    preview_html: Option<String>,
    conflict: Option<String>,
    notice: Option<String>,
    /// What the tagger proposed from a pasted release, each with the words it came from.
    proposals: Vec<ProposalView>,
    /// The new document's language when it is not the site's default (a pasted release).
    language: Option<String>,
    /// Text this person typed here earlier and did not save, offered back.
    autosave: Option<minijinja::Value>,
}

/// One proposal of the tagger as the editor shows it above the form it filled.
#[derive(Serialize, Clone)]
pub(super) struct ProposalView {
    /// Which field it filled ("Countries").
    pub field: String,
    /// What it proposes ("SV El Salvador").
    pub value: String,
    /// The words it came from.
    pub evidence: String,
    /// Whether it was filled in: false for a partner not in the lists yet, a country named
    /// only through its people, or a date (the publication time is a decision of its own).
    pub filled: bool,
    /// The form field that Accept and Dismiss change (`countries`, `themes`, `partners`,
    /// `contacts`, `dateline`, `published_at`); empty when there is none to change.
    pub target: &'static str,
    /// The value Accept puts in that field (an ISO code, a slug, a key, a dateline, a time).
    pub code: String,
}

/// Reads the editor form into a draft; returns it with the problems found, in the person's
/// language.
async fn read_form(
    app: &App,
    user: &Signed,
    kind: Kind,
    site: SiteId,
    form: &FormData,
) -> Result<(Draft, BTreeMap<&'static str, String>), WebError> {
    let mut errors = BTreeMap::new();
    let title = form.get("title").trim().to_owned();
    let mut slug = form.get("slug").trim().trim_matches('/').to_owned();
    if slug.is_empty() && kind != Kind::Page {
        slug = slugify(&title);
    }
    let published_at = match form.get("published_at").trim() {
        "" => None,
        value => match parse_input_time(value) {
            Some(at) => Some(at),
            None => {
                errors.insert("published_at", user.t("error-published-at"));
                None
            }
        },
    };
    let countries: Vec<String> = form
        .get("countries")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    let image = match form.get("image").trim() {
        "" => None,
        value => match value.parse::<i64>().ok().map(MediaId) {
            Some(id) => match app.store().media(id).await? {
                Some(media) if media.site == site && media.kind == "image" => Some(id),
                _ => {
                    errors.insert("image", user.t("error-image-site"));
                    None
                }
            },
            None => {
                errors.insert("image", user.t("error-image-list"));
                None
            }
        },
    };
    let (publication, file) = if kind == Kind::Publication {
        (
            Some(read_publication(app, user, form, site, &mut errors).await?),
            read_media_field(app, user, form, site, "publication_file", "file", &mut errors).await?,
        )
    } else {
        (None, None)
    };
    let draft = Draft {
        title,
        slug,
        dateline: form.get("dateline").trim().to_owned(),
        published_at,
        summary: form.get("summary").trim().to_owned(),
        body_markdown: form.get("body_markdown").replace("\r\n", "\n"),
        countries,
        themes: form.all("themes"),
        partners: with_typed_keys(form.all("partners"), form.get("partners_keys")),
        programme: form.get("programme").trim().to_owned(),
        contacts: with_typed_keys(form.all("contacts"), form.get("contacts_keys")),
        image,
        goals: with_typed_keys(form.all("goals"), form.get("targets")),
        vacancy: (kind == Kind::Vacancy).then(|| read_vacancy(user, form, &mut errors)),
        publication,
        file,
    };
    let is_country = |code: &str| portico_geo::country(code).is_some_and(|c| c.iso2 == code);
    let (draft, found) = off_runtime(move || {
        let found = draft.validate(kind, is_country);
        (draft, found)
    })
    .await?;
    for error in found {
        let message = field_error_text(user, &error, &draft, is_country);
        errors.entry(error.field).or_insert(message);
    }
    Ok((draft, errors))
}

/// The keys ticked, then those typed into the field that stands in for the picker without its
/// script ("unhcr, icrc"), each once.
fn with_typed_keys(ticked: Vec<String>, typed: &str) -> Vec<String> {
    let mut keys: Vec<String> = ticked.into_iter().filter(|key| !key.is_empty()).collect();
    for key in typed.split(|c: char| c == ',' || c.is_whitespace()).filter(|key| !key.is_empty()) {
        if !keys.iter().any(|k| k == key) {
            keys.push(key.to_owned());
        }
    }
    keys
}

/// The preview of a body, rendered off the async runtime; `None` unless asked for.
async fn preview_of(wanted: bool, draft: &Draft) -> Result<Option<String>, WebError> {
    if !wanted {
        return Ok(None);
    }
    let body = draft.body_markdown.clone();
    off_runtime(move || portico_content::markdown::render(&body)).await.map(Some)
}

/// A content rule's complaint in the person's language, found by its stable code (a message
/// for this field first, `error-{field}-{code}`, then one for the code, `error-{code}`); the
/// rule's own English sentence when the interface has neither.
fn field_error_text(
    user: &Signed,
    error: &portico_content::FieldError,
    draft: &Draft,
    is_country: impl Fn(&str) -> bool,
) -> String {
    let code = error.code.replace('_', "-");
    let key = [format!("error-{}-{code}", error.field.replace('_', "-")), format!("error-{code}")]
        .into_iter()
        .find(|key| user.i18n.has(key));
    let Some(key) = key else { return error.message.clone() };
    match error.code {
        "too_long" | "too_large" | "too_deep" => match portico_content::limit_of(error.field, error.code) {
            Some(max) => user.t1(&key, "max", max),
            None => error.message.clone(),
        },
        // The duty station's country is one field with one code: the message needs no argument.
        _ if error.field == "vacancy_duty_country" => user.t(&key),
        "unknown_country" => match draft.countries.iter().find(|c| !is_country(c)) {
            Some(bad) => user.t1(&key, "code", bad.clone()),
            None => error.message.clone(),
        },
        _ => user.t(&key),
    }
}

/// Turns a store refusal into a message next to the field it concerns, when it is one.
fn field_error(user: &Signed, err: StoreError, kind: Kind) -> Result<(&'static str, String), WebError> {
    match err {
        StoreError::Conflict { field: "slug" } => Ok((
            "slug",
            match kind {
                Kind::Release => user.t("error-slug-taken-release"),
                Kind::Page => user.t("error-slug-taken-page"),
                Kind::Vacancy => user.t("error-slug-taken-vacancy"),
                Kind::Publication => user.t("error-slug-taken-publication"),
            },
        )),
        StoreError::UnknownReference { what: "PDF", .. } => {
            Ok(("publication_file", user.t("error-publication-file")))
        }
        StoreError::UnknownReference { what: "cover image", .. } => {
            Ok(("publication_cover", user.t("error-image-site")))
        }
        StoreError::UnknownReference { what, value } => {
            let field = match what {
                "theme" => "themes",
                "partner" => "partners",
                "programme" => "programme",
                _ => "contacts",
            };
            Ok((field, user.t1("error-not-in-list", "value", value)))
        }
        other => Err(other.into()),
    }
}

async fn render_editor(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    editor: Editor,
    status: StatusCode,
) -> Result<Response, WebError> {
    let store = app.store();
    let checked = |list: &[String], value: &str| list.iter().any(|v| v == value);
    let themes: Vec<Choice> = store
        .themes()
        .await?
        .into_iter()
        // A theme another site keeps stays shown where the draft has it, to be taken off.
        .filter(|t| t.serves(editor.site) || editor.draft.themes.contains(&t.slug))
        .map(|t| Choice {
            checked: checked(&editor.draft.themes, &t.slug),
            label: t.name_in(user.lang).to_owned(),
            value: t.slug,
        })
        .collect();
    // The programmes this site's documents may link; a key that is none of them (refused on
    // save) stays chosen, shown as typed, so that the error beside it names what to change.
    let mut programmes: Vec<Choice> = store
        .programmes_for(editor.site)
        .await?
        .into_iter()
        .map(|p| Choice {
            checked: p.slug == editor.draft.programme,
            label: p.name_in(user.lang).to_owned(),
            value: p.slug,
        })
        .collect();
    if !editor.draft.programme.is_empty() && !programmes.iter().any(|p| p.checked) {
        let key = editor.draft.programme.clone();
        programmes.push(Choice { checked: true, label: key.clone(), value: key });
    }
    let goals: Vec<GoalChoice> = portico_content::sdg::GOALS
        .iter()
        .map(|goal| GoalChoice {
            choice: Choice {
                checked: checked(&editor.draft.goals, &goal.number.to_string()),
                label: goal.name(user.lang).to_owned(),
                value: goal.number.to_string(),
            },
            colour: goal.colour,
        })
        .collect();
    // Only what the draft names, and what a pasted release proposes (its Accept and Dismiss
    // tick these boxes): the pickers find the rest, however long the lists grow.
    let wanted = |target: &str, chosen: &[String]| -> Vec<String> {
        let mut keys = chosen.to_vec();
        for p in editor.proposals.iter().filter(|p| p.target == target && !p.code.is_empty()) {
            if !keys.contains(&p.code) {
                keys.push(p.code.clone());
            }
        }
        keys
    };
    let partner_keys = wanted("partners", &editor.draft.partners);
    let known = store.partners_by_slugs(&partner_keys).await?;
    let partners: Vec<Choice> = partner_keys
        .iter()
        .map(|key| Choice {
            checked: checked(&editor.draft.partners, key),
            // A key no partner has (refused on save) shows as typed, to be removed.
            label: known
                .iter()
                .find(|p| &p.slug == key)
                .map_or_else(|| key.clone(), |p| crate::admin::pickers::partner_label(p, user.lang)),
            value: key.clone(),
        })
        .collect();
    let contact_keys = wanted("contacts", &editor.draft.contacts);
    let known = store.contacts_by_keys(&contact_keys).await?;
    let contacts: Vec<Choice> = contact_keys
        .iter()
        .map(|key| Choice {
            checked: checked(&editor.draft.contacts, key),
            label: known
                .iter()
                .find(|c| &c.key == key)
                .map_or_else(|| key.clone(), |c| format!("{}, {}", c.name, c.office)),
            value: key.clone(),
        })
        .collect();
    let image = match editor.draft.image {
        Some(id) => store.media(id).await?.filter(|m| m.site == editor.site).map(|m| {
            context! {
                id => m.id.0, thumbnail => crate::admin::media::thumbnail_of(&m),
                label => crate::admin::media::image_label(user, &m),
            }
        }),
        None => None,
    };
    let cover_image = match editor.draft.publication.as_ref().and_then(|p| p.cover) {
        Some(id) => store.media(id).await?.filter(|m| m.site == editor.site).map(|m| {
            context! {
                id => m.id.0, thumbnail => crate::admin::media::thumbnail_of(&m),
                label => crate::admin::media::image_label(user, &m),
            }
        }),
        None => None,
    };
    // The chosen PDF's name, size and pages, so that the editor sees which file this version
    // links to.
    let publication_file = match editor.draft.file {
        Some(id) => store.media(id).await?.filter(|m| m.site == editor.site).map(|m| {
            context! {
                id => m.id.0, name => m.file_name.clone(), pages => m.page_count,
                size => user.i18n.file_size(user.lang, m.bytes),
            }
        }),
        None => None,
    };
    let sites: Vec<SiteChoice> = app
        .sites()
        .iter()
        .filter(|s| may_create_on(user, editor.kind, s.id))
        .map(|s| SiteChoice {
            choice: Choice { value: s.key.clone(), label: s.name.clone(), checked: s.id == editor.site },
            dir: crate::i18n::I18n::direction(s.default_language()),
        })
        .collect();
    let body_language = match (&editor.document, &editor.language) {
        (Some(doc), _) => doc.language.clone(),
        (None, Some(language)) => language.clone(),
        (None, None) => {
            app.site_by_id(editor.site).map(|s| s.default_language().to_owned()).unwrap_or_default()
        }
    };
    let (translations, missing_languages) = match &editor.document {
        Some(doc) => {
            let variants = store.variants_of(doc.document).await?;
            let site = app.site_by_id(doc.site);
            let missing: Vec<String> = site
                .map(|s| {
                    s.languages
                        .iter()
                        .filter(|l| !variants.iter().any(|v| &v.language == *l))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            let may_translate =
                user.may(Action::EditTranslation, doc.site) || user.may(Action::CreateDraft, doc.site);
            let listed: Vec<minijinja::Value> = variants
                .iter()
                .map(|v| {
                    context! {
                        language => v.language.clone(), title => v.title.clone(), status => v.status.as_str(),
                        status_label => status_text(user, v.status.as_str()), original => v.original,
                        out_of_date => v.out_of_date, current => v.language == doc.language,
                    }
                })
                .collect();
            let missing: Vec<minijinja::Value> = missing
                .iter()
                .map(|code| context! { code => code, name => crate::i18n::I18n::endonym(code) })
                .collect();
            (listed, if may_translate { missing } else { Vec::new() })
        }
        None => (Vec::new(), Vec::new()),
    };
    let (title, document, actions) = match &editor.document {
        Some(doc) => {
            let site = app.site_by_id(doc.site);
            let public_url = (doc.status == Status::Published)
                .then(|| format!("/{}/{}", doc.language, doc.kind.path_of(&doc.draft.slug)));
            let document = context! {
                id => doc.document.0, status => doc.status.as_str(), status_label => status_text(user, doc.status.as_str()),
                language => doc.language.clone(), site => site.map(|s| s.name.clone()).unwrap_or_default(),
                revision => doc.revision, updated => user.time(doc.updated_at), public_url,
                published_at => doc.draft.published_at.map(|at| user.time(at)),
            };
            (
                user.t1("admin-title-edit", "title", doc.draft.title.clone()),
                Some(document),
                workflow_actions(user, doc),
            )
        }
        None => (
            user.t(match editor.kind {
                Kind::Release => "admin-title-new-release",
                Kind::Page => "admin-title-new-page",
                Kind::Vacancy => "admin-title-new-vacancy",
                Kind::Publication => "admin-title-new-publication",
            }),
            None,
            Vec::new(),
        ),
    };
    let source = match &editor.document {
        Some(doc) => super::translation_view::source_view(app, user, doc).await?,
        None => None,
    };
    let layout = AdminLayout::new(app, user, &title, "/admin").with_notice(editor.notice.clone());
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/edit.html",
        context! {
            layout, document, actions, translations, missing_languages, source,
            kind => editor.kind.as_str(),
            is_release => editor.kind == Kind::Release,
            is_vacancy => editor.kind == Kind::Vacancy,
            is_publication => editor.kind == Kind::Publication,
            publication_forms => Form::ALL.iter().map(|f| context! {
                value => f.as_str(), label => user.t(&format!("publication-form-{}", f.as_str())),
            }).collect::<Vec<_>>(),
            publication_file => publication_file, cover_image,
            vacancy_choices => (editor.kind == Kind::Vacancy).then(|| vacancy_choices(user)),
            form => editor.form, errors => editor.errors, autosave => editor.autosave,
            themes, partners, contacts, programmes, image, sites, goals,
            may_upload => user.may(Action::UploadMedia, editor.site),
            preview_html => editor.preview_html, conflict => editor.conflict,
            language_label => editor.language.as_deref().map(|l| user.i18n.language_name(user.lang, l)),
            proposals => editor.proposals, language => editor.language,
            can_set_time => user.may(Action::Publish, editor.site),
            body_dir => crate::i18n::I18n::direction(&body_language),
            editor_strings => editor_strings(user)?,
            country_names => if matches!(editor.kind, Kind::Release | Kind::Publication) { Some(country_names(user)?) } else { None },
            region_names => if matches!(editor.kind, Kind::Release | Kind::Publication) { Some(region_choices(user)?) } else { None },
            site_key => app.site_by_id(editor.site).map(|s| s.key.clone()).unwrap_or_default(),
            action_url => match &editor.document {
                Some(doc) => format!("/admin/documents/{}", doc.document),
                None => format!("/admin/new/{}", editor.kind),
            },
        },
    )
}

/// The choices of a vacancy's fields, in the person's language.
fn vacancy_choices(user: &Signed) -> minijinja::Value {
    let grades: Vec<Choice> = vacancy::GRADES
        .iter()
        .map(|g| Choice {
            value: (*g).to_owned(),
            label: match *g {
                "consultant" | "intern" | "UG" => {
                    user.t(&format!("vacancy-grade-{}", g.to_ascii_lowercase()))
                }
                other => other.to_owned(),
            },
            checked: false,
        })
        .collect();
    let contracts: Vec<Choice> = vacancy::Contract::ALL
        .iter()
        .map(|c| Choice {
            value: c.as_str().to_owned(),
            label: user.t(&format!("vacancy-contract-{}", c.as_str().replace('_', "-"))),
            checked: false,
        })
        .collect();
    let eligibility: Vec<Choice> = vacancy::Eligibility::ALL
        .iter()
        .map(|e| Choice {
            value: e.as_str().to_owned(),
            label: user.t(&format!("vacancy-eligibility-{}", e.as_str())),
            checked: false,
        })
        .collect();
    let mut countries: Vec<Choice> = portico_geo::countries()
        .iter()
        .map(|c| Choice {
            value: c.iso2.to_owned(),
            label: c.name_in(user.lang).unwrap_or(c.name(portico_geo::Lang::En)).to_owned(),
            checked: false,
        })
        .collect();
    crate::i18n::I18n::sort_by_name(user.lang, &mut countries, |c| &c.label);
    context! { grades, contracts, eligibility, countries, offsets => vacancy::offsets() }
}

#[derive(Serialize)]
struct WorkflowAction {
    action: &'static str,
    label: String,
    needs_time: bool,
}

/// The workflow buttons this user may press on this document now: the steps offered from its
/// status that the rules allow them (the step's own fields, such as a time, aside).
fn workflow_actions(user: &Signed, doc: &EditableVariant) -> Vec<WorkflowAction> {
    let mut actions = Vec::new();
    for transition in Transition::ALL {
        let allowed = portico_content::access::may_act(
            user.user.role,
            &user.user.sites,
            transition.permission(),
            target(doc),
        );
        if allowed.is_ok() && transition.is_offered_from(doc.status) {
            // Each button's words are `workflow-{action}` in the Fluent files. A scheduled
            // release was never public: taking it back is cancelling its schedule.
            let key = match transition {
                Transition::Unpublish if doc.status == Status::Scheduled => "workflow-unschedule".to_owned(),
                _ => format!("workflow-{}", transition.as_str().replace('_', "-")),
            };
            actions.push(WorkflowAction {
                action: transition.as_str(),
                label: user.t(&key),
                needs_time: transition == Transition::Schedule,
            });
        }
    }
    actions
}

/// The editor of a new release filled from a pasted one: nothing is saved until the person
/// presses Save, and every proposal is shown with the words it came from.
pub(super) async fn render_proposed(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    site: SiteId,
    language: Option<String>,
    draft: Draft,
    proposals: Vec<ProposalView>,
) -> Result<Response, WebError> {
    let editor = Editor {
        kind: Kind::Release,
        site,
        document: None,
        form: EditorForm::from_draft(&draft, 0),
        draft,
        errors: BTreeMap::new(),
        preview_html: None,
        conflict: None,
        notice: Some(user.t("notice-proposals")),
        proposals,
        language,
        autosave: None,
    };
    render_editor(app, headers, user, editor, StatusCode::OK).await
}

/// `GET /admin/new/{kind}`.
pub async fn new_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(kind): Path<String>,
) -> Result<Response, WebError> {
    let kind = parse_kind(&kind)?;
    let site = app.sites().iter().find(|s| may_create_on(&user, kind, s.id)).ok_or(WebError::Forbidden)?.id;
    let editor = Editor {
        kind,
        site,
        document: None,
        form: EditorForm::default(),
        draft: Draft::default(),
        errors: BTreeMap::new(),
        preview_html: None,
        conflict: None,
        notice: None,
        proposals: Vec::new(),
        language: None,
        autosave: autosave::offer(&app, &user, &AutosaveTarget::New(kind), "", "").await?,
    };
    render_editor(&app, &headers, &user, editor, StatusCode::OK).await
}

/// The language a new document is written in: the one the form names when the site has it
/// (a pasted release in French on an English-first site), else the site's default.
fn chosen_language<'a>(site: &'a portico_store::Site, asked: &'a str) -> &'a str {
    if !asked.is_empty() && site.has_language(asked) { asked } else { site.default_language() }
}

/// `POST /admin/new/{kind}`: creates a draft.
pub async fn create(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(kind): Path<String>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let kind = parse_kind(&kind)?;
    let site =
        app.site_by_key(form.get("site")).ok_or_else(|| WebError::BadRequest(user.t("error-choose-site")))?;
    user.require(Action::CreateDraft, site.id)?;
    if kind == Kind::Page {
        user.require(Action::EditPages, site.id)?;
    }
    let (mut draft, mut errors) = read_form(&app, &user, kind, site.id, &form).await?;
    draft.published_at = publication_time(&user, site.id, None, draft.published_at);
    if !user.may(Action::Publish, site.id) {
        // A time they may not set is not theirs to get wrong either.
        errors.remove("published_at");
    }
    let preview = form.get("intent") == "preview";
    if errors.is_empty() && !preview {
        let new = portico_store::NewDocument {
            site: site.id,
            kind,
            language: chosen_language(&site, form.get("language")).to_owned(),
            draft: draft.clone(),
            status: Status::Draft,
            author: Some(user.user.id),
        };
        match app.store().create_document(&new, &user.doing("document.create")).await {
            Ok((document, _)) => {
                autosave::forget(&app, &user, &AutosaveTarget::New(kind)).await;
                return Ok(see_other(&format!("/admin/documents/{document}"), "created").into_response());
            }
            Err(err) => {
                let (field, message) = field_error(&user, err, kind)?;
                errors.insert(field, message);
            }
        }
    }
    // A preview shows the page with the other fields' problems, but a body it cannot render is refused.
    let status = if preview && !errors.contains_key("body_markdown") {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let editor = Editor {
        kind,
        site: site.id,
        document: None,
        form: EditorForm::from_draft(&draft, 0),
        preview_html: preview_of(preview && !errors.contains_key("body_markdown"), &draft).await?,
        draft,
        errors,
        conflict: None,
        notice: None,
        proposals: Vec::new(),
        language: Some(chosen_language(&site, form.get("language")).to_owned())
            .filter(|l| l != site.default_language()),
        autosave: None,
    };
    render_editor(&app, &headers, &user, editor, status).await
}

/// `GET /admin/documents/{id}`.
pub async fn edit_form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    Query(query): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let doc = visible_document(&app, &user, id, query.lang.as_deref()).await?;
    // Say at once why saving will be refused, rather than after the work is typed.
    let conflict = match edit_refusal(&user, &doc) {
        Err(refusal @ Refusal::TranslationIsLive) => Some(refusal_text(&user, refusal)),
        _ => None,
    };
    let offer =
        autosave::offer(&app, &user, &target_of(&doc), &doc.draft.title, &doc.draft.body_markdown).await?;
    let editor = Editor {
        kind: doc.kind,
        site: doc.site,
        form: EditorForm::from_draft(&doc.draft, doc.revision),
        draft: doc.draft.clone(),
        document: Some(doc),
        errors: BTreeMap::new(),
        preview_html: None,
        conflict,
        notice: notice(&user, query.notice.as_deref()),
        proposals: Vec::new(),
        language: None,
        autosave: offer,
    };
    render_editor(&app, &headers, &user, editor, StatusCode::OK).await
}

/// `POST /admin/documents/{id}`: saves a new revision, or shows a preview.
pub async fn save(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Path(id): Path<i64>,
    form: FormData,
) -> Result<Response, WebError> {
    user.check_csrf(form.csrf())?;
    let doc = visible_document(&app, &user, id, Some(form.get("lang"))).await?;
    let (mut draft, mut errors) = read_form(&app, &user, doc.kind, doc.site, &form).await?;
    if let Err(refusal) = edit_refusal(&user, &doc) {
        if refusal == Refusal::Forbidden {
            return Err(WebError::Forbidden);
        }
        // The editor again, with their text kept and the reason in their language.
        let editor = Editor {
            kind: doc.kind,
            site: doc.site,
            form: EditorForm::from_draft(&draft, doc.revision),
            draft,
            document: Some(doc),
            errors,
            preview_html: None,
            conflict: Some(refusal_text(&user, refusal)),
            notice: None,
            proposals: Vec::new(),
            language: None,
            autosave: None,
        };
        return render_editor(&app, &headers, &user, editor, StatusCode::FORBIDDEN).await;
    }
    draft.published_at = publication_time(&user, doc.site, doc.draft.published_at, draft.published_at);
    if !user.may(Action::Publish, doc.site) {
        // A time they may not set is not theirs to get wrong either.
        errors.remove("published_at");
    }
    let expected: i32 =
        form.get("revision").parse().map_err(|_| WebError::BadRequest(user.t("error-lost-revision")))?;
    let preview = form.get("intent") == "preview";
    let mut conflict = None;
    let mut revision = expected;
    if errors.is_empty() && !preview {
        match app
            .store()
            .update_document(doc.document, &doc.language, expected, &draft, &user.doing("document.save"))
            .await
        {
            Ok(_) => {
                autosave::forget(&app, &user, &target_of(&doc)).await;
                return Ok(see_other(&doc_url(id, &doc.language), "saved").into_response());
            }
            Err(StoreError::StaleRevision) => {
                let current = app
                    .store()
                    .editable_variant(doc.document, Some(&doc.language))
                    .await?
                    .ok_or(WebError::NotFound)?;
                revision = current.revision;
                conflict = Some(user.t1("admin-conflict", "revision", current.revision));
            }
            Err(err) => {
                let (field, message) = field_error(&user, err, doc.kind)?;
                errors.insert(field, message);
            }
        }
    }
    let status = if conflict.is_some() {
        StatusCode::CONFLICT
    } else if preview && !errors.contains_key("body_markdown") {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let editor = Editor {
        kind: doc.kind,
        site: doc.site,
        form: EditorForm::from_draft(&draft, revision),
        preview_html: preview_of(preview && !errors.contains_key("body_markdown"), &draft).await?,
        draft,
        document: Some(doc),
        errors,
        conflict,
        notice: None,
        proposals: Vec::new(),
        language: None,
        autosave: None,
    };
    render_editor(&app, &headers, &user, editor, status).await
}
