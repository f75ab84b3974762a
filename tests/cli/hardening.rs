//! Hostile inputs a review used to break promises: link loops and links back up
//! under `**`, FIFOs matched by a glob, a cell longer than Excel allows.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{BIN, Workdir};

const EXPORT: &str = "Mã hồ sơ,Ngày tiếp nhận,Trạng thái,Tên thủ tục\n\
                      A-1,01/08/2025,Đã giải quyết,Đăng ký khai sinh\n\
                      A-2,02/08/2025,Đang giải quyết,Đăng ký kết hôn\n";

fn with_commune(glob: &str) -> Workdir {
    let w = Workdir::sample_with(|t| {
        format!("{t}\n[[communes]]\ncode = \"H1\"\nname = \"Thử\"\ndossiers = [\"{glob}\"]\n")
    });
    std::fs::create_dir_all(w.root.join("h/sub")).expect("dir");
    w
}

/// Runs `args` and kills the run if it takes longer than a minute.
fn bounded(w: &Workdir, args: &[&str]) -> std::process::Output {
    let mut child = Command::new(BIN)
        .arg("-c")
        .arg(w.config())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn link_loops_and_links_up_neither_hang_nor_read_a_file_twice() {
    let w = with_commune("h/**/*.csv");
    std::fs::write(w.root.join("h/sub/ho-so_2025-12-15.csv"), EXPORT).expect("export");
    std::os::unix::fs::symlink(".", w.root.join("h/sub/loop")).expect("loop");
    std::os::unix::fs::symlink("..", w.root.join("h/sub/up")).expect("up");
    std::os::unix::fs::symlink("sub", w.root.join("h/again")).expect("again");
    let out = bounded(&w, &["run"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = w.sql("SELECT source_file FROM files WHERE commune_code = 'H1'");
    assert_eq!(files.len(), 1, "{files:?}");
    let n = w.sql("SELECT count(*) AS n FROM dossiers WHERE commune_code = 'H1'");
    assert_eq!(n[0]["n"], 2);
}

#[test]
fn a_fifo_matched_by_a_glob_is_skipped_with_a_warning() {
    let w = with_commune("h/*.csv");
    std::fs::write(w.root.join("h/ho-so_2025-12-15.csv"), EXPORT).expect("export");
    let fifo = w.root.join("h/pipe.csv");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    let out = bounded(&w, &["run"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("pipe.csv") && err.contains("not a regular file"),
        "{err}"
    );
    let out = bounded(&w, &["check", fifo.to_str().expect("utf8")]);
    assert_ne!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a regular file"));
}

#[test]
fn a_cell_longer_than_excel_allows_does_not_break_the_report() {
    use calamine::{DataType, Reader, Xlsx, open_workbook};
    let w = with_commune("h/*.csv");
    let long = "Thủ tục ".repeat(5_000);
    std::fs::write(
        w.root.join("h/ho-so_2025-12-15.csv"),
        format!(
            "Mã hồ sơ,Ngày tiếp nhận,Trạng thái,Tên thủ tục\nA-1,01/08/2025,Đã giải quyết,{long}\n"
        ),
    )
    .expect("export");
    let w2 = &w;
    std::fs::write(
        w.root.join("extra.sql"),
        "-- title: Thủ tục\nSELECT procedure_name FROM dossiers WHERE commune_code = 'H1'",
    )
    .expect("query");
    std::fs::create_dir(w.root.join("queries")).expect("queries");
    std::fs::rename(
        w.root.join("extra.sql"),
        w.root.join("queries/99_names.sql"),
    )
    .expect("mv");
    let out = bounded(w2, &["run"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = w.root.join("reports/2025-07-01_2025-12-15/report.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("xlsx");
    let sheet = book
        .worksheet_range("Thủ tục")
        .expect("sheet named by the title");
    let cell = sheet.get((1, 0)).and_then(|c| c.as_string()).expect("cell");
    assert_eq!(cell.chars().count(), 32_767);
    assert!(
        cell.ends_with("[đã cắt bớt]"),
        "{}",
        &cell[cell.len() - 40..]
    );
}

#[test]
fn a_file_that_changes_while_it_is_read_fails_clearly_and_is_not_cached() {
    use std::io::{BufRead, BufReader, Write};
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("c.toml");
    std::fs::write(
        &config,
        "[report]\ntitle = \"T\"\narea = \"A\"\nperiod_start = 2025-07-01\n\n\
         [[communes]]\ncode = \"C1\"\nname = \"Thử\"\ndossiers = [\"e/*.csv\"]\n",
    )
    .expect("config");
    std::fs::create_dir(dir.path().join("e")).expect("dir");
    let export = dir.path().join("e/ho-so_2025-12-15.csv");
    std::fs::write(&export, EXPORT).expect("export");
    let mut child = Command::new(BIN)
        .arg("-c")
        .arg(&config)
        .arg("ingest")
        .env("COMMUNE_REPORT_PAUSE_AT", "reading")
        .env("COMMUNE_REPORT_PAUSE_SECS", "2")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut lines = BufReader::new(child.stderr.take().expect("stderr")).lines();
    let mut log = String::new();
    for line in lines.by_ref() {
        let line = line.expect("line");
        log.push_str(&line);
        if line.contains("paused at reading") {
            // Hashed already, not parsed yet: the export grows in between.
            let mut f = std::fs::OpenOptions::new()
                .append(true)
                .open(&export)
                .expect("open");
            f.write_all(b"A-3,03/08/2025,\xc4\x90\xc3\xa3 gi\xe1\xba\xa3i quy\xe1\xba\xbft,X\n")
                .expect("append");
            break;
        }
    }
    for line in lines {
        log.push_str(&line.expect("line"));
    }
    let status = child.wait().expect("wait");
    // Quarantined: the run goes on without it (exit 3).
    assert_eq!(status.code(), Some(3), "{log}");
    assert!(
        log.contains("changed while it was read") && log.contains("ho-so_2025-12-15.csv"),
        "{log}"
    );
    let cache = dir.path().join(".warehouse.cache");
    let entries = std::fs::read_dir(&cache).map(|d| d.count()).unwrap_or(0);
    assert_eq!(entries, 0, "the mixed parse was not cached");
}

#[test]
fn a_run_whose_report_fails_publishes_nothing_and_says_so_everywhere() {
    let w = Workdir::sample();
    w.ok(&["-q", "run"]);
    let link = std::fs::read_link(w.root.join("warehouse")).expect("link");
    std::fs::create_dir(w.root.join("queries")).expect("queries");
    std::fs::write(
        w.root.join("queries/99_bad.sql"),
        "SELECT no_such_column FROM dossiers",
    )
    .expect("query");
    let out = w.run(&["-q", "run", "--full-refresh"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("99_bad.sql"));
    assert_eq!(
        std::fs::read_link(w.root.join("warehouse")).expect("link"),
        link
    );
    std::fs::remove_file(w.root.join("queries/99_bad.sql")).expect("rm");
    w.ok(&["-q", "run"]);
    let runs = w.sql("SELECT run_id, status, exit_code FROM runs ORDER BY started_at");
    assert_eq!(runs.len(), 3, "{runs:?}");
    assert_eq!(
        (runs[1]["status"].as_str(), runs[1]["exit_code"].as_i64()),
        (Some("failed"), Some(1))
    );
    let manifest = w.root.join(format!(
        ".warehouse.runs/{}.json",
        runs[1]["run_id"].as_str().expect("id")
    ));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(manifest).expect("manifest")).expect("json");
    assert_eq!(manifest["status"], "failed");
    assert_eq!(manifest["exit_code"], 1);
}

#[test]
fn a_record_past_the_bound_is_a_reject_and_an_open_quote_names_its_line() {
    let long = "x".repeat(5_000);
    let w = Workdir::sample_with(|t| {
        format!(
            "{t}\n[[communes]]\ncode = \"H1\"\nname = \"Thử\"\ndossiers = [\"h/*.csv\"]\n\
             csv = {{ max_record_bytes = 1024 }}\n"
        )
        .replace("max_reject_ratio = 0.05", "max_reject_ratio = 1.0")
    });
    std::fs::create_dir(w.root.join("h")).expect("dir");
    let export = w.root.join("h/ho-so_2025-12-15.csv");
    std::fs::write(
        &export,
        format!(
            "Mã hồ sơ,Ngày tiếp nhận,Trạng thái,Tên thủ tục\n\
             A-1,01/08/2025,Đã giải quyết,Khai sinh\n\
             A-2,02/08/2025,Đã giải quyết,{long}\n\
             A-3,03/08/2025,Đang giải quyết,Kết hôn\n"
        ),
    )
    .expect("export");
    w.ok(&["-q", "run"]);
    let rejects = w.sql("SELECT source_line, reason_code FROM rejects WHERE commune_code = 'H1'");
    assert_eq!(rejects.len(), 1, "{rejects:?}");
    assert_eq!(rejects[0]["source_line"], 3);
    assert_eq!(rejects[0]["reason_code"], "record_too_long");
    let ids = w.sql("SELECT dossier_id FROM dossiers WHERE commune_code = 'H1' ORDER BY 1");
    assert_eq!(ids.len(), 2, "reading went on at the next line: {ids:?}");

    std::fs::write(
        &export,
        format!(
            "Mã hồ sơ,Ngày tiếp nhận,Trạng thái,Tên thủ tục\n\
             A-1,01/08/2025,Đã giải quyết,\"Khai sinh\n\
             A-2,02/08/2025,Đã giải quyết,{long}\n"
        ),
    )
    .expect("export");
    let out = w.run(&["run"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("quote opened on line 2"), "{err}");
}

#[test]
fn devices_are_refused_as_config_sql_file_or_export() {
    let w = Workdir::sample();
    for args in [
        vec!["-c", "/dev/zero", "check"],
        vec!["sql", "-f", "/dev/zero"],
        vec!["check", "/dev/zero"],
    ] {
        let mut cmd = Command::new(BIN);
        if args[0] != "-c" {
            cmd.arg("-c").arg(w.config());
        }
        let child = cmd
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let started = Instant::now();
        let out = child.wait_with_output().expect("output");
        assert!(started.elapsed() < Duration::from_secs(30), "{args:?} hung");
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.contains("not a regular file"), "{args:?}: {text}");
    }
}

#[test]
fn a_warehouse_path_that_is_a_file_is_refused_before_any_work() {
    let w = Workdir::sample();
    std::fs::write(w.root.join("warehouse"), "not a warehouse").expect("file");
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a link"));
    assert!(
        !w.root.join(".warehouse.versions").exists(),
        "no version was written"
    );
}
