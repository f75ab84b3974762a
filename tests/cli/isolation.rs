//! One bad export never blocks the others' report: a file-level error quarantines
//! that file, the run publishes and exits 3, the clean communes' figures are exactly
//! those of a run without the damaged commune, and the file is named with its reason
//! in `files`, the report and the run summary.

use std::path::Path;

use serde_json::Value;

use super::{Workdir, manifest_dir};

const TP1: &str = "data/exports/tp1/ho-so_2025-12-15.csv";

/// The sample with its own copy of the exports (so one can be damaged).
fn copied(edit: impl Fn(&str) -> String) -> Workdir {
    let w = Workdir::sample_with(edit);
    std::fs::remove_file(w.root.join("data")).expect("unlink data");
    copy_dir(&manifest_dir().join("data"), &w.root.join("data"));
    w
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).expect("copy");
        }
    }
}

fn summary(w: &Workdir) -> Vec<Value> {
    let path = w.root.join("reports/2025-07-01_2025-12-15/report.json");
    let report: Value = serde_json::from_slice(&std::fs::read(path).expect("json")).expect("json");
    report["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["role"] == "summary"))
        .and_then(|s| s["rows"].as_array())
        .cloned()
        .expect("summary")
}

fn clean_rows(rows: &[Value]) -> Vec<Value> {
    rows.iter()
        .filter(|r| r["commune_code"].is_string() && r["commune_code"] != "28321")
        .cloned()
        .collect()
}

#[test]
fn a_damaged_export_is_quarantined_and_the_others_publish() {
    // The reference: the same run without Tân Phước 1's dossiers.
    let without = copied(|t| t.replace("data/exports/tp1/ho-so*.csv", "nothing/*.csv"));
    without.ok(&["-q", "run"]);
    let reference = clean_rows(&summary(&without));

    let original = std::fs::read(manifest_dir().join(TP1)).expect("tp1");
    let mut nul = original.clone();
    nul.splice(0..0, vec![0u8; 4096]);
    let undecodable: Vec<u8> = original
        .iter()
        .map(|&b| if b >= 0x80 { 0x81 } else { b })
        .collect();
    let mangled = String::from_utf8_lossy(&original)
        .replacen("Mã hồ sơ", "###", 1)
        .replacen("Ngày tiếp nhận", "@@@", 1);
    let mut open_quote = String::from_utf8_lossy(&original).into_owned();
    let at = open_quote.match_indices("\r\n").nth(20).expect("a line").0 + 2;
    open_quote.insert(at, '"');
    // (case, bytes, the reason on screen in English, the reason stored in Vietnamese)
    let cases: [(&str, Vec<u8>, &str, &str); 4] = [
        ("binary", nul, "NUL byte", "byte NUL"),
        (
            "undecodable",
            undecodable,
            "valid in neither UTF-8",
            "không hợp lệ trong cả UTF-8",
        ),
        (
            "no header",
            mangled.into_bytes(),
            "no header line found",
            "không tìm thấy dòng tiêu đề",
        ),
        (
            "open quote",
            open_quote.into_bytes(),
            "still open after",
            "vẫn chưa đóng sau",
        ),
    ];
    for (what, bytes, reason, stored) in cases {
        let w = copied(|t| {
            t.replace(
                "dossiers = [\"data/exports/tp1/ho-so*.csv\"]",
                "dossiers = [\"data/exports/tp1/ho-so*.csv\"]\ncsv = { max_record_bytes = 4096 }",
            )
        });
        std::fs::write(w.root.join(TP1), &bytes).expect("damage");
        let out = w.run(&["run"]);
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(3), "{what}: {stderr}");
        assert!(stdout.contains("report: "), "{what}: published: {stdout}");
        assert!(
            stderr.contains("ho-so_2025-12-15.csv") && stderr.contains(reason),
            "{what}: {stderr}"
        );
        // Exactly the figures of a run without the damaged commune.
        let rows = summary(&w);
        assert_eq!(clean_rows(&rows), reference, "{what}");
        let tp1 = rows
            .iter()
            .find(|r| r["commune_code"] == "28321")
            .expect("tp1");
        assert_eq!(tp1["delivery"], "missing", "{what}: never zeros");
        assert!(tp1["received"].is_null(), "{what}");
        let files = w.sql(
            "SELECT status, error FROM files WHERE commune_code = '28321' AND kind = 'dossiers' \
             AND source_file LIKE '%2025-12-15%'",
        );
        assert_eq!(files.len(), 1, "{what}");
        assert_eq!(files[0]["status"], "quarantined", "{what}");
        assert!(
            files[0]["error"]
                .as_str()
                .is_some_and(|e| e.contains(stored)),
            "{what}: the warehouse keeps the reason in Vietnamese"
        );
        let md = std::fs::read_to_string(w.root.join("reports/2025-07-01_2025-12-15/report.md"))
            .expect("md");
        assert!(md.contains("## Tệp không đọc được"), "{what}");
        let report: Value = serde_json::from_slice(
            &std::fs::read(w.root.join("reports/2025-07-01_2025-12-15/report.json")).expect("json"),
        )
        .expect("json");
        let paragraph = report["narrative"][0].as_str().expect("tp1 paragraph");
        assert!(
            paragraph.contains("Tệp data/exports/tp1/ho-so_2025-12-15.csv không đọc được"),
            "{what}: the narrative names it: {paragraph}"
        );
    }
}

#[test]
fn on_file_error_fail_keeps_the_all_or_nothing_run() {
    let w = copied(|t| t.replace("[quality]", "[quality]\non_file_error = \"fail\""));
    std::fs::write(w.root.join(TP1), b"\x00\x00\x00binary").expect("damage");
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!w.root.join("warehouse").exists(), "nothing published");
    let check = w.run(&["check"]);
    assert!(String::from_utf8_lossy(&check.stdout).contains("the run fails on this file"));
}

/// Line numbers (1-based) of the data lines of TP1's export holding `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.split("\r\n")
        .position(|l| l.contains(needle))
        .map(|i| i as u64 + 1)
        .expect(needle)
}

#[test]
fn a_few_bad_bytes_reject_only_the_records_that_hold_them() {
    let w = copied(|t| t.to_string());
    let original = std::fs::read(manifest_dir().join(TP1)).expect("tp1");
    let text = String::from_utf8(original[3..].to_vec()).expect("utf-8 after the BOM");
    // Two records of the export: a stray 0xFF in one, a NUL in the other.
    let lines: Vec<&str> = text.split("\r\n").collect();
    let (a, b) = (lines[20], lines[700]);
    let id = |l: &str| l.split(',').nth(1).expect("id").to_string();
    let (id_a, id_b) = (id(a), id(b));
    let mut damaged = original.clone();
    // A byte of the dossier id (ASCII, never a delimiter or a quote).
    let at =
        |line: &str, id: &str| 3 + text.find(line).expect("line") + line.find(id).expect("id") + 4;
    let (pa, pb) = (at(a, &id_a), at(b, &id_b));
    damaged[pa] = 0xFF;
    damaged[pb] = 0x00;
    std::fs::write(w.root.join(TP1), &damaged).expect("damage");
    // And a lone surrogate in Hưng Thạnh's UTF-16 export.
    let ht = "data/exports/hung-thanh/ho-so_15-12-2025.csv";
    let mut utf16 = std::fs::read(w.root.join(ht)).expect("ht");
    let half = (utf16.len() / 2) & !1;
    utf16[half] = 0x00;
    utf16[half + 1] = 0xD8;
    std::fs::write(w.root.join(ht), &utf16).expect("damage ht");

    w.ok(&["run"]);
    let rejects = w.sql(
        "SELECT commune_code, source_line FROM rejects WHERE reason_code = 'bad_encoding' \
         ORDER BY commune_code, source_line",
    );
    let got: Vec<(String, u64)> = rejects
        .iter()
        .map(|r| {
            (
                r["commune_code"].as_str().expect("code").to_string(),
                r["source_line"].as_u64().expect("line"),
            )
        })
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert_eq!(
        got[..2],
        [
            ("28321".to_string(), line_of(&text, a)),
            ("28321".to_string(), line_of(&text, b)),
        ]
    );
    assert_eq!(got[2].0, "28336");
    let loaded = w.sql(
        "SELECT dossier_id FROM dossiers WHERE commune_code = '28321' \
         AND source_file LIKE '%2025-12-15%'",
    );
    assert_eq!(loaded.len(), 1960, "exactly the two records are lost");
    assert!(
        !loaded
            .iter()
            .any(|r| r["dossier_id"] == id_a || r["dossier_id"] == id_b)
    );
}

#[test]
fn a_commune_keeps_its_last_good_export_when_the_newest_is_quarantined() {
    let w = copied(|t| t.to_string());
    std::fs::write(
        w.root.join("data/exports/tp3/hoso_20251215.csv"),
        b"\x00\x01binary",
    )
    .expect("damage");
    let out = w.run(&["run"]);
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("quarantined data/exports/tp3/hoso_20251215.csv"),
        "the run summary names it: {stdout}"
    );
    let tp3 = summary(&w)
        .into_iter()
        .find(|r| r["commune_code"] == "28345")
        .expect("tp3");
    // Its 30/11 export, as at its own date: 1.112 received, 5 overdue.
    assert_eq!(tp3["data_date"], "2025-11-30");
    assert_eq!(tp3["received"], 1112);
    assert_eq!(tp3["overdue"], 5);
    assert_eq!(tp3["data_note"], "số liệu đến ngày 30/11/2025");
}
