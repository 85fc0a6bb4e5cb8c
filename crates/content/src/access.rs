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
    /// No workflow step has this name.
    #[error("unknown_action")]
    UnknownAction,
    /// The step exists but does not lead from the document's status (archiving a draft).
    #[error("invalid_transition")]
    InvalidTransition,
    /// Scheduling needs the time to publish at.
    #[error("missing_publish_time")]
    MissingPublishTime,
    /// The time to publish at is not in the future.
    #[error("publish_time_passed")]
    PublishTimePassed,
    /// The lead image has no alternative text, so the document may not go public.
    #[error("missing_alt_text")]
    MissingAltText,
}

impl Refusal {
    /// Every refusal, for exhaustive tests and the API's documentation.
    pub const ALL: [Refusal; 7] = [
        Refusal::Forbidden,
        Refusal::TranslationIsLive,
        Refusal::UnknownAction,
        Refusal::InvalidTransition,
        Refusal::MissingPublishTime,
        Refusal::PublishTimePassed,
        Refusal::MissingAltText,
    ];

    /// The stable code (`translation_is_live`).
    pub fn code(self) -> &'static str {
        match self {
            Refusal::Forbidden => "forbidden",
            Refusal::TranslationIsLive => "translation_is_live",
            Refusal::UnknownAction => "unknown_action",
            Refusal::InvalidTransition => "invalid_transition",
            Refusal::MissingPublishTime => "missing_publish_time",
            Refusal::PublishTimePassed => "publish_time_passed",
            Refusal::MissingAltText => "missing_alt_text",
        }
    }

    /// The submitted field the refusal is about, for refusals that a corrected field cures.
    pub fn field(self) -> Option<&'static str> {
        match self {
            Refusal::MissingPublishTime | Refusal::PublishTimePassed => Some("at"),
            Refusal::MissingAltText => Some("image"),
            _ => None,
        }
    }
}

/// A step in the workflow, named as the back office's buttons and the API's paths name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// Send for review.
    Submit,
    /// Publish now (or at the stored time, when it has passed).
    Publish,
    /// Publish at a later time.
    Schedule,
    /// Send a document in review back to its author.
    Return,
    /// Take a published or scheduled document back to draft.
    Unpublish,
    /// Take a published document off the site for good.
    Archive,
    /// Bring an archived document back as a draft.
    RestoreDraft,
}

impl Transition {
    /// Every step, in the order the back office offers them.
    pub const ALL: [Transition; 7] = [
        Transition::Submit,
        Transition::Publish,
        Transition::Schedule,
        Transition::Return,
        Transition::Unpublish,
        Transition::Archive,
        Transition::RestoreDraft,
    ];

    /// The stable name (`restore_draft`).
    pub fn as_str(self) -> &'static str {
        match self {
            Transition::Submit => "submit",
            Transition::Publish => "publish",
            Transition::Schedule => "schedule",
            Transition::Return => "return",
            Transition::Unpublish => "unpublish",
            Transition::Archive => "archive",
            Transition::RestoreDraft => "restore_draft",
        }
    }

    /// The permission the step needs.
    pub fn permission(self) -> Action {
        match self {
            Transition::Submit => Action::Submit,
            Transition::Publish | Transition::Schedule | Transition::Return => Action::Publish,
            Transition::Unpublish | Transition::Archive | Transition::RestoreDraft => Action::Unpublish,
        }
    }

    /// Where the step leads.
    pub fn to(self) -> Status {
        match self {
            Transition::Submit => Status::InReview,
            Transition::Publish => Status::Published,
            Transition::Schedule => Status::Scheduled,
            Transition::Return | Transition::Unpublish | Transition::RestoreDraft => Status::Draft,
            Transition::Archive => Status::Archived,
        }
    }

    /// Whether the back office shows the step's button on a document in `status`. The steps
    /// that lead to draft each have their own button for the status they undo, so that a
    /// document never shows three buttons that do the same.
    pub fn is_offered_from(self, status: Status) -> bool {
        let undoes = match self {
            Transition::Return => status == Status::InReview,
            Transition::Unpublish => matches!(status, Status::Published | Status::Scheduled),
            Transition::RestoreDraft => status == Status::Archived,
            _ => true,
        };
        undoes && status.can_become(self.to())
    }
}

impl std::str::FromStr for Transition {
    type Err = Refusal;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Transition::ALL.into_iter().find(|t| t.as_str() == s).ok_or(Refusal::UnknownAction)
    }
}

impl std::fmt::Display for Transition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A workflow step the rules allow: what to store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The status the document is at; the store moves it only if it still is.
    pub from: Status,
    /// The status it goes to.
    pub to: Status,
    /// The publication time to store; `None` keeps the stored one.
    pub published_at: Option<OffsetDateTime>,
}

/// What the rules need to know of a document to decide a workflow step, beyond its [`Target`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StepContext<'a> {
    /// The publication time stored with the variant.
    pub stored_published_at: Option<OffsetDateTime>,
    /// The time asked for when scheduling.
    pub schedule_at: Option<OffsetDateTime>,
    /// The lead image's alternative text: `None` without a lead image, `Some("")` when it has
    /// none (or the image is gone).
    pub lead_image_alt: Option<&'a str>,
}

/// Whether `role` may take `transition` on `target` now, and if so what to store. The checks
/// run in a fixed order (permission, then the status, then the step's own fields), so that a
/// caller who may not act learns nothing about the document's fields.
pub fn decide_transition(
    role: Role,
    sites: &[SiteId],
    target: Target,
    transition: Transition,
    context: StepContext<'_>,
    now: OffsetDateTime,
) -> Result<Step, Refusal> {
    let to = transition.to();
    may_act(role, sites, transition.permission(), target)?;
    let goes_public = matches!(to, Status::Published | Status::Scheduled);
    if target.kind == Kind::Page && goes_public && !may(role, sites, Action::EditPages, target.site) {
        return Err(Refusal::Forbidden);
    }
    if !target.status.can_become(to) {
        return Err(Refusal::InvalidTransition);
    }
    let published_at = match transition {
        Transition::Publish => Some(context.stored_published_at.filter(|at| *at <= now).unwrap_or(now)),
        Transition::Schedule => {
            let at = context.schedule_at.ok_or(Refusal::MissingPublishTime)?;
            if at <= now {
                return Err(Refusal::PublishTimePassed);
            }
            Some(at)
        }
        _ => None,
    };
    if goes_public && context.lead_image_alt.is_some_and(|alt| alt.trim().is_empty()) {
        return Err(Refusal::MissingAltText);
    }
    Ok(Step { from: target.status, to, published_at })
}

/// Whether a user may save new fields into `target`.
///
/// Editors (and authors, for their drafts) edit by status and kind. A translator writes
/// translations only, and only while they are not live: what goes public is an editor's call.
pub fn may_edit(role: Role, sites: &[SiteId], target: Target) -> Result<(), Refusal> {
    let by_status = if target.status == Status::Draft { Action::EditDraft } else { Action::EditAny };
    let by_kind = target.kind != Kind::Page || may(role, sites, Action::EditPages, target.site);
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

    /// The statuses each step leads from, written out rather than derived, so that a change to
    /// the workflow shows here as a change to this table.
    fn leads_from(transition: Transition) -> &'static [Status] {
        use Status::*;
        match transition {
            Transition::Submit => &[Draft],
            Transition::Publish => &[Draft, InReview, Scheduled],
            Transition::Schedule => &[Draft, InReview],
            Transition::Return | Transition::Unpublish | Transition::RestoreDraft => {
                &[InReview, Scheduled, Published, Archived]
            }
            Transition::Archive => &[Published],
        }
    }

    /// The whole workflow table: role × step × status × own or other site × original or
    /// translation, for a release.
    #[test]
    fn every_role_step_status_and_site_combination() {
        use Transition::*;
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        let later = now + time::Duration::hours(1);
        let context = StepContext { schedule_at: Some(later), ..StepContext::default() };
        let own = SiteId(1);
        let granted = |role: Role, transition: Transition, is_translation: bool| match role {
            Role::Admin | Role::Editor => true,
            Role::Author => transition == Submit,
            Role::Translator => transition == Submit && is_translation,
        };
        let mut cases = 0;
        for role in Role::ALL {
            for transition in Transition::ALL {
                for &status in Status::ALL {
                    for site in [own, SiteId(2)] {
                        for is_translation in [false, true] {
                            let target = Target { site, kind: Kind::Release, status, is_translation };
                            let allowed = granted(role, transition, is_translation)
                                && (site == own || role == Role::Admin);
                            let expected = if !allowed {
                                Err(Refusal::Forbidden)
                            } else if !leads_from(transition).contains(&status) {
                                Err(Refusal::InvalidTransition)
                            } else {
                                let published_at = match transition {
                                    Publish => Some(now),
                                    Schedule => Some(later),
                                    _ => None,
                                };
                                Ok(Step { from: status, to: transition.to(), published_at })
                            };
                            let got = decide_transition(role, &[own], target, transition, context, now);
                            assert_eq!(
                                got, expected,
                                "{role} {transition} from {status} on site {site:?}, translation {is_translation}"
                            );
                            cases += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(cases, 4 * 7 * 5 * 2 * 2);
    }

    /// The whole edit table: role × status × own or other site × original or translation.
    #[test]
    fn every_role_edit_status_and_site_combination() {
        let own = SiteId(1);
        for role in Role::ALL {
            for &status in Status::ALL {
                for site in [own, SiteId(2)] {
                    for is_translation in [false, true] {
                        let target = Target { site, kind: Kind::Release, status, is_translation };
                        let live = matches!(status, Status::Published | Status::Scheduled);
                        let expected = match role {
                            Role::Admin => Ok(()),
                            _ if site != own => Err(Refusal::Forbidden),
                            Role::Editor => Ok(()),
                            Role::Author if status == Status::Draft => Ok(()),
                            Role::Translator if is_translation && live => Err(Refusal::TranslationIsLive),
                            Role::Translator if is_translation => Ok(()),
                            _ => Err(Refusal::Forbidden),
                        };
                        assert_eq!(
                            may_edit(role, &[own], target),
                            expected,
                            "{role} edits {status} on site {site:?}, translation {is_translation}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_page_goes_public_only_by_those_who_edit_pages() {
        let page =
            Target { site: SiteId(1), kind: Kind::Page, status: Status::InReview, is_translation: false };
        let now = OffsetDateTime::UNIX_EPOCH;
        let publish = |role| {
            decide_transition(role, &[SiteId(1)], page, Transition::Publish, StepContext::default(), now)
        };
        assert!(publish(Role::Editor).is_ok());
        assert_eq!(publish(Role::Author), Err(Refusal::Forbidden));
    }

    #[test]
    fn a_step_names_what_is_missing_for_it() {
        let now = OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_000);
        let draft = target(Status::Draft, false);
        let decide = |transition, context| {
            decide_transition(Role::Editor, &[SiteId(1)], draft, transition, context, now)
        };
        assert_eq!(decide(Transition::Schedule, StepContext::default()), Err(Refusal::MissingPublishTime));
        let past = StepContext { schedule_at: Some(now), ..StepContext::default() };
        assert_eq!(decide(Transition::Schedule, past), Err(Refusal::PublishTimePassed));
        for alt in ["", "  "] {
            let no_alt = StepContext { lead_image_alt: Some(alt), ..StepContext::default() };
            assert_eq!(decide(Transition::Publish, no_alt), Err(Refusal::MissingAltText));
        }
        let with_alt = StepContext { lead_image_alt: Some("A clinic"), ..StepContext::default() };
        assert!(decide(Transition::Publish, with_alt).is_ok());
        let no_alt = StepContext { lead_image_alt: Some(""), ..StepContext::default() };
        assert!(decide(Transition::Submit, no_alt).is_ok(), "only going public needs the alt text");
        let earlier = now - time::Duration::days(3);
        let stored = StepContext { stored_published_at: Some(earlier), ..StepContext::default() };
        assert_eq!(decide(Transition::Publish, stored).map(|s| s.published_at), Ok(Some(earlier)));
        let future = StepContext {
            stored_published_at: Some(now + time::Duration::days(3)),
            ..StepContext::default()
        };
        assert_eq!(
            decide(Transition::Publish, future).map(|s| s.published_at),
            Ok(Some(now)),
            "publish now means now"
        );
        assert_eq!("promote".parse::<Transition>(), Err(Refusal::UnknownAction));
    }

    #[test]
    fn the_buttons_offered_are_the_steps_that_undo_the_status() {
        use Transition::*;
        let offered =
            |status| Transition::ALL.into_iter().filter(|t| t.is_offered_from(status)).collect::<Vec<_>>();
        assert_eq!(offered(Status::Draft), [Submit, Publish, Schedule]);
        assert_eq!(offered(Status::InReview), [Publish, Schedule, Return]);
        assert_eq!(offered(Status::Scheduled), [Publish, Unpublish]);
        assert_eq!(offered(Status::Published), [Unpublish, Archive]);
        assert_eq!(offered(Status::Archived), [RestoreDraft]);
    }

    #[test]
    fn refusals_have_stable_codes() {
        for refusal in Refusal::ALL {
            assert_eq!(refusal.to_string(), refusal.code());
        }
        assert_eq!(Refusal::TranslationIsLive.code(), "translation_is_live");
        assert_eq!(Refusal::Forbidden.to_string(), "forbidden");
    }
}
