//! Many rows as one, on SQLite.
//!
//! sqlx runs each SQLite connection on a worker thread and hands every row of a result to the
//! task that asked, one at a time, waking it. Measured on this project's 2-core machine
//! (release build, the 100 000-release corpus): a query costs about 35 µs of thread
//! switches whatever it reads, and each row about 0.9 µs more; 80 small rows took 110 µs
//! as rows and 60 µs as one. So public reads make few round trips, and those returning tens
//! of small rows ask SQLite for a single row: a JSON array of the rows, each an array of its
//! columns ([`one_row_sql`]), which [`rows_of`] parses. Rows with whole bodies stay rows:
//! escaping and parsing them as JSON costs more than the hand-offs it saves. PostgreSQL's
//! client reads rows off its socket in the asking task and keeps its rows.

use serde::de::DeserializeOwned;
use time::OffsetDateTime;

use crate::{Result, StoreError};

/// `inner`'s rows as one: a JSON array holding, per row, the array of `columns` (expressions
/// over `inner`'s output columns), in `order` when given.
pub(crate) fn one_row_sql(columns: &str, order: Option<&str>, inner: &str) -> String {
    let order = order.map(|order| format!(" order by {order}")).unwrap_or_default();
    format!("select json_group_array(json_array({columns}){order}) from ({inner})")
}

/// The rows of a [`one_row_sql`] result; `what` names the query in the error.
pub(crate) fn rows_of<T: DeserializeOwned>(json: &str, what: &str) -> Result<Vec<T>> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// A time read as Unix seconds (`unixepoch(column)` in the columns).
pub(crate) fn time_of(at: i64, what: &str) -> Result<OffsetDateTime> {
    OffsetDateTime::from_unix_timestamp(at).map_err(|_| StoreError::Corrupt(format!("time {at} in {what}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_come_back_as_parsed_tuples_or_a_clear_error() {
        let rows: Vec<(i64, Option<String>)> = rows_of(r#"[[1,"a\"b"],[2,null]]"#, "test").expect("rows");
        assert_eq!(rows, vec![(1, Some("a\"b".to_owned())), (2, None)]);
        let empty: Vec<(i64,)> = rows_of("[]", "test").expect("no rows");
        assert!(empty.is_empty());
        let wrong =
            rows_of::<(i64,)>(r#"[["x"]]"#, "the test query").expect_err("a text for a number").to_string();
        assert!(wrong.contains("the test query"), "{wrong}");
        assert_eq!(
            one_row_sql("a, b", Some("a desc"), "select 1 as a, 2 as b"),
            "select json_group_array(json_array(a, b) order by a desc) from (select 1 as a, 2 as b)"
        );
    }
}
