//! Safe on a schedule: a run killed with SIGKILL at any stage leaves the previous
//! complete warehouse and report, and the next run completes; one run at a time;
//! clear failures for unwritable outputs; reruns are idempotent.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::{BIN, Workdir};

fn spawn_paused(w: &Workdir, point: &str) -> Child {
    let mut child = Command::new(BIN)
        .arg("-q")
        .arg("-c")
        .arg(w.config())
        .arg("run")
        // Unchanged exports are not read again; make this run read them.
        .arg("--full-refresh")
        .env("COMMUNE_REPORT_PAUSE_AT", point)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        assert!(Instant::now() < deadline, "never paused at {point}");
        match lines.next() {
            Some(Ok(line)) if line.contains(&format!("paused at {point}")) => break,
            Some(_) => {}
            None => panic!("run ended before pausing at {point}"),
        }
    }
    child
}

fn dossier_count(w: &Workdir) -> i64 {
    let rows = w.sql("SELECT count(*) AS n FROM dossiers WHERE received_date >= DATE '2025-07-01'");
    rows[0]["n"].as_i64().expect("count")
}

#[test]
fn a_run_killed_at_any_stage_leaves_the_last_complete_state() {
    let w = Workdir::sample();
    w.ok(&["-q", "run"]);
    let report = w.root.join("reports/2025-07-01_2025-12-15/report.json");
    let first_report = std::fs::read(&report).expect("report");
    for point in ["reading", "writing", "publishing", "reporting"] {
        let link_before = std::fs::read_link(w.root.join("warehouse")).expect("link");
        let mut child = spawn_paused(&w, point);
        child.kill().expect("kill -9");
        child.wait().expect("reap");
        if point != "reporting" {
            // Publishing happens before reporting; up to it, nothing has changed.
            let link_after = std::fs::read_link(w.root.join("warehouse")).expect("link");
            assert_eq!(link_before, link_after, "{point}: warehouse switched");
        }
        assert_eq!(
            dossier_count(&w),
            6245,
            "{point}: warehouse unreadable or partial"
        );
        assert_eq!(
            std::fs::read(&report).expect("report"),
            first_report,
            "{point}: report changed"
        );
        w.ok(&["-q", "run"]);
        let versions = std::fs::read_dir(w.root.join(".warehouse.versions"))
            .expect("versions")
            .count();
        assert!(versions <= 2, "{point}: {versions} versions left behind");
        let leftovers: Vec<_> = std::fs::read_dir(w.root.join("reports"))
            .expect("reports")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(leftovers.is_empty(), "{point}: {leftovers:?}");
    }
    let runs = w.sql("SELECT status FROM runs ORDER BY started_at");
    assert!(runs.len() >= 5, "every run is in the history: {runs:?}");
}

#[test]
fn a_second_run_exits_at_once_naming_the_holder() {
    let w = Workdir::sample();
    let mut first = spawn_paused(&w, "reading");
    let start = Instant::now();
    let out = w.run(&["run"]);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "did not exit at once"
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("another run holds") && err.contains(&format!("pid {}", first.id())),
        "{err}"
    );
    first.kill().expect("kill");
    first.wait().expect("reap");
    w.ok(&["-q", "run"]);
}

#[test]
fn unwritable_outputs_fail_with_exit_1_and_a_clear_message() {
    for key in ["warehouse", "reports"] {
        let w = Workdir::sample_with(|t| {
            t.replace(
                &format!("{key} = \"{key}\""),
                &format!("{key} = \"blocker/{key}\""),
            )
        });
        std::fs::write(w.root.join("blocker"), "a file where a folder should be").expect("blocker");
        let out = w.run(&["run"]);
        assert_eq!(out.status.code(), Some(1), "{key}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("blocker"),
            "{key}: message names the path: {err}"
        );
    }
}

#[test]
fn reruns_are_idempotent_and_a_duplicate_export_counts_once() {
    let w = Workdir::sample_with(|t| {
        format!("{t}\n[[communes]]\ncode = \"X1\"\nname = \"Thử\"\ndossiers = [\"extra/*.csv\"]\n")
    });
    let extra = w.root.join("extra");
    std::fs::create_dir(&extra).expect("extra");
    let tp1 = std::fs::read(super::manifest_dir().join("data/exports/tp1/ho-so_2025-12-15.csv"))
        .expect("tp1");
    std::fs::write(extra.join("a_2025-12-15.csv"), &tp1).expect("copy");
    std::fs::write(extra.join("b_2025-12-15.csv"), &tp1).expect("copy");
    std::fs::write(extra.join("empty_2025-12-15.csv"), b"").expect("empty");
    std::fs::write(
        extra.join("header_2025-12-15.csv"),
        "Mã hồ sơ,Ngày tiếp nhận,Trạng thái\r\n",
    )
    .expect("header only");
    w.ok(&["-q", "run"]);
    let dump = |w: &Workdir| {
        let out = w.run(&[
            "sql",
            "--format",
            "csv",
            "SELECT * FROM dossiers ORDER BY commune_code, dossier_id",
        ]);
        assert!(out.status.success());
        out.stdout
    };
    let first = dump(&w);
    let report =
        std::fs::read(w.root.join("reports/2025-07-01_2025-12-15/report.json")).expect("report");
    let again = w.run(&["-v", "run"]);
    assert_eq!(again.status.code(), Some(0));
    let log = String::from_utf8_lossy(&again.stderr);
    // 13 sample files and 3 of the 4 extra ones (the empty file has nothing to parse).
    assert_eq!(
        log.matches("not read again").count(),
        16,
        "unchanged exports are not parsed: {log}"
    );
    assert_eq!(dump(&w), first, "same inputs, same warehouse");
    let refresh = w.run(&["-v", "run", "--full-refresh"]);
    assert_eq!(refresh.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&refresh.stderr).contains("not read again"));
    assert_eq!(dump(&w), first, "a full refresh gives the same warehouse");
    assert_eq!(
        std::fs::read(w.root.join("reports/2025-07-01_2025-12-15/report.json")).expect("report"),
        report
    );
    let x1 = w.sql("SELECT count(*) AS n FROM dossiers WHERE commune_code = 'X1'");
    assert_eq!(
        x1[0]["n"], 1962,
        "the same export under two names counts once"
    );
    // The copy wholly superseded is left out of the version; the one that survives
    // enters it as a hard link to its parse-cache file rather than being rewritten.
    let partition = w.root.join("warehouse/dossiers/commune_code=X1");
    let parts: Vec<_> = std::fs::read_dir(&partition)
        .expect("X1 partition")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(parts.len(), 1, "{parts:?}");
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(&parts[0]).expect("part");
    // The cache entry, `dossiers` and `dossier_history`: one file, three names.
    assert_eq!(meta.nlink(), 3, "linked from the parse cache");
    let files = w.sql(
        "SELECT source_file, data_rows, loaded, superseded FROM files \
         WHERE commune_code = 'X1' ORDER BY source_file",
    );
    let rows: Vec<(i64, i64, i64)> = files
        .iter()
        .map(|f| {
            (
                f["data_rows"].as_i64().unwrap_or(-1),
                f["loaded"].as_i64().unwrap_or(-1),
                f["superseded"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![(1962, 0, 1962), (1962, 1962, 0), (0, 0, 0), (0, 0, 0)]
    );
}

#[test]
fn links_out_of_an_input_folder_are_not_followed() {
    let w = Workdir::sample_with(|t| {
        format!("{t}\n[[communes]]\ncode = \"X2\"\nname = \"Thử\"\ndossiers = [\"inbox/*.csv\"]\n")
    });
    let inbox = w.root.join("inbox");
    std::fs::create_dir(&inbox).expect("inbox");
    let outside = tempfile::tempdir().expect("outside");
    let secret = outside.path().join("secret_2025-12-15.csv");
    std::fs::write(
        &secret,
        "Mã hồ sơ,Ngày tiếp nhận,Trạng thái\nS1,01/08/2025,Đang xử lý\n",
    )
    .expect("secret");
    std::os::unix::fs::symlink(&secret, inbox.join("ho-so_2025-12-15.csv")).expect("link");
    let out = w.ok(&["run"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("symbolic link"));
    let rows = w.sql("SELECT count(*) AS n FROM dossiers WHERE commune_code = 'X2'");
    assert_eq!(rows[0]["n"], 0);
}

#[test]
fn the_systemd_units_verify() {
    let Ok(probe) = Command::new("systemd-analyze").arg("--version").output() else {
        eprintln!("skipped: systemd-analyze is not installed");
        return;
    };
    assert!(probe.status.success());
    let dir = tempfile::tempdir().expect("tempdir");
    let deploy = super::manifest_dir().join("docs/deploy");
    for unit in [
        "commune-report.service",
        "commune-report-serve.service",
        "commune-report-failure@.service",
    ] {
        let service = std::fs::read_to_string(deploy.join(unit))
            .expect("service")
            .replace("/usr/local/bin/commune-report", BIN);
        std::fs::write(dir.path().join(unit), service).expect("write");
    }
    std::fs::copy(
        deploy.join("commune-report.timer"),
        dir.path().join("commune-report.timer"),
    )
    .expect("timer");
    let out = Command::new("systemd-analyze")
        .arg("verify")
        .arg(dir.path().join("commune-report.service"))
        .arg(dir.path().join("commune-report-serve.service"))
        .arg(dir.path().join("commune-report.timer"))
        // The instance OnFailure= starts.
        .arg(
            dir.path()
                .join("commune-report-failure@commune-report.service.service"),
        )
        .output()
        .expect("systemd-analyze");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
