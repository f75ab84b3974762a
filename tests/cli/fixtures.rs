//! Byte-exact fixtures, one folder per quirk of real exports (`tests/fixtures/`), each
//! with the exact counts and reject lines it must give (`expected.json`).

use std::collections::BTreeMap;
use std::path::Path;

use commune_report::config::Config;
use commune_report::ingest::{self, Ingested};
use serde_json::Value;

fn ingest_folder(dir: &Path) -> Ingested {
    let work = tempfile::tempdir().expect("tempdir");
    let text = format!(
        "[report]\ntitle = \"T\"\narea = \"A\"\nperiod_start = 2025-07-01\n\n\
         [[communes]]\ncode = \"T1\"\nname = \"Test\"\ndossiers = [\"{}/*.csv\"]\n",
        dir.display()
    );
    let config = Config::parse(&work.path().join("c.toml"), &text).expect("config");
    ingest::ingest(&config).unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
}

fn file_name(source_file: &str) -> &str {
    source_file.rsplit('/').next().unwrap_or(source_file)
}

fn check(dir: &Path, expected: &Value) {
    let name = dir.file_name().expect("name").to_string_lossy();
    let got = ingest_folder(dir);
    let files = expected["files"].as_array().expect("files");
    assert_eq!(got.files.len(), files.len(), "{name}: number of files");
    for want in files {
        let file = want["file"].as_str().expect("file");
        let f = got
            .files
            .iter()
            .find(|f| file_name(&f.source_file) == file)
            .unwrap_or_else(|| panic!("{name}: {file} not read"));
        let actual = serde_json::json!({
            "file": file,
            "encoding": f.encoding,
            "delimiter": f.delimiter,
            "header_line": f.header_line,
            "data_rows": f.data_rows,
            "loaded": f.loaded,
            "superseded": f.superseded,
            "rejected": f.rejected,
            "blank_lines": f.blank_lines,
        });
        assert_eq!(&actual, want, "{name}: {file}");
    }
    let mut rejects: Vec<Value> = got
        .rejects
        .iter()
        .map(|r| {
            serde_json::json!({
                "file": file_name(&r.source_file),
                "line": r.source_line,
                "reason_code": r.reason_code,
                "column": r.column,
            })
        })
        .collect();
    let key = |v: &Value| (v["file"].to_string(), v["line"].as_u64());
    rejects.sort_by_key(key);
    let mut want_rejects = expected["rejects"].as_array().cloned().unwrap_or_default();
    want_rejects.sort_by_key(key);
    assert_eq!(rejects, want_rejects, "{name}: rejects");

    let dossiers = &got.communes[0].dossiers;
    if let Some(d) = expected.get("dossiers") {
        assert_eq!(
            Some(dossiers.len() as u64),
            d["loaded"].as_u64(),
            "{name}: loaded"
        );
        let mut statuses: BTreeMap<String, u64> = BTreeMap::new();
        for r in dossiers {
            *statuses
                .entry(r.row.status.as_str().to_string())
                .or_default() += 1;
        }
        let want: BTreeMap<String, u64> =
            serde_json::from_value(d["statuses"].clone()).expect("statuses");
        assert_eq!(statuses, want, "{name}: statuses");
    }
    for v in expected["values"].as_array().into_iter().flatten() {
        let id = v["dossier_id"].as_str().expect("dossier_id");
        let row = &dossiers
            .iter()
            .find(|r| r.row.dossier_id == id)
            .unwrap_or_else(|| panic!("{name}: dossier {id} not loaded"))
            .row;
        let actual = serde_json::json!({
            "dossier_id": row.dossier_id,
            "field": row.field,
            "status": row.status.as_str(),
            "received_date": row.received_date.to_string(),
            "channel": row.channel.map(|c| c.as_str()),
        });
        for (k, want) in v.as_object().expect("object") {
            assert_eq!(&actual[k], want, "{name}: {id}.{k}");
        }
    }
}

#[test]
fn every_fixture_gives_its_expected_counts() {
    let root = super::manifest_dir().join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("expected.json").is_file())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 15, "only {} fixtures", dirs.len());
    for dir in dirs {
        let expected: Value =
            serde_json::from_slice(&std::fs::read(dir.join("expected.json")).expect("read"))
                .expect("expected.json is JSON");
        check(&dir, &expected);
    }
}
