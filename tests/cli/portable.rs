//! The report does not depend on the checkout: the built-in queries and templates
//! make the full report from a folder holding only a config and exports; `init`
//! gives an editable copy; sections the code needs are found by role, not file name.

use std::path::Path;

use serde_json::Value;

use super::{BIN, Workdir, manifest_dir, sample_run};

fn repository_queries() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(manifest_dir().join("queries"))
        .expect("queries")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .map(|p| p.file_stem().expect("stem").to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

fn init(dir: &Path) -> std::process::Output {
    std::process::Command::new(BIN)
        .arg("init")
        .arg(dir)
        .output()
        .expect("run init")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_folder_with_only_a_config_and_exports_gets_the_full_report() {
    let (w, stdout, report) = sample_run();
    assert!(!w.root.join("queries").exists());
    let ids: Vec<&str> = report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| s["id"].as_str().expect("id"))
        .collect();
    // Every query file's section, and the comparison the tool computes from the summary.
    let mut want = repository_queries();
    want.push("11_comparison".into());
    want.sort();
    assert_eq!(ids, want);
    for q in report["meta"]["queries"].as_array().expect("queries") {
        assert_eq!(q["origin"], "built_in", "{q}");
    }
    assert_eq!(report["narrative"].as_array().map(Vec::len), Some(5));
    assert!(stdout.contains("Tân Phước 1"), "console summary: {stdout}");
    let md = read(&w.root.join("reports/2025-07-01_2025-12-15/report.md"));
    assert!(
        md.contains("truy vấn tích hợp sẵn: 10\\_summary.sql"),
        "{md}"
    );
}

#[test]
fn init_writes_an_editable_copy_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("new-office");
    let out = init(&target);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for id in repository_queries() {
        let file = format!("queries/{id}.sql");
        let copy = read(&target.join(&file));
        let (mark, text) = copy.split_once('\n').expect("a first line");
        assert!(mark.starts_with("-- commune-report init copy"), "{mark}");
        assert_eq!(text, read(&manifest_dir().join(&file)), "{file}");
    }
    for t in ["narrative.txt", "report.html"] {
        assert!(target.join("queries/templates").join(t).is_file(), "{t}");
    }
    let config = read(&target.join("commune-report.toml"));
    assert!(config.contains("# [[communes]]"), "{config}");

    // The starter config asks for communes, naming the key.
    let out = std::process::Command::new(BIN)
        .arg("-c")
        .arg(target.join("commune-report.toml"))
        .arg("check")
        .output()
        .expect("check");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("communes"));

    // A second init changes nothing and says which files are in the way.
    std::fs::write(target.join("queries/10_summary.sql"), "-- edited").expect("edit");
    let out = init(&target);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10_summary.sql"));
    assert_eq!(read(&target.join("queries/10_summary.sql")), "-- edited");
}

#[test]
fn a_renamed_summary_query_still_feeds_narrative_chart_and_console() {
    let scratch = tempfile::tempdir().expect("tempdir");
    let copy = scratch.path().join("copy");
    assert!(init(&copy).status.success());
    let w = Workdir::sample();
    std::fs::rename(copy.join("queries"), w.root.join("queries")).expect("move queries");
    // Renamed and edited (an unedited copy would give way to the built-in).
    let summary = read(&w.root.join("queries/10_summary.sql"));
    std::fs::write(
        w.root.join("queries/12_totals.sql"),
        summary.replace("Tổng hợp kết quả", "Tổng hợp"),
    )
    .expect("write");
    std::fs::remove_file(w.root.join("queries/10_summary.sql")).expect("remove");
    let out = w.ok(&["run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Tân Phước 1"), "console summary: {stdout}");
    let report: Value = serde_json::from_str(&read(
        &w.root.join("reports/2025-07-01_2025-12-15/report.json"),
    ))
    .expect("json");
    let files: Vec<(&str, &str)> = report["meta"]["queries"]
        .as_array()
        .expect("queries")
        .iter()
        .map(|q| {
            (
                q["file"].as_str().expect("file"),
                q["origin"].as_str().expect("origin"),
            )
        })
        .collect();
    assert!(files.contains(&("12_totals.sql", "folder")), "{files:?}");
    assert!(
        !files.iter().any(|(f, _)| *f == "10_summary.sql"),
        "{files:?}"
    );
    // The other copies are unedited: the built-ins serve.
    assert!(
        files
            .iter()
            .all(|(f, o)| (*f == "12_totals.sql") == (*o == "folder")),
        "{files:?}"
    );
    let narrative = report["narrative"].as_array().expect("narrative");
    assert_eq!(narrative.len(), 5);
    assert!(
        narrative[0].as_str().expect("text").contains("1.962"),
        "{narrative:?}"
    );
    let html = read(&w.root.join("reports/2025-07-01_2025-12-15/report.html"));
    assert!(html.contains("Trễ hạn: 18"), "chart bars from the summary");
}

#[test]
fn a_named_queries_folder_that_does_not_exist_is_a_config_error() {
    let w = Workdir::sample_with(|t| t.replace("[paths]", "[paths]\nqueries = \"mine\""));
    let out = w.run(&["report"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("paths.queries") && err.contains("init"),
        "{err}"
    );
}

#[test]
fn unedited_init_copies_give_way_to_the_built_ins() {
    let (_, _, built_in) = sample_run();
    let scratch = tempfile::tempdir().expect("tempdir");
    let copy = scratch.path().join("copy");
    assert!(init(&copy).status.success());
    let w = Workdir::sample();
    std::fs::rename(copy.join("queries"), w.root.join("queries")).expect("move queries");
    w.ok(&["-q", "run"]);
    let report: Value = serde_json::from_str(&read(
        &w.root.join("reports/2025-07-01_2025-12-15/report.json"),
    ))
    .expect("json");
    assert_eq!(report["meta"]["queries"], built_in["meta"]["queries"]);
    assert_eq!(report["meta"]["templates"], built_in["meta"]["templates"]);
    assert_eq!(report["sections"], built_in["sections"]);
}
