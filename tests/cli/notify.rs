//! The run's summary by e-mail, received by a real SMTP server (aiosmtpd from PyPI,
//! installed by `.ci/run`) on a loopback port the test picks.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::Workdir;
use super::peer::Server;

/// aiosmtpd delivering into a maildir in `dir` (which it creates: Python's
/// `Maildir` adds its subfolders only to a folder it creates), with `options`.
fn smtp_sink_with(dir: &Path, options: &[&str]) -> Option<Server> {
    let maildir = dir.join("box").to_string_lossy().into_owned();
    let mut args = vec!["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:{port}"];
    args.extend_from_slice(options);
    args.extend(["-c", "aiosmtpd.handlers.Mailbox", maildir.as_str()]);
    Server::start("aiosmtpd", &args)
}

fn smtp_sink(dir: &Path) -> Option<Server> {
    smtp_sink_with(dir, &[])
}

/// The messages of the maildir, parsed by Python's `email` package: subject, from,
/// to, the plain-text body and each attachment's name and sha256.
fn received(dir: &Path, expected: usize) -> Vec<Value> {
    let parse = r#"
import sys, json, hashlib, mailbox, email, email.policy
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
out = []
for key in sorted(box.keys()):
    m = email.message_from_bytes(box.get_bytes(key), policy=email.policy.default)
    out.append({
        "subject": str(m["subject"]), "from": str(m["from"]), "to": str(m["to"]),
        "body": m.get_body(preferencelist=("plain",)).get_content(),
        "attachments": [{"name": p.get_filename(),
                         "sha256": hashlib.sha256(p.get_payload(decode=True)).hexdigest()}
                        for p in m.iter_attachments()],
    })
print(json.dumps(out))
"#;
    let until = Instant::now() + Duration::from_secs(20);
    loop {
        let out = Command::new("python3")
            .args(["-c", parse])
            .arg(dir.join("box"))
            .output()
            .expect("python3");
        if out.status.success() {
            let messages: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json");
            if messages.len() >= expected || Instant::now() > until {
                return messages;
            }
        } else if Instant::now() > until {
            panic!("maildir: {}", String::from_utf8_lossy(&out.stderr));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn notify_section(port: u16) -> String {
    format!(
        "\n[notify]\nserver = \"127.0.0.1\"\nport = {port}\nsecurity = \"none\"\n\
         from = \"Báo cáo CCHC <bao-cao@tanphuoc.example>\"\n\
         to = [\"noi-vu@tanphuoc.example\", \"Văn phòng <van-phong@tanphuoc.example>\"]\n\
         timeout = \"10s\"\n"
    )
}

fn sha256(path: &Path) -> String {
    use sha2::Digest;
    let bytes = std::fs::read(path).expect("report file");
    sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn a_run_mails_its_summary_with_the_report_files_attached() {
    let maildir = tempfile::tempdir().expect("maildir");
    let Some(_sink) = smtp_sink(maildir.path()) else {
        return;
    };
    let port = _sink.port;
    let w = Workdir::sample_with(|t| format!("{t}{}", notify_section(port)));
    let out = w.ok(&["run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let messages = received(maildir.path(), 1);
    assert_eq!(messages.len(), 1, "{messages:?}");
    let m = &messages[0];
    let subject = m["subject"].as_str().expect("subject");
    assert!(
        subject.contains("Tân Phước") && subject.contains("edition 1"),
        "{subject}"
    );
    assert!(
        m["to"]
            .as_str()
            .is_some_and(|t| t.contains("van-phong@tanphuoc.example"))
    );
    let body = m["body"].as_str().expect("body");
    // The same table and summary the run printed.
    for line in stdout
        .lines()
        .filter(|l| l.starts_with("Tân Phước 1") || l.contains("First run"))
    {
        assert!(body.contains(line.trim_end()), "{line:?} not in\n{body}");
    }
    assert!(
        body.contains("Outcome: the warehouse and the report were published."),
        "{body}"
    );
    let link = std::fs::read_dir(w.root.join("reports"))
        .expect("reports")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_symlink())
        .expect("report link");
    let period = link
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let attachments = m["attachments"].as_array().expect("attachments");
    let names: Vec<&str> = attachments
        .iter()
        .filter_map(|a| a["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            format!("bao-cao_{period}.docx"),
            format!("bao-cao_{period}.xlsx"),
            format!("bao-cao_{period}.html")
        ]
    );
    for (a, ext) in attachments.iter().zip(["docx", "xlsx", "html"]) {
        assert_eq!(
            a["sha256"].as_str(),
            Some(sha256(&link.join(format!("report.{ext}"))).as_str())
        );
    }
}

#[test]
fn a_mail_server_that_cannot_be_reached_undoes_nothing() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let w = Workdir::sample_with(|t| format!("{t}{}", notify_section(closed)));
    let out = w.ok(&["run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the notification e-mail could not be sent: mail server 127.0.0.1:"),
        "{stderr}"
    );
    assert_eq!(w.sql("SELECT count(*) AS n FROM communes")[0]["n"], 4);
    assert!(w.root.join("reports").read_dir().expect("reports").count() > 0);
}

#[test]
fn the_failure_unit_mails_that_the_job_failed_and_why() {
    let maildir = tempfile::tempdir().expect("maildir");
    let Some(sink) = smtp_sink(maildir.path()) else {
        return;
    };
    // A reports folder that cannot be created fails the run before anything is published.
    let w = Workdir::sample_with(|t| {
        format!(
            "{}{}",
            t.replace(
                "reports = \"reports\"",
                "reports = \"not-a-folder/reports\""
            ),
            notify_section(sink.port)
        )
    });
    std::fs::write(w.root.join("not-a-folder"), "a file").expect("file");
    let run = w.run(&["run"]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        received(maildir.path(), 0).is_empty(),
        "a failed run mails nothing itself"
    );

    let out = w.ok(&["notify", "--failed", "--unit", "commune-report.service"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("e-mail sent to"));
    let messages = received(maildir.path(), 1);
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert!(
        m["subject"]
            .as_str()
            .is_some_and(|s| s.contains("run FAILED")),
        "{m}"
    );
    let body = m["body"].as_str().expect("body");
    assert!(
        body.contains("The job commune-report.service failed."),
        "{body}"
    );
    assert!(body.contains("status failed, exit code 1"), "{body}");
    assert!(
        body.contains("not-a-folder"),
        "the error says what failed: {body}"
    );
    assert!(body.contains("Nothing new was published"), "{body}");
    assert!(m["attachments"].as_array().is_some_and(Vec::is_empty));
}

#[test]
fn notify_without_a_notify_section_is_a_usage_error() {
    let w = Workdir::sample();
    let out = w.run(&["notify"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[notify] is not configured"));
}

/// A CA and a certificate for `localhost` it signed, made by openssl in `dir`
/// (ca.pem, cert.pem, key.pem); false when openssl is missing.
fn certificates(dir: &Path) -> bool {
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("skipped: openssl makes the test certificates and is not installed");
        return false;
    }
    std::fs::write(
        dir.join("leaf.ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n",
    )
    .expect("ext");
    for args in [
        "req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 1 -subj /CN=Test-CA",
        "req -newkey rsa:2048 -nodes -keyout key.pem -out leaf.csr -subj /CN=localhost",
        "x509 -req -in leaf.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out cert.pem -days 1 -extfile leaf.ext",
    ] {
        let out = Command::new("openssl")
            .current_dir(dir)
            .args(args.split(' '))
            .output()
            .expect("openssl");
        assert!(
            out.status.success(),
            "openssl {args}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    true
}

#[test]
fn the_mail_goes_over_starttls_to_a_server_the_configured_ca_vouches_for() {
    let maildir = tempfile::tempdir().expect("maildir");
    if !certificates(maildir.path()) {
        return;
    }
    let (cert, key) = (
        maildir.path().join("cert.pem"),
        maildir.path().join("key.pem"),
    );
    // aiosmtpd refuses mail before STARTTLS by default.
    let (cert, key) = (cert.to_string_lossy(), key.to_string_lossy());
    let Some(sink) = smtp_sink_with(
        maildir.path(),
        &["--tlscert", cert.as_ref(), "--tlskey", key.as_ref()],
    ) else {
        return;
    };
    let section = |ca: &str| {
        format!(
            "\n[notify]\nserver = \"localhost\"\nport = {}\nsecurity = \"starttls\"\n\
             from = \"bao-cao@tanphuoc.example\"\nto = [\"noi-vu@tanphuoc.example\"]\n\
             attach = []\ntimeout = \"10s\"\n{ca}",
            sink.port
        )
    };
    // Without the office's CA the server is not trusted: nothing is sent, the run stands.
    let untrusted = Workdir::sample_with(|t| format!("{t}{}", section("")));
    let out = untrusted.ok(&["run"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("the notification e-mail could not be sent"),
        "{stderr}"
    );
    assert!(received(maildir.path(), 0).is_empty());

    let ca = maildir.path().join("ca.pem");
    let trusted = Workdir::sample_with(|t| {
        format!(
            "{t}{}",
            section(&format!("ca_file = \"{}\"\n", ca.display()))
        )
    });
    trusted.ok(&["run"]);
    let messages = received(maildir.path(), 1);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0]["attachments"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}

/// An SMTP server that takes mail only after AUTH as bao-cao / s3cret-smtp.
const AUTH_SINK: &str = r#"
import sys, time
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword
def check(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login == b"bao-cao" and data.password == b"s3cret-smtp"
    return AuthResult(success=ok)
c = Controller(Mailbox(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1]),
               authenticator=check, auth_required=True, auth_require_tls=False)
c.start()
while True:
    time.sleep(1)
"#;

#[test]
fn the_smtp_login_takes_its_password_from_the_environment_and_never_shows_it() {
    let maildir = tempfile::tempdir().expect("maildir");
    let boxdir = maildir.path().join("box").to_string_lossy().into_owned();
    let Some(sink) = Server::start("aiosmtpd", &["-c", AUTH_SINK, "{port}", &boxdir]) else {
        return;
    };
    let w = Workdir::sample_with(|t| {
        format!(
            "{t}{}user = \"bao-cao\"\nattach = []\n",
            notify_section(sink.port)
        )
    });
    let run = |password: Option<&str>| {
        let mut command = Command::new(super::BIN);
        command
            .env("COMMUNE_REPORT_LANG", "en")
            .env_remove("COMMUNE_REPORT_SMTP_PASSWORD")
            .arg("-c")
            .arg(w.config())
            .arg("run");
        if let Some(p) = password {
            command.env("COMMUNE_REPORT_SMTP_PASSWORD", p);
        }
        let out = command.output().expect("run");
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    // No password: said so, nothing sent, the run stands.
    let said = run(None);
    assert!(
        said.contains("COMMUNE_REPORT_SMTP_PASSWORD holds no password"),
        "{said}"
    );
    // A wrong one: refused by the server, and not shown.
    let said = run(Some("wrong-guess-123"));
    assert!(said.contains("could not be sent"), "{said}");
    assert!(!said.contains("wrong-guess-123"), "{said}");
    assert!(received(maildir.path(), 0).is_empty());
    // The right one: the mail arrives.
    let said = run(Some("s3cret-smtp"));
    assert!(!said.contains("s3cret-smtp"), "{said}");
    assert_eq!(received(maildir.path(), 1).len(), 1, "{said}");
}
