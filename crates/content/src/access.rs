//! Who may do what, where. The one place the rules live; the web layer asks here for every
//! page and API call, so the back office and the API can never disagree.

use serde::Serialize;

use crate::SiteId;

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
}
