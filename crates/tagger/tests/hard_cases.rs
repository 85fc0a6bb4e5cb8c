//! The hard cases of issue 13, on releases written for these tests (not taken from the
//! labelled set), and bad input: every failure is a clean error or an empty proposal.

use std::io::Write;

use portico_tagger::{
    Format, Input, KnownContact, KnownPartner, KnownTheme, Proposal, Registry, TagError, tag,
};

fn tag_text(text: &str) -> Proposal {
    let input = Input { format: Format::detect(text.as_bytes()), bytes: text.as_bytes(), language: None };
    tag(&input, &Registry::default()).expect("text always reads")
}

fn countries(proposal: &Proposal) -> Vec<&str> {
    let mut codes: Vec<&str> = proposal.countries.iter().map(|c| c.iso2.as_str()).collect();
    codes.sort_unstable();
    codes
}

fn org_acronyms(proposal: &Proposal) -> Vec<String> {
    proposal.organizations.iter().map(|o| o.acronym.clone().unwrap_or_else(|| o.name.clone())).collect()
}

#[test]
fn a_country_named_only_by_its_people_is_proposed_apart() {
    let proposal = tag_text(
        "QUITO, Ecuador, 2 May 2024 – Colombians and Venezuelans crossing into Ecuador receive help.",
    );
    assert_eq!(countries(&proposal), ["CO", "EC", "VE"]);
    let venezuela = proposal.countries.iter().find(|c| c.iso2 == "VE").expect("VE");
    assert!(venezuela.via_demonym_only);
    assert_eq!(venezuela.evidence[0].matched, "Venezuelans");
    let ecuador = proposal.countries.iter().find(|c| c.iso2 == "EC").expect("EC");
    assert!(!ecuador.via_demonym_only);
    assert!(ecuador.score > venezuela.score, "a name weighs more than a demonym");
}

#[test]
fn demonyms_are_read_in_every_language() {
    for (text, iso2) in [
        ("Les réfugiés syriens rentrent.", "SY"),
        ("Familias salvadoreñas retornadas.", "SV"),
        ("Syrische Geflüchtete finden Arbeit.", "SY"),
        ("Migranti eritrei sbarcati.", "ER"),
        ("Trabalhadores moçambicanos regressados.", "MZ"),
        ("عودة اللاجئين السوريين", "SY"),
    ] {
        assert_eq!(countries(&tag_text(text)), [iso2], "{text}");
    }
}

#[test]
fn a_language_is_not_a_nationality_unless_people_or_a_state_stand_near() {
    assert!(countries(&tag_text("Leaflets were printed in French and Spanish.")).is_empty());
    assert_eq!(countries(&tag_text("The French government funded the project.")), ["FR"]);
    assert_eq!(countries(&tag_text("Somalis and Ethiopians crossed the sea.")), ["ET", "SO"]);
}

#[test]
fn a_list_of_donors_gives_each_organization_once() {
    let proposal = tag_text(
        "The project is funded by the European Union, USAID, the Swiss Agency for Development and \
         Cooperation (SDC), Sida, JICA and the Korea International Cooperation Agency (KOICA). \
         USAID also funds the second phase.",
    );
    assert_eq!(org_acronyms(&proposal), ["EU", "USAID", "SDC", "Sida", "JICA", "KOICA"]);
    assert!(
        countries(&proposal).is_empty(),
        "countries inside agencies' names are not the release's: {:?}",
        countries(&proposal)
    );
}

#[test]
fn acronyms_in_each_language_find_one_organization() {
    let proposal = tag_text("El ACNUR, la Agencia de la ONU para los Refugiados, y la OIM.");
    let unhcr =
        proposal.organizations.iter().find(|o| o.aliases.iter().any(|a| a == "UNHCR")).expect("UNHCR");
    assert_eq!(unhcr.acronym.as_deref(), Some("ACNUR"));
    assert_eq!(unhcr.evidence.len(), 2);
    assert_eq!(proposal.organizations.len(), 2);
}

#[test]
fn the_registry_is_matched_and_never_duplicated() {
    let partners = [
        KnownPartner { id: 7, names: vec!["UN Refugee Agency".into()], acronyms: vec!["UNHCR".into()] },
        KnownPartner { id: 9, names: vec!["Fundación Pies Descalzos".into()], acronyms: vec![] },
    ];
    let text = "UNHCR and the Fundación Pies Descalzos, with the Norwegian Refugee Council (NRC) and the Comité de Apoyo Migrante (CAMI).";
    let registry = Registry { partners: &partners, ..Registry::default() };
    let proposal =
        tag(&Input { format: Format::Text, bytes: text.as_bytes(), language: Some("en") }, &registry)
            .expect("reads");
    let ids: Vec<Option<i64>> = proposal.organizations.iter().map(|o| o.known_partner_id).collect();
    assert_eq!(ids, [Some(7), Some(9), None, None]);
    let new: Vec<&str> =
        proposal.organizations.iter().filter(|o| o.is_new).map(|o| o.name.as_str()).collect();
    assert_eq!(new, ["Comité de Apoyo Migrante"], "NRC is built in; only CAMI is new");
}

#[test]
fn contacts_in_a_markdown_table_are_read_row_by_row() {
    let proposal = tag_text(
        "# Title\n\nDAKAR – Text.\n\n| Contact | Office | Phone | E-mail |\n|---|---|---|---|\n| Fatou Diop | OIM Sénégal | +221 33 869 62 00 | fdiop@iom.int |\n| Omar Ba | HCR | 00221 77 000 11 22 | ba@unhcr.org |\n",
    );
    let contacts: Vec<(&str, Option<&str>, Option<&str>)> = proposal
        .contacts
        .iter()
        .map(|c| (c.name.as_str(), c.phone.as_deref(), c.office.as_deref()))
        .collect();
    assert_eq!(
        contacts,
        [
            ("Fatou Diop", Some("+221 33 869 62 00"), Some("OIM Sénégal")),
            ("Omar Ba", Some("+221 77 000 11 22"), Some("HCR"))
        ]
    );
}

#[test]
fn contacts_in_an_html_table_are_read_row_by_row() {
    let html = "<p>GENEVA – Text.</p><p>For more information:</p><table><tr><th>Name</th><th>Phone</th><th>Email</th></tr><tr><td>Lea Roth, IOM HQ</td><td>+41 22 717 9111</td><td>lroth@iom.int</td></tr></table>";
    let proposal = tag_text(html);
    assert_eq!(proposal.contacts.len(), 1);
    assert_eq!(proposal.contacts[0].name, "Lea Roth");
    assert_eq!(proposal.contacts[0].office.as_deref(), Some("IOM HQ"));
}

#[test]
fn known_contacts_are_matched_by_email_or_name() {
    let known = [
        KnownContact { id: 3, name: "Someone Else".into(), email: Some("JDOE@iom.int".into()) },
        KnownContact { id: 4, name: "Ana Ruiz".into(), email: None },
    ];
    let text = "Para más información: Juan Doe, OIM, +34 91 445 7116, jdoe@iom.int; Ana Ruiz, OIM, +34 91 445 7117, aruiz@iom.int";
    let registry = Registry { contacts: &known, ..Registry::default() };
    let proposal = tag(&Input { format: Format::Text, bytes: text.as_bytes(), language: None }, &registry)
        .expect("reads");
    let ids: Vec<Option<i64>> = proposal.contacts.iter().map(|c| c.known_contact_id).collect();
    assert_eq!(ids, [Some(3), Some(4)]);
}

#[test]
fn a_dateline_without_a_country_takes_the_city_s_country_and_is_not_a_country_of_the_release() {
    for (text, city) in [
        ("Genève – L'OIM appelle à protéger les migrants au Yémen.", "Genève"),
        ("GENF, 3. März 2024 – Die IOM hilft im Jemen.", "GENF"),
        ("جنيف – دعت المنظمة الدولية للهجرة إلى حماية المهاجرين في اليمن.", "جنيف"),
    ] {
        let proposal = tag_text(text);
        let dateline = proposal.dateline.as_ref().expect("a dateline");
        assert_eq!((dateline.city.as_str(), dateline.country.as_deref()), (city, Some("CH")), "{text}");
        assert_eq!(countries(&proposal), ["YE"], "{text}");
    }
}

#[test]
fn two_releases_worth_of_countries_in_one_paragraph_are_all_found() {
    let proposal = tag_text(
        "BANGKOK – Labour migrants from Myanmar, Cambodia, Laos and Viet Nam work in Thailand, \
         while those from Nepal, Bangladesh, India, Sri Lanka and Pakistan head to Malaysia, \
         Saudi Arabia, Qatar, the United Arab Emirates, Kuwait and Jordan.",
    );
    assert_eq!(
        countries(&proposal),
        ["AE", "BD", "IN", "JO", "KH", "KW", "LA", "LK", "MM", "MY", "NP", "PK", "QA", "SA", "TH", "VN"]
    );
}

#[test]
fn look_alikes_are_not_countries() {
    let proposal = tag_text("Latin American and Central American leaders pledged 5 million US dollars.");
    assert!(countries(&proposal).is_empty(), "{:?}", countries(&proposal));
}

#[test]
fn themes_are_scored_from_names_and_keywords() {
    let themes = [
        KnownTheme {
            slug: "counter-trafficking".into(),
            names: vec!["trafficking".into(), "trata".into()],
            keywords: vec!["exploit".into()],
        },
        KnownTheme { slug: "climate".into(), names: vec!["climate".into()], keywords: vec![] },
    ];
    let text = "Victims of trafficking and exploitation were assisted; trafficking networks were dismantled.";
    let registry = Registry { themes: &themes, ..Registry::default() };
    let proposal = tag(&Input { format: Format::Text, bytes: text.as_bytes(), language: None }, &registry)
        .expect("reads");
    assert_eq!(proposal.themes.len(), 1);
    assert_eq!(proposal.themes[0].slug, "counter-trafficking");
    assert!((proposal.themes[0].score - 0.83).abs() < 0.01, "{}", proposal.themes[0].score);
}

fn docx(document_xml: &str) -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        let options =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).expect("a zip entry");
        zip.write_all(document_xml.as_bytes()).expect("written");
        zip.finish().expect("a zip");
    }
    bytes
}

#[test]
fn a_docx_is_read_with_its_headings_and_tables() {
    let xml = r#"<?xml version="1.0"?><w:document xmlns:w="w"><w:body>
        <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Help for returnees</w:t></w:r></w:p>
        <w:p><w:r><w:t xml:space="preserve">TEGUCIGALPA, Honduras, 12 July 2021 – IOM and UNICEF help children.</w:t></w:r></w:p>
        <w:p><w:r><w:t>For more information:</w:t></w:r></w:p>
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Karla Mejía</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>+504 2220 1100</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>kmejia@iom.int</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        </w:body></w:document>"#;
    let bytes = docx(xml);
    let proposal = tag(&Input { format: Format::Docx, bytes: &bytes, language: None }, &Registry::default())
        .expect("reads");
    assert_eq!(proposal.title.as_deref(), Some("Help for returnees"));
    assert_eq!(proposal.dateline.as_ref().and_then(|d| d.date.as_deref()), Some("2021-07-12"));
    assert_eq!(countries(&proposal), ["HN"]);
    assert_eq!(proposal.contacts.len(), 1);
    assert!(
        proposal.body_markdown.contains("| Karla Mejía | +504 2220 1100 | kmejia@iom.int |"),
        "{}",
        proposal.body_markdown
    );
}

#[test]
fn a_malformed_docx_is_a_clean_error() {
    let not_a_zip = b"PK\x03\x04 this is not a zip at all";
    let error = tag(&Input { format: Format::Docx, bytes: not_a_zip, language: None }, &Registry::default());
    assert!(matches!(error, Err(TagError::Docx(_))), "{error:?}");

    let no_document = {
        let mut bytes = Vec::new();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
        zip.start_file("other.xml", zip::write::SimpleFileOptions::default()).expect("entry");
        zip.finish().expect("zip");
        bytes
    };
    let error =
        tag(&Input { format: Format::Docx, bytes: &no_document, language: None }, &Registry::default());
    assert!(matches!(error, Err(TagError::Docx(_))), "{error:?}");

    let broken_xml = docx("<w:document><w:body><w:p><w:r><w:t>text</w:r></w:body>");
    let error =
        tag(&Input { format: Format::Docx, bytes: &broken_xml, language: None }, &Registry::default());
    assert!(matches!(error, Err(TagError::DocxXml(_))), "{error:?}");
}

#[test]
fn invalid_utf8_is_a_clean_error_naming_the_offset() {
    let bytes = b"GENEVA \xff\xfe text";
    let error = tag(&Input { format: Format::Text, bytes, language: None }, &Registry::default());
    assert!(matches!(error, Err(TagError::InvalidUtf8 { offset: 7 })), "{error:?}");
}

#[test]
fn empty_or_meaningless_text_gives_an_empty_proposal() {
    for text in ["", "   \n\n  ", "– , – :", "<p></p>", "| | |\n|---|---|"] {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let proposal =
                tag(&Input { format, bytes: text.as_bytes(), language: None }, &Registry::default())
                    .expect("reads");
            assert!(
                proposal.countries.is_empty()
                    && proposal.organizations.is_empty()
                    && proposal.contacts.is_empty()
            );
            assert!(proposal.dateline.is_none(), "{text:?} {format:?}");
        }
    }
}

#[test]
fn the_proposal_serializes_to_json() {
    let proposal = tag_text("GENEVA – IOM helps Syrians.");
    let json = serde_json::to_value(&proposal).expect("serializes");
    assert_eq!(json["dateline"]["country"], "CH");
    assert_eq!(json["countries"][0]["iso2"], "SY");
}

#[test]
fn html_nested_too_deep_is_refused_before_parsing_and_deep_html_is_read_flat() {
    let nested = |depth: usize| {
        format!("{}<p>GENEVA – Migrants in Chad.</p>{}", "<div><b>".repeat(depth), "</b></div>".repeat(depth))
    };
    let hostile = nested(100_000);
    let error = tag(
        &Input { format: Format::Html, bytes: hostile.as_bytes(), language: Some("en") },
        &Registry::default(),
    );
    assert!(matches!(error, Err(TagError::TooDeep { .. })), "{error:?}");
    let markdown = format!("# Title\n\n{hostile}");
    let error = tag(
        &Input { format: Format::Markdown, bytes: markdown.as_bytes(), language: Some("en") },
        &Registry::default(),
    );
    assert!(matches!(error, Err(TagError::TooDeep { .. })), "HTML inside Markdown too: {error:?}");

    // Deep but allowed: past the walk's own depth, read flat on a small stack.
    let deep = nested(240);
    let countries = std::thread::Builder::new()
        .stack_size(1024 * 1024)
        .spawn(move || {
            let input = Input { format: Format::Html, bytes: deep.as_bytes(), language: Some("en") };
            tag(&input, &Registry::default())
                .map(|p| p.countries.iter().map(|c| c.iso2.clone()).collect::<Vec<_>>())
        })
        .expect("thread")
        .join()
        .expect("no stack overflow");
    assert_eq!(countries.expect("read"), ["TD"]);
}
