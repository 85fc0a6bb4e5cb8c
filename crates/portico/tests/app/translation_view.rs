//! The original beside a translation in the editor: its text as it is now, with what changed
//! since the translation was last saved marked, on both databases; and the same view in a real
//! browser, side by side with the form and passing axe-core.

use crate::support;

use portico_content::{DocumentId, Draft, Role, Status};
use portico_store::Audit;
use support::{TestApp, texts};

const ORIGINAL: &str =
    "Mobile teams reached 4,000 people.\n\nThey offered vaccinations.\n\nMore visits follow in May.";

/// A release written in English on the global site, and its French translation started from
/// it (against the original's first revision).
async fn translated(app: &TestApp) -> DocumentId {
    let store = &app.server.store;
    let site = store.site_by_key("global").await.expect("site").expect("global");
    let draft = Draft {
        title: "Health teams reach the border".into(),
        slug: "health-teams-reach-the-border".into(),
        summary: "Screenings at two crossings.".into(),
        body_markdown: ORIGINAL.into(),
        ..Draft::default()
    };
    let document = support::create_release(store, &site, "en", draft, Status::Draft).await;
    store.create_translation(document, "fr", &Audit::system("test", "translation.create")).await.expect("fr");
    document
}

/// Saves the English original again with `body` (and a new title), as someone would.
async fn reword_original(app: &TestApp, document: DocumentId, body: &str) {
    let store = &app.server.store;
    let now = store.editable_variant(document, Some("en")).await.expect("read").expect("en");
    let draft =
        Draft { body_markdown: body.into(), title: "Health teams reach both borders".into(), ..now.draft };
    store
        .update_document(document, "en", now.revision, &draft, &Audit::system("test", "document.save"))
        .await
        .expect("save");
}

#[tokio::test]
async fn a_translation_shows_its_original_with_what_changed_since_marked() {
    for app in TestApp::each().await {
        let editor = app.login(&app.user("tr@example.org", Role::Editor, &["global"]).await).await;
        let document = translated(&app).await;
        let french = format!("/admin/documents/{document}?lang=fr");

        // Just translated: the original beside it, in English, nothing marked.
        let page = editor.page(&french, 200).await;
        assert_eq!(texts(&page, ".translation-source h2"), ["The original, in English"], "{}", app.backend());
        assert_eq!(
            texts(&page, ".translation-source .source-block"),
            [
                "Mobile teams reached 4,000 people.",
                "They offered vaccinations.",
                "More visits follow in May."
            ]
        );
        assert!(texts(&page, ".translation-source .changed").is_empty());
        assert!(
            texts(&page, ".translation-source .hint")
                .iter()
                .any(|h| h.contains("Nothing in the original changed"))
        );
        assert_eq!(support::attrs(&page, ".translation-source .source-text", "lang"), ["en"]);
        assert_eq!(support::attrs(&page, ".editor-layout", "class"), ["editor-layout translating"]);

        // The original is reworded in one paragraph and gains one, and its title changes.
        reword_original(
            &app,
            document,
            "Mobile teams reached 4,000 people.\n\nThey offered vaccinations and psychosocial support.\n\nMore visits follow in May.\n\nA second team starts in June.",
        )
        .await;
        let page = editor.page(&french, 200).await;
        assert_eq!(
            texts(&page, ".translation-source .source-block.changed"),
            [
                "Changed since this translation: They offered vaccinations and psychosocial support.",
                "Changed since this translation: A second team starts in June."
            ],
            "{}",
            app.backend()
        );
        assert_eq!(texts(&page, ".translation-source .source-title.changed").len(), 1);
        assert!(
            texts(&page, ".translation-source .hint").iter().any(|h| h.contains("3 parts changed")),
            "{:?}",
            texts(&page, ".translation-source .hint")
        );

        // The original's own editor has nothing beside it.
        let page = editor.page(&format!("/admin/documents/{document}?lang=en"), 200).await;
        assert!(texts(&page, ".translation-source").is_empty());
        assert_eq!(support::attrs(&page, ".editor-layout", "class"), ["editor-layout"]);
    }
}
