//! commune-report turns the CSV exports of several communes into one consolidated
//! administrative-reform report.
//!
//! Data flows through three stages (after [`fetch`] has brought remote exports into
//! a local inbox):
//! 1. [`ingest`]: every configured export is detected (encoding, delimiter, header
//!    line), decoded, mapped to canonical columns and validated row by row; bad rows
//!    become rejects, the newest snapshot of each dossier wins.
//! 2. [`warehouse`] (the storage layer, which imports neither `ingest` nor `config`):
//!    parsed rows are staged in the parse cache as zstd Parquet, then a new version,
//!    partitioned by commune, is published atomically.
//! 3. [`report`]: the report's queries (built in, see [`query::bundled`], plus those
//!    of a `queries/` folder) run on [`engine`] (DataFusion) over the warehouse; their
//!    results are rendered as Markdown, HTML, XLSX, JSON and (on request) CSV.
//!
//! Ad hoc SQL reads the same versions: [`query`] for the `sql` command and its shell,
//! [`serve`] for clients of the PostgreSQL protocol.
//!
//! [`notify`] mails what a run changed (or that it failed) to those who need to know.
//!
//! [`commands`] wires them to the command line ([`cli`]); [`config`] resolves the
//! TOML configuration; [`error`] maps every failure to an exit code.

pub mod cli;
pub mod commands;
pub mod config;
pub mod engine;
pub mod error;
pub mod faults;
pub mod fetch;
pub mod i18n;
pub mod ingest;
pub mod lock;
pub mod notify;
pub mod parallel;
pub mod privacy;
pub mod query;
pub mod report;
pub mod serve;
pub mod text;
pub mod warehouse;
