//! The published figures of the seed article, reproduced from the bundled sample.

use serde_json::Value;

use super::sample_run;

fn section<'a>(report: &'a Value, id: &str) -> &'a [Value] {
    report["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["id"] == id)
        .and_then(|s| s["rows"].as_array())
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("section {id} missing"))
}

fn row<'a>(rows: &'a [Value], code: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["commune_code"] == code)
        .unwrap_or_else(|| panic!("no row for {code}"))
}

/// An integral figure; reported figures are doubles (`1.962` is read as 1962.0).
fn int(v: &Value, key: &str) -> i64 {
    v[key]
        .as_i64()
        .or_else(|| {
            v[key]
                .as_f64()
                .filter(|x| x.fract() == 0.0)
                .map(|x| x as i64)
        })
        .unwrap_or_else(|| panic!("{key} not an integer in {v}"))
}

#[test]
fn tan_phuoc_1_from_the_warehouse() {
    let (w, _, _) = sample_run();
    let rows = w.sql(
        "SELECT status, count(*) AS n FROM dossiers WHERE commune_code = '28321' \
         AND received_date >= DATE '2025-07-01' GROUP BY status ORDER BY status",
    );
    let count = |s: &str| {
        rows.iter()
            .find(|r| r["status"] == s)
            .map_or(0, |r| int(r, "n"))
    };
    assert_eq!(rows.iter().map(|r| int(r, "n")).sum::<i64>(), 1962);
    assert_eq!(count("resolved"), 1931);
    assert_eq!(count("processing"), 26);
    assert_eq!(count("withdrawn"), 3);
    assert_eq!(count("returned"), 2);
    let late = w.sql(
        "SELECT field, count(*) AS n FROM dossiers \
         WHERE commune_code = '28321' AND timeliness = 'late' \
         AND received_date >= DATE '2025-07-01' GROUP BY field",
    );
    assert_eq!(late.len(), 1, "{late:?}");
    assert_eq!(late[0]["field"], "Đất đai");
    assert_eq!(int(&late[0], "n"), 18);
    let fields = w.sql(
        "SELECT count(DISTINCT field) AS n FROM dossiers WHERE commune_code = '28321' \
               AND received_date >= DATE '2025-07-01'",
    );
    assert_eq!(int(&fields[0], "n"), 13);
}

#[test]
fn tan_phuoc_1_in_the_report() {
    let (_, _, report) = sample_run();
    let s = row(section(report, "10_summary"), "28321");
    assert_eq!(int(s, "received"), 1962);
    assert_eq!(int(s, "resolved"), 1931);
    assert_eq!(int(s, "processing"), 26);
    assert_eq!(int(s, "late"), 18);
    assert_eq!(int(s, "fields"), 13);
    assert_eq!(int(s, "early") + int(s, "on_time"), 1931 - 18);
    let late = section(report, "20_late_by_field");
    let tp1: Vec<&Value> = late
        .iter()
        .filter(|r| r["commune_code"] == "28321")
        .collect();
    assert_eq!(tp1.len(), 1);
    assert_eq!(tp1[0]["field"], "Đất đai");
    // The five dossiers the published figures leave out, and what happened to them.
    let b = row(section(report, "35_reported_balance"), "28321");
    assert_eq!(int(b, "gap"), 5);
    assert_eq!(int(b, "recorded_unreported"), 5);
    let why = b["explanation"].as_str().expect("explanation");
    assert!(
        why.contains("2 trả lại") && why.contains("3 rút hồ sơ"),
        "{why}"
    );
}

#[test]
fn tan_phuoc_2_from_the_warehouse_and_the_report() {
    let (w, _, report) = sample_run();
    let s = row(section(report, "10_summary"), "28327");
    assert_eq!(int(s, "received"), 1619);
    assert_eq!(int(s, "online"), 1619);
    assert_eq!(s["online_share"].as_f64(), Some(1.0));
    assert_eq!(int(s, "resolved"), 1564);
    assert_eq!(int(s, "processing"), 10);
    assert_eq!(int(s, "paused"), 36);
    assert_eq!(int(s, "returned"), 8);
    assert_eq!(int(s, "withdrawn"), 1);
    let p = w.sql(
        "SELECT count(DISTINCT procedure_code) AS procs, count(DISTINCT field) AS fields \
         FROM procedures WHERE commune_code = '28327'",
    );
    assert_eq!(int(&p[0], "procs"), 383);
    assert_eq!(int(&p[0], "fields"), 70);
    let figures = w.sql(
        "SELECT indicator, value FROM indicators WHERE commune_code = '28327' \
         AND indicator IN ('digital_teams', 'digital_team_members', 'training_classes') \
         ORDER BY indicator",
    );
    let values: Vec<f64> = figures
        .iter()
        .map(|r| r["value"].as_f64().expect("value"))
        .collect();
    assert_eq!(values, vec![60.0, 12.0, 4.0]);
    let b = row(section(report, "35_reported_balance"), "28327");
    assert_eq!(int(b, "gap"), 1);
    assert_eq!(b["explanation"], "1 rút hồ sơ");
    let procs = row(section(report, "45_procedures"), "28327");
    assert_eq!(int(procs, "procedures"), 383);
    assert_eq!(int(procs, "fields"), 70);
}

#[test]
fn hung_thanh_figures_and_rejects() {
    let (w, _, report) = sample_run();
    let figures = section(report, "40_commune_figures");
    let value = |label: &str| {
        figures
            .iter()
            .find(|r| r["commune_code"] == "28336" && r["label"] == label)
            .and_then(|r| r["value"].as_f64())
    };
    assert_eq!(value("Số hội nghị, cuộc họp đã tổ chức"), Some(28.0));
    assert_eq!(value("Số hội nghị trực tuyến đã tham dự"), Some(25.0));
    let rejects = w.sql(
        "SELECT reason_code, count(*) AS n FROM rejects WHERE commune_code = '28336' \
         GROUP BY reason_code ORDER BY reason_code",
    );
    let codes: Vec<(&str, i64)> = rejects
        .iter()
        .map(|r| (r["reason_code"].as_str().unwrap_or(""), int(r, "n")))
        .collect();
    assert_eq!(codes, vec![("bad_date", 1), ("footer", 2)]);
}

#[test]
fn every_row_is_accounted_for() {
    let (w, _, _) = sample_run();
    let files = w.sql("SELECT source_file, data_rows, loaded, superseded, rejected FROM files");
    assert!(files.len() >= 9, "{files:?}");
    for f in &files {
        assert_eq!(
            int(f, "data_rows"),
            int(f, "loaded") + int(f, "superseded") + int(f, "rejected"),
            "{f}"
        );
    }
    let superseded: i64 = files.iter().map(|f| int(f, "superseded")).sum();
    assert!(superseded > 0, "the Tân Phước 3 snapshots overlap");
    let loaded = w.sql("SELECT count(*) AS n FROM dossiers");
    let from_files = w.sql("SELECT sum(loaded) AS n FROM files WHERE kind = 'dossiers'");
    assert_eq!(int(&loaded[0], "n"), int(&from_files[0], "n"));
}

#[test]
fn personal_data_never_reaches_the_warehouse() {
    let (w, _, _) = sample_run();
    let cols =
        w.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'dossiers'");
    let names: Vec<&str> = cols
        .iter()
        .filter_map(|c| c["column_name"].as_str())
        .collect();
    assert!(names.contains(&"dossier_id"));
    assert!(
        !names
            .iter()
            .any(|n| n.contains("name") && *n != "procedure_name")
    );
    let raw = w.sql("SELECT raw_record FROM rejects WHERE reason_code = 'bad_date'");
    let raw = raw[0]["raw_record"].as_str().expect("raw");
    assert!(raw.contains("***"), "{raw}");
}

#[test]
fn run_prints_a_summary_and_the_report_path() {
    let (_, stdout, report) = sample_run();
    assert!(
        stdout.contains("Tân Phước 1") && stdout.contains("1.962"),
        "{stdout}"
    );
    assert!(stdout.contains("reports/2025-07-01_2025-12-15"), "{stdout}");
    assert_eq!(report["meta"]["as_of"], "2025-12-15");
    assert_eq!(report["meta"]["period_start"], "2025-07-01");
}

#[test]
fn markdown_uses_vietnamese_number_style_and_the_seed_register() {
    let (w, _, _) = sample_run();
    let md = std::fs::read_to_string(w.root.join("reports/2025-07-01_2025-12-15/report.md"))
        .expect("md");
    assert!(md.contains("| 1.962 |"), "thousands with a dot");
    assert!(md.contains("100,0 %"), "percent with a decimal comma");
    assert!(
        md.contains("đã tiếp nhận 1.962 hồ sơ thuộc 13 lĩnh vực"),
        "narrative"
    );
    assert!(
        md.contains("Ngoài 18 hồ sơ trễ hạn thuộc lĩnh vực đất đai"),
        "narrative"
    );
}

#[test]
fn sql_is_read_only() {
    let (w, _, _) = sample_run();
    for statement in [
        "CREATE TABLE x AS SELECT 1",
        "INSERT INTO dossiers SELECT * FROM dossiers",
        "DROP TABLE dossiers",
        "SET datafusion.execution.batch_size = 1",
        "COPY dossiers TO '/tmp/x.csv'",
    ] {
        let out = w.run(&["sql", statement]);
        assert_eq!(out.status.code(), Some(2), "{statement} was allowed");
    }
}
