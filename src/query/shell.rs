//! The interactive SQL shell (`sql` on a terminal with no query): multi-line
//! statements ended by `;`, a history file, backslash commands, and Ctrl-C that
//! cancels the running query, not the shell.

use std::io::Write;
use std::path::PathBuf;

use datafusion::execution::context::SessionContext;
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

use super::describe;
use super::format::{self, Format};
use crate::error::{Error, Result};
use crate::tr;

/// What a backslash command asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command<'a> {
    Quit,
    Tables,
    Describe(&'a str),
    Help,
    Unknown(&'a str),
}

pub fn parse_command(line: &str) -> Command<'_> {
    let mut words = line.split_whitespace();
    match (words.next(), words.next()) {
        (Some("\\q"), _) => Command::Quit,
        (Some("\\d"), None) => Command::Tables,
        (Some("\\d"), Some(t)) => Command::Describe(t.trim_end_matches(';')),
        (Some("\\?") | Some("\\h"), _) => Command::Help,
        _ => Command::Unknown(line.trim()),
    }
}

fn query_runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::io(crate::tr!("io-runtime"), e))
}

fn history_file() -> Option<PathBuf> {
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".commune_report_history"))
}

pub async fn run(
    ctx: &SessionContext,
    format: Format,
    max_rows: usize,
    out: &mut dyn Write,
) -> Result<()> {
    let mut editor =
        DefaultEditor::new().map_err(|e| Error::Usage(tr!("shell-start", cause = e)))?;
    let history = history_file();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    // Queries run on their own runtime: when they keep its threads busy, this one
    // stays free to notice Ctrl-C.
    let mut queries = query_runtime()?;
    let io = |e| Error::io(crate::tr!("io-output"), e);
    writeln!(out, "{}", tr!("shell-banner")).map_err(io)?;
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { "sql> " } else { "  -> " };
        match editor.readline(prompt) {
            Ok(line) => {
                let trimmed = line.trim();
                if buffer.is_empty() && trimmed.starts_with('\\') {
                    let _ = editor.add_history_entry(trimmed);
                    let result = match parse_command(trimmed) {
                        Command::Quit => break,
                        Command::Tables => describe::tables(out).await,
                        Command::Describe(t) => describe::table(ctx, t, out).await,
                        Command::Help => writeln!(out, "{}", tr!("shell-help")).map_err(io),
                        Command::Unknown(c) => Err(Error::Usage(tr!("shell-unknown", command = c))),
                    };
                    if let Err(e) = result {
                        eprintln!("{}", tr!("error-prefix", message = e));
                    }
                    continue;
                }
                if trimmed.is_empty() && buffer.is_empty() {
                    continue;
                }
                buffer.push_str(&line);
                buffer.push('\n');
                if !trimmed.ends_with(';') {
                    continue;
                }
                let sql = std::mem::take(&mut buffer);
                let _ = editor.add_history_entry(sql.trim());
                // On its own task, so that Ctrl-C is seen even while the query keeps a
                // thread busy; cancelling aborts the task and returns to the prompt.
                let task = queries.spawn({
                    let ctx = ctx.clone();
                    async move { super::run_statements(&ctx, &sql).await }
                });
                let abort = task.abort_handle();
                tokio::select! {
                    joined = task => match joined {
                        Ok(Ok(results)) => {
                            for batches in results {
                                if let Err(e) = format::write(out, format, &batches, max_rows) {
                                    eprintln!("{}", tr!("error-prefix", message = e));
                                }
                            }
                        }
                        Ok(Err(e)) => eprintln!("{}", tr!("error-prefix", message = e)),
                        Err(e) => eprintln!("{}", tr!("shell-stopped", cause = e)),
                    },
                    _ = tokio::signal::ctrl_c() => {
                        // A plan busy in one long poll does not see the abort at once;
                        // a fresh runtime keeps the next query from queueing behind it.
                        abort.abort();
                        std::mem::replace(&mut queries, query_runtime()?).shutdown_background();
                        eprintln!("{}", tr!("shell-cancelled"));
                    }
                }
            }
            Err(ReadlineError::Interrupted) => buffer.clear(),
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(Error::Usage(tr!("shell-input", cause = e))),
        }
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    queries.shutdown_background();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backslash_commands() {
        assert_eq!(parse_command("\\q"), Command::Quit);
        assert_eq!(parse_command("\\d"), Command::Tables);
        assert_eq!(
            parse_command("\\d  dossiers;"),
            Command::Describe("dossiers")
        );
        assert_eq!(parse_command("\\?"), Command::Help);
        assert_eq!(parse_command("\\x"), Command::Unknown("\\x"));
    }
}
