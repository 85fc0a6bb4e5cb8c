//! The tagger against its own labelled set (`testdata/releases.jsonl`, committed before the
//! tagger was tuned). The scores are deterministic, so the targets of issue 13 are asserted.

use portico_tagger::eval::evaluate;

#[test]
fn the_labelled_set_meets_the_targets() {
    let report = evaluate(include_str!("../testdata/releases.jsonl")).expect("the set is well formed");
    println!("{}\n{}", report.to_json(), report.to_text());
    assert!(report.releases >= 80);
    assert!(report.countries.precision >= 0.98, "countries precision {}", report.countries.precision);
    assert!(report.countries.recall >= 0.95, "countries recall {}", report.countries.recall);
    assert!(
        report.organizations.precision >= 0.95,
        "organizations precision {}",
        report.organizations.precision
    );
    assert!(report.media_contacts.exact >= 0.95, "media contacts exact {}", report.media_contacts.exact);
    assert!(report.dateline.exact >= 0.95, "dateline exact {}", report.dateline.exact);
    assert!(report.date.exact >= 0.95, "date exact {}", report.date.exact);
}
