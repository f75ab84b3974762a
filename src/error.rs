//! Errors that end a command, typed by what the caller (ultimately `main`) does with
//! them: the exit code follows the kind. A bad data row is not an error: it is a
//! reject record (see `ingest::rows`).

use std::path::PathBuf;

/// Exit codes, as the README documents them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success.
    Success,
    /// 1: failure; nothing was published.
    Failure,
    /// 2: bad usage or bad configuration.
    Usage,
    /// 3: published, but a data-quality threshold was exceeded.
    QualityThreshold,
    /// 4: `run` published the warehouse but could not publish the report.
    ReportNotPublished,
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::QualityThreshold => 3,
            ExitStatus::ReportNotPublished => 4,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The configuration file is unreadable or says something invalid.
    #[error("{}", crate::tr!("error-config", path = path.display(), message = message))]
    Config { path: PathBuf, message: String },

    /// The command line asked for something impossible (e.g. a write in `sql`).
    #[error("{0}")]
    Usage(String),

    /// A whole input file could not be read as an export (rows are rejects instead).
    #[error("{path}: {source}")]
    Input {
        path: PathBuf,
        #[source]
        source: crate::ingest::FileError,
    },

    /// A file of the report (query, template) is unusable.
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },

    #[error("{}", crate::tr!("error-engine", cause = _0))]
    Engine(#[from] datafusion::error::DataFusionError),

    #[error("arrow: {0}")]
    Arrow(#[from] arrow::error::ArrowError),

    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),

    /// A remote source could not be read (after retries, for transient errors).
    #[error("{}", crate::tr!("error-remote", url = url, cause = cause))]
    Remote { url: String, cause: String },

    /// Another run holds the lock.
    #[error("{0}")]
    Busy(String),

    /// The warehouse is published but the report is not (exit 4).
    #[error("{0}")]
    ReportNotPublished(String),

    /// An internal consistency check failed: a bug, reported loudly rather than
    /// publishing numbers that do not add up.
    #[error("{}", crate::tr!("error-invariant", cause = _0))]
    Invariant(String),
}

impl Error {
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Config { .. } | Error::Usage(_) => ExitStatus::Usage,
            Error::ReportNotPublished(_) => ExitStatus::ReportNotPublished,
            _ => ExitStatus::Failure,
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }

    pub fn config(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Config {
            path: path.into(),
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
