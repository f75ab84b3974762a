//! Byte-exact fixtures, one folder per quirk of real exports (`tests/fixtures/`), each
//! with the exact counts and reject lines it must give (`expected.json`).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use super::BIN;

/// Ingests the folder as one commune's dossier exports into a fresh warehouse and
/// returns (files, rejects, dossiers) rows as the `sql` command shows them.
fn ingest_folder(dir: &Path) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let work = tempfile::tempdir().expect("tempdir");
    let config = work.path().join("c.toml");
    std::fs::write(
        &config,
        format!(
            "[report]\ntitle = \"T\"\narea = \"A\"\nperiod_start = 2025-07-01\n\n\
             [quality]\nmax_reject_ratio = 1.0\n\n\
             [[communes]]\ncode = \"T1\"\nname = \"Test\"\ndossiers = [\"{}/*.csv\"]\n",
            dir.display()
        ),
    )
    .expect("config");
    let run = |args: &[&str]| {
        let out = Command::new(BIN)
            .arg("-q")
            .arg("-c")
            .arg(&config)
            .args(args)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}: {args:?}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    run(&["ingest"]);
    let query = |sql: &str| -> Vec<Value> {
        serde_json::from_slice(&run(&["sql", "--format", "json", sql])).expect("json rows")
    };
    (
        query("SELECT * FROM files"),
        query("SELECT source_file, source_line, reason_code, \"column\" FROM rejects"),
        query(
            "SELECT dossier_id, field, status, CAST(received_date AS VARCHAR) AS received_date, \
             channel FROM dossiers",
        ),
    )
}

fn file_name(source_file: &str) -> &str {
    source_file.rsplit('/').next().unwrap_or(source_file)
}

fn check(dir: &Path, expected: &Value) {
    let name = dir.file_name().expect("name").to_string_lossy();
    let (files, rejects, dossiers) = ingest_folder(dir);
    let want_files = expected["files"].as_array().expect("files");
    assert_eq!(files.len(), want_files.len(), "{name}: number of files");
    for want in want_files {
        let file = want["file"].as_str().expect("file");
        let f = files
            .iter()
            .find(|f| f["source_file"].as_str().map(file_name) == Some(file))
            .unwrap_or_else(|| panic!("{name}: {file} not read"));
        let mut actual = serde_json::Map::new();
        actual.insert("file".into(), file.into());
        for key in [
            "encoding",
            "delimiter",
            "header_line",
            "data_rows",
            "loaded",
            "superseded",
            "rejected",
            "blank_lines",
        ] {
            actual.insert(key.into(), f[key].clone());
        }
        assert_eq!(&Value::Object(actual), want, "{name}: {file}");
    }
    let mut got_rejects: Vec<Value> = rejects
        .iter()
        .map(|r| {
            serde_json::json!({
                "file": r["source_file"].as_str().map(file_name),
                "line": r["source_line"],
                "reason_code": r["reason_code"],
                "column": r["column"],
            })
        })
        .collect();
    let key = |v: &Value| (v["file"].to_string(), v["line"].as_u64());
    got_rejects.sort_by_key(key);
    let mut want_rejects = expected["rejects"].as_array().cloned().unwrap_or_default();
    want_rejects.sort_by_key(key);
    assert_eq!(got_rejects, want_rejects, "{name}: rejects");

    if let Some(d) = expected.get("dossiers") {
        assert_eq!(
            Some(dossiers.len() as u64),
            d["loaded"].as_u64(),
            "{name}: loaded"
        );
        let mut statuses: BTreeMap<String, u64> = BTreeMap::new();
        for r in &dossiers {
            *statuses
                .entry(r["status"].as_str().unwrap_or("").to_string())
                .or_default() += 1;
        }
        let want: BTreeMap<String, u64> =
            serde_json::from_value(d["statuses"].clone()).expect("statuses");
        assert_eq!(statuses, want, "{name}: statuses");
    }
    for v in expected["values"].as_array().into_iter().flatten() {
        let id = v["dossier_id"].as_str().expect("dossier_id");
        let row = dossiers
            .iter()
            .find(|r| r["dossier_id"] == id)
            .unwrap_or_else(|| panic!("{name}: dossier {id} not loaded"));
        for (k, want) in v.as_object().expect("object") {
            assert_eq!(&row[k], want, "{name}: {id}.{k}");
        }
    }
}

fn fixture(name: &str) {
    let dir = super::manifest_dir().join("tests/fixtures").join(name);
    let expected: Value =
        serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("read"))
            .expect("expected.json is JSON");
    check(&dir, &expected);
}

/// One test per fixture folder, so one failure does not hide the others.
macro_rules! fixtures {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                fixture(stringify!($name));
            }
        )*
        const LISTED: &[&str] = &[$(stringify!($name)),*];
    };
}

fixtures!(
    bad_date,
    blank_lines,
    bom,
    completed_before_received,
    cr_only,
    crlf,
    footer,
    missing_required,
    nfd_headers,
    pipe,
    portal_names,
    quoted_line_break,
    semicolon,
    title_block,
    two_snapshots,
    unknown_status,
    utf16,
    utf16be,
    windows1258,
    wrong_field_count,
);

#[test]
fn every_fixture_folder_has_its_test() {
    let root = super::manifest_dir().join("tests/fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("expected.json").is_file())
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    assert_eq!(
        on_disk, LISTED,
        "add the new fixture folder to fixtures!(...)"
    );
}
