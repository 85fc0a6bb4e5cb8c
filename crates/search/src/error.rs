//! The one error type of this crate.

use std::path::PathBuf;

/// Why the index could not be opened, written or searched.
///
/// Reader input never causes one: bad query syntax, unknown filter values and out-of-range
/// pages degrade to a best-effort (possibly empty) result. These are operator problems —
/// disk, permissions, a second writer — to log once and show as a plain error page.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The index folder could not be created or read.
    #[error("cannot use the search index folder {path}: {source}")]
    Folder {
        /// The folder given to [`SearchIndex::open`](crate::SearchIndex::open).
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
    /// The folder holds an index built by another version of Portico (another schema or
    /// analysis). It is derived data: delete the folder and run `portico reindex`.
    #[error(
        "the search index in {path} was built by another version of Portico; \
         delete the folder and run `portico reindex`"
    )]
    IncompatibleIndex {
        /// The folder given to [`SearchIndex::open`](crate::SearchIndex::open).
        path: PathBuf,
    },
    /// Another writer (most likely another Portico process) holds the index's write lock.
    #[error("another process is writing the search index; only one writer may run at a time")]
    Locked,
    /// Tantivy failed: I/O, a corrupt file, a worker thread that died.
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
}
