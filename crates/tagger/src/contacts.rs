//! Media contacts: where the contact block is ("For more information please contact …",
//! "Pour plus d'informations", "لمزيد من المعلومات", or a table of names and e-mails), and the
//! people in it — name, office, first phone in international form, e-mail — however they are
//! laid out: one per line, several on a line, or one per table row.
//!
//! Each contact is anchored on an e-mail address: the words between two addresses belong to
//! the second one, except a phone printed right after an address, which belongs to it.

use crate::document::{BlockKind, Document};
use crate::fold::fold;
use crate::{ContactProposal, KnownContact};

/// Phrases that open a contact block (folded).
const TRIGGERS: &[&str] = &[
    "for more information",
    "for further information",
    "for more info",
    "media contact",
    "press contact",
    "contacts:",
    "contact:",
    "pour plus d'information",
    "pour de plus amples informations",
    "contact presse",
    "contacts presse",
    "contact media",
    "para mas informacion",
    "para mayor informacion",
    "contacto de prensa",
    "contactos de prensa",
    "contacto:",
    "contactos:",
    "fur weitere informationen",
    "fur mehr informationen",
    "pressekontakt",
    "kontakt:",
    "per ulteriori informazioni",
    "per maggiori informazioni",
    "contatti:",
    "contatto:",
    "para mais informacoes",
    "para mais informacao",
    "contactos para a imprensa",
    "contato:",
    "لمزيد من المعلومات",
    "للمزيد من المعلومات",
    "للاستفسار",
    "للتواصل",
];

/// The byte range of the plain text that holds the contact block, if any: from the block that
/// opens it to the end, or the table rows that hold e-mail addresses.
pub fn region(doc: &Document) -> Option<(usize, usize)> {
    let body = doc.blocks.iter().skip(usize::from(doc.has_title_block));
    for block in body {
        let folded = fold(&block.text);
        if TRIGGERS.iter().any(|trigger| folded.contains(trigger)) {
            return Some((block.start, doc.plain.len()));
        }
    }
    let first_row_with_email = doc
        .blocks
        .iter()
        .position(|block| matches!(block.kind, BlockKind::TableRow { .. }) && block.text.contains('@'))?;
    // Start at the table's header row, if it has one right above.
    let start_index = doc.blocks[..first_row_with_email]
        .iter()
        .rposition(|block| !matches!(block.kind, BlockKind::TableRow { .. }))
        .map_or(0, |index| index + 1);
    Some((doc.blocks[start_index].start, doc.plain.len()))
}

/// The contacts in the region, matched to `known` by e-mail or name.
pub fn find(doc: &Document, region: Option<&(usize, usize)>, known: &[KnownContact]) -> Vec<ContactProposal> {
    let Some(&(start, end)) = region else { return Vec::new() };
    let mut contacts = Vec::new();
    let blocks = doc.blocks.iter().filter(|block| block.start >= start && block.end() <= end);
    let mut text_parts = Vec::new();
    for block in blocks {
        match &block.kind {
            BlockKind::TableRow { cells, header: false } => {
                if let Some(contact) = from_row(cells) {
                    contacts.push(contact);
                }
            }
            BlockKind::TableRow { .. } | BlockKind::Image { .. } => {}
            _ => text_parts.push(block.text.as_str()),
        }
    }
    let text = text_parts.join("\n");
    let mut from_text = from_text(&text);
    from_text.append(&mut contacts);
    for contact in &mut from_text {
        contact.known_contact_id = match_known(contact, known);
    }
    from_text
}

fn match_known(contact: &ContactProposal, known: &[KnownContact]) -> Option<i64> {
    let email = contact.email.as_deref().map(str::to_ascii_lowercase);
    let name = normalize_name(&contact.name);
    known
        .iter()
        .find(|k| email.is_some() && k.email.as_deref().map(str::to_ascii_lowercase) == email)
        .or_else(|| known.iter().find(|k| normalize_name(&k.name) == name))
        .map(|k| k.id)
}

/// A name folded, its words sorted: "MORALES, Ana" and "Ana Morales" are the same person.
pub fn normalize_name(name: &str) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> =
        folded.split(|ch: char| !ch.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

fn from_row(cells: &[String]) -> Option<ContactProposal> {
    let email = cells.iter().find_map(|cell| emails(cell).into_iter().next().map(|(_, _, e)| e))?;
    let phone = cells.iter().find_map(|cell| first_phone(cell).map(|(_, _, p)| p));
    let mut name = None;
    let mut office = None;
    for cell in cells {
        if cell.contains('@') || first_phone(cell).is_some() {
            continue;
        }
        let parts = split_segments(cell);
        for part in parts {
            if name.is_none()
                && let Some(person) = person_name(&part)
            {
                name = Some(person);
                continue;
            }
            if office.is_none() && !part.is_empty() {
                office = Some(part);
            }
        }
    }
    Some(ContactProposal {
        known_contact_id: None,
        name: name?,
        office,
        phone,
        email: Some(email),
        evidence: cells.join(" | "),
    })
}

fn from_text(text: &str) -> Vec<ContactProposal> {
    let found = emails(text);
    let mut contacts = Vec::new();
    let mut cursor = 0;
    for (index, (start, end, email)) in found.iter().enumerate() {
        // A phone right after the address, before the next separator, is this contact's.
        let next_start = found.get(index + 1).map_or(text.len(), |next| next.0);
        let after = &text[*end..next_start];
        let after_end = after.find([';', '\n']).unwrap_or(after.len());
        // Only a phone right after the address (labels aside) is the address's.
        let trailing = match first_phone(&after[..after_end]) {
            Some((at, ..)) if is_label_run(&after[..at]) => &after[..after_end],
            _ => "",
        };
        let chunk_start = cursor;
        let chunk = &text[cursor..*start];
        let phone = first_phone(chunk).or_else(|| first_phone(trailing)).map(|(_, _, p)| p);
        let chunk_for_name = strip_trigger(chunk);
        let segments = split_segments(chunk_for_name);
        let mut name = None;
        let mut office = None;
        for segment in &segments {
            if name.is_none()
                && let Some(person) = person_name(segment)
            {
                name = Some(person.clone());
                // "Ana Morales at IOM El Salvador": the office follows in the same segment.
                let rest = segment[segment.find(&person).map_or(0, |at| at + person.len())..].trim();
                let rest = strip_leading_words(
                    rest,
                    &[
                        "at", "à", "de", "from", "of", "-", "–", "bei", "presso", "en", "da", "do", "della",
                        "di",
                    ],
                );
                if !rest.is_empty() {
                    office = Some(rest.to_owned());
                }
                continue;
            }
            if name.is_some() && office.is_none() && is_office(segment) {
                office = Some(segment.clone());
            }
        }
        cursor = *end + if phone_in(trailing) { after_end } else { 0 };
        if let Some(name) = name {
            contacts.push(ContactProposal {
                known_contact_id: None,
                name,
                office,
                phone,
                email: Some(email.clone()),
                evidence: text[chunk_start..*end].trim().to_owned(),
            });
        }
    }
    for contact in &mut contacts {
        contact.evidence = contact.evidence.replace('\n', " ");
    }
    contacts
}

/// Whether `text` holds only punctuation and labels ("Tel.:", ", mobile").
fn is_label_run(text: &str) -> bool {
    text.split(|ch: char| !ch.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| LABELS.contains(&w.to_lowercase().as_str()))
}

fn phone_in(text: &str) -> bool {
    first_phone(text).is_some()
}

fn strip_leading_words<'a>(mut text: &'a str, words: &[&str]) -> &'a str {
    loop {
        let trimmed = text.trim_start_matches([',', ':', ' ', '(', ')', '-', '–']);
        let next = words.iter().find_map(|word| {
            trimmed.strip_prefix(word).filter(|rest| rest.starts_with(' ') || rest.is_empty())
        });
        match next {
            Some(rest) => text = rest,
            None => return trimmed.trim_end_matches([',', ' ', ')', ';']),
        }
    }
}

/// Drops everything up to the end of the opening phrase ("… please contact:").
fn strip_trigger(chunk: &str) -> &str {
    let folded = fold(chunk);
    // The phrase ends with its last opener word as printed ("… veuillez contacter").
    let openers = [
        "contact",
        "contacter",
        "contactar a",
        "contactar",
        "contattare",
        "contacte",
        "com",
        "an",
        "مع",
        "information",
        "informations",
        "información",
        "informação",
        "informações",
        "informazioni",
        "Informationen",
        "المعلومات",
        "contatti",
        "contacts",
        "Contacts",
        "Contact",
        "Kontakt",
        "presse",
        "prensa",
    ];
    if !TRIGGERS.iter().any(|trigger| folded.contains(trigger)) && !folded.contains("contact") {
        return chunk;
    }
    let first_line_end = chunk.find('\n').unwrap_or(chunk.len());
    let first_line = &chunk[..first_line_end];
    let mut best = None;
    for opener in openers {
        let mut search = 0;
        while let Some(at) = first_line[search..].find(opener) {
            let at = search + at;
            let end = at + opener.len();
            let bounded = first_line[end..].chars().next().is_none_or(|ch| !ch.is_alphanumeric())
                && first_line[..at].chars().next_back().is_none_or(|ch| !ch.is_alphanumeric());
            if bounded {
                best = best.max(Some(end));
            }
            search = end;
        }
    }
    best.map_or(chunk, |end| &chunk[end..])
}

/// Splits contact text into segments at commas, semicolons, parentheses, colons, pipes and
/// line breaks, dropping labels ("Tel", "Email") and phones.
fn split_segments(text: &str) -> Vec<String> {
    text.split([',', '،', ';', '(', ')', ':', '|', '\n', '–', '•'])
        .map(|segment| segment.trim().trim_matches(|ch: char| ch == '*' || ch == '-' || ch == '.').trim())
        .map(|segment| strip_leading_words(segment, CONNECTORS))
        .filter(|segment| !segment.is_empty())
        .filter(|segment| !is_label(segment) && first_phone(segment).is_none())
        .map(str::to_owned)
        .collect()
}

/// Words that join two contacts ("… or Eva Lund").
const CONNECTORS: &[&str] =
    &["or", "ou", "o", "oder", "أو", "and", "et", "y", "und", "e", "ed", "or:", "ou:"];

const LABELS: &[&str] = &[
    "tel",
    "tel.",
    "tél",
    "tel",
    "telephone",
    "téléphone",
    "teléfono",
    "telefono",
    "telefone",
    "telefon",
    "phone",
    "mobile",
    "mob",
    "cell",
    "cel",
    "móvil",
    "movil",
    "portable",
    "handy",
    "cellulare",
    "celular",
    "email",
    "e-mail",
    "mail",
    "courriel",
    "correo",
    "correo electrónico",
    "e-mail:",
    "هاتف",
    "الهاتف",
    "جوال",
    "البريد الإلكتروني",
    "بريد إلكتروني",
    "or",
    "ou",
    "o",
    "oder",
    "أو",
    "and",
    "et",
    "y",
    "und",
    "e",
    "ed",
];

fn is_label(segment: &str) -> bool {
    let lower = segment.to_lowercase();
    LABELS.contains(&lower.as_str())
        || lower.split_whitespace().all(|word| LABELS.contains(&word.trim_end_matches(['.', ':'])))
}

/// Words that make a segment an office or an organization rather than a person.
const OFFICE_WORDS: &[&str] = &[
    "iom",
    "oim",
    "unhcr",
    "acnur",
    "hcr",
    "unicef",
    "wfp",
    "pam",
    "who",
    "oms",
    "ilo",
    "oit",
    "ifrc",
    "ficr",
    "ocha",
    "office",
    "bureau",
    "oficina",
    "büro",
    "ufficio",
    "escritório",
    "escritorio",
    "sede",
    "hq",
    "headquarters",
    "regional",
    "mission",
    "missão",
    "misión",
    "agency",
    "agence",
    "agencia",
    "red",
    "cross",
    "croix",
    "cruz",
    "croce",
    "rotes",
    "un",
    "onu",
    "المنظمة",
    "مكتب",
    "المقر",
    "الرئيسي",
    "المفوضية",
    "iom-büro",
    "regionalbüro",
    "country",
    "media",
    "communications",
    "communication",
    "press",
    "presse",
    "prensa",
    "unit",
    "team",
    "gmdac",
    "centre",
    "center",
    "ministry",
    "ministère",
    "ministerio",
];

fn is_office(segment: &str) -> bool {
    segment
        .split(|ch: char| ch.is_whitespace() || ch == '-')
        .any(|word| OFFICE_WORDS.contains(&word.to_lowercase().as_str()))
}

const NAME_PARTICLES: &[&str] = &[
    "de", "la", "del", "da", "di", "van", "von", "der", "el", "al", "bin", "ben", "dos", "das", "do", "du",
    "le", "y",
];

/// The person's name at the start of `segment`: two to five capitalized words (particles
/// allowed inside), none of them an office word; Arabic: two to four words.
fn person_name(segment: &str) -> Option<String> {
    let words: Vec<&str> = segment.split_whitespace().collect();
    let mut taken = Vec::new();
    for word in &words {
        let clean = word.trim_matches(|ch: char| !ch.is_alphanumeric() && ch != '-' && ch != '\'');
        if clean.is_empty() {
            break;
        }
        let lower = clean.to_lowercase();
        if OFFICE_WORDS.contains(&lower.as_str())
            || LABELS.contains(&lower.as_str())
            || clean.chars().any(|ch| ch.is_ascii_digit())
        {
            break;
        }
        let first = clean.chars().next()?;
        let arabic = ('\u{0600}'..='\u{06FF}').contains(&first);
        let capitalized = first.is_uppercase()
            && !(clean.len() > 1
                && clean.chars().all(|ch| !ch.is_alphabetic() || ch.is_uppercase())
                && clean.chars().count() <= 4);
        let particle = NAME_PARTICLES.contains(&lower.as_str()) && !taken.is_empty();
        if arabic || capitalized || particle {
            taken.push(clean);
        } else {
            break;
        }
        if taken.len() == 5 {
            break;
        }
    }
    while taken.last().is_some_and(|word| NAME_PARTICLES.contains(&word.to_lowercase().as_str())) {
        taken.pop();
    }
    (taken.len() >= 2).then(|| taken.join(" "))
}

/// E-mail addresses with their byte ranges.
fn emails(text: &str) -> Vec<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let is_local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let is_domain = |b: u8| b.is_ascii_alphanumeric() || b".-".contains(&b);
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let start = bytes[..at].iter().rposition(|&b| !is_local(b)).map_or(0, |p| p + 1);
        let end = bytes[at + 1..].iter().position(|&b| !is_domain(b)).map_or(bytes.len(), |p| at + 1 + p);
        let local = &text[start..at];
        let domain = text[at + 1..end].trim_end_matches('.');
        if local.is_empty() || !domain.contains('.') {
            continue;
        }
        let end = at + 1 + domain.len();
        found.push((start, end, format!("{local}@{domain}").to_ascii_lowercase()));
    }
    found
}

/// The first phone number in international form ("+41 22 717 9111"): a `+` or `00` followed
/// by 8 to 15 digits, with spaces, dots, dashes or parentheses between them.
fn first_phone(text: &str) -> Option<(usize, usize, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut index = 0;
    while index < chars.len() {
        let (at, ch) = chars[index];
        let starts = ch == '+'
            || (ch == '0'
                && chars.get(index + 1).is_some_and(|(_, c)| *c == '0')
                && chars[..index].last().is_none_or(|(_, c)| !c.is_ascii_digit()));
        let opens = ch == '(' && chars.get(index + 1).is_some_and(|(_, c)| *c == '+');
        if !(starts || opens) {
            index += 1;
            continue;
        }
        let mut digits = String::new();
        let mut printed = String::new();
        let mut end = at;
        let mut cursor = index + usize::from(opens);
        if chars[cursor].1 == '0' {
            cursor += 2;
        } else {
            cursor += 1;
        }
        printed.push('+');
        while cursor < chars.len() {
            let (pos, c) = chars[cursor];
            if c.is_ascii_digit() {
                digits.push(c);
                printed.push(c);
                end = pos + c.len_utf8();
            } else if matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}') {
                if !printed.ends_with(' ') && printed.len() > 1 {
                    printed.push(' ');
                }
            } else {
                break;
            }
            cursor += 1;
            if digits.len() >= 15 {
                break;
            }
        }
        if (8..=15).contains(&digits.len()) {
            return Some((at, end, printed.trim_end().to_owned()));
        }
        index = cursor.max(index + 1);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_come_out_in_international_form() {
        assert_eq!(first_phone("Tel: +503 2521 0500, Email").map(|p| p.2).as_deref(), Some("+503 2521 0500"));
        assert_eq!(
            first_phone("Tél. : 00212 537 65 28 81").map(|p| p.2).as_deref(),
            Some("+212 537 65 28 81")
        );
        assert_eq!(first_phone("(+503) 2521-0500").map(|p| p.2).as_deref(), Some("+503 2521 0500"));
        assert_eq!(first_phone("in 2023, 1 200 people"), None);
    }

    #[test]
    fn several_contacts_on_one_line_are_told_apart() {
        let text = "For more information, please contact: Kateryna Bondar (IOM Ukraine) +380 44 568 5015, kbondar@iom.int; Tom Berg (IOM Regional Office, Vienna) +43 1 581 2222, tberg@iom.int";
        let found = from_text(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].name, "Kateryna Bondar");
        assert_eq!(found[0].office.as_deref(), Some("IOM Ukraine"));
        assert_eq!(found[1].name, "Tom Berg");
        assert_eq!(found[1].phone.as_deref(), Some("+43 1 581 2222"));
    }

    #[test]
    fn a_name_followed_by_its_office_in_one_phrase_is_split() {
        let found = from_text(
            "For more information please contact Ana Morales at IOM El Salvador, Tel: +503 2521 0500, Email: amorales@iom.int",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "Ana Morales");
        assert_eq!(found[0].office.as_deref(), Some("IOM El Salvador"));
    }
}
