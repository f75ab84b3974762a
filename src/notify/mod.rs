//! `[notify]`: someone hears of every run. After a run publishes, its summary (what
//! changed since the previous run, communes that delivered nothing, figures that
//! moved) goes by e-mail with the report files attached; the `notify` command mails
//! the newest run's outcome, for the systemd unit that runs when the job fails.
//! A mail that cannot be sent is logged; it never undoes a run.

mod message;
mod smtp;

use std::path::Path;

use crate::config::Config;
use crate::config::notify::Notify;
use crate::error::ExitStatus;
use crate::report::Report;
use crate::warehouse::runs::Manifest;

pub use message::{Letter, record_letter, run_letter};

/// Mails a published run's summary; failures are logged.
pub fn send_run(
    notify: &Notify,
    config: &Config,
    report: &Report,
    manifest: &Manifest,
    dir: &Path,
    status: ExitStatus,
    table: &str,
) {
    let letter = run_letter(config, report, manifest, status, table);
    deliver(notify, &letter, dir);
}

/// Mails `letter` with the report files `notify.attach` names from `dir`; returns
/// whether it was sent (the reason it was not is logged).
pub fn deliver(notify: &Notify, letter: &Letter, dir: &Path) -> bool {
    let sent = message::build(notify, letter, dir).and_then(|m| smtp::send(notify, &m));
    match sent {
        Ok(()) => {
            tracing::info!(
                "{}",
                crate::tr!(
                    "info-mail-sent",
                    to = notify.to.join(", "),
                    subject = letter.subject.as_str()
                )
            );
            true
        }
        Err(cause) => {
            tracing::error!("{}", crate::tr!("error-mail-not-sent", cause = cause));
            false
        }
    }
}
