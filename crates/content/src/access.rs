//! Who may do what, where. The one place the rules live; the web layer asks here for every
//! page and API call, so the back office and the API can never disagree.

use serde::Serialize;
use time::OffsetDateTime;

use crate::{Kind, SiteId, Status};

/// A user's role. Every role but admin is limited to the sites the user is scoped to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Everything, on every site.
    Admin,
    /// Publishes, reviews, edits pages, menus and media — in their sites.
    Editor,
    /// Writes drafts and submits them for review — in their sites.
    Author,
    /// Edits translations of existing documents — in their sites.
    Translator,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Author, Role::Translator];

    /// The stable text stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Author => "author",
            Role::Translator => "translator",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = crate::UnknownValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| crate::UnknownValue { what: "role", value: s.to_owned() })
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a user may try to do in the back office or through the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the site's unpublished documents and their revisions.
    ViewDrafts,
    /// Create a new release or page as a draft.
    CreateDraft,
    /// Change a document that is still a draft.
    EditDraft,
    /// Change a document whatever its status (in review, scheduled, published).
    EditAny,
    /// Change a translation (a variant in a language other than the document's first).
    EditTranslation,
    /// Send a draft for review.
    Submit,
    /// Publish, schedule, or send back to draft.
    Publish,
    /// Take a published document off the public site, or archive it.
    Unpublish,
    /// Create and edit pages.
    EditPages,
    /// Edit the site's menu.
    EditMenus,
    /// Upload media and edit its alt text, caption and credit.
    UploadMedia,
    /// Read the audit log.
    ViewAudit,
    /// Create users and change their roles.
    ManageUsers,
    /// Create sites and change their languages, host names and settings.
    ManageSites,
}

impl Action {
    /// Every action, for exhaustive tests and listings.
    pub const ALL: [Action; 14] = [
        Action::ViewDrafts,
        Action::CreateDraft,
        Action::EditDraft,
        Action::EditAny,
        Action::EditTranslation,
        Action::Submit,
        Action::Publish,
        Action::Unpublish,
        Action::EditPages,
        Action::EditMenus,
        Action::UploadMedia,
        Action::ViewAudit,
        Action::ManageUsers,
        Action::ManageSites,
    ];
}

/// Whether a role grants `action` at all, leaving the site scope aside.
pub fn role_allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::Admin => true,
        Role::Editor => !matches!(action, ViewAudit | ManageUsers | ManageSites),
        Role::Author => matches!(action, ViewDrafts | CreateDraft | EditDraft | Submit | UploadMedia),
        Role::Translator => matches!(action, ViewDrafts | EditTranslation),
    }
}

/// Whether a user with `role`, scoped to `sites`, may do `action` on `site`.
pub fn may(role: Role, sites: &[SiteId], action: Action, site: SiteId) -> bool {
    role_allows(role, action) && (role == Role::Admin || sites.contains(&site))
}

/// A variant as the rules for changing it see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// The site that owns the document.
    pub site: SiteId,
    /// Release or page.
    pub kind: Kind,
    /// Where the variant stands in the workflow.
    pub status: Status,
    /// Whether it translates the document's original.
    pub is_translation: bool,
}

/// Why a rule refuses: a stable code that the back office translates (`refusal-{code}` in the
/// Fluent files) and the API returns as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The role does not grant this on this site.
    #[error("forbidden")]
    Forbidden,
    /// A translator tried to change a published or scheduled translation: the change would go
    /// live (or break its embargo) without an editor's review.
    #[error("translation_is_live")]
    TranslationIsLive,
}

impl Refusal {
    /// The stable code (`translation_is_live`).
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Forbidden => "forbidden",
            Refusal::TranslationIsLive => "translation_is_live",
        }
    }
}

/// Whether a user may save new fields into `target`.
///
/// Editors (and authors, for their drafts) edit by status and kind. A translator writes
/// translations only, and only while they are not live: what goes public is an editor's call.
pub fn may_edit(role: Role, sites: &[SiteId], target: Target) -> Result<(), Refusal> {
    let by_status = if target.status == Status::Draft { Action::EditDraft } else { Action::EditAny };
    let by_kind = target.kind == Kind::Release || may(role, sites, Action::EditPages, target.site);
    if may(role, sites, by_status, target.site) && by_kind {
        return Ok(());
    }
    if target.is_translation && may(role, sites, Action::EditTranslation, target.site) {
        return match target.status {
            Status::Published | Status::Scheduled => Err(Refusal::TranslationIsLive),
            _ => Ok(()),
        };
    }
    Err(Refusal::Forbidden)
}

/// Whether a user may take the workflow step that needs `action` on `target`. On top of the
/// role table, a translator sends their own translations for review.
pub fn may_act(role: Role, sites: &[SiteId], action: Action, target: Target) -> Result<(), Refusal> {
    let translator_submits = action == Action::Submit
        && target.is_translation
        && may(role, sites, Action::EditTranslation, target.site);
    if may(role, sites, action, target.site) || translator_submits { Ok(()) } else { Err(Refusal::Forbidden) }
}

/// The publication time a save stores. Only those who may publish on the site move it;
/// anyone else's save keeps the stored one, so that a translation follows its document and
/// nobody but an editor lifts an embargo or hides a published release by changing a date.
pub fn publication_time_on_save(
    role: Role,
    sites: &[SiteId],
    site: SiteId,
    stored: Option<OffsetDateTime>,
    submitted: Option<OffsetDateTime>,
) -> Option<OffsetDateTime> {
    if may(role, sites, Action::Publish, site) { submitted } else { stored }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole rule table: role × action, on the user's own site and on another site.
    #[test]
    fn every_role_action_and_site_combination() {
        use Action::*;
        let own = SiteId(1);
        let other = SiteId(2);
        let granted: [(Role, &[Action]); 4] = [
            (Role::Admin, &Action::ALL),
            (
                Role::Editor,
                &[
                    ViewDrafts,
                    CreateDraft,
                    EditDraft,
                    EditAny,
                    EditTranslation,
                    Submit,
                    Publish,
                    Unpublish,
                    EditPages,
                    EditMenus,
                    UploadMedia,
                ],
            ),
            (Role::Author, &[ViewDrafts, CreateDraft, EditDraft, Submit, UploadMedia]),
            (Role::Translator, &[ViewDrafts, EditTranslation]),
        ];
        let expected_on_own_site = |role: Role, action: Action| {
            granted.iter().any(|(r, actions)| *r == role && actions.contains(&action))
        };
        for role in Role::ALL {
            for action in Action::ALL {
                assert_eq!(
                    may(role, &[own], action, own),
                    expected_on_own_site(role, action),
                    "{role} {action:?} own"
                );
                let on_other = role == Role::Admin;
                assert_eq!(may(role, &[own], action, other), on_other, "{role} {action:?} other site");
            }
        }
    }

    #[test]
    fn roles_parse_from_their_names_only() {
        assert_eq!("editor".parse::<Role>(), Ok(Role::Editor));
        assert!("root".parse::<Role>().is_err());
        assert!("Admin".parse::<Role>().is_err());
    }

    fn target(status: Status, is_translation: bool) -> Target {
        Target { site: SiteId(1), kind: Kind::Release, status, is_translation }
    }

    #[test]
    fn a_translator_edits_translations_only_while_they_are_not_live() {
        let own = [SiteId(1)];
        for &status in Status::ALL {
            let live = matches!(status, Status::Published | Status::Scheduled);
            let expected = if live { Err(Refusal::TranslationIsLive) } else { Ok(()) };
            assert_eq!(may_edit(Role::Translator, &own, target(status, true)), expected, "{status}");
            assert_eq!(
                may_edit(Role::Translator, &own, target(status, false)),
                Err(Refusal::Forbidden),
                "an original, {status}"
            );
            assert_eq!(may_edit(Role::Editor, &own, target(status, true)), Ok(()), "editor, {status}");
            assert_eq!(
                may_edit(Role::Translator, &[SiteId(2)], target(status, true)),
                Err(Refusal::Forbidden),
                "another site, {status}"
            );
        }
        assert_eq!(may_edit(Role::Author, &own, target(Status::Draft, false)), Ok(()));
        assert_eq!(may_edit(Role::Author, &own, target(Status::Published, false)), Err(Refusal::Forbidden));
    }

    #[test]
    fn a_translator_submits_translations_but_never_publishes() {
        let own = [SiteId(1)];
        assert_eq!(may_act(Role::Translator, &own, Action::Submit, target(Status::Draft, true)), Ok(()));
        assert_eq!(
            may_act(Role::Translator, &own, Action::Submit, target(Status::Draft, false)),
            Err(Refusal::Forbidden)
        );
        for action in [Action::Publish, Action::Unpublish] {
            assert_eq!(
                may_act(Role::Translator, &own, action, target(Status::InReview, true)),
                Err(Refusal::Forbidden)
            );
        }
    }

    #[test]
    fn only_those_who_publish_move_the_publication_time() {
        let own = [SiteId(1)];
        let stored = Some(OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000));
        let submitted = Some(OffsetDateTime::UNIX_EPOCH);
        for role in [Role::Translator, Role::Author] {
            assert_eq!(publication_time_on_save(role, &own, SiteId(1), stored, submitted), stored, "{role}");
            assert_eq!(publication_time_on_save(role, &own, SiteId(1), stored, None), stored, "{role}");
        }
        for role in [Role::Editor, Role::Admin] {
            assert_eq!(publication_time_on_save(role, &own, SiteId(1), stored, submitted), submitted);
        }
        assert_eq!(
            publication_time_on_save(Role::Editor, &own, SiteId(2), stored, submitted),
            stored,
            "not an editor there"
        );
    }

    #[test]
    fn refusals_have_stable_codes() {
        assert_eq!(Refusal::TranslationIsLive.code(), "translation_is_live");
        assert_eq!(Refusal::Forbidden.to_string(), "forbidden");
    }
}
