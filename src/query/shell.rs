//! The interactive SQL shell (`sql` on a terminal with no query): multi-line
//! statements ended by `;`, a history file, tab completion of tables, columns and
//! backslash commands, and Ctrl-C that stops the running query (its work, not only
//! its output) and keeps the shell.
//!
//! Each statement reads the warehouse version published when it starts (see
//! [`crate::engine::reader`]), so a run that publishes while the shell is open is
//! seen by the next statement.

mod complete;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use super::describe;
use super::format::{self, Display};
use crate::config::limits::QueryLimits;
use crate::engine::interrupt::{Interrupt, Stopped};
use crate::engine::{limits, reader::Reader};
use crate::error::{Error, Result};
use crate::tr;
use complete::Names;

/// What a backslash command asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Command<'a> {
    Quit,
    Tables,
    Describe(&'a str),
    Timing,
    Expanded,
    Help,
    Unknown(&'a str),
}

/// The backslash commands, for completion.
pub const COMMANDS: [&str; 6] = ["\\d", "\\x", "\\timing", "\\?", "\\h", "\\q"];

pub fn parse_command(line: &str) -> Command<'_> {
    let mut words = line.split_whitespace();
    match (words.next(), words.next()) {
        (Some("\\q"), _) => Command::Quit,
        (Some("\\d"), None) => Command::Tables,
        (Some("\\d"), Some(t)) => Command::Describe(t.trim_end_matches(';')),
        (Some("\\timing"), _) => Command::Timing,
        (Some("\\x"), _) => Command::Expanded,
        (Some("\\?") | Some("\\h"), _) => Command::Help,
        _ => Command::Unknown(line.trim()),
    }
}

fn history_file() -> Option<std::path::PathBuf> {
    std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".commune_report_history"))
}

pub async fn run(
    reader: &Reader,
    mut display: Display,
    query_limits: &QueryLimits,
    out: &mut dyn Write,
) -> Result<()> {
    let names = Arc::new(Mutex::new(Names::default()));
    let mut editor: Editor<complete::Helper, DefaultHistory> = Editor::with_config(
        Config::builder()
            .auto_add_history(false)
            .completion_type(CompletionType::List)
            .build(),
    )
    .map_err(|e| Error::Usage(tr!("shell-start", cause = e)))?;
    editor.set_helper(Some(complete::Helper::new(names.clone())));
    let history = history_file();
    if let Some(h) = &history {
        let _ = editor.load_history(h);
    }
    let io = |e| Error::io(crate::tr!("io-output"), e);
    writeln!(out, "{}", tr!("shell-banner")).map_err(io)?;
    complete::refresh(&names, reader).await;
    let ctrl_c = CtrlC::watch();
    let idle = Interrupt::new(None);
    let mut timing = false;
    let mut buffer = String::new();
    loop {
        let prompt = if buffer.is_empty() { "sql> " } else { "  -> " };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => {
                buffer.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(Error::Usage(tr!("shell-input", cause = e))),
        };
        let trimmed = line.trim();
        if buffer.is_empty() && trimmed.starts_with('\\') {
            let _ = editor.add_history_entry(trimmed);
            let result = match parse_command(trimmed) {
                Command::Quit => break,
                Command::Tables => match reader.pin().await {
                    Ok(pinned) => describe::tables(&pinned.context(&idle), out).await,
                    Err(e) => Err(e),
                },
                Command::Describe(t) => match reader.pin().await {
                    Ok(pinned) => describe::table(&pinned.context(&idle), t, out).await,
                    Err(e) => Err(e),
                },
                Command::Timing => {
                    timing = !timing;
                    let id = if timing {
                        "shell-timing-on"
                    } else {
                        "shell-timing-off"
                    };
                    writeln!(out, "{}", crate::i18n::message(id, None)).map_err(io)
                }
                Command::Expanded => {
                    display.expanded = !display.expanded;
                    let id = if display.expanded {
                        "shell-expanded-on"
                    } else {
                        "shell-expanded-off"
                    };
                    writeln!(out, "{}", crate::i18n::message(id, None)).map_err(io)
                }
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
        let started = Instant::now();
        let interrupt = Interrupt::new(query_limits.time);
        ctrl_c.arm(&interrupt);
        let outcome = limits::within(
            query_limits,
            statements(reader, &sql, display, &interrupt, out),
        )
        .await;
        ctrl_c.disarm();
        match outcome {
            Ok(()) => {}
            Err(_) if interrupt.stopped() == Some(Stopped::Cancelled) => {
                eprintln!("{}", tr!("shell-cancelled"));
            }
            Err(e) => eprintln!("{}", tr!("error-prefix", message = e)),
        }
        if timing {
            writeln!(
                out,
                "{}",
                tr!("shell-time", time = elapsed(started.elapsed()))
            )
            .map_err(io)?;
        }
        complete::refresh(&names, reader).await;
    }
    if let Some(h) = &history {
        let _ = editor.save_history(h);
    }
    Ok(())
}

/// Plans, then runs and shows, every statement of `sql` over one version.
async fn statements(
    reader: &Reader,
    sql: &str,
    display: Display,
    interrupt: &Interrupt,
    out: &mut dyn Write,
) -> Result<()> {
    let pinned = reader.pin().await?;
    let ctx = pinned.context(interrupt);
    for plan in super::plan_statements(&ctx, sql).await? {
        format::write_stream(out, display, super::execute(&ctx, plan).await?).await?;
    }
    out.flush()
        .map_err(|e| Error::io(crate::tr!("io-output"), e))
}

/// Ctrl-C while a statement runs. The signal is awaited on a thread of its own:
/// the statement may keep this thread in one long poll, so nothing here could see
/// the signal until it ends. The watcher trips the statement's [`Interrupt`], whose
/// checks in the plan's leaves end it. At the prompt the terminal is in raw mode
/// and Ctrl-C reaches the line editor instead.
struct CtrlC {
    armed: Arc<Mutex<Option<Interrupt>>>,
}

impl CtrlC {
    /// Starts the watcher and returns once its handler is in place: the line editor
    /// saves and restores the SIGINT handler around each line, so the handler must be
    /// there before the first line is read.
    fn watch() -> CtrlC {
        let armed: Arc<Mutex<Option<Interrupt>>> = Arc::default();
        let slot = armed.clone();
        let (ready, listening) = std::sync::mpsc::channel();
        let started = std::thread::Builder::new()
            .name("ctrl-c".into())
            .spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async {
                    use tokio::signal::unix::{SignalKind, signal};
                    let Ok(mut interrupts) = signal(SignalKind::interrupt()) else {
                        return;
                    };
                    let _ = ready.send(());
                    while interrupts.recv().await.is_some() {
                        if let Some(interrupt) = slot.lock().ok().and_then(|mut s| s.take()) {
                            interrupt.cancel();
                        }
                    }
                });
            });
        match started {
            Ok(_) => {
                let _ = listening.recv_timeout(Duration::from_secs(5));
            }
            Err(e) => tracing::debug!(error = %e, "no Ctrl-C watcher"),
        }
        CtrlC { armed }
    }

    fn arm(&self, interrupt: &Interrupt) {
        if let Ok(mut slot) = self.armed.lock() {
            *slot = Some(interrupt.clone());
        }
    }

    fn disarm(&self) {
        if let Ok(mut slot) = self.armed.lock() {
            *slot = None;
        }
    }
}

/// "12,345 ms" in Vietnamese, "12.345 ms" in English.
fn elapsed(d: Duration) -> String {
    let text = format!("{:.3} ms", d.as_secs_f64() * 1000.0);
    match crate::i18n::lang() {
        crate::i18n::Lang::Vi => text.replace('.', ","),
        _ => text,
    }
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
        assert_eq!(parse_command("\\x"), Command::Expanded);
        assert_eq!(parse_command("\\timing"), Command::Timing);
        assert_eq!(parse_command("\\z"), Command::Unknown("\\z"));
        for c in COMMANDS {
            assert!(!matches!(parse_command(c), Command::Unknown(_)), "{c}");
        }
    }
}
