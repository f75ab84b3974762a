//! `serve` driven by real PostgreSQL clients: Debian's `psql` and the psycopg driver
//! (both installed by `.ci/run`), on a free loopback port the server picks itself.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::{BIN, Workdir, peers_required};

/// A running `serve`, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(w: &Workdir, password: Option<&str>, args: &[&str]) -> Server {
        let mut cmd = Command::new(BIN);
        cmd.env("COMMUNE_REPORT_LANG", "en")
            .env_remove("COMMUNE_REPORT_PASSWORD")
            .arg("-c")
            .arg(w.config())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(p) = password {
            cmd.env("COMMUNE_REPORT_PASSWORD", p);
        }
        let mut child = cmd.spawn().expect("start serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("the listening line");
        let port = line
            .split("127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("no port in {line:?}"));
        Server { child, port }
    }

    /// `psql` with `sql` as one command, unaligned, tuples only.
    fn psql(&self, password: Option<&str>, sql: &str) -> Output {
        let mut cmd = Command::new("psql");
        cmd.args([
            "-X",
            "-At",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            &self.port.to_string(),
            "-U",
            "analyst",
            "-d",
            "warehouse",
            "-c",
            sql,
        ])
        .env("PGCONNECT_TIMEOUT", "10")
        .env_remove("PGPASSWORD");
        if let Some(p) = password {
            cmd.env("PGPASSWORD", p);
        }
        cmd.output().expect("psql")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether psql runs here; without it (and peers not required) the test skips.
fn have_psql() -> bool {
    match Command::new("psql").arg("--version").output() {
        Ok(o) if o.status.success() => true,
        _ if peers_required() => panic!("psql is required (.ci/run installs postgresql-client)"),
        _ => {
            eprintln!("skipped: psql is not installed (.ci/run installs postgresql-client)");
            false
        }
    }
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn err(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Drops Hưng Thạnh from the config and runs again: the next version lacks it.
fn drop_hung_thanh_and_run(w: &Workdir) {
    std::fs::write(w.config(), w.config_without("28336")).expect("write config");
    w.ok(&["run"]);
}

#[test]
fn psql_and_psycopg_read_what_sql_reads_and_nothing_else() {
    if !have_psql() {
        return;
    }
    let w = Workdir::sample();
    w.ok(&["run"]);
    let server = Server::start(&w, Some("mật khẩu-1"), &[]);
    let pw = Some("mật khẩu-1");

    let query = "SELECT commune_code, count(*) AS n FROM dossiers GROUP BY commune_code ORDER BY 1";
    let expected: Vec<String> = w
        .sql(query)
        .iter()
        .map(|r| format!("{}|{}", r["commune_code"].as_str().expect("code"), r["n"]))
        .collect();
    let out = server.psql(pw, query);
    assert!(out.status.success(), "psql: {}", err(&out));
    assert_eq!(text(&out).lines().collect::<Vec<_>>(), expected);

    // Write statements are refused with an error the client shows; nothing runs.
    for sql in [
        "DELETE FROM dossiers",
        "CREATE TABLE t AS SELECT 1",
        "COPY dossiers TO '/tmp/x.csv'",
        "INSERT INTO dossiers SELECT * FROM dossiers",
    ] {
        let out = server.psql(pw, sql);
        assert!(!out.status.success(), "{sql} ran");
        assert!(err(&out).contains("read-only"), "{sql}: {}", err(&out));
    }
    // BI tools browse the tables through pg_catalog.
    let out = server.psql(pw, "\\dt");
    assert!(
        text(&out).contains("public|dossiers|table"),
        "{}",
        text(&out)
    );

    // A wrong password or user is refused.
    let out = server.psql(Some("wrong"), "SELECT 1");
    assert!(!out.status.success());
    assert!(err(&out).contains("authentication failed"), "{}", err(&out));
    let out = server.psql(None, "SELECT 1");
    assert!(!out.status.success(), "no password, yet connected");

    // psycopg: the extended protocol with parameters.
    let script = r#"
import json, sys, psycopg
port, password = sys.argv[1], sys.argv[2]
with psycopg.connect(host="127.0.0.1", port=port, user="analyst", password=password, dbname="warehouse") as c:
    cur = c.cursor()
    cur.execute("SELECT count(*) FROM dossiers WHERE commune_code = %s AND received_date >= %s", ("28321", "2025-07-01"))
    n = cur.fetchone()[0]
    try:
        cur.execute("DROP TABLE dossiers")
        refused = ""
    except psycopg.Error as e:
        refused = type(e).__name__
print(json.dumps({"n": n, "refused": refused}))
"#;
    let out = Command::new("python3")
        .args(["-c", script, &server.port.to_string(), "mật khẩu-1"])
        .output();
    match out {
        Ok(o) if o.status.success() => {
            let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
            let sql = w.sql(
                "SELECT count(*) AS n FROM dossiers WHERE commune_code = '28321' AND received_date >= DATE '2025-07-01'",
            );
            assert_eq!(v["n"], sql[0]["n"]);
            assert_eq!(v["refused"], "ReadOnlySqlTransaction");
        }
        Ok(o) if !peers_required() && err(&o).contains("No module named") => {
            eprintln!("skipped psycopg: not installed (.ci/run installs it)");
        }
        Ok(o) => panic!("psycopg: {}", err(&o)),
        Err(e) if !peers_required() => eprintln!("skipped psycopg: no python3 ({e})"),
        Err(e) => panic!("python3: {e}"),
    }

    // A run that publishes is seen by the next query, without a restart.
    let communes = "SELECT count(DISTINCT commune_code) FROM dossiers";
    assert_eq!(text(&server.psql(pw, communes)), "4");
    drop_hung_thanh_and_run(&w);
    assert_eq!(text(&server.psql(pw, communes)), "3");
}

#[test]
fn runaway_queries_end_with_an_error_and_the_server_stays_up() {
    if !have_psql() {
        return;
    }
    let w = Workdir::sample();
    w.ok(&["run"]);
    let server = Server::start(&w, None, &["--memory-limit", "20MB", "--time-limit", "3s"]);
    let started = Instant::now();
    let out = server.psql(
        None,
        "SELECT count(*) FROM generate_series(1, 3000000) a JOIN generate_series(1, 3000000) b ON a.value = b.value",
    );
    assert!(!out.status.success());
    assert!(
        err(&out).contains("more memory than the limit"),
        "{}",
        err(&out)
    );
    let out = server.psql(
        None,
        "SELECT count(*) FROM generate_series(1, 1000) a, generate_series(1, 100000000000) b WHERE a.value + b.value > 5",
    );
    assert!(!out.status.success());
    assert!(
        err(&out).contains("longer than the limit (3s)"),
        "{}",
        err(&out)
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    let out = server.psql(None, "SELECT 41 + 1");
    assert_eq!(text(&out), "42", "{}", err(&out));
}

#[test]
fn without_a_password_only_a_loopback_address_is_served() {
    let w = Workdir::sample();
    let out = Command::new(BIN)
        .env("COMMUNE_REPORT_LANG", "en")
        .env_remove("COMMUNE_REPORT_PASSWORD")
        .arg("-c")
        .arg(w.config())
        .args(["serve", "--listen", "0.0.0.0:0"])
        .output()
        .expect("serve");
    assert_eq!(out.status.code(), Some(2));
    assert!(err(&out).contains("set a password"), "{}", err(&out));
}

#[test]
fn tls_when_the_config_names_a_certificate() {
    if !have_psql() {
        return;
    }
    if Command::new("openssl").arg("version").output().is_err() {
        eprintln!("skipped: openssl makes the test certificate and is not installed");
        return;
    }
    let w = Workdir::sample_with(|t| {
        format!("{t}\n[serve]\ntls_cert = \"cert.pem\"\ntls_key = \"key.pem\"\n")
    });
    let made = Command::new("openssl")
        .current_dir(&w.root)
        .args([
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "key.pem",
            "-out",
            "cert.pem",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
        ])
        .output()
        .expect("openssl");
    assert!(made.status.success(), "{}", err(&made));
    w.ok(&["run"]);
    let server = Server::start(&w, Some("s3cret"), &[]);
    let out = Command::new("psql")
        .args([
            "-X",
            "-At",
            &format!(
                "host=127.0.0.1 port={} user=analyst dbname=w sslmode=require",
                server.port
            ),
            "-c",
            "SELECT 1",
        ])
        .env("PGPASSWORD", "s3cret")
        .output()
        .expect("psql");
    assert!(out.status.success(), "psql over TLS: {}", err(&out));
    assert_eq!(text(&out), "1");
}
