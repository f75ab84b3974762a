//! `sql` as analysts use it: one-shot, from a file, piped, into files, and the
//! interactive shell driven through a pseudo-terminal.

use std::io::Write;
use std::process::{Command, Stdio};

use super::{BIN, Workdir, manifest_dir, sample_run};

fn piped(args: &[&str], stdin: &str) -> (i32, String, String) {
    let (w, _, _) = sample_run();
    let mut child = Command::new(BIN)
        .arg("-c")
        .arg(w.config())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn several_statements_from_stdin_in_order() {
    let (code, out, err) = piped(
        &["sql", "--format", "csv"],
        "SELECT 'một; hai' AS s;\nSELECT count(*) AS n FROM communes;\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "s\nmột; hai\nn\n4\n");
}

#[test]
fn sql_from_a_file_as_ndjson_with_iso_dates() {
    let (w, _, _) = sample_run();
    let file = w.root.join("q.sql");
    std::fs::write(
        &file,
        "SELECT dossier_id, received_date FROM dossiers \
         WHERE commune_code = '28321' AND received_date >= DATE '2025-07-01' \
         ORDER BY dossier_id LIMIT 2",
    )
    .expect("write");
    let out = w.run(&[
        "sql",
        "-f",
        file.to_str().expect("utf8"),
        "--format",
        "ndjson",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let first: serde_json::Value = serde_json::from_str(lines[0]).expect("json line");
    assert_eq!(first["received_date"], "2025-07-01");
}

#[test]
fn table_output_is_capped_with_a_note() {
    let (w, _, _) = sample_run();
    let out = w.run(&[
        "sql",
        "--max-rows",
        "3",
        "SELECT dossier_id FROM dossiers WHERE received_date >= DATE '2025-07-01'",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    // It stops at the fourth row: how many more there are is not counted.
    assert!(text.contains("(the first 3 rows; there are more"), "{text}");
    assert_eq!(
        text.matches("000.").count()
            + text.matches("H19.").count()
            + text.matches("28336-").count(),
        3,
        "{text}"
    );
}

#[test]
fn output_files_by_extension_are_readable() {
    let (w, _, _) = sample_run();
    let query = "SELECT commune_code, count(*) AS n FROM dossiers GROUP BY commune_code";
    for ext in ["csv", "json", "ndjson", "parquet"] {
        let path = w.root.join(format!("out.{ext}"));
        let out = w.run(&["sql", query, "-o", path.to_str().expect("utf8")]);
        assert!(
            out.status.success(),
            "{ext}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{ext}: stdout must stay empty");
        let bytes = std::fs::read(&path).expect("written");
        match ext {
            "parquet" => {
                use parquet::file::reader::FileReader;
                let reader = parquet::file::reader::SerializedFileReader::new(
                    std::fs::File::open(&path).expect("open"),
                )
                .expect("a parquet file");
                assert_eq!(reader.metadata().file_metadata().num_rows(), 4);
            }
            "json" => {
                let v: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
                assert_eq!(v.as_array().map(Vec::len), Some(4));
            }
            _ => assert_eq!(
                String::from_utf8_lossy(&bytes).lines().count(),
                if ext == "csv" { 5 } else { 4 }
            ),
        }
    }
    let out = w.run(&["sql", query, "-o", "out.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Types `script` into `sql`'s shell on `w` through the pseudo-terminal driver;
/// `None` when python3 is missing (the test then skips).
fn shell(w: &Workdir, script: &str) -> Option<String> {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 drives the pseudo-terminal and is not installed");
        return None;
    }
    let driver = manifest_dir().join("tests/cli/pty_driver.py");
    let mut child = Command::new("python3")
        .arg(driver)
        .arg(BIN)
        .arg("-q")
        .arg("-c")
        .arg(w.config())
        .arg("sql")
        .env("HOME", &w.root)
        .env("COMMUNE_REPORT_LANG", "en")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn driver");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("script");
    let out = child.wait_with_output().expect("driver");
    let screen = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "shell did not quit cleanly:\n{screen}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(screen)
}

#[test]
fn interactive_shell_through_a_pseudo_terminal() {
    let (w, _, _) = sample_run();
    // Ctrl-C interrupts a statement that would run for hours; its cores must be idle
    // again a second later (the driver measures them).
    let script = "\\d\n\\d dossiers\n\\timing\nSELECT commune,\n  count(*) AS n FROM dossiers WHERE received_date >= DATE '2025-07-01' GROUP BY commune ORDER BY commune;\n\\timing\n\
                  SELECT count(*) FROM generate_series(1, 100) a, generate_series(1, 100000000000) b WHERE a.value + b.value > 5;\n\
                  <CTRL-C>\n<CPU>\nDROP TABLE dossiers;\nSELECT as_of AS last_day FROM report_per<TAB>;\n\\x\nSELECT 41 + 1 AS answer;\n\\q\n";
    let Some(screen) = shell(w, script) else {
        return;
    };
    for want in [
        "report_period",
        "processing, paused, resolved, returned or withdrawn",
        // Numbers on the right, text on the left.
        " Tân Phước 1 | 1962",
        "Time: ",
        "query cancelled",
        "read-only",
        " last_day",
        "-[ RECORD 1 ]-",
        "answer | 42",
    ] {
        assert!(screen.contains(want), "{want:?} not on screen:\n{screen}");
    }
    assert!(
        !screen.contains("no table"),
        "Tab did not complete:\n{screen}"
    );
    let cpu: f64 = screen
        .rsplit("[driver] cpu=")
        .next()
        .and_then(|v| v.trim().parse().ok())
        .expect("the driver's CPU report");
    assert!(cpu < 0.3, "cores still busy after Ctrl-C: {cpu}");
    assert!(
        w.root.join(".commune_report_history").is_file(),
        "history file written"
    );
}

#[test]
fn the_shell_reads_the_version_published_since_its_last_statement() {
    let w = Workdir::sample();
    w.ok(&["run"]);
    // Two runs while the shell is open: the version it read first is the one a
    // publish would have removed.
    let edited = w.root.join("three.toml");
    std::fs::write(&edited, w.config_without("28336")).expect("write");
    let runs = format!(
        "cp '{}' '{}' && '{BIN}' -q -c '{}' run && '{BIN}' -q -c '{}' run",
        edited.display(),
        w.config().display(),
        w.config().display(),
        w.config().display()
    );
    let query = "SELECT count(DISTINCT commune_code) AS communes FROM dossiers;";
    let script = format!("{query}\n<EXEC> {runs}\n{query}\n\\q\n");
    let Some(screen) = shell(&w, &script) else {
        return;
    };
    let counts: Vec<&str> = screen
        .lines()
        .map(str::trim)
        .filter(|l| l.len() == 1 && l.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert_eq!(counts, ["4", "3"], "{screen}");
}

#[test]
fn runaway_queries_end_with_a_clear_error_within_the_limits() {
    let (w, _, _) = sample_run();
    let out = w.run(&[
        "sql",
        "--memory-limit",
        "20MB",
        "SELECT count(*) FROM generate_series(1, 3000000) a JOIN generate_series(1, 3000000) b ON a.value = b.value",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("more memory than the limit (19.1 MiB)"),
        "{err}"
    );
    let started = std::time::Instant::now();
    let out = w.run(&[
        "sql",
        "--time-limit",
        "2s",
        "SELECT count(*) FROM generate_series(1, 1000) a, generate_series(1, 100000000000) b WHERE a.value + b.value > 5",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("longer than the limit (2s)"), "{err}");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // The table format stops a query once it has the rows it shows.
    let out = w.ok(&["sql", "SELECT value FROM generate_series(1, 2000000000000)"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("(the first 100 rows; there are more"),
        "{text}"
    );
}

#[test]
fn an_attached_table_joins_the_warehouse_for_the_session() {
    let (w, _, _) = sample_run();
    let dir = tempfile::tempdir().expect("tempdir");
    let targets = dir.path().join("chỉ tiêu.csv");
    std::fs::write(
        &targets,
        "\u{feff}commune_code;target_pct\n28321;99.5\n28327;98\n",
    )
    .expect("write");
    let attach = format!("targets={}", targets.display());
    let rows = {
        let out = w.ok(&[
            "sql",
            "--attach",
            &attach,
            "--format",
            "json",
            "SELECT c.commune, t.target_pct FROM targets t JOIN communes c USING (commune_code) ORDER BY 1",
        ]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        v
    };
    assert_eq!(
        rows,
        serde_json::json!([
            {"commune": "Tân Phước 1", "target_pct": 99.5},
            {"commune": "Tân Phước 2", "target_pct": 98.0}
        ])
    );
    let taken = w.run(&[
        "sql",
        "--attach",
        &format!("dossiers={}", targets.display()),
        "SELECT 1",
    ]);
    assert_eq!(taken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already has a table"));
    let missing = w.run(&["sql", "--attach", "t=/nonexistent/x.csv", "SELECT 1"]);
    assert_eq!(
        missing.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&missing.stderr)
    );
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nonexistent/x.csv"));
}

#[test]
fn every_statement_is_checked_before_any_runs_and_every_refusal_exits_2() {
    let (w, _, _) = sample_run();
    for sql in [
        "SELECT 1 AS first; DROP TABLE dossiers",
        "SELECT 1; CREATE TABLE t AS SELECT 1",
        "BEGIN",
        "ANALYZE TABLE dossiers COMPUTE STATISTICS",
        "WITH a AS (SELECT 1) INSERT INTO dossiers SELECT * FROM a",
        "SET datafusion.execution.batch_size = 1",
        "COPY (SELECT 1) TO '/tmp/x.csv'",
    ] {
        let out = w.run(&["sql", "--format", "csv", sql]);
        assert_eq!(out.status.code(), Some(2), "{sql}");
        assert!(out.stdout.is_empty(), "{sql}: something ran");
    }
}

#[test]
fn output_files_never_land_in_the_warehouse_and_are_written_aside() {
    let w = Workdir::sample();
    w.ok(&["-q", "run"]);
    let late = "SELECT commune_code, count(*) AS late FROM dossiers \
                WHERE timeliness = 'late' GROUP BY 1 ORDER BY 1";
    let before = w.sql(late);
    let part = std::fs::read_dir(w.root.join("warehouse/dossiers/commune_code=28321"))
        .expect("partition")
        .flatten()
        .next()
        .expect("a part file")
        .path();
    let cache = w.root.join(".warehouse.cache");
    let cached = std::fs::read_dir(&cache)
        .expect("cache")
        .flatten()
        .next()
        .expect("an entry")
        .path()
        .join("rows.parquet");
    for target in [
        part.clone(),
        cached,
        w.root.join(".warehouse.versions/x.csv"),
    ] {
        let out = w.run(&["sql", "SELECT 1 AS x", "-o", target.to_str().expect("utf8")]);
        assert_eq!(out.status.code(), Some(2), "{}", target.display());
    }
    // The next ordinary run reuses the cache and the figures are unchanged.
    w.ok(&["-q", "run"]);
    assert_eq!(w.sql(late), before);

    // Outside the warehouse: written aside and renamed, so another name of the old
    // file keeps its bytes; formula-leading text neutralised in CSV files.
    let out_file = w.root.join("answer.csv");
    std::fs::write(&out_file, "old").expect("old");
    std::fs::hard_link(&out_file, w.root.join("other-name.csv")).expect("link");
    w.ok(&[
        "sql",
        "SELECT '=1+1' AS f, 'x' AS g",
        "-o",
        out_file.to_str().expect("utf8"),
    ]);
    let written = std::fs::read_to_string(&out_file).expect("written");
    assert_eq!(written, "\u{feff}f,g\n'=1+1,x\n", "a BOM for Excel");
    assert_eq!(
        std::fs::read_to_string(w.root.join("other-name.csv")).expect("other"),
        "old"
    );
}

#[test]
fn a_damaged_cache_entry_is_parsed_anew() {
    let w = Workdir::sample();
    w.ok(&["-q", "run"]);
    let late = "SELECT count(*) AS n FROM dossiers WHERE timeliness = 'late'";
    let before = w.sql(late);
    // Truncate every cached rows file in place (as a tool writing through a hard
    // link would).
    for entry in std::fs::read_dir(w.root.join(".warehouse.cache"))
        .expect("cache")
        .flatten()
    {
        let rows = entry.path().join("rows.parquet");
        if rows.is_file() {
            let mut perms = std::fs::metadata(&rows).expect("meta").permissions();
            assert!(perms.readonly(), "cached files are read-only");
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&rows, perms).expect("chmod");
            std::fs::write(&rows, b"PAR1").expect("truncate");
        }
    }
    let out = w.ok(&["run"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("parsed anew"));
    assert_eq!(w.sql(late), before);
}

#[test]
fn errors_say_what_to_do() {
    let (w, _, _) = sample_run();
    let out = w.run(&["sql", "SELECT count(*) FROM dosiers"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `dossiers`?"), "{err}");

    let out = w.run(&["sql", "SELECT count(* FROM dossiers"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("at line 1, column")
            && err.contains("found `")
            && !err.contains("ParserError"),
        "{err}"
    );

    let out = w.run(&[
        "sql",
        "SELECT count(*) AS n FROM dossiers WHERE status = 'Đã giải quyết'",
    ]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("processing, paused, resolved, returned, withdrawn")
            && err.contains("'Đã giải quyết'"),
        "{err}"
    );
}

#[test]
fn the_warehouse_tables_are_listed_as_tables_with_every_input_file() {
    // `files` is held in memory by each session; clients that list tables (psql's
    // `\dt`, DBeaver's tree) must still find it beside the others, with all its rows.
    let (code, out, err) = piped(
        &["sql", "--format", "csv"],
        "SELECT table_name, table_type FROM information_schema.tables \
         WHERE table_name IN ('dossiers', 'files', 'rejects') ORDER BY 1;\n\
         SELECT count(*) = (SELECT count(DISTINCT source_file) FROM files) AS one_row_per_file, \
                count(*) AS n FROM files;\n",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.lines().take(4).collect::<Vec<_>>(),
        [
            "table_name,table_type",
            "dossiers,BASE TABLE",
            "files,BASE TABLE",
            "rejects,BASE TABLE"
        ],
        "{out}"
    );
    assert!(out.contains("\ntrue,13\n"), "{out}");
}
