//! The countries a release is about, from the scan's hits: names (CLDR, aliases), demonyms and
//! unambiguous cities, each with the words that support it.
//!
//! The rules, also followed by the labelled set: a demonym counts for its country ("Venezuelans"
//! → VE) but a country named only that way is flagged `via_demonym_only` and scores lower; a
//! demonym that is also a language's name ("French", "alemán") counts only next to a word for
//! people or a state ("French government"). Not counted: a dateline city printed alone (a
//! release from "GENEVA –" is not about Switzerland), anything in the media-contact block, and
//! names inside an organization's name ("Colombian Red Cross").

use crate::CountryProposal;
use crate::country_tables::PEOPLE_WORDS;
use crate::dateline;
use crate::document::Document;
use crate::fold::fold;
use crate::gazetteer::{Hit, What};
use crate::orgs::evidence;

/// Country proposals, strongest first.
pub fn find(
    doc: &Document,
    hits: &[Hit],
    dateline: Option<&dateline::Found>,
    contact_region: Option<&(usize, usize)>,
    org_spans: &[(usize, usize)],
) -> Vec<CountryProposal> {
    let text = doc.plain.as_str();
    let mut proposals: Vec<(CountryProposal, usize, bool)> = Vec::new();
    for hit in hits {
        let (iso2, weight, is_demonym) = match hit.what {
            What::Country(iso2) => (iso2, 1.0, false),
            What::City(iso2) => (iso2, 0.5, false),
            What::Demonym { iso2, weak } => {
                // "Somalis", "alemanes": an inflected language-like demonym means people.
                if weak && !hit.inflected && !near_people_word(text, hit.start, hit.end) {
                    continue;
                }
                (iso2, if weak { 0.4 } else { 0.6 }, true)
            }
            _ => continue,
        };
        let inside = |(start, end): (usize, usize)| hit.start >= start && hit.end <= end;
        if contact_region.is_some_and(|region| inside(*region)) || org_spans.iter().any(|span| inside(*span))
        {
            continue;
        }
        if let Some(found) = dateline {
            // In the dateline only the printed country counts ("عمان، الأردن": Jordan, not the
            // Oman that "عمان" also spells).
            let country = found.dateline.country.as_deref();
            if inside(found.span)
                && !(found.country_printed && matches!(hit.what, What::Country(_)) && country == Some(iso2))
            {
                continue;
            }
            // The dateline's city named again ("Ginebra acoge…") is where the release comes
            // from, not what it is about.
            if !found.country_printed && matches!(hit.what, What::City(_)) && country == Some(iso2) {
                continue;
            }
        }
        let proof = evidence(text, hit.start, hit.end);
        match proposals.iter_mut().find(|(p, ..)| p.iso2 == iso2) {
            Some((proposal, _, only_demonyms)) => {
                proposal.score = 1.0 - (1.0 - proposal.score) * (1.0 - weight);
                *only_demonyms &= is_demonym;
                proposal.evidence.push(proof);
            }
            None => {
                let name =
                    portico_geo::country(iso2).map_or(iso2, |c| c.name(portico_geo::Lang::En)).to_owned();
                let proposal = CountryProposal {
                    iso2: iso2.to_owned(),
                    name,
                    evidence: vec![proof],
                    via_demonym_only: false,
                    score: weight,
                };
                proposals.push((proposal, hit.start, is_demonym));
            }
        }
    }
    let mut out: Vec<CountryProposal> = proposals
        .into_iter()
        .map(|(mut proposal, _, only_demonyms)| {
            proposal.via_demonym_only = only_demonyms;
            proposal.score = (proposal.score * 100.0).round() / 100.0;
            proposal
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score));
    out
}

/// Whether a word for people or a state stands within three words of `start..end`.
fn near_people_word(text: &str, start: usize, end: usize) -> bool {
    let before: Vec<&str> = text[..start].split_whitespace().rev().take(3).collect();
    let after: Vec<&str> = text[end..].split_whitespace().take(3).collect();
    before.into_iter().chain(after).any(|word| {
        let word = fold(word.trim_matches(|ch: char| !ch.is_alphanumeric()));
        // "l'ambassade", "والحكومة": look past an elided article or a clitic.
        let word = word.rsplit('\'').next().unwrap_or(&word).to_owned();
        let bare = word.trim_start_matches("وال").trim_start_matches("ال").trim_start_matches('و');
        PEOPLE_WORDS.iter().any(|people| word.starts_with(people) || bare.starts_with(people))
    })
}
