use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type! {
    /// A site: the global site or one country office.
    SiteId,
    /// A document: every language variant of one page or release.
    DocumentId,
    /// One language variant of a document.
    VariantId,
    /// A theme of the taxonomy.
    ThemeId,
    /// A partner organization.
    PartnerId,
    /// A media contact.
    ContactId,
    /// A programme that funds or runs the work.
    ProgrammeId,
    /// A back-office user.
    UserId,
    /// An uploaded image or file.
    MediaId,
}
