//! `portico tag FILE` proposes a release's dateline, countries, partners, contacts and themes;
//! `portico tag eval FILE.jsonl` scores the tagger on a labelled set. Nothing is saved.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, Result};
use portico_tagger::Proposal;
use portico_web::tagging::{Known, format_of};

/// Tags `file` against `known` and prints the proposals as JSON or as text for a person.
pub fn tag_file(file: &Path, language: Option<&str>, known: &Known, json: bool) -> Result<String> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let format = format_of(&file.to_string_lossy(), &bytes);
    let proposal = known.tag(format, &bytes, language).with_context(|| format!("{}", file.display()))?;
    if json {
        return Ok(serde_json::to_string_pretty(&proposal)?);
    }
    Ok(describe(&proposal))
}

/// The proposals, one per line, each with the words it came from.
fn describe(p: &Proposal) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Language: {}", p.language);
    if let Some(title) = &p.title {
        let _ = writeln!(out, "Title: {title}");
    }
    match &p.dateline {
        Some(d) => {
            let country = d.country.as_deref().unwrap_or("?");
            let date = d.date.as_deref().unwrap_or("no date");
            let _ = writeln!(out, "Dateline: {} ({country}), {date}  ← “{}”", d.city, d.evidence);
        }
        None => out.push_str("Dateline: none found\n"),
    }
    let _ = writeln!(out, "Countries ({}):", p.countries.len());
    for c in &p.countries {
        let how = if c.via_demonym_only { ", from its people only" } else { "" };
        let words = c.evidence.first().map(|e| e.context.as_str()).unwrap_or_default();
        let _ = writeln!(out, "  {} {} (score {:.2}{how})  ← “{words}”", c.iso2, c.name, c.score);
    }
    let _ = writeln!(out, "Organizations ({}):", p.organizations.len());
    for o in &p.organizations {
        let known = match (o.known_partner_id, o.is_new) {
            (Some(id), _) => format!("partner #{id}"),
            (None, true) => "new".to_owned(),
            (None, false) => "built-in list".to_owned(),
        };
        let acronym = o.acronym.as_deref().map(|a| format!("{a} — ")).unwrap_or_default();
        let _ = writeln!(out, "  {acronym}{} ({known})", o.name);
    }
    let _ = writeln!(out, "Media contacts ({}):", p.contacts.len());
    for c in &p.contacts {
        let fields: Vec<&str> =
            [c.office.as_deref(), c.phone.as_deref(), c.email.as_deref()].into_iter().flatten().collect();
        let known = c.known_contact_id.map(|id| format!(" (contact #{id})")).unwrap_or_default();
        let _ = writeln!(out, "  {}: {}{known}", c.name, fields.join(", "));
    }
    let _ = writeln!(out, "Themes ({}):", p.themes.len());
    for t in &p.themes {
        let _ = writeln!(out, "  {} (score {:.2})", t.slug, t.score);
    }
    out
}

/// Scores the tagger on a labelled JSON Lines file.
pub fn evaluate(file: &Path, json: bool) -> Result<String> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let report = portico_tagger::eval::evaluate(&text).with_context(|| format!("{}", file.display()))?;
    Ok(if json { report.to_json() } else { report.to_text() })
}
