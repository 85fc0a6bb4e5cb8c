-- The Sustainable Development Goals and targets a document serves, by code ("10", "10.7"),
-- with the goal each code names. `site_id` and `kind` repeat the document's (neither ever
-- changes) so that a goal's pages on a site are one index range that never reads the
-- releases tagged with that goal, which grow with the archive; releases are listed through
-- `listing` instead. No listing rebuild: no document has goals before this migration.
create table document_goals (
    document_id integer not null references documents (id) on delete cascade,
    code text not null,
    goal integer not null,
    position integer not null,
    site_id integer not null,
    kind text not null,
    primary key (document_id, code)
);
create index document_goals_by_site on document_goals (site_id, kind, goal, document_id);
