//! The report as its readers get it: Markdown and JSON pinned by snapshots, the
//! workbook read back with a real reader, the page checked as a browser sees it, and
//! hostile text from data neutralised everywhere.

use std::path::Path;
use std::process::Command;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};

use super::{Workdir, manifest_dir, sample_run};

const DAY: &str = "reports/2025-07-01_2025-12-15";

/// Compares `actual` with `tests/snapshots/<name>`; `UPDATE_SNAPSHOTS=1` rewrites it.
fn snapshot(name: &str, actual: &str) {
    let path = manifest_dir().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let fresh = path.with_extension("new");
        std::fs::write(&fresh, actual).expect("write .new");
        panic!(
            "{name} differs from its snapshot; compare {} with {} and rerun with \
             UPDATE_SNAPSHOTS=1 if the change is intended",
            path.display(),
            fresh.display()
        );
    }
}

fn read(w: &Workdir, file: &str) -> String {
    std::fs::read_to_string(w.root.join(DAY).join(file)).expect(file)
}

#[test]
fn markdown_and_json_match_their_snapshots() {
    let (w, _, _) = sample_run();
    snapshot("report.md", &read(w, "report.md"));
    snapshot("report.json", &read(w, "report.json"));
}

#[test]
fn workbook_reads_back_with_typed_cells() {
    let (w, _, _) = sample_run();
    let mut book: Xlsx<_> = open_workbook(w.root.join(DAY).join("report.xlsx")).expect("xlsx");
    let names = book.sheet_names();
    for want in [
        "Tổng quan",
        "Tổng hợp",
        "Biểu 766",
        "Trễ hạn theo lĩnh vực",
        "Chất lượng dữ liệu",
        "Nguồn dữ liệu",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    let summary = book.worksheet_range("Tổng hợp").expect("summary sheet");
    assert_eq!(summary.get((0, 0)), Some(&Data::String("Mã xã".into())));
    assert_eq!(
        summary.get((1, 1)),
        Some(&Data::String("Tân Phước 1".into()))
    );
    // The data date is a date cell (shown day-first); received a number, not text;
    // the online share a ratio.
    assert!(
        matches!(summary.get((1, 3)), Some(Data::DateTime(_))),
        "{:?}",
        summary.get((1, 3))
    );
    assert_eq!(summary.get((1, 5)), Some(&Data::Float(1962.0)));
    let share = summary
        .get((2, 16))
        .and_then(|c| c.get_float())
        .expect("share");
    assert!((share - 1.0).abs() < 1e-9, "{share}");
}

#[test]
fn page_is_self_contained_and_in_vietnamese() {
    let (w, _, _) = sample_run();
    let html = read(w, "report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<html lang=\"vi\">") && html.contains("charset=\"utf-8\""));
    assert!(!html.contains("<script"), "no script in the page");
    for fetch in ["http://", "https://", "src=", "@import", "url("] {
        assert!(!html.contains(fetch), "page refers to {fetch}");
    }
    assert!(html.contains("<svg") && html.contains("1.962"));
    assert!(
        html.contains("@page") && html.contains("viewport"),
        "A4 and phone"
    );
}

#[test]
fn hostile_text_is_escaped_in_html_and_neutralised_in_xlsx_and_csv() {
    let evil = "=HYPERLINK(\\\"http://x\\\")<script>alert(1)</script>";
    let w = Workdir::sample_with(|t| {
        t.replace("name = \"Tân Phước 1\"", &format!("name = \"{evil}\""))
    });
    w.ok(&["-q", "run"]);
    w.ok(&["-q", "report", "--formats", "html,xlsx,csv"]);
    let html = read(&w, "report.html");
    assert!(!html.contains("<script>alert"), "unescaped data in HTML");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;"),
        "escaped as text"
    );
    let mut book: Xlsx<_> = open_workbook(w.root.join(DAY).join("report.xlsx")).expect("xlsx");
    let summary = book.worksheet_range("Tổng hợp").expect("sheet");
    match summary.get((1, 1)) {
        Some(Data::String(s)) => assert!(s.starts_with("=HYPERLINK"), "{s}"),
        other => panic!("commune name not a string cell: {other:?}"),
    }
    let formulas = book.worksheet_formula("Tổng hợp").expect("formulas");
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula was written"
    );
    let csv = read(&w, "10_summary.csv");
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
}

#[test]
fn a_dropped_in_query_becomes_a_section_everywhere() {
    let w = Workdir::sample();
    std::fs::create_dir(w.root.join("queries")).expect("queries dir");
    std::fs::write(
        w.root.join("queries/99_extra.sql"),
        "-- title: Hồ sơ nộp qua bưu chính\nSELECT commune, count(*) AS dossiers \
         FROM dossiers WHERE channel = 'postal' AND received_date >= DATE '2025-07-01' \
         GROUP BY commune ORDER BY commune",
    )
    .expect("write query");
    w.ok(&["-q", "run"]);
    assert!(read(&w, "report.md").contains("## Hồ sơ nộp qua bưu chính"));
    let json: serde_json::Value = serde_json::from_str(&read(&w, "report.json")).expect("json");
    let extra = json["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "99_extra"))
        .expect("section");
    assert_eq!(extra["title"], "Hồ sơ nộp qua bưu chính");
    assert_eq!(extra["rows"].as_array().map(Vec::len), Some(3));
    assert!(read(&w, "report.html").contains("Hồ sơ nộp qua bưu chính"));
    let mut book: Xlsx<_> = open_workbook(w.root.join(DAY).join("report.xlsx")).expect("xlsx");
    assert!(
        book.sheet_names()
            .iter()
            .any(|n| n == "Hồ sơ nộp qua bưu chính")
    );
    assert!(book.worksheet_range("Hồ sơ nộp qua bưu chính").is_ok());
}

#[test]
fn chromium_renders_the_page() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!("skipped: /usr/bin/chromium is not installed (.ci/run installs it)");
        return;
    }
    let (w, _, _) = sample_run();
    let shot = w.root.join("report.png");
    let profile = tempfile::tempdir().expect("profile");
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=390,2000",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!(
            "file://{}",
            w.root.join(DAY).join("report.html").display()
        ))
        .output()
        .expect("start chromium");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let png = std::fs::read(&shot).expect("screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn a_commune_that_sent_nothing_is_missing_not_zero() {
    let w = Workdir::sample_with(|t| {
        format!(
            "{t}\n[[communes]]\ncode = \"28999\"\nname = \"Xã Chưa Gửi\"\n\
             dossiers = [\"data/exports/none/*.csv\"]\n"
        )
    });
    let out = w.ok(&["run"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("has delivered no dossier export"),
        "a warning names the commune"
    );
    let json: serde_json::Value = serde_json::from_str(&read(&w, "report.json")).expect("json");
    let summary = json["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == "10_summary"))
        .expect("summary");
    let row = summary["rows"]
        .as_array()
        .and_then(|r| r.iter().find(|r| r["commune_code"] == "28999"))
        .expect("row of the missing commune");
    assert_eq!(row["delivery"], "missing");
    assert!(row["received"].is_null(), "missing, never zero: {row}");
    assert!(
        read(&w, "report.md").contains("Xã Xã Chưa Gửi chưa gửi dữ liệu hồ sơ cho kỳ báo cáo.")
    );
}

#[test]
fn the_narrative_template_is_an_editable_file() {
    let w = Workdir::sample();
    std::fs::create_dir_all(w.root.join("queries/templates")).expect("templates dir");
    std::fs::write(
        w.root.join("queries/templates/narrative.txt"),
        "{% if not area %}Xã {{ name }}: {{ received.text }} hồ sơ, \
         {{ late.text }} trễ hạn.{% else %}Khu vực: {{ received.text }} hồ sơ.{% endif %}",
    )
    .expect("write template");
    w.ok(&["-q", "run"]);
    let md = read(&w, "report.md");
    assert!(
        md.contains("Xã Tân Phước 1: 1.962 hồ sơ, 18 trễ hạn."),
        "{md}"
    );
    assert!(md.contains("Khu vực: 6.245 hồ sơ."));
}

/// The summary row `commune` of report.json.
fn summary_row<'a>(report: &'a serde_json::Value, commune: &str) -> &'a serde_json::Value {
    report["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["role"] == "summary"))
        .and_then(|s| s["rows"].as_array())
        .and_then(|rows| rows.iter().find(|r| r["commune"] == commune))
        .unwrap_or_else(|| panic!("no summary row {commune}"))
}

#[test]
fn grouped_communes_get_a_subtotal_before_them_and_the_narrative_speaks_of_groups() {
    let w = Workdir::sample_with(|text| {
        text.replace(
            "name = \"Tân Phước 1\"",
            "name = \"Tân Phước 1\"\ngroup = \"Cụm phía Bắc\"",
        )
        .replace(
            "name = \"Tân Phước 2\"",
            "name = \"Tân Phước 2\"\ngroup = \"Cụm phía Bắc\"",
        )
        .replace(
            "period_start = 2025-07-01 ",
            "period_start = 2025-07-01\ngroup_by = \"province\" ",
        )
    });
    w.ok(&["run"]);
    let report: serde_json::Value = serde_json::from_str(&read(&w, "report.json")).expect("json");
    let (_, _, ungrouped) = sample_run();
    let rows = report["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["role"] == "summary"))
        .and_then(|s| s["rows"].as_array())
        .expect("summary rows");
    let order: Vec<&str> = rows.iter().filter_map(|r| r["commune"].as_str()).collect();
    // Tân Phước 3 and Hưng Thạnh have no group of their own: their province's.
    assert_eq!(
        order,
        [
            "Cụm phía Bắc",
            "Tân Phước 1",
            "Tân Phước 2",
            "Tỉnh Đồng Tháp",
            "Tân Phước 3",
            "Hưng Thạnh",
            "Toàn khu vực"
        ]
    );
    for (group, members) in [
        ("Cụm phía Bắc", ["Tân Phước 1", "Tân Phước 2"]),
        ("Tỉnh Đồng Tháp", ["Tân Phước 3", "Hưng Thạnh"]),
    ] {
        let g = summary_row(&report, group);
        assert_eq!(g["delivery"], "group");
        for figure in ["received", "resolved", "late", "online", "processing"] {
            let sum: i64 = members
                .iter()
                .map(|m| summary_row(ungrouped, m)[figure].as_i64().expect(figure))
                .sum();
            assert_eq!(g[figure].as_i64(), Some(sum), "{group} {figure}");
        }
    }
    // The comparison meets each group's row with that group's row of the earlier
    // period (they have no code; the first code-less row once answered for all).
    let compared = report["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["role"] == "comparison"))
        .and_then(|s| s["rows"].as_array())
        .expect("comparison rows");
    let basis_received = |commune: &str, basis: &serde_json::Value| -> i64 {
        compared
            .iter()
            .find(|r| r["commune"] == commune && &r["basis"] == basis)
            .unwrap_or_else(|| panic!("no comparison row {commune} {basis}"))["basis_received"]
            .as_i64()
            .unwrap_or(0)
    };
    let bases: Vec<&serde_json::Value> = compared
        .iter()
        .filter(|r| r["commune"] == "Toàn khu vực")
        .map(|r| &r["basis"])
        .collect();
    assert_eq!(bases.len(), 2, "{compared:?}");
    let mut compared_any = false;
    for basis in bases {
        for (group, members) in [
            ("Cụm phía Bắc", ["Tân Phước 1", "Tân Phước 2"]),
            ("Tỉnh Đồng Tháp", ["Tân Phước 3", "Hưng Thạnh"]),
        ] {
            let sum: i64 = members.iter().map(|m| basis_received(m, basis)).sum();
            assert_eq!(basis_received(group, basis), sum, "{group} {basis}");
            compared_any |= sum > 0;
        }
    }
    assert!(
        compared_any,
        "the sample has no earlier period: {compared:?}"
    );
    // Every commune's and the area's figures are those of the ungrouped report.
    for commune in ["Tân Phước 1", "Hưng Thạnh", "Toàn khu vực"] {
        assert_eq!(
            summary_row(&report, commune),
            summary_row(ungrouped, commune)
        );
    }
    let narrative: Vec<&str> = report["narrative"]
        .as_array()
        .expect("narrative")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    assert!(
        narrative
            .iter()
            .any(|p| p.contains("các xã thuộc Cụm phía Bắc đã tiếp nhận"))
            && narrative
                .iter()
                .any(|p| p.contains("các xã thuộc Tỉnh Đồng Tháp"))
            && !narrative.iter().any(|p| p.contains("xã Tân Phước 1 đã")),
        "{narrative:?}"
    );
    let md = read(&w, "report.md");
    assert!(md.contains("cộng nhóm"), "{md}");
}
