//! Partner organizations: the built-in list's hits, national Red Cross and Red Crescent
//! societies ("Colombian Red Cross", "Cruz Roja Hondureña"), the caller's registry, and new
//! organizations introduced with an acronym ("Norwegian Refugee Council (NRC)") that neither
//! knows.
//!
//! An organization found is matched to the registry entry that shares one of its acronyms or
//! names; a new one is proposed only when nothing matches. Never two proposals for one
//! organization.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::fold::{Folded, fold, is_word_char};
use crate::gazetteer::{Hit, What, organizations};
use crate::{Evidence, KnownPartner, OrgProposal};

/// Organizations found, and the byte ranges of the text they cover (a country named inside
/// an organization's name is not a country of the release).
#[derive(Debug, Default)]
pub struct Found {
    /// Proposals in order of first mention.
    pub proposals: Vec<OrgProposal>,
    /// Ranges covered by organization names.
    pub spans: Vec<(usize, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Identity {
    Builtin(usize),
    Registry(i64),
    Society(&'static str),
    New(String),
}

/// Builds the organization proposals from the scan's hits and the registry.
pub fn find(text: &str, folded: &Folded, hits: &[Hit], partners: &[KnownPartner]) -> Found {
    let mut found = Found::default();
    let mut groups: Vec<(Identity, OrgProposal)> = Vec::new();
    // Where each group was first mentioned, to list them in reading order.
    let mut first_seen: Vec<(Identity, usize)> = Vec::new();
    let builtin = organizations();

    // National societies: "Red Cross" next to a country or demonym.
    let mut society_parts: Vec<usize> = Vec::new();
    for (index, hit) in hits.iter().enumerate() {
        if hit.what != What::RedCross {
            continue;
        }
        // The country after ("Cruz Roja Hondureña", "الهلال الأحمر الليبي") is tried first, then
        // the one before ("Colombian Red Cross").
        let neighbour = [Some(index + 1), index.checked_sub(1)]
            .into_iter()
            .flatten()
            .filter_map(|i| hits.get(i).map(|h| (i, h)))
            .find(|(_, other)| {
                let country = matches!(other.what, What::Country(_) | What::Demonym { .. });
                let (gap_from, gap_to) =
                    if other.start >= hit.end { (hit.end, other.start) } else { (other.end, hit.start) };
                country && gap_to >= gap_from && is_society_gap(&text[gap_from..gap_to])
            });
        let Some((other_index, other)) = neighbour else { continue };
        let iso2 = match other.what {
            What::Country(iso2) | What::Demonym { iso2, .. } => iso2,
            _ => continue,
        };
        society_parts.push(other_index);
        let (start, end) = (hit.start.min(other.start), hit.end.max(other.end));
        let printed = strip_arabic_clitic(&text[start..end]).to_owned();
        found.spans.push((start, end));
        let english = portico_geo::country(iso2).map_or(iso2, |c| c.name(portico_geo::Lang::En));
        let crescent = fold(&text[hit.start..hit.end]).contains("cres")
            || text[hit.start..hit.end].contains("هلال")
            || fold(&text[hit.start..hit.end]).contains("halbmond")
            || fold(&text[hit.start..hit.end]).contains("mezzaluna")
            || fold(&text[hit.start..hit.end]).contains("luna");
        let movement = if crescent { "Red Crescent" } else { "Red Cross" };
        let mut aliases = vec![format!("{english} {movement}"), format!("{english} {movement} Society")];
        // "جمعية الهلال الأحمر المصري" is also printed without "جمعية" (society).
        if let Some(short) = printed.strip_prefix("جمعية ") {
            aliases.push(short.to_owned());
        }
        if let Some(nominative) = german_nominative(&printed) {
            aliases.push(nominative);
        }
        let printed_for_make = printed.clone();
        add(
            &mut groups,
            Identity::Society(iso2),
            OrgProposal {
                known_partner_id: None,
                acronym: None,
                name: printed_for_make.clone(),
                aliases: aliases.clone(),
                is_new: false,
                evidence: Vec::new(),
            },
            evidence(text, start, end),
            None,
        );
    }

    for (position, hit) in hits.iter().enumerate() {
        let What::Org(mut index) = hit.what else { continue };
        // "Europäischen Kommission (ECHO)": a name followed by another organization's acronym
        // in parentheses is that organization, as the author defines it.
        if let Some(next) = hits.get(position + 1)
            && let What::Org(other) = next.what
        {
            let between = &text[hit.end..next.start];
            let closes = text[next.end..].starts_with(')');
            if other != index && next.acronym && !hit.acronym && between.trim() == "(" && closes {
                index = other;
            }
        }
        let Some(org) = builtin.get(index) else { continue };
        found.spans.push((hit.start, hit.end));
        let printed = text[hit.start..hit.end].to_owned();
        let printed_acronym = hit.acronym.then(|| printed.clone());
        let printed_name = (!hit.acronym).then(|| printed.clone());
        add(
            &mut groups,
            Identity::Builtin(index),
            OrgProposal {
                known_partner_id: None,
                acronym: org.acronyms.first().map(|a| (*a).to_owned()),
                name: printed_name
                    .clone()
                    .unwrap_or_else(|| org.names.first().map(|n| (*n).to_owned()).unwrap_or_default()),
                aliases: org.acronyms.iter().chain(org.names.iter()).map(|a| (*a).to_owned()).collect(),
                is_new: false,
                evidence: Vec::new(),
            },
            evidence(text, hit.start, hit.end),
            printed_acronym,
        );
    }

    // The caller's registry: its names and acronyms found in the text.
    for (start, end, partner) in registry_hits(text, folded, partners) {
        if found.spans.iter().any(|(s, e)| start < *e && end > *s)
            && groups.iter().any(|(_, p)| aliases_meet(p, partner))
        {
            continue;
        }
        found.spans.push((start, end));
        let printed = text[start..end].to_owned();
        let is_acronym = partner.acronyms.contains(&printed);
        add(
            &mut groups,
            Identity::Registry(partner.id),
            OrgProposal {
                known_partner_id: Some(partner.id),
                acronym: partner.acronyms.first().cloned(),
                name: partner.names.first().cloned().unwrap_or_else(|| printed.clone()),
                aliases: partner.acronyms.iter().chain(partner.names.iter()).cloned().collect(),
                is_new: false,
                evidence: Vec::new(),
            },
            evidence(text, start, end),
            is_acronym.then(|| printed.clone()),
        );
    }

    // New organizations: "Full Name (ACRONYM)" that nothing above knows.
    for (start, end, name, acronym) in introduced(text) {
        if found.spans.iter().any(|(s, e)| start < *e && end > *s) {
            continue;
        }
        let known = groups.iter().any(|(_, p)| {
            p.aliases
                .iter()
                .chain(p.acronym.iter())
                .any(|a| fold(a) == fold(&acronym) || fold(a) == fold(&name))
        });
        if known {
            continue;
        }
        found.spans.push((start, end));
        add(
            &mut groups,
            Identity::New(acronym.clone()),
            OrgProposal {
                known_partner_id: None,
                acronym: Some(acronym.clone()),
                name: name.clone(),
                aliases: Vec::new(),
                is_new: true,
                evidence: Vec::new(),
            },
            evidence(text, start, end),
            None,
        );
    }

    // Built-in organizations the registry knows by another entry's name: link, do not double.
    for (identity, proposal) in &mut groups {
        if let Identity::Builtin(_) | Identity::Society(_) = identity
            && let Some(partner) = partners.iter().find(|partner| aliases_meet(proposal, partner))
        {
            proposal.known_partner_id = Some(partner.id);
        }
    }
    for (identity, proposal) in &groups {
        let at =
            proposal.evidence.first().map_or(usize::MAX, |e| text.find(&e.context).unwrap_or(usize::MAX));
        first_seen.push((identity.clone(), at));
    }
    groups.sort_by_key(|(identity, _)| {
        first_seen.iter().find(|(id, _)| id == identity).map_or(usize::MAX, |(_, at)| *at)
    });
    let mut seen_partners = Vec::new();
    for (_, proposal) in groups {
        if let Some(id) = proposal.known_partner_id {
            if seen_partners.contains(&id) {
                continue;
            }
            seen_partners.push(id);
        }
        found.proposals.push(proposal);
    }
    found
}

fn add(
    groups: &mut Vec<(Identity, OrgProposal)>,
    identity: Identity,
    fresh: OrgProposal,
    evidence: Evidence,
    printed_acronym: Option<String>,
) {
    if let Some((_, proposal)) = groups.iter_mut().find(|(id, _)| *id == identity) {
        // The acronym shown is the first one printed in the text.
        let printed_before = proposal.evidence.iter().any(|e| Some(&e.matched) == proposal.acronym.as_ref());
        if let (false, Some(acronym)) = (printed_before, printed_acronym) {
            proposal.acronym = Some(acronym);
        }
        proposal.evidence.push(evidence);
    } else {
        let mut proposal = fresh;
        if let Some(acronym) = printed_acronym {
            proposal.acronym = Some(acronym);
        }
        proposal.evidence.push(evidence);
        groups.push((identity, proposal));
    }
}

fn aliases_meet(proposal: &OrgProposal, partner: &KnownPartner) -> bool {
    let mine: Vec<String> = proposal
        .aliases
        .iter()
        .chain(proposal.acronym.iter())
        .chain(std::iter::once(&proposal.name))
        .map(|a| fold(a))
        .collect();
    partner.acronyms.iter().chain(partner.names.iter()).any(|theirs| mine.contains(&fold(theirs)))
}

/// "وجمعية الهلال الأحمر" → "جمعية الهلال الأحمر": a conjunction or preposition glued to the
/// first word is not part of the name.
fn strip_arabic_clitic(name: &str) -> &str {
    for clitic in ["و", "ف", "ب", "ل"] {
        if let Some(rest) = name.strip_prefix(clitic)
            && (rest.starts_with("ال") || rest.starts_with("جمعية"))
        {
            return rest;
        }
    }
    name
}

/// What may stand between "Cruz Roja" and "Hondureña", or "Croix-Rouge" and "RDC".
fn is_society_gap(gap: &str) -> bool {
    let gap = fold(gap.trim());
    [
        "", "de", "de la", "du", "del", "of", "of the", "do", "da", "della", "di", "de l'", "d'", "in", "en",
        "von", "des",
    ]
    .contains(&gap.as_str())
}

/// "Ukrainischen Roten Kreuz" → "Ukrainisches Rotes Kreuz": the name as a heading would print it.
fn german_nominative(printed: &str) -> Option<String> {
    let (adjective, rest) = printed.split_once(' ')?;
    if !(rest.starts_with("Rote") || rest.starts_with("Roten")) {
        return None;
    }
    let stem =
        adjective.trim_end_matches("en").trim_end_matches("em").trim_end_matches("es").trim_end_matches('e');
    Some(format!("{stem}es Rotes Kreuz"))
}

fn registry_hits<'a>(
    text: &str,
    folded: &Folded,
    partners: &'a [KnownPartner],
) -> Vec<(usize, usize, &'a KnownPartner)> {
    let mut patterns = Vec::new();
    let mut owners = Vec::new();
    for partner in partners {
        for name in partner.acronyms.iter().chain(partner.names.iter()) {
            let key = fold(name.trim());
            if key.chars().filter(|ch| ch.is_alphanumeric()).count() >= 2 {
                patterns.push(key);
                owners.push((partner, name.as_str(), partner.acronyms.contains(name)));
            }
        }
    }
    if patterns.is_empty() {
        return Vec::new();
    }
    let Ok(automaton) = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&patterns) else {
        return Vec::new();
    };
    let body = folded.text.as_str();
    let mut out = Vec::new();
    for m in automaton.find_iter(body) {
        let bounded = body[..m.start()].chars().next_back().is_none_or(|ch| !is_word_char(ch))
            && body[m.end()..].chars().next().is_none_or(|ch| !is_word_char(ch));
        if !bounded {
            continue;
        }
        let (partner, name, is_acronym) = owners[m.pattern().as_usize()];
        let (start, end) = folded.original_range(m.start(), m.end());
        // Acronyms keep their case: "WHO" is not "who".
        if is_acronym && text.get(start..end) != Some(name) {
            continue;
        }
        out.push((start, end, partner));
    }
    out
}

/// Words that make a capitalized phrase an organization's name.
const ORG_WORDS: &[&str] = &[
    "council",
    "committee",
    "agency",
    "organization",
    "organisation",
    "foundation",
    "fund",
    "programme",
    "program",
    "association",
    "federation",
    "society",
    "institute",
    "network",
    "centre",
    "center",
    "union",
    "alliance",
    "conseil",
    "comite",
    "agence",
    "fondation",
    "fonds",
    "federation",
    "societe",
    "institut",
    "reseau",
    "centre",
    "consejo",
    "agencia",
    "organizacion",
    "fundacion",
    "fondo",
    "programa",
    "asociacion",
    "federacion",
    "sociedad",
    "instituto",
    "red",
    "centro",
    "rat",
    "ausschuss",
    "agentur",
    "organisation",
    "stiftung",
    "verband",
    "zentrum",
    "netzwerk",
    "consiglio",
    "comitato",
    "agenzia",
    "organizzazione",
    "fondazione",
    "associazione",
    "istituto",
    "rete",
    "conselho",
    "comite",
    "organizacao",
    "fundacao",
    "associacao",
    "federacao",
    "sociedade",
    "rede",
    "منظمه",
    "مجلس",
    "لجنه",
    "وكاله",
    "مؤسسه",
    "صندوق",
    "جمعيه",
    "شبكه",
    "مركز",
    "اتحاد",
];

/// Government bodies are not proposed as new partners.
const GOVERNMENT_WORDS: &[&str] = &[
    "ministry",
    "ministere",
    "ministerio",
    "ministerium",
    "bundesministerium",
    "ministero",
    "government",
    "gouvernement",
    "gobierno",
    "regierung",
    "governo",
    "وزاره",
    "حكومه",
    "secretaria",
    "secretariat",
    "department",
    "departamento",
    "direction",
    "direccion",
    "direzione",
    "bureau",
    "national",
    "nacional",
    "nationale",
    "nazionale",
];

const JOINERS: &[&str] = &[
    "of", "for", "the", "and", "on", "de", "des", "du", "la", "le", "les", "pour", "et", "del", "para", "y",
    "los", "las", "el", "für", "fur", "und", "der", "die", "das", "per", "di", "della", "delle", "dei", "e",
    "da", "do", "dos", "das", "a", "o", "para", "l'", "d'",
];

/// "Full Name (ACR)" pairs: an acronym in parentheses after a capitalized name of two to
/// twelve words that contains a word like "Council" or "Agency".
fn introduced(text: &str) -> Vec<(usize, usize, String, String)> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open..].find(')').map(|c| open + c) else { continue };
        let acronym = text[open + 1..close].trim();
        let letters = acronym.chars().filter(|ch| ch.is_alphabetic()).count();
        let uppers = acronym.chars().filter(|ch| ch.is_uppercase()).count();
        if !(2..=10).contains(&letters) || uppers < 2 || acronym.contains(' ') {
            continue;
        }
        let before = &text[..open];
        let line_start = before
            .char_indices()
            .rev()
            .find(|(_, ch)| ['\n', '.', ',', ';', ':', '–', '(', ')'].contains(ch))
            .map_or(0, |(at, ch)| at + ch.len_utf8());
        let words: Vec<&str> = before[line_start..].split_whitespace().collect();
        let mut taken: Vec<&str> = Vec::new();
        for word in words.iter().rev() {
            let lower = word.to_lowercase();
            let capital = word
                .chars()
                .next()
                .is_some_and(|ch| ch.is_uppercase() || ('\u{0600}'..='\u{06FF}').contains(&ch));
            if capital || JOINERS.contains(&lower.as_str()) {
                taken.push(word);
            } else {
                break;
            }
            if taken.len() >= 12 {
                break;
            }
        }
        while taken.last().is_some_and(|w| JOINERS.contains(&w.to_lowercase().as_str())) {
            taken.pop();
        }
        taken.reverse();
        if taken.len() < 2 {
            continue;
        }
        let name = taken.join(" ");
        let folded_words: Vec<String> = taken.iter().map(|w| fold(w)).collect();
        let is_org = folded_words.iter().any(|w| ORG_WORDS.contains(&w.as_str()));
        let is_government = folded_words.iter().any(|w| GOVERNMENT_WORDS.contains(&w.as_str()));
        if !is_org || is_government {
            continue;
        }
        let start = before.rfind(taken[0]).unwrap_or(open);
        out.push((start, close + 1, name, acronym.to_owned()));
    }
    out
}

/// The words matched and a few words around them.
pub fn evidence(text: &str, start: usize, end: usize) -> Evidence {
    Evidence { matched: text[start..end].to_owned(), context: context(text, start, end) }
}

/// Up to about 40 bytes either side of a match, cut at word boundaries, on one line.
pub fn context(text: &str, start: usize, end: usize) -> String {
    let mut from = start.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (end + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut slice = &text[from..to];
    if from > 0
        && let Some(space) = slice.find(char::is_whitespace)
        && space < start - from
    {
        slice = &slice[space..];
    }
    if to < text.len()
        && let Some(space) = slice.rfind(char::is_whitespace)
        && space > slice.len().saturating_sub(to - end)
    {
        slice = &slice[..space];
    }
    slice.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acronym_introduced_by_a_name_is_a_new_organization() {
        let found = introduced(
            "with the Internal Displacement Monitoring Centre (IDMC) and the Ministry of Labour (MTPS).",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].2, "Internal Displacement Monitoring Centre");
        assert_eq!(found[0].3, "IDMC");
    }

    #[test]
    fn german_society_names_come_back_to_the_nominative() {
        assert_eq!(
            german_nominative("Ukrainischen Roten Kreuz").as_deref(),
            Some("Ukrainisches Rotes Kreuz")
        );
    }
}
