//! The command line as typed: global options and one variant per command.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::query::format::Format;

/// Consolidated administrative-reform report of the Tân Phước communes, from the
/// CSV exports of their Public Administration Service Centres.
#[derive(Debug, Parser)]
#[command(name = "commune-report", version, about, long_about = None)]
pub struct Cli {
    /// Configuration file; relative paths in it are relative to its folder.
    #[arg(short, long, global = true, default_value = "commune-report.toml")]
    pub config: PathBuf,

    /// Log format on stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,

    /// More log output (-v: debug, -vv: trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Only errors on stderr.
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// Worker threads for reading files and running queries (default: config
    /// engine.threads, else every core).
    #[arg(long, global = true, value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest, then report: the scheduled job.
    Run {
        /// First day counted (default: config report.period_start).
        #[arg(long, value_parser = parse_date)]
        period_start: Option<NaiveDate>,
        /// Last day counted (default: config report.as_of, else the newest snapshot).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Parse every export again instead of reusing unchanged ones.
        #[arg(long)]
        full_refresh: bool,
    },
    /// CSV exports -> warehouse (Parquet), with rejects.
    Ingest {
        /// Parse every export again instead of reusing unchanged ones.
        #[arg(long)]
        full_refresh: bool,
    },
    /// Run the report's queries over the warehouse and publish the report (an edition
    /// of its period; earlier editions are kept).
    Report {
        /// First day counted (default: config report.period_start).
        #[arg(long, value_parser = parse_date)]
        period_start: Option<NaiveDate>,
        /// Last day counted (default: config report.as_of, else the newest snapshot).
        #[arg(long, value_parser = parse_date)]
        as_of: Option<NaiveDate>,
        /// Formats to write, comma-separated: md, html, xlsx, docx, json, csv (report.json is
        /// always written: it is the edition's record).
        #[arg(long, value_delimiter = ',', default_values = ["md", "html", "xlsx", "docx", "json"])]
        formats: Vec<String>,
    },
    /// Ad hoc, read-only SQL over the warehouse.
    ///
    /// Without QUERY or -f: an interactive shell on a terminal, else SQL from stdin
    /// (several statements separated by `;`).
    ///
    /// Examples:
    ///   commune-report sql "SELECT commune, count(*) FROM dossiers GROUP BY commune"
    ///   commune-report sql -f late.sql --format csv
    ///   echo "SELECT * FROM rejects" | commune-report sql --format ndjson
    ///   commune-report sql "SELECT * FROM dossiers" -o dossiers.parquet
    #[command(verbatim_doc_comment)]
    Sql {
        /// The query.
        query: Option<String>,
        /// Read the SQL from this file.
        #[arg(short = 'f', long = "file")]
        file: Option<PathBuf>,
        /// Output format on stdout.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write the result to FILE instead, in the format of its extension
        /// (.csv, .json, .ndjson, .parquet).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Rows shown by --format table (0: all).
        #[arg(long, default_value_t = 100)]
        max_rows: usize,
    },
    /// A starter config and editable copies of the built-in queries and templates in
    /// DIR (default: the current folder); never overwrites a file.
    Init {
        /// Folder to write into (created if missing).
        dir: Option<PathBuf>,
    },
    /// Dry run: what would be detected and rejected, per file; writes nothing.
    Check {
        /// Files to check (default: every file the config's globs match).
        files: Vec<PathBuf>,
    },
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date like 2025-12-15"))
}
