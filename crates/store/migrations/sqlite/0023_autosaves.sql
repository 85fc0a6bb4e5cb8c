-- Unsaved text of the editor, kept while a person types (issue 14): one per person and
-- document language, or per person and kind for a document not created yet. Private scratch:
-- no revision, change-log or audit row; saving the document deletes it.
create table autosaves (
    user_id integer not null references users (id) on delete cascade,
    target text not null,              -- "document/12/en" or "new/release"
    document_id integer references documents (id) on delete cascade,
    title text not null,
    body_markdown text not null,
    revision integer not null,         -- the revision the text was written on (0: new)
    saved_at text not null,
    primary key (user_id, target)
);
-- Deleting a document finds its autosaves through the foreign key.
create index autosaves_document on autosaves (document_id);
