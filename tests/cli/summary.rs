//! Every run says what changed since the previous one: files new, changed or gone per
//! commune, communes that delivered nothing, figures of a republished period that
//! moved; on stdout, in the manifest, the `runs` table and report.json.

use serde_json::Value;

use super::{Workdir, manifest_dir};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The sample with Tân Phước 1's exports copied into the work directory, so the test
/// can change them.
fn with_own_tp1() -> Workdir {
    let w = Workdir::sample_with(|t| t.replace("\"data/exports/tp1/", "\"tp1/"));
    let from = manifest_dir().join("data/exports/tp1");
    std::fs::create_dir(w.root.join("tp1")).expect("tp1 folder");
    for entry in std::fs::read_dir(&from).expect("tp1 exports") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            w.root.join("tp1").join(path.file_name().expect("name")),
        )
        .expect("copy");
    }
    w
}

fn report_json(w: &Workdir) -> Value {
    let reports = w.root.join("reports");
    let link = std::fs::read_dir(&reports)
        .expect("reports")
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_symlink())
        .expect("the period's link");
    serde_json::from_str(&std::fs::read_to_string(link.join("report.json")).expect("record"))
        .expect("json")
}

fn newest_manifest(w: &Workdir) -> Value {
    let dir = w.root.join(".warehouse.runs");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("manifests")
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    let newest = paths.last().expect("a manifest");
    serde_json::from_str(&std::fs::read_to_string(newest).expect("manifest")).expect("json")
}

#[test]
fn each_run_says_which_files_and_figures_changed_since_the_previous_one() {
    let w = with_own_tp1();
    let first = w.ok(&["run"]);
    let text = stdout(&first);
    assert!(text.contains("First run"), "{text}");
    assert!(
        text.contains("Tân Phước 1: 3 new files (ho-so_2025-01-15.csv, ho-so_2025-12-15.csv, chi-tieu_2025-12-15.csv)"),
        "{text}"
    );
    let first_run = newest_manifest(&w)["run_id"]
        .as_str()
        .expect("run id")
        .to_string();

    // Tân Phước 1 sends its December export again without its last dossier, and
    // withdraws its indicators file.
    let december = w.root.join("tp1/ho-so_2025-12-15.csv");
    let text = std::fs::read_to_string(&december).expect("december");
    let body = text.trim_end_matches("\r\n");
    let cut = body.rfind("\r\n").expect("more than one line");
    std::fs::write(&december, format!("{}\r\n", &body[..cut])).expect("rewrite");
    std::fs::remove_file(w.root.join("tp1/chi-tieu_2025-12-15.csv")).expect("remove");
    let second = w.ok(&["run"]);
    let text = stdout(&second);
    assert!(
        text.contains(&format!("Changes since the previous run ({first_run})")),
        "{text}"
    );
    assert!(
        text.contains("Tân Phước 1: 1 changed files (ho-so_2025-12-15.csv); 1 files gone (chi-tieu_2025-12-15.csv)"),
        "{text}"
    );
    assert!(
        text.contains("has changed figures (edition 2, replacing edition 1)"),
        "{text}"
    );
    // Each moved figure says by how much.
    let moved: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with("Tân Phước 1 — "))
        .collect();
    assert!(!moved.is_empty(), "{text}");
    for line in &moved {
        assert!(line.contains(" → "), "{line}");
    }
    assert!(
        moved
            .iter()
            .any(|l| l.trim_end().ends_with(')') && l.contains("(-")),
        "{moved:?}"
    );
    // Other communes did not change, and all delivered.
    assert!(!text.contains("Hưng Thạnh:"), "{text}");
    assert!(!text.contains("DELIVERED NOTHING"), "{text}");

    // The manifest, the runs table and report.json hold the same summary.
    let manifest = newest_manifest(&w);
    let summary = &manifest["summary"];
    assert_eq!(summary["since"], first_run.as_str());
    let tp1 = &summary["communes"][0];
    assert_eq!(
        tp1["gone_files"],
        serde_json::json!(["tp1/chi-tieu_2025-12-15.csv"])
    );
    assert_eq!(
        tp1["changed_files"],
        serde_json::json!(["tp1/ho-so_2025-12-15.csv"])
    );
    assert_eq!(summary["report"]["edition"], 2);
    let changes = summary["report"]["changes"].as_array().expect("changes");
    assert!(changes.len() >= moved.len(), "{changes:?}");
    for change in changes {
        let line = format!("    {}", change.as_str().expect("text"));
        assert!(text.lines().any(|l| l == line), "{line:?} not printed");
    }
    let runs = w.sql(
        "SELECT run_id, new_files, changed_files, gone_files, not_delivered, changes \
         FROM runs ORDER BY started_at",
    );
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert_eq!(runs[0]["new_files"], 13);
    assert_eq!(runs[1]["run_id"], manifest["run_id"]);
    assert_eq!(
        (
            &runs[1]["new_files"],
            &runs[1]["changed_files"],
            &runs[1]["gone_files"]
        ),
        (&Value::from(0), &Value::from(1), &Value::from(1))
    );
    assert_eq!(runs[1]["not_delivered"], "");
    let changes = runs[1]["changes"].as_str().expect("changes");
    assert!(
        changes.contains("edition 2, replacing edition 1"),
        "{changes}"
    );
    // report.json records the files part; the figures are its edition's changes.
    let mut recorded = summary.clone();
    recorded.as_object_mut().map(|o| o.remove("report"));
    assert_eq!(report_json(&w)["meta"]["run"], recorded);

    // Nothing changed: the run says so, and the period keeps its edition.
    let third = w.ok(&["run"]);
    let text = stdout(&third);
    assert!(text.contains("Nothing changed."), "{text}");
    assert_eq!(report_json(&w)["meta"]["edition"]["number"], 2);
}

#[test]
fn a_commune_that_delivered_nothing_is_named_and_can_fail_the_run() {
    let missing = |t: &str| {
        t.replace(
            "data/exports/tp3/hoso_*.csv",
            "data/exports/tp3/nothing-yet_*.csv",
        )
    };
    let w = Workdir::sample_with(missing);
    let out = w.ok(&["run"]);
    let text = stdout(&out);
    assert!(
        text.contains("Tân Phước 3: DELIVERED NOTHING — no dossier file matches its globs"),
        "{text}"
    );
    let runs = w.sql("SELECT not_delivered FROM runs");
    assert_eq!(runs[0]["not_delivered"], "28345");

    let strict = Workdir::sample_with(|t| {
        missing(t).replace("[quality]", "[quality]\nrequire_all_communes = true")
    });
    let out = strict.run(&["run"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Tân Phước 3 delivered nothing (no dossier file matches its globs); quality.require_all_communes = true"),
        "{stderr}"
    );
    // Published all the same, with the verdict recorded.
    assert_eq!(newest_manifest(&strict)["status"], "quality_threshold");
    assert_eq!(strict.sql("SELECT count(*) AS n FROM communes")[0]["n"], 4);
}
