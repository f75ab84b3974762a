//! Drives the real `commune-report` binary. The sample run is done once and shared
//! (it is the slow part); each test asserts published figures through `sql` and
//! through `report.json`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;

mod as_at;
mod compare;
mod corpus;
mod document;
mod faults;
mod fixtures;
mod hardening;
mod isolation;
mod labels;
mod language;
mod notify;
mod peer;
mod pieces;
mod portable;
mod privacy;
mod remote;
mod report;
mod sample;
mod serve;
mod shared;
mod sql;
mod summary;

const BIN: &str = env!("CARGO_BIN_EXE_commune-report");

/// Whether a peer tool must be present (CI installs them, `.ci/run` sets this):
/// there a missing peer fails the test instead of skipping it.
pub fn peers_required() -> bool {
    std::env::var_os("COMMUNE_REPORT_REQUIRE_PEERS").is_some()
}

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A work directory holding a config that reads the repository's `data/` but writes
/// its warehouse and reports inside the directory. It has no `queries/` folder, as
/// after installing the binary: the report is the built-in one.
pub struct Workdir {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Workdir {
    /// The repository's config and `data/` linked, in a fresh directory: source
    /// paths and report figures are exactly those of a run from the repository root.
    pub fn sample() -> Workdir {
        Workdir::sample_with(|text| text.to_string())
    }

    /// Like [`Workdir::sample`], with the config text edited first.
    pub fn sample_with(edit: impl Fn(&str) -> String) -> Workdir {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().to_path_buf();
        std::os::unix::fs::symlink(manifest_dir().join("data"), root.join("data"))
            .expect("link data");
        let text = std::fs::read_to_string(manifest_dir().join("commune-report.toml"))
            .expect("repository config");
        std::fs::write(root.join("commune-report.toml"), edit(&text)).expect("write config");
        Workdir { _dir: dir, root }
    }

    pub fn config(&self) -> PathBuf {
        self.root.join("commune-report.toml")
    }

    /// The config's text without the commune `code`'s `[[communes]]` block.
    pub fn config_without(&self, code: &str) -> String {
        let config = std::fs::read_to_string(self.config()).expect("config");
        let start = config
            .find(&format!("code = \"{code}\""))
            .unwrap_or_else(|| panic!("commune {code} in the config"));
        let block = config[..start].rfind("[[communes]]").expect("its block");
        let end = config[start..]
            .find("[[communes]]")
            .map_or(config.len(), |i| start + i);
        format!("{}{}", &config[..block], &config[end..])
    }

    /// Runs the binary in English (the tests read its messages) unless `args` says
    /// `--lang`.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .env("COMMUNE_REPORT_LANG", "en")
            .arg("-c")
            .arg(self.config())
            .args(args)
            .output()
            .expect("run the binary")
    }

    /// Runs the binary and asserts it exited 0.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Runs `sql --format json` and returns the rows.
    pub fn sql(&self, query: &str) -> Vec<Value> {
        let out = self.run(&["sql", "--format", "json", query]);
        assert!(
            out.status.success(),
            "sql failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        match serde_json::from_slice(&out.stdout).expect("json output") {
            Value::Array(rows) => rows,
            other => panic!("expected an array, got {other}"),
        }
    }
}

/// The sample, run once for all tests: (workdir, stdout of `run`, report.json).
pub fn sample_run() -> &'static (Workdir, String, Value) {
    static RUN: OnceLock<(Workdir, String, Value)> = OnceLock::new();
    RUN.get_or_init(|| {
        let w = Workdir::sample();
        let out = w.run(&["run"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report = w.root.join("reports/2025-07-01_2025-12-15/report.json");
        let json = serde_json::from_slice(&std::fs::read(&report).expect("report.json"))
            .expect("valid json");
        (w, String::from_utf8_lossy(&out.stdout).into_owned(), json)
    })
}

mod config_errors {
    use super::*;

    fn with_config(text: &str) -> Output {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.toml");
        std::fs::write(&path, text).expect("write");
        Command::new(BIN)
            .arg("-c")
            .arg(&path)
            .arg("ingest")
            .output()
            .expect("run")
    }

    const GOOD: &str = "[report]\ntitle = \"T\"\narea = \"A\"\nperiod_start = 2025-07-01\n\n\
                        [[communes]]\ncode = \"1\"\nname = \"X\"\ndossiers = [\"*.csv\"]\n";

    #[test]
    fn unknown_key_exits_2_naming_it() {
        let out = with_config(&GOOD.replace("area = \"A\"", "area = \"A\"\nareas = 1"));
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("areas") && err.contains("c.toml"), "{err}");
    }

    #[test]
    fn duplicate_commune_exits_2_naming_the_key() {
        let text =
            format!("{GOOD}\n[[communes]]\ncode = \"1\"\nname = \"Y\"\ndossiers = [\"a\"]\n");
        let out = with_config(&text);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("communes[1].code"), "{err}");
    }

    #[test]
    fn missing_config_exits_2() {
        let out = Command::new(BIN)
            .args(["-c", "/nonexistent/commune-report.toml", "run"])
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2));
    }
}

mod check {
    use super::*;

    #[test]
    fn check_reports_detection_and_rejects_and_writes_nothing() {
        let w = Workdir::sample();
        let fixture = manifest_dir().join("tests/fixtures/bad_date/ho-so_2025-12-15.csv");
        let out = w.ok(&["check", fixture.to_str().expect("utf8")]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("encoding utf-8, delimiter ,, header on line 1"),
            "{text}"
        );
        assert!(text.contains("bad_date x4 (lines 3, 4, 6, 7)"), "{text}");
        let out = w.run(&["check"]);
        assert_eq!(out.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .contains("encoding utf-16le, delimiter tab, header on line 7")
        );
        let written: Vec<_> = std::fs::read_dir(&w.root)
            .expect("workdir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("warehouse") || n == "reports")
            .collect();
        assert!(written.is_empty(), "check wrote {written:?}");
    }

    #[test]
    fn a_file_without_a_recognisable_header_is_quarantined_naming_it() {
        let w = Workdir::sample_with(|t| {
            format!(
                "{t}\n[[communes]]\ncode = \"X9\"\nname = \"Thử\"\ndossiers = [\"odd/*.csv\"]\n"
            )
        });
        std::fs::create_dir(w.root.join("odd")).expect("dir");
        std::fs::write(
            w.root.join("odd/a_2025-12-15.csv"),
            "Số BN,Ngày,Tình hình\nX,01/08/2025,Mới\n",
        )
        .expect("write");
        let out = w.run(&["run"]);
        assert_eq!(out.status.code(), Some(3));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("odd/a_2025-12-15.csv") && err.contains("columns ="),
            "{err}"
        );
        let files = w.sql("SELECT status, error FROM files WHERE commune_code = 'X9'");
        assert_eq!(files[0]["status"], "quarantined");
        assert!(
            files[0]["error"]
                .as_str()
                .is_some_and(|e| e.contains("columns ="))
        );
    }
}
