use serde::Serialize;

/// A value read from storage or a request that names no known variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what}: {value:?}")]
pub struct UnknownValue {
    /// What was being parsed ("kind", "status").
    pub what: &'static str,
    /// The text that did not parse.
    pub value: String,
}

macro_rules! text_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($(#[$vdoc:meta])* $variant:ident = $text:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vdoc])* $variant),* }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable text stored in the database and used in URLs and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),* }
            }
        }

        impl std::str::FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)*
                    _ => Err(UnknownValue { what: $what, value: s.to_owned() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum! {
    /// What a document is; it decides its fields and where it lives in the URL space.
    Kind, "kind" {
        /// A section of the site, addressed by its path in the menu tree.
        Page = "page",
        /// A press release, under `/{lang}/news/{slug}`.
        Release = "release",
        /// A vacancy notice, under `/{lang}/vacancies/{slug}`.
        Vacancy = "vacancy",
        /// A publication (a report, a book, a paper), under `/{lang}/publications/{slug}`.
        Publication = "publication",
    }
}

impl Kind {
    /// Every kind's text, comma-separated, for a message naming what may be asked for.
    pub fn listed() -> String {
        Kind::ALL.iter().map(|kind| kind.as_str()).collect::<Vec<_>>().join(", ")
    }

    /// A variant's site-relative path from its slug: a page's slug is its path, releases
    /// live under `news/`, vacancies under `vacancies/`, publications under `publications/`.
    pub fn path_of(self, slug: &str) -> String {
        format!("{}{slug}", self.path_prefix())
    }

    /// What [`Kind::path_of`] puts before a slug: for writers that put the two together
    /// themselves.
    pub fn path_prefix(self) -> &'static str {
        match self {
            Kind::Page => "",
            Kind::Release => "news/",
            Kind::Vacancy => "vacancies/",
            Kind::Publication => "publications/",
        }
    }
}

text_enum! {
    /// Where a variant stands in the editorial workflow. Only `Published` is ever public.
    Status, "status" {
        /// Being written.
        Draft = "draft",
        /// Submitted for an editor's review.
        InReview = "in_review",
        /// Approved, to go live at its publication time.
        Scheduled = "scheduled",
        /// Public.
        Published = "published",
        /// Withdrawn from the public site but kept.
        Archived = "archived",
    }
}

impl Status {
    /// Whether the workflow allows going from this status to `next` (whoever asks).
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        matches!(
            (self, next),
            (Draft, InReview | Scheduled | Published)
                | (InReview, Draft | Scheduled | Published)
                | (Scheduled, Draft | Published)
                | (Published, Draft | Archived)
                | (Archived, Draft)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_text() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(*status));
        }
        assert!("live".parse::<Status>().is_err());
    }

    #[test]
    fn the_workflow_moves_forward_and_back_but_never_skips_to_archive_from_a_draft() {
        assert!(Status::Draft.can_become(Status::InReview));
        assert!(Status::InReview.can_become(Status::Published));
        assert!(Status::Published.can_become(Status::Draft));
        assert!(Status::Published.can_become(Status::Archived));
        assert!(!Status::Draft.can_become(Status::Archived));
        assert!(!Status::Archived.can_become(Status::Published));
        assert!(!Status::Draft.can_become(Status::Draft));
    }
}
