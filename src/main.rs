//! `commune-report`: parse the command line, set up logging, run the command and
//! map its outcome to the exit code the README documents.

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::FromArgMatches;
use commune_report::cli::{Cli, LogFormat};
use commune_report::error::ExitStatus;
use commune_report::{i18n, tr};
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let lang = i18n::resolve(lang_flag().as_deref(), |k| std::env::var(k).ok());
    i18n::set(lang);
    let matches = match commune_report::cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) if !e.use_stderr() => e.exit(), // --help, --version
        Err(e) => {
            // clap's sentence stays as clap words it; the frame and the way out are ours.
            let detail = e.to_string();
            let detail = detail.trim().trim_start_matches("error: ");
            eprintln!("{}", tr!("error-command-line", detail = detail));
            return ExitCode::from(ExitStatus::Usage.code());
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    init_logging(&cli);
    let status = match commune_report::commands::execute(&cli) {
        Ok(status) => status,
        Err(err) if is_broken_pipe(&err) => ExitStatus::Success,
        Err(err) => {
            let mut message = tr!("error-prefix", message = err);
            let mut source = std::error::Error::source(&err);
            while let Some(cause) = source {
                // Most messages already quote their cause; print only what is new.
                let text = cause.to_string();
                if !message.contains(&text) {
                    message.push_str(&format!("\n  {}", tr!("error-caused-by", cause = text)));
                }
                source = cause.source();
            }
            eprintln!("{message}");
            err.exit_status()
        }
    };
    ExitCode::from(status.code())
}

fn init_logging(cli: &Cli) {
    let default = match (cli.quiet, cli.verbose) {
        (true, _) => "error",
        (false, 0) => "warn,commune_report=info",
        (false, 1) => "warn,commune_report=debug",
        _ => "debug,commune_report=trace",
    };
    let filter =
        EnvFilter::try_from_env("COMMUNE_REPORT_LOG").unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false);
    match cli.log_format {
        LogFormat::Json => builder.json().init(),
        LogFormat::Text => builder.without_time().init(),
    }
}

fn is_broken_pipe(err: &commune_report::error::Error) -> bool {
    matches!(err, commune_report::error::Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
}

/// `--lang X` or `--lang=X` among the arguments: the language must be known before
/// the command line is parsed, so that its help and errors are in it.
fn lang_flag() -> Option<String> {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            return args.next();
        }
        if let Some(value) = arg.strip_prefix("--lang=") {
            return Some(value.to_string());
        }
    }
    None
}
