//! One schema in two dialects: the SQLite and PostgreSQL migration trees, applied to fresh
//! databases, must give the same tables, columns (type family, nullability), primary keys and
//! indexes. Reads each database's own catalog, so it checks whatever migrations exist.

use std::collections::{BTreeMap, BTreeSet};

use portico_store::testing::TestDb;
use sqlx::Row;

/// What a column holds, with the dialects' spellings folded together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Integer,
    Text,
    Boolean,
    Timestamp,
    Blob,
    Real,
    Other,
}

impl Family {
    fn of(declared: &str) -> Family {
        let declared = declared.to_ascii_lowercase();
        let base = declared.split('(').next().unwrap_or("").trim();
        match base {
            "integer" | "int" | "bigint" | "smallint" | "int2" | "int4" | "int8" => Family::Integer,
            "text" | "character varying" | "varchar" | "character" | "char" | "json" | "jsonb" => {
                Family::Text
            }
            "boolean" | "bool" => Family::Boolean,
            "date"
            | "datetime"
            | "timestamp"
            | "timestamptz"
            | "timestamp with time zone"
            | "timestamp without time zone" => Family::Timestamp,
            "blob" | "bytea" => Family::Blob,
            "real" | "double precision" | "float4" | "float8" | "double" => Family::Real,
            _ => Family::Other,
        }
    }

    /// How SQLite stores this family: it has no boolean or timestamp type, and sqlx writes
    /// booleans as 0/1 integers and times as text (see the SQLite migrations' header).
    fn in_sqlite(self) -> Family {
        match self {
            Family::Boolean => Family::Integer,
            Family::Timestamp => Family::Text,
            other => other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Column {
    declared: String,
    family: Family,
    not_null: bool,
}

/// An index, named by its name — or, for one that a `unique (…)` constraint made, by its
/// columns, since each dialect names those its own way.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Index {
    columns: Vec<String>,
    unique: bool,
    partial: bool,
}

#[derive(Debug, Default)]
struct Schema {
    tables: BTreeSet<String>,
    /// (table, column) → column.
    columns: BTreeMap<(String, String), Column>,
    /// table → primary key columns, in key order.
    primary_keys: BTreeMap<String, Vec<String>>,
    /// (table, index name or `unique (a, b)`) → index.
    indexes: BTreeMap<(String, String), Index>,
}

/// Tables of the migration machinery, not of the schema.
const IGNORED_TABLES: &[&str] = &["_sqlx_migrations"];

fn constraint_key(columns: &[String]) -> String {
    format!("unique ({})", columns.join(", "))
}

async fn sqlite_schema(url: &str) -> Schema {
    let pool = sqlx::SqlitePool::connect(url).await.expect("open SQLite");
    let mut schema = Schema::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name",
    )
    .fetch_all(&pool)
    .await
    .expect("SQLite tables");
    for table in tables.into_iter().filter(|t| !IGNORED_TABLES.contains(&t.as_str())) {
        let columns =
            sqlx::query("select name, type, \"notnull\", pk from pragma_table_info($1) order by cid")
                .bind(&table)
                .fetch_all(&pool)
                .await
                .expect("SQLite columns");
        let key_columns = columns.iter().filter(|row| row.get::<i64, _>(3) > 0).count();
        let mut key: Vec<(i64, String)> = Vec::new();
        for row in &columns {
            let name: String = row.get(0);
            let declared: String = row.get(1);
            let pk: i64 = row.get(3);
            if pk > 0 {
                key.push((pk, name.clone()));
            }
            let family = Family::of(&declared);
            // A lone `integer primary key` is the row id: never null, though not declared so.
            let rowid = pk > 0 && key_columns == 1 && family == Family::Integer;
            let not_null = row.get::<i64, _>(2) != 0 || rowid;
            schema.columns.insert((table.clone(), name), Column { declared, family, not_null });
        }
        key.sort();
        schema.primary_keys.insert(table.clone(), key.into_iter().map(|(_, name)| name).collect());
        let indexes = sqlx::query("select name, \"unique\", origin, partial from pragma_index_list($1)")
            .bind(&table)
            .fetch_all(&pool)
            .await
            .expect("SQLite indexes");
        for row in indexes {
            let name: String = row.get(0);
            let origin: String = row.get(2);
            if origin == "pk" {
                continue;
            }
            let columns: Vec<Option<String>> =
                sqlx::query_scalar("select name from pragma_index_info($1) order by seqno")
                    .bind(&name)
                    .fetch_all(&pool)
                    .await
                    .expect("SQLite index columns");
            let columns: Vec<String> =
                columns.into_iter().map(|c| c.unwrap_or_else(|| "(expression)".to_owned())).collect();
            let key = if origin == "u" { constraint_key(&columns) } else { name };
            let index =
                Index { columns, unique: row.get::<i64, _>(1) != 0, partial: row.get::<i64, _>(3) != 0 };
            schema.indexes.insert((table.clone(), key), index);
        }
        schema.tables.insert(table);
    }
    pool.close().await;
    schema
}

async fn postgres_schema(url: &str) -> Schema {
    let pool = sqlx::PgPool::connect(url).await.expect("open PostgreSQL");
    let mut schema = Schema::default();
    let tables: Vec<String> = sqlx::query_scalar(
        "select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p') order by 1",
    )
    .fetch_all(&pool)
    .await
    .expect("PostgreSQL tables");
    schema.tables = tables.into_iter().filter(|t| !IGNORED_TABLES.contains(&t.as_str())).collect();
    let columns = sqlx::query(
        "select c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull
         from pg_attribute a
         join pg_class c on c.oid = a.attrelid
         join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0
           and not a.attisdropped",
    )
    .fetch_all(&pool)
    .await
    .expect("PostgreSQL columns");
    for row in columns {
        let table: String = row.get(0);
        if !schema.tables.contains(&table) {
            continue;
        }
        let declared: String = row.get(2);
        let family = Family::of(&declared);
        schema.columns.insert((table, row.get(1)), Column { declared, family, not_null: row.get(3) });
    }
    let indexes = sqlx::query(
        "select t.relname::text, i.relname::text, ix.indisunique, ix.indisprimary,
                ix.indpred is not null,
                exists (select 1 from pg_constraint k where k.conindid = ix.indexrelid and k.contype = 'u'),
                array(select coalesce(a.attname::text, '(expression)')
                      from unnest(ix.indkey::int2[]) with ordinality as key (attnum, ord)
                      left join pg_attribute a on a.attrelid = t.oid and a.attnum = key.attnum
                      where key.ord <= ix.indnkeyatts
                      order by key.ord)
         from pg_index ix
         join pg_class i on i.oid = ix.indexrelid
         join pg_class t on t.oid = ix.indrelid
         join pg_namespace n on n.oid = t.relnamespace
         where n.nspname = current_schema()",
    )
    .fetch_all(&pool)
    .await
    .expect("PostgreSQL indexes");
    for row in indexes {
        let table: String = row.get(0);
        if !schema.tables.contains(&table) {
            continue;
        }
        let columns: Vec<String> = row.get(6);
        if row.get::<bool, _>(3) {
            schema.primary_keys.insert(table, columns);
            continue;
        }
        let key = if row.get::<bool, _>(5) { constraint_key(&columns) } else { row.get(1) };
        schema.indexes.insert((table, key), Index { columns, unique: row.get(2), partial: row.get(4) });
    }
    for table in &schema.tables {
        schema.primary_keys.entry(table.clone()).or_default();
    }
    pool.close().await;
    schema
}

fn describe_column(column: &Column) -> String {
    format!("{} ({:?}){}", column.declared, column.family, if column.not_null { " not null" } else { "" })
}

fn describe_index(index: &Index) -> String {
    format!(
        "{}({}){}",
        if index.unique { "unique " } else { "" },
        index.columns.join(", "),
        if index.partial { " where …" } else { "" }
    )
}

/// Every difference between the two schemas, one readable line each.
fn differences(sqlite: &Schema, postgres: &Schema) -> Vec<String> {
    let mut out = Vec::new();
    for table in sqlite.tables.symmetric_difference(&postgres.tables) {
        let only = if sqlite.tables.contains(table) { "SQLite" } else { "PostgreSQL" };
        out.push(format!("table {table}: only in {only}"));
    }
    let both = |table: &String| sqlite.tables.contains(table) && postgres.tables.contains(table);

    let keys: BTreeSet<_> =
        sqlite.columns.keys().chain(postgres.columns.keys()).filter(|(t, _)| both(t)).collect();
    for key @ (table, name) in keys {
        match (sqlite.columns.get(key), postgres.columns.get(key)) {
            (Some(s), Some(p)) => {
                let same_type = s.family == p.family || s.family == p.family.in_sqlite();
                if !same_type || s.not_null != p.not_null || p.family == Family::Other {
                    out.push(format!(
                        "column {table}.{name}: SQLite {}, PostgreSQL {}",
                        describe_column(s),
                        describe_column(p)
                    ));
                }
            }
            (Some(s), None) => {
                out.push(format!("column {table}.{name}: only in SQLite, {}", describe_column(s)))
            }
            (None, Some(p)) => {
                out.push(format!("column {table}.{name}: only in PostgreSQL, {}", describe_column(p)))
            }
            (None, None) => {}
        }
    }

    for table in sqlite.tables.intersection(&postgres.tables) {
        let (s, p) = (sqlite.primary_keys.get(table), postgres.primary_keys.get(table));
        if s != p {
            out.push(format!("primary key of {table}: SQLite {s:?}, PostgreSQL {p:?}"));
        }
    }

    let keys: BTreeSet<_> =
        sqlite.indexes.keys().chain(postgres.indexes.keys()).filter(|(t, _)| both(t)).collect();
    for key @ (table, name) in keys {
        match (sqlite.indexes.get(key), postgres.indexes.get(key)) {
            (Some(s), Some(p)) if s == p => {}
            (Some(s), Some(p)) => out.push(format!(
                "index {table}.{name}: SQLite {}, PostgreSQL {}",
                describe_index(s),
                describe_index(p)
            )),
            (Some(s), None) => {
                out.push(format!("index {table}.{name}: only in SQLite, {}", describe_index(s)))
            }
            (None, Some(p)) => {
                out.push(format!("index {table}.{name}: only in PostgreSQL, {}", describe_index(p)))
            }
            (None, None) => {}
        }
    }
    out
}

#[tokio::test]
async fn sqlite_and_postgres_migrations_give_the_same_schema() {
    let (sqlite_db, postgres_db) = (TestDb::sqlite().await, TestDb::postgres().await);
    let sqlite = sqlite_schema(sqlite_db.url()).await;
    let postgres = postgres_schema(postgres_db.url()).await;
    assert!(sqlite.tables.len() > 10, "the SQLite catalog was read: {:?}", sqlite.tables);
    assert!(!sqlite.indexes.is_empty() && !postgres.indexes.is_empty(), "indexes were read");
    let differences = differences(&sqlite, &postgres);
    assert!(
        differences.is_empty(),
        "the SQLite and PostgreSQL migrations drifted apart:\n  {}",
        differences.join("\n  ")
    );
}

#[test]
fn a_drift_is_reported_line_by_line() {
    let column = |declared: &str, not_null| Column {
        declared: declared.to_owned(),
        family: Family::of(declared),
        not_null,
    };
    let mut sqlite = Schema::default();
    let mut postgres = Schema::default();
    for schema in [&mut sqlite, &mut postgres] {
        schema.tables.insert("sites".to_owned());
        schema.primary_keys.insert("sites".to_owned(), vec!["id".to_owned()]);
    }
    sqlite.tables.insert("listing".to_owned());
    sqlite.columns.insert(("sites".into(), "id".into()), column("integer", true));
    postgres.columns.insert(("sites".into(), "id".into()), column("bigint", true));
    sqlite.columns.insert(("sites".into(), "created_at".into()), column("text", true));
    postgres.columns.insert(("sites".into(), "created_at".into()), column("timestamp with time zone", true));
    sqlite.columns.insert(("sites".into(), "key".into()), column("text", false));
    postgres.columns.insert(("sites".into(), "key".into()), column("text", true));
    postgres.columns.insert(("sites".into(), "enabled".into()), column("boolean", true));
    let index = Index { columns: vec!["key".to_owned()], unique: true, partial: false };
    postgres.indexes.insert(("sites".into(), constraint_key(&index.columns)), index);
    assert_eq!(
        differences(&sqlite, &postgres),
        [
            "table listing: only in SQLite",
            "column sites.enabled: only in PostgreSQL, boolean (Boolean) not null",
            "column sites.key: SQLite text (Text), PostgreSQL text (Text) not null",
            "index sites.unique (key): only in PostgreSQL, unique (key)",
        ]
    );
}
