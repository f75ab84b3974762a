//! The command line as typed: global options and one variant per command.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::query::format::Format;
use crate::tr;

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

    /// Language of messages: vi or en.
    #[arg(long, global = true, value_parser = ["vi", "en"])]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

/// The command line with its help from the message catalogues, in the interface
/// language (clap's own headings too). The doc comments above are the English
/// source the catalogues started from.
pub fn command() -> clap::Command {
    use clap::{Arg, ArgAction, CommandFactory};
    let root = localize(Cli::command(), None)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .global(true)
                .action(ArgAction::Help)
                .help(tr!("arg-help")),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(tr!("arg-version")),
        );
    root.mut_subcommand("sql", |c| c.after_help(tr!("cmd-sql-examples")))
}

/// About, argument help and headings of `cmd` (and its subcommands) from the
/// catalogue: `cmd-<name>`, `arg-<id>` for the root's (global) arguments,
/// `arg-<command>-<id>` for a command's own.
fn localize(cmd: clap::Command, parent: Option<&str>) -> clap::Command {
    let name = cmd.get_name().to_string();
    let key = if parent.is_some() {
        name.as_str()
    } else {
        "root"
    };
    let about = crate::i18n::message(&format!("cmd-{key}"), None);
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    let has_positionals = cmd.get_positionals().next().is_some();
    let has_subcommands = cmd.get_subcommands().next().is_some();
    let mut template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n",
        tr!("help-usage")
    );
    if has_subcommands {
        template.push_str(&format!("{}\n{{subcommands}}\n\n", tr!("help-commands")));
    }
    if has_positionals {
        template.push_str(&format!("{}\n{{positionals}}\n\n", tr!("help-arguments")));
    }
    template.push_str(&format!(
        "{}\n{{options}}{{after-help}}",
        tr!("help-options")
    ));
    let mut cmd = cmd
        .about(about)
        .long_about(None)
        .help_template(template)
        .disable_help_flag(true)
        .disable_help_subcommand(true);
    for id in ids {
        let message = match parent {
            None => format!("arg-{id}"),
            Some(_) => format!("arg-{name}-{id}"),
        };
        let help = crate::i18n::message(&message, None);
        // clap's "[default: …]" and "[possible values: …]" are English: the
        // catalogue's help says them instead.
        cmd = cmd.mut_arg(&id, |a| {
            let a = a.help(help).long_help(None);
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    let subcommands: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for sub in subcommands {
        cmd = cmd.mut_subcommand(&sub, |c| localize(c, Some(&name)));
    }
    cmd
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
        /// Your own table beside the warehouse for this session, read-only:
        /// NAME=FILE.csv or NAME=FILE.parquet (repeatable).
        #[arg(long, value_parser = crate::query::attach::parse)]
        attach: Vec<crate::query::attach::Attach>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Serve the warehouse read-only over the PostgreSQL protocol (psql, DBeaver,
    /// Excel, Power BI, Metabase).
    Serve {
        /// Address to listen on (default: config serve.listen, else 127.0.0.1:5432).
        #[arg(long)]
        listen: Option<String>,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// E-mail the newest run's outcome to the `[notify]` recipients; with --failed,
    /// that the job failed (the systemd unit started on failure runs this).
    Notify {
        /// The job failed: say so even when it left no run record (killed, say).
        #[arg(long)]
        failed: bool,
        /// The systemd unit that failed, named in the mail.
        #[arg(long)]
        unit: Option<String>,
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

/// The limits of ad hoc queries, on `sql` and `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct LimitArgs {
    /// Memory all queries may use together, such as 256MB (default: config
    /// engine.memory_limit, else half the machine's).
    #[arg(long, value_parser = crate::config::limits::parse_size)]
    pub memory_limit: Option<u64>,
    /// Longest a query may run, such as 30s or 10m; 0: none (default: config
    /// engine.time_limit, else 15m).
    #[arg(long, value_parser = |s: &str| crate::config::limits::parse_duration(s).map(TimeLimit))]
    pub time_limit: Option<TimeLimit>,
}

/// `--time-limit`: a duration, or none.
#[derive(Debug, Clone, Copy)]
pub struct TimeLimit(pub Option<std::time::Duration>);

impl LimitArgs {
    /// The config's limits with what the command line says instead.
    pub fn over(
        &self,
        config: crate::config::limits::QueryLimits,
    ) -> crate::config::limits::QueryLimits {
        crate::config::limits::QueryLimits {
            memory: self.memory_limit.unwrap_or(config.memory),
            time: self.time_limit.map_or(config.time, |t| t.0),
        }
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| tr!("cli-not-a-date", value = s))
}
