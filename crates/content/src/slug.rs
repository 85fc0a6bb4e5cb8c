/// Turns a title into a URL slug: ASCII lowercase words joined by `-`, accents folded
/// ("Niños migrantes" → "ninos-migrantes"), at most 80 characters, cut at a word boundary.
pub fn slugify(title: &str) -> String {
    const MAX: usize = 80;
    let ascii = deunicode::deunicode(title).to_ascii_lowercase();
    let mut slug = String::with_capacity(ascii.len().min(MAX));
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        let extra = if slug.is_empty() { word.len() } else { word.len() + 1 };
        if slug.len() + extra > MAX {
            if slug.is_empty() {
                slug.push_str(&word[..MAX]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

/// A slug is 1–80 characters of `a-z`, `0-9` and single inner hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// A page path is one or more valid slugs joined by `/` (`our-work/partnerships`).
pub fn is_valid_path(path: &str) -> bool {
    path.len() <= 240 && path.split('/').all(is_valid_slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_punctuation() {
        assert_eq!(
            slugify("IOM, Partners Work with the Americas to Protect Migrant Children"),
            "iom-partners-work-with-the-americas-to-protect-migrant-children"
        );
        assert_eq!(slugify("Niños migrantes: ¿qué hacer?"), "ninos-migrantes-que-hacer");
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn long_titles_are_cut_at_a_word_boundary() {
        let slug = slugify(&"protection ".repeat(20));
        assert!(slug.len() <= 80);
        assert!(!slug.ends_with('-'));
        assert!(is_valid_slug(&slug));
    }

    #[test]
    fn slug_and_path_rules() {
        assert!(is_valid_slug("who-we-are"));
        assert!(!is_valid_slug("Who"));
        assert!(!is_valid_slug("a--b"));
        assert!(!is_valid_slug("-a"));
        assert!(is_valid_path("our-work/partnerships"));
        assert!(!is_valid_path("our-work/"));
        assert!(!is_valid_path("../etc"));
    }
}
