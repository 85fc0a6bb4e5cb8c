//! *Paste or upload a release*: the text of a release written elsewhere (pasted, or a .docx,
//! .html, .md or .txt file) read by the tagger, and the editor of a new release opened with
//! what it proposes filled in. Nothing is saved here: the person checks each proposal, with
//! the words it came from, and saves the draft themselves.

use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use minijinja::context;
use portico_content::{Action, Draft, SiteId};
use portico_tagger::{Format, Proposal};
use serde::Deserialize;

use portico_media::Limits;

use super::editor::{ProposalView, render_proposed};
use crate::admin::media::media_error_text;
use crate::admin::{AdminLayout, admin_page_with_status};
use crate::session::Signed;
use crate::tagging::{Known, format_of};
use crate::uploads::{NewUpload, UploadError, store_upload};
use crate::{App, WebError};

/// The largest file read: a .docx with its pictures.
pub(crate) const PASTE_LIMIT: usize = 10 * 1024 * 1024;

#[derive(Deserialize)]
pub struct PasteQuery {
    site: Option<String>,
}

/// The sites this person may write releases on, with the chosen one first selected.
fn site_choices(app: &App, user: &Signed, chosen: &str) -> Vec<minijinja::Value> {
    app.sites()
        .iter()
        .filter(|s| user.may(Action::CreateDraft, s.id))
        .map(|s| context! { value => s.key.clone(), label => s.name.clone(), checked => s.key == chosen })
        .collect()
}

fn render_form(
    app: &App,
    headers: &HeaderMap,
    user: &Signed,
    status: StatusCode,
    site: &str,
    text: &str,
    error: Option<String>,
) -> Result<Response, WebError> {
    let sites = site_choices(app, user, site);
    if sites.is_empty() {
        return Err(WebError::Forbidden);
    }
    let layout = AdminLayout::new(app, user, &user.t("admin-title-paste"), "/admin");
    admin_page_with_status(
        app,
        headers,
        status,
        "admin/paste.html",
        context! { layout, sites, text, error, max_mb => PASTE_LIMIT / 1_048_576 },
    )
}

/// `GET /admin/new/release/paste`.
pub async fn form(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    Query(query): Query<PasteQuery>,
) -> Result<Response, WebError> {
    render_form(&app, &headers, &user, StatusCode::OK, query.site.as_deref().unwrap_or(""), "", None)
}

/// What a text box holds: HTML or Markdown when it looks like them, else plain text, whose
/// first line is the title.
fn pasted_format(text: &str) -> Format {
    let marked = text.lines().any(|l| matches!(l.trim_start().chars().next(), Some('#' | '|' | '*' | '>')));
    match Format::detect(text.as_bytes()) {
        Format::Markdown if !marked => Format::Text,
        format => format,
    }
}

/// What the paste form sent.
#[derive(Default)]
struct Pasted {
    csrf: String,
    site: String,
    text: String,
    file_name: String,
    file: Vec<u8>,
}

async fn read_pasted(user: &Signed, mut multipart: Multipart) -> Result<Pasted, WebError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            WebError::TooLarge(user.t1("error-upload-too-large", "mb", PASTE_LIMIT / 1_048_576))
        } else {
            WebError::BadRequest(user.t1("error-upload-unreadable", "reason", e.body_text()))
        }
    };
    let mut pasted = Pasted::default();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or("") {
            "file" => {
                pasted.file_name = field.file_name().unwrap_or("").chars().take(200).collect();
                pasted.file = field.bytes().await.map_err(unreadable)?.to_vec();
            }
            "_csrf" => pasted.csrf = field.text().await.map_err(unreadable)?,
            "site" => pasted.site = field.text().await.map_err(unreadable)?.trim().to_owned(),
            "text" => pasted.text = field.text().await.map_err(unreadable)?,
            _ => {}
        }
    }
    Ok(pasted)
}

/// `POST /admin/new/release/paste`: reads the release and opens the editor filled with the
/// proposals; the form again, with what was typed, when it cannot be read.
pub async fn read(
    State(app): State<App>,
    headers: HeaderMap,
    user: Signed,
    multipart: Multipart,
) -> Result<Response, WebError> {
    let pasted = read_pasted(&user, multipart).await?;
    user.check_csrf(Some(&pasted.csrf))?;
    let site =
        app.site_by_key(&pasted.site).ok_or_else(|| WebError::BadRequest(user.t("error-choose-site")))?;
    user.require(Action::CreateDraft, site.id)?;
    let refuse = |error: String| {
        render_form(
            &app,
            &headers,
            &user,
            StatusCode::UNPROCESSABLE_ENTITY,
            &pasted.site,
            &pasted.text,
            Some(error),
        )
    };
    let (format, bytes) = if !pasted.file.is_empty() {
        (format_of(&pasted.file_name, &pasted.file), pasted.file.clone())
    } else if !pasted.text.trim().is_empty() {
        (pasted_format(&pasted.text), pasted.text.clone().into_bytes())
    } else {
        return refuse(user.t("error-paste-empty"));
    };
    let known = Known::read(app.store()).await?;
    let proposal = match tokio::task::spawn_blocking(move || known.tag(format, &bytes, None)).await {
        Ok(Ok(proposal)) => proposal,
        Ok(Err(err)) => return refuse(user.t1("error-paste-unreadable", "reason", err.to_string())),
        Err(err) => return Err(WebError::Internal(format!("the tagger stopped: {err}"))),
    };
    let language =
        Some(proposal.language.clone()).filter(|l| site.has_language(l) && l != site.default_language());
    let (mut draft, mut proposals) = draft_from(&app, &user, site.id, &proposal).await?;
    if format == Format::Docx {
        let images = bring_in_images(&app, &user, site.id, &pasted, &proposal.images, &mut draft).await?;
        proposals.extend(images);
    } else {
        // Pasted text has no folder beside it: a picture it names by a relative path (Word's
        // `release_files/image001.png`) is only on the writer's disk. Its words stay.
        for image in proposal.images.iter().filter(|image| image.is_relative()) {
            draft.body_markdown = image.left_out_of(&draft.body_markdown);
        }
    }
    render_proposed(&app, &headers, &user, site.id, language, draft, proposals).await
}

/// The most pictures brought in from one pasted file: each is checked and resized.
const MAX_PASTED_IMAGES: usize = 20;

/// Stores the pictures of a pasted .docx in the media library, through the checks of any
/// upload, and points the body to them; one that is refused is left out of the body. Each is
/// listed with what became of it: an image is the one thing a paste stores before Save.
async fn bring_in_images(
    app: &App,
    user: &Signed,
    site: SiteId,
    pasted: &Pasted,
    images: &[portico_tagger::ImageProposal],
    draft: &mut Draft,
) -> Result<Vec<ProposalView>, WebError> {
    let stem = pasted.file_name.rsplit_once('.').map_or(pasted.file_name.as_str(), |(stem, _)| stem);
    // One byte over the limit is enough for the upload's own check to refuse the file.
    let read_limit = u64::try_from(Limits::default().max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    let mut views = Vec::new();
    for (index, image) in images.iter().enumerate() {
        let name = image.src.rsplit('/').next().unwrap_or(&image.src);
        let placed = if !user.may(Action::UploadMedia, site) {
            Err(user.t("proposal-image-not-allowed"))
        } else if index >= MAX_PASTED_IMAGES {
            Err(user.t1("proposal-image-too-many", "max", MAX_PASTED_IMAGES))
        } else if let Some(bytes) = portico_tagger::docx_file(&pasted.file, &image.src, read_limit) {
            let upload = NewUpload {
                site,
                file_name: format!("{stem}-{name}").chars().take(200).collect(),
                bytes,
                alt: image.alt.clone(),
                caption: image.caption.clone(),
                credit: image.credit.clone(),
                uploader: user.user.id,
                audit: user.doing("media.upload").with_detail(format!("{}: {name}", pasted.file_name)),
            };
            match store_upload(app, upload).await {
                Ok(id) => {
                    let media =
                        app.store().media(id).await?.ok_or_else(|| {
                            WebError::Internal(format!("media {id} was stored and is gone"))
                        })?;
                    Ok(crate::http::body_image_path(&media))
                }
                Err(UploadError::Refused(err)) => {
                    Err(user.t1("proposal-image-refused", "reason", media_error_text(user, &err)))
                }
                Err(UploadError::Failed(err)) => return Err(err),
            }
        } else {
            Err(user.t("proposal-image-missing"))
        };
        let (value, filled) = match &placed {
            Ok(path) => {
                draft.body_markdown = image.moved_in(&draft.body_markdown, path);
                (format!("{name} ({})", user.t("proposal-image-stored")), true)
            }
            Err(why) => {
                draft.body_markdown = image.left_out_of(&draft.body_markdown);
                (format!("{name} ({why})"), false)
            }
        };
        views.push(ProposalView {
            field: user.t("field-body-image"),
            value: if image.alt.is_empty() { value } else { format!("{value} — {}", image.alt) },
            evidence: [image.caption.as_str(), image.credit.as_str()]
                .into_iter()
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            filled,
            target: "",
            code: String::new(),
        });
    }
    Ok(views)
}

/// The draft the proposals fill, and each proposal in words with its evidence. Partners and
/// contacts not yet in the organization's lists are shown, not filled: adding one is a
/// decision for the lists' keepers. A country named only through its people and the printed
/// date are shown, not filled, for the person to accept.
async fn draft_from(
    app: &App,
    user: &Signed,
    site: SiteId,
    p: &Proposal,
) -> Result<(Draft, Vec<ProposalView>), WebError> {
    let store = app.store();
    let (partners, contacts) = (store.partners().await?, store.contacts().await?);
    let mut views = Vec::new();
    let mut draft = Draft {
        title: p.title.clone().unwrap_or_default(),
        body_markdown: p.body_markdown.clone(),
        ..Draft::default()
    };
    let first_evidence = |evidence: &[portico_tagger::Evidence]| {
        evidence.first().map(|e| e.context.clone()).unwrap_or_default()
    };
    if let Some(d) = &p.dateline {
        let country = d.country.as_deref().and_then(portico_geo::country);
        let lang = portico_geo::Lang::from_code(user.lang).unwrap_or(portico_geo::Lang::En);
        draft.dateline = match country {
            Some(c) => format!("{}, {}", d.city, c.name(lang)),
            None => d.city.clone(),
        };
        views.push(ProposalView {
            field: user.t("field-dateline"),
            value: draft.dateline.clone(),
            evidence: d.evidence.clone(),
            filled: true,
            target: "dateline",
            code: draft.dateline.clone(),
        });
        if let Some(date) = &d.date {
            // Noon UTC keeps the printed day the same in every time zone a release is read in.
            let may_set = user.may(Action::Publish, site);
            views.push(ProposalView {
                field: user.t("field-published-at"),
                value: if may_set {
                    date.clone()
                } else {
                    format!("{date} ({})", user.t("proposal-date-on-publishing"))
                },
                evidence: d.evidence.clone(),
                filled: false,
                target: if may_set { "published_at" } else { "" },
                code: format!("{date}T12:00"),
            });
        }
    }
    for c in &p.countries {
        let filled = !c.via_demonym_only;
        if filled {
            draft.countries.push(c.iso2.clone());
        }
        let how = if c.via_demonym_only {
            format!(" ({})", user.t("proposal-demonym-only"))
        } else {
            String::new()
        };
        views.push(ProposalView {
            field: user.t("field-countries"),
            value: format!("{} {}{how}", c.iso2, c.name),
            evidence: first_evidence(&c.evidence),
            filled,
            target: "countries",
            code: c.iso2.clone(),
        });
    }
    for o in &p.organizations {
        let known = o.known_partner_id.and_then(|id| partners.iter().find(|k| k.id.0 == id));
        if let Some(k) = known {
            draft.partners.push(k.slug.clone());
        }
        let name = match &o.acronym {
            Some(acronym) => format!("{acronym} — {}", o.name),
            None => o.name.clone(),
        };
        views.push(ProposalView {
            field: user.t("field-partners"),
            value: if known.is_some() { name } else { format!("{name} ({})", user.t("proposal-not-listed")) },
            evidence: first_evidence(&o.evidence),
            filled: known.is_some(),
            target: if known.is_some() { "partners" } else { "" },
            code: known.map(|k| k.slug.clone()).unwrap_or_default(),
        });
    }
    for c in &p.contacts {
        let known = c.known_contact_id.and_then(|id| contacts.iter().find(|k| k.id.0 == id));
        if let Some(k) = known {
            draft.contacts.push(k.key.clone());
        }
        let details: Vec<&str> =
            [Some(c.name.as_str()), c.office.as_deref(), c.phone.as_deref(), c.email.as_deref()]
                .into_iter()
                .flatten()
                .collect();
        let value = details.join(", ");
        views.push(ProposalView {
            field: user.t("field-contacts"),
            value: if known.is_some() {
                value
            } else {
                format!("{value} ({})", user.t("proposal-not-listed"))
            },
            evidence: c.evidence.clone(),
            filled: known.is_some(),
            target: if known.is_some() { "contacts" } else { "" },
            code: known.map(|k| k.key.clone()).unwrap_or_default(),
        });
    }
    for t in &p.themes {
        draft.themes.push(t.slug.clone());
        views.push(ProposalView {
            field: user.t("field-themes"),
            value: t.slug.clone(),
            evidence: first_evidence(&t.evidence),
            filled: true,
            target: "themes",
            code: t.slug.clone(),
        });
    }
    Ok((draft, views))
}
