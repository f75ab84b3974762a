//! `[notify]`: who hears of a run, by e-mail. The password comes from the
//! environment only (`COMMUNE_REPORT_SMTP_PASSWORD`), never from the config file,
//! which offices share.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// Plain connection upgraded with STARTTLS (port 587); the default.
    StartTls,
    /// TLS from the first byte (SMTPS, port 465).
    Tls,
    /// No encryption: only for a relay on the same machine or network.
    None,
}

impl Security {
    fn default_port(self) -> u16 {
        match self {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

/// The report files that can be attached.
pub const ATTACHABLE: [&str; 5] = ["docx", "xlsx", "html", "md", "json"];

/// `[notify]`, resolved.
#[derive(Debug, Clone)]
pub struct Notify {
    pub server: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<String>,
    pub from: String,
    pub to: Vec<String>,
    /// Report formats attached (`report.<ext>`), in this order.
    pub attach: Vec<String>,
    /// An extra root certificate (PEM) for a server signed by the office's own CA.
    pub ca_file: Option<PathBuf>,
    pub timeout: Duration,
}

/// The environment variable holding the SMTP password.
pub const PASSWORD_VAR: &str = "COMMUNE_REPORT_SMTP_PASSWORD";

/// `[notify]` exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotifySection {
    pub server: String,
    pub port: Option<u16>,
    /// `starttls` (default), `tls` or `none`.
    pub security: Option<String>,
    pub user: Option<String>,
    pub from: String,
    pub to: Vec<String>,
    pub attach: Option<Vec<String>>,
    pub ca_file: Option<String>,
    pub timeout: Option<String>,
}

/// Checks `[notify]`; `Err((key, message))` names the bad key.
pub fn resolve(raw: NotifySection, base_dir: &Path) -> Result<Notify, (&'static str, String)> {
    if raw.server.trim().is_empty() {
        return Err(("notify.server", crate::tr!("config-empty")));
    }
    let security = match raw.security.as_deref() {
        None | Some("starttls") => Security::StartTls,
        Some("tls") => Security::Tls,
        Some("none") => Security::None,
        Some(other) => {
            return Err((
                "notify.security",
                crate::tr!("config-notify-security", value = other),
            ));
        }
    };
    for address in std::iter::once(&raw.from).chain(&raw.to) {
        if address.parse::<lettre::message::Mailbox>().is_err() {
            return Err((
                if *address == raw.from {
                    "notify.from"
                } else {
                    "notify.to"
                },
                crate::tr!("config-notify-address", value = address.as_str()),
            ));
        }
    }
    if raw.to.is_empty() {
        return Err(("notify.to", crate::tr!("config-notify-no-recipient")));
    }
    let attach = raw
        .attach
        .unwrap_or_else(|| vec!["docx".into(), "xlsx".into(), "html".into()]);
    if let Some(bad) = attach.iter().find(|a| !ATTACHABLE.contains(&a.as_str())) {
        return Err((
            "notify.attach",
            crate::tr!(
                "config-notify-attach",
                value = bad.as_str(),
                allowed = ATTACHABLE.join(", ")
            ),
        ));
    }
    let timeout = match &raw.timeout {
        Some(t) => super::limits::parse_duration(t)
            .map_err(|e| ("notify.timeout", e))?
            .unwrap_or(Duration::from_secs(600)),
        None => Duration::from_secs(30),
    };
    Ok(Notify {
        port: raw.port.unwrap_or(security.default_port()),
        server: raw.server,
        security,
        user: raw.user.filter(|u| !u.is_empty()),
        from: raw.from,
        to: raw.to,
        attach,
        ca_file: raw.ca_file.map(|f| base_dir.join(f)),
        timeout,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(extra: &str) -> Result<Notify, (&'static str, String)> {
        let text = format!("server = \"mail.example.vn\"\nfrom = \"a@example.vn\"\n{extra}");
        let raw: NotifySection = toml::from_str(&text).expect("toml");
        resolve(raw, Path::new("/etc/commune-report"))
    }

    #[test]
    fn ports_follow_the_security_mode() {
        let n = resolved("to = [\"b@example.vn\"]").expect("valid");
        assert_eq!((n.security, n.port), (Security::StartTls, 587));
        let n = resolved("to = [\"b@example.vn\"]\nsecurity = \"tls\"").expect("valid");
        assert_eq!((n.security, n.port), (Security::Tls, 465));
        let n =
            resolved("to = [\"b@example.vn\"]\nsecurity = \"none\"\nport = 2525").expect("valid");
        assert_eq!((n.security, n.port), (Security::None, 2525));
        assert_eq!(n.attach, ["docx", "xlsx", "html"]);
    }

    #[test]
    fn mistakes_name_their_key() {
        let key = |extra: &str| resolved(extra).map(|_| ()).unwrap_err().0;
        assert_eq!(
            key("to = [\"b@example.vn\"]\nsecurity = \"ssl\""),
            "notify.security"
        );
        assert_eq!(key("to = [\"not an address\"]"), "notify.to");
        assert_eq!(key("to = []"), "notify.to");
        assert_eq!(
            key("to = [\"b@example.vn\"]\nattach = [\"pdf\"]"),
            "notify.attach"
        );
    }
}
