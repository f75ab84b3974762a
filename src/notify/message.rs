//! The e-mails: what they say (in the user's language, figures and dates in
//! Vietnamese style) and the report files they carry.

use std::path::Path;

use lettre::Message;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};

use crate::config::Config;
use crate::config::notify::Notify;
use crate::error::ExitStatus;
use crate::report::Report;
use crate::report::vn;
use crate::warehouse::runs::Manifest;

/// One e-mail before it is addressed.
#[derive(Debug, Clone)]
pub struct Letter {
    pub subject: String,
    pub body: String,
    /// Whether the report files go with it.
    pub attach: bool,
    /// `<period_start>_<as_of>`: names the attached files.
    pub period: String,
}

/// The mail of a run that published: its verdict, the per-commune table printed on
/// stdout, and what changed.
pub fn run_letter(
    config: &Config,
    report: &Report,
    manifest: &Manifest,
    status: ExitStatus,
    table: &str,
) -> Letter {
    let meta = &report.meta;
    let edition = meta.edition.as_ref().map_or(1, |e| e.number);
    let missing = manifest
        .summary
        .as_ref()
        .map_or(0, |s| s.not_delivered().count());
    let mut subject = crate::tr!(
        "mail-subject-run",
        area = config.area.as_str(),
        start = vn::date(meta.period_start),
        as_of = vn::date(meta.as_of),
        edition = edition
    );
    if missing > 0 {
        subject.push_str(&crate::tr!("mail-subject-missing", count = missing));
    }
    let verdict = match status {
        ExitStatus::Success => crate::tr!("mail-verdict-ok"),
        _ => crate::tr!("mail-verdict-quality"),
    };
    let mut body = vec![
        config.title.clone(),
        crate::tr!(
            "mail-period",
            start = vn::date(meta.period_start),
            as_of = vn::date(meta.as_of),
            edition = edition
        ),
        verdict,
        String::new(),
        table.trim_end().to_string(),
        String::new(),
    ];
    if let Some(summary) = &manifest.summary {
        body.extend(summary.lines());
    }
    body.push(String::new());
    body.push(crate::tr!("mail-run-id", run = manifest.run_id.as_str()));
    Letter {
        subject,
        body: body.join("\n") + "\n",
        attach: true,
        period: format!("{}_{}", meta.period_start, meta.as_of),
    }
}

/// The mail of the newest run's record (`notify`); with `failed`, the mail that the
/// job failed, which says so even when the run left no record (killed before it
/// could write one).
pub fn record_letter(
    config: &Config,
    newest: Option<&Manifest>,
    failed: bool,
    unit: Option<&str>,
) -> Letter {
    let mut body = vec![config.title.clone()];
    if failed {
        body.push(crate::tr!(
            "mail-failed-unit",
            unit = unit.unwrap_or("commune-report")
        ));
    }
    match newest {
        Some(m) => {
            body.push(crate::tr!(
                "mail-run-record",
                run = m.run_id.as_str(),
                started = m
                    .started_at
                    .with_timezone(&chrono::Local)
                    .format("%d/%m/%Y %H:%M"),
                status = m.status.as_str(),
                code = m.exit_code.map_or("—".to_string(), |c| c.to_string())
            ));
            if let Some(error) = &m.error {
                body.push(String::new());
                body.push(error.clone());
            }
            if let Some(summary) = &m.summary {
                body.push(String::new());
                body.extend(summary.lines());
            }
            if failed && m.published() && m.exit_code == Some(0) {
                // The failure left no record of its own: the newest one is older.
                body.push(String::new());
                body.push(crate::tr!("mail-failed-no-record"));
            }
        }
        None => body.push(crate::tr!("mail-no-run")),
    }
    body.push(String::new());
    let nothing = newest.is_none_or(|m| !m.published() || (failed && m.exit_code == Some(0)));
    body.push(if nothing {
        crate::tr!("mail-failed-nothing-published")
    } else if newest.is_some_and(|m| m.status == "warehouse_published_report_failed") {
        crate::tr!("mail-failed-warehouse-published")
    } else {
        crate::tr!("mail-published")
    });
    Letter {
        subject: if failed {
            crate::tr!("mail-subject-failed", area = config.area.as_str())
        } else {
            crate::tr!("mail-subject-record", area = config.area.as_str())
        },
        body: body.join("\n") + "\n",
        attach: false,
        period: String::new(),
    }
}

/// The message: a plain-text body and, when the letter carries them, the report
/// files `notify.attach` names, read from the published report folder `dir`.
pub fn build(notify: &Notify, letter: &Letter, dir: &Path) -> Result<Message, String> {
    let mailbox = |a: &str| {
        a.parse::<Mailbox>()
            .map_err(|e| crate::tr!("config-notify-address", value = format!("{a}: {e}")))
    };
    let mut builder = Message::builder()
        .from(mailbox(&notify.from)?)
        .subject(letter.subject.as_str());
    for to in &notify.to {
        builder = builder.to(mailbox(to)?);
    }
    let text = SinglePart::plain(letter.body.clone());
    let mut parts: Vec<SinglePart> = Vec::new();
    if letter.attach {
        for ext in &notify.attach {
            let path = dir.join(format!("report.{ext}"));
            match std::fs::read(&path) {
                Ok(bytes) => parts.push(
                    Attachment::new(format!("bao-cao_{}.{ext}", letter.period))
                        .body(bytes, content_type(ext)),
                ),
                Err(e) => tracing::warn!(
                    "{}",
                    crate::tr!("warn-mail-attachment", path = path.display(), cause = e)
                ),
            }
        }
    }
    let built = if parts.is_empty() {
        builder.singlepart(text)
    } else {
        let mut mixed = MultiPart::mixed().singlepart(text);
        for part in parts {
            mixed = mixed.singlepart(part);
        }
        builder.multipart(mixed)
    };
    built.map_err(|e| crate::tr!("error-mail-not-sent", cause = e))
}

fn content_type(ext: &str) -> ContentType {
    let mime = match ext {
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "html" => "text/html; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        _ => "application/json",
    };
    ContentType::parse(mime).unwrap_or(ContentType::TEXT_PLAIN)
}
