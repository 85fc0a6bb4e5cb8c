-- A media contact's office named per language (issue 14), as themes', partners' and
-- programmes' names are: a Spanish page says "OIM El Salvador" where the default says "IOM El
-- Salvador". A language without its own shows the default. Keep the meaning identical to
-- postgres/0037_contact_names.sql.
create table contact_names (
    contact_id integer not null references contacts (id) on delete cascade,
    language text not null,
    office text not null,
    primary key (contact_id, language)
);
