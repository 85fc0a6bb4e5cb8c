//! A subscription's keyword and category filters: an item is kept when it mentions one of the
//! keywords and carries one of the categories; an empty list keeps everything.

use crate::parse::ParsedItem;

/// What a subscription keeps.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    keywords: Vec<String>,
    categories: Vec<String>,
}

impl Filter {
    /// A filter on these keywords (matched case-insensitively anywhere in the title or summary)
    /// and categories (matched case-insensitively, whole).
    pub fn new(keywords: &[String], categories: &[String]) -> Filter {
        let normalize = |values: &[String]| -> Vec<String> {
            values.iter().map(|v| v.trim().to_lowercase()).filter(|v| !v.is_empty()).collect()
        };
        Filter { keywords: normalize(keywords), categories: normalize(categories) }
    }

    /// Whether `item` passes.
    pub fn keeps(&self, item: &ParsedItem) -> bool {
        let text = item.text.to_lowercase();
        let keyword_ok = self.keywords.is_empty() || self.keywords.iter().any(|k| text.contains(k.as_str()));
        let category_ok = self.categories.is_empty()
            || item.categories.iter().any(|c| self.categories.contains(&c.trim().to_lowercase()));
        keyword_ok && category_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(text: &str, categories: &[&str]) -> ParsedItem {
        ParsedItem {
            guid: "1".into(),
            link: String::new(),
            title: text.into(),
            summary_html: String::new(),
            published_at: time::OffsetDateTime::UNIX_EPOCH,
            categories: categories.iter().map(|c| (*c).to_owned()).collect(),
            text: text.into(),
        }
    }

    #[test]
    fn keywords_and_categories_both_have_to_match() {
        let all = Filter::default();
        let words = Filter::new(&["Migration".into(), " asylum ".into()], &[]);
        let cats = Filter::new(&[], &["Emergencies".into()]);
        let both = Filter::new(&["flood".into()], &["emergencies".into()]);
        let flood = item("Flood response in the north", &["EMERGENCIES"]);
        let migration = item("Labour migration report", &["Reports"]);
        assert!(all.keeps(&flood) && all.keeps(&migration));
        assert!(!words.keeps(&flood) && words.keeps(&migration));
        assert!(cats.keeps(&flood) && !cats.keeps(&migration));
        assert!(both.keeps(&flood) && !both.keeps(&migration));
        assert!(!both.keeps(&item("Flood report", &["Reports"])));
    }
}
