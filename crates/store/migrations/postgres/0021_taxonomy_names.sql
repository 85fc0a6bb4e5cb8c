-- Theme and partner names per language (issue 14): a French page shows "Enfants migrants",
-- an Arabic one its own name; the row in themes/partners keeps the default name, used for
-- any language without its own.
create table theme_names (
    theme_id bigint not null references themes (id) on delete cascade,
    language text not null,
    name text not null,
    description text not null default '',
    primary key (theme_id, language)
);
create table partner_names (
    partner_id bigint not null references partners (id) on delete cascade,
    language text not null,
    name text not null,
    acronym text not null default '',
    primary key (partner_id, language)
);
