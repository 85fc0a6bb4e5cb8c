/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or reached.
    #[error("cannot open the database: {0}")]
    Connect(#[source] sqlx::Error),
    /// The schema could not be brought up to date.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A unique value is already taken; `field` names it for the form.
    #[error("{field} is already in use")]
    Conflict {
        /// The field whose value is taken.
        field: &'static str,
    },
    /// A referenced row does not exist (an unknown theme slug, say).
    #[error("unknown {what}: {value}")]
    UnknownReference {
        /// What kind of thing was referenced.
        what: &'static str,
        /// The reference as given.
        value: String,
    },
    /// Someone saved or changed the document since the revision the caller started from.
    #[error("the document was changed by someone else")]
    StaleRevision,
    /// The change would leave no enabled administrator, and nobody could manage users again.
    #[error("the last enabled administrator cannot be removed, disabled or given another role")]
    LastAdmin,
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A step the caller ran inside the transaction failed (putting an upload's files in
    /// place, say); nothing was committed.
    #[error("a step inside the transaction failed")]
    Aborted(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// A stored value that does not parse: the database was changed behind our back.
    #[error("corrupt value in the database: {0}")]
    Corrupt(String),
}

impl StoreError {
    /// Whether a query that must find one row found none: the row was deleted under the
    /// caller, who then answers "not found" rather than failing.
    pub fn is_row_not_found(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::RowNotFound))
    }

    /// Whether the database could not be reached or went away under the query (a restart, a
    /// failover, every connection busy): nothing the request did wrong, worth retrying soon.
    pub fn is_unavailable(&self) -> bool {
        let StoreError::Database(err) = self else { return false };
        match err {
            // Not `PoolClosed`: this process closed that pool, and it never opens again.
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::Tls(_) => true,
            // SQLSTATE class 08 (connection exception) and 57P (the server shutting down or
            // starting up).
            sqlx::Error::Database(db) => {
                db.code().is_some_and(|code| code.starts_with("08") || code.starts_with("57P"))
            }
            _ => false,
        }
    }

    /// Maps a unique-constraint violation to [`StoreError::Conflict`] on `field`.
    pub(crate) fn conflict_on(field: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |err| match err.as_database_error() {
            Some(db) if db.is_unique_violation() => StoreError::Conflict { field },
            _ => StoreError::Database(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_out_of_reach_is_unavailable_and_a_closed_pool_or_a_missing_row_is_not() {
        let refused = std::io::Error::from(std::io::ErrorKind::ConnectionRefused);
        assert!(StoreError::Database(sqlx::Error::PoolTimedOut).is_unavailable());
        assert!(StoreError::Database(sqlx::Error::Io(refused)).is_unavailable());
        assert!(!StoreError::Database(sqlx::Error::PoolClosed).is_unavailable());
        assert!(!StoreError::Database(sqlx::Error::RowNotFound).is_unavailable());
        assert!(!StoreError::StaleRevision.is_unavailable());
    }
}
