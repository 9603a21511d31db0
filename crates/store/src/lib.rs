//! The built-in SQL store behind `apiroutes/sql`: which database `DATABASE_URL` names,
//! the one pool per database that every worker of the process shares, and migrations.
//!
//! - unset `DATABASE_URL` → the embedded SQLite file `.apiroutes/data.db` of the project
//!   (created on first use);
//! - `sqlite:PATH` / `sqlite://PATH` / `file:PATH` → that SQLite file (relative to the
//!   project), `sqlite::memory:` → an in-memory database;
//! - `postgres://` / `postgresql://` → a pool of connections to that Postgres server
//!   (`postgres.rs`; TLS per `sslmode`).
//!
//! The database opens lazily: a project that never queries gets no file and makes no
//! connection.

pub mod migrate;
pub mod postgres;
pub mod sqlite;
pub mod value;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub use value::{Params, QueryResult, SqlError, SqlValue};

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

/// The embedded database of a project, relative to its directory.
pub const DEFAULT_SQLITE_FILE: &str = ".apiroutes/data.db";

impl DatabaseUrl {
    /// Parses a `DATABASE_URL`; `None` or an empty value is the embedded default.
    pub fn parse(url: Option<&str>, project_dir: &Path) -> Result<Self, String> {
        let url = url.map(str::trim).unwrap_or("");
        if url.is_empty() {
            return Ok(Self::Sqlite(project_dir.join(DEFAULT_SQLITE_FILE)));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self::Postgres(url.to_string()));
        }
        let path = ["sqlite://", "sqlite:", "file://", "file:"]
            .iter()
            .find_map(|prefix| url.strip_prefix(prefix));
        match path {
            Some(":memory:") | Some("memory:") => Ok(Self::Sqlite(PathBuf::from(":memory:"))),
            Some("") => Err(format!("DATABASE_URL `{url}` names no file")),
            Some(path) => Ok(Self::Sqlite(project_dir.join(path))),
            None => Err(format!(
                "DATABASE_URL `{}` is not a database URL this build knows \
                 (sqlite:PATH, sqlite::memory:, postgres://...)",
                redact(url)
            )),
        }
    }

    /// `sqlite` or `postgres`: which SQL the JavaScript side writes placeholders for.
    pub fn dialect(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(_) => "postgres",
        }
    }
}

/// A URL with its password (if any) hidden, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// One database and its pool, opened on first use. Cheap to clone.
#[derive(Clone)]
pub struct Store(Arc<StoreInner>);

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0.url {
            DatabaseUrl::Sqlite(path) => write!(f, "Store(sqlite:{})", path.display()),
            DatabaseUrl::Postgres(url) => write!(f, "Store({})", redact(url)),
        }
    }
}

struct StoreInner {
    url: DatabaseUrl,
    pool: OnceLock<Result<Backend, SqlError>>,
}

/// The opened pool of either database.
#[derive(Clone)]
enum Backend {
    Sqlite(Arc<sqlite::Pool>),
    Postgres(Arc<postgres::Pool>),
}

impl Store {
    pub fn new(url: DatabaseUrl) -> Self {
        Self(Arc::new(StoreInner {
            url,
            pool: OnceLock::new(),
        }))
    }

    /// The store for `url`, shared with every other caller in the process that names it.
    pub fn shared(url: DatabaseUrl) -> Self {
        static STORES: OnceLock<Mutex<HashMap<DatabaseUrl, Store>>> = OnceLock::new();
        let mut stores = STORES
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        stores
            .entry(url.clone())
            .or_insert_with(|| Store::new(url))
            .clone()
    }

    pub fn url(&self) -> &DatabaseUrl {
        &self.0.url
    }

    fn pool(&self) -> Result<Backend, SqlError> {
        self.0
            .pool
            .get_or_init(|| match &self.0.url {
                DatabaseUrl::Sqlite(path) => {
                    sqlite::Pool::open(path).map(|pool| Backend::Sqlite(Arc::new(pool)))
                }
                DatabaseUrl::Postgres(url) => {
                    postgres::Pool::open(url).map(|pool| Backend::Postgres(Arc::new(pool)))
                }
            })
            .clone()
    }

    /// Runs one statement; inside transaction `transaction` when given.
    pub async fn query(
        &self,
        text: String,
        params: Params,
        transaction: Option<u64>,
    ) -> Result<QueryResult, SqlError> {
        match (self.pool()?, transaction) {
            (Backend::Sqlite(pool), Some(id)) => pool.query_in(id, text, params).await,
            (Backend::Sqlite(pool), None) => pool.query(text, params).await,
            (Backend::Postgres(pool), Some(id)) => pool.query_in(id, text, params).await,
            (Backend::Postgres(pool), None) => pool.query(text, params).await,
        }
    }

    /// Starts a transaction; its statements pass the returned id to [`Store::query`].
    pub async fn begin(&self) -> Result<u64, SqlError> {
        match self.pool()? {
            Backend::Sqlite(pool) => pool.begin().await,
            Backend::Postgres(pool) => pool.begin().await,
        }
    }

    /// Commits or rolls back a transaction.
    pub async fn end(&self, transaction: u64, commit: bool) -> Result<(), SqlError> {
        match self.pool()? {
            Backend::Sqlite(pool) => pool.end(transaction, commit).await,
            Backend::Postgres(pool) => pool.end(transaction, commit).await,
        }
    }

    /// Applies the pending files of `migrations_dir` (blocking; used before serving).
    pub fn migrate(&self, migrations_dir: &Path) -> Result<Vec<String>, String> {
        match &self.0.url {
            DatabaseUrl::Sqlite(path) => migrate::apply_sqlite(path, migrations_dir),
            DatabaseUrl::Postgres(url) => migrate::apply_postgres(url, migrations_dir),
        }
    }
}
