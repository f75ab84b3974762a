//! Figures true at the date they claim: for several periods — exact snapshot dates,
//! dates between snapshots, a past date, a stale commune — every commune's figures
//! equal what its exports say on that date, checked against oracles that do not use
//! the report's views: Tân Phước 3's raw CSV files, and plain SQL over the one export
//! the rule picks. The progress table balances and one period's open dossiers are the
//! next one's carried over. Published reports are editions, never destroyed.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;

use super::{Workdir, manifest_dir};

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// Figures of one commune as at a day: received in the period and their states.
#[derive(Debug, Default, PartialEq, Eq)]
struct Figures {
    received: i64,
    resolved: i64,
    processing: i64,
    overdue: i64,
    paused: i64,
    returned: i64,
    withdrawn: i64,
}

impl Figures {
    fn of_summary(row: &Value) -> Figures {
        let n = |k: &str| row[k].as_i64().unwrap_or_else(|| panic!("{k} in {row}"));
        Figures {
            received: n("received"),
            resolved: n("resolved"),
            processing: n("processing"),
            overdue: n("overdue"),
            paused: n("paused"),
            returned: n("returned"),
            withdrawn: n("withdrawn"),
        }
    }

    fn count(&mut self, status: &str, due: Option<NaiveDate>, day: NaiveDate) {
        self.received += 1;
        match status {
            "resolved" => self.resolved += 1,
            "processing" => {
                self.processing += 1;
                if due.is_some_and(|d| d < day) {
                    self.overdue += 1;
                }
            }
            "paused" => self.paused += 1,
            "returned" => self.returned += 1,
            "withdrawn" => self.withdrawn += 1,
            other => panic!("status {other}"),
        }
    }
}

/// Tân Phước 3's export (national portal form) read straight from the CSV and rolled
/// back to `day`: the oracle the warehouse is not involved in.
fn tp3_from_csv(file: &str, start: NaiveDate, day: NaiveDate) -> Figures {
    let path = manifest_dir().join("data/exports/tp3").join(file);
    let mut reader = csv::Reader::from_path(&path).expect("tp3 csv");
    let headers = reader.headers().expect("header").clone();
    let at = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (rec, due, done, status) = (
        at("NgayTiepNhan"),
        at("NgayHenTra"),
        at("NgayKetThucXuLy"),
        at("TrangThaiHoSo"),
    );
    let wire = |s: &str| NaiveDate::parse_from_str(s.get(..8)?, "%Y%m%d").ok();
    let mut f = Figures::default();
    for record in reader.records() {
        let r = record.expect("record");
        let received = wire(&r[rec]).expect("received date");
        if received < start || received > day {
            continue;
        }
        let state = match &r[status] {
            "2" | "1" | "4" => "processing",
            "5" | "6" => "paused",
            "9" | "10" => "resolved",
            "3" | "8" => "returned",
            "7" => "withdrawn",
            other => panic!("status code {other}"),
        };
        let state = match wire(&r[done]) {
            Some(c) if c > day => "processing",
            _ => state,
        };
        f.count(state, wire(&r[due]), day);
    }
    f
}

/// A commune's figures from the one export the rule picks for it (the earliest dated
/// on or after `day`, else its newest), rolled back by plain SQL over
/// `dossier_history` — not through the report's views. Valid for the sample, where
/// every export holds every dossier received by its date.
fn from_history(w: &Workdir, code: &str, start: NaiveDate, day: NaiveDate) -> (Figures, NaiveDate) {
    let snaps: Vec<NaiveDate> = w
        .sql(&format!(
            "SELECT DISTINCT CAST(snapshot_date AS VARCHAR) AS d FROM dossier_history \
             WHERE commune_code = '{code}' ORDER BY d"
        ))
        .iter()
        .map(|r| date(r["d"].as_str().expect("d")))
        .collect();
    let (export, data_date) = match snaps.iter().find(|s| **s >= day) {
        Some(s) => (*s, day),
        None => {
            let newest = *snaps.last().expect("an export");
            (newest, newest)
        }
    };
    let rows = w.sql(&format!(
        "SELECT status, CAST(due_date AS VARCHAR) AS due, \
                CAST(completed_date AS VARCHAR) AS done \
         FROM dossier_history \
         WHERE commune_code = '{code}' AND snapshot_date = DATE '{export}' \
           AND received_date BETWEEN DATE '{start}' AND DATE '{data_date}'"
    ));
    let mut f = Figures::default();
    for r in rows {
        let done = r["done"].as_str().map(date);
        let status = match done {
            Some(c) if c > data_date => "processing",
            _ => r["status"].as_str().expect("status"),
        };
        f.count(status, r["due"].as_str().map(date), data_date);
    }
    (f, data_date)
}

fn report_json(w: &Workdir, start: &str, as_of: &str) -> Value {
    let path = w.root.join(format!("reports/{start}_{as_of}/report.json"));
    serde_json::from_slice(&std::fs::read(&path).expect("report.json")).expect("json")
}

pub fn section<'a>(report: &'a Value, id: &str) -> &'a [Value] {
    report["sections"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["id"] == id))
        .and_then(|s| s["rows"].as_array())
        .map(Vec::as_slice)
        .unwrap_or_else(|| panic!("section {id}"))
}

const CODES: [&str; 4] = ["28321", "28327", "28345", "28336"];

/// (period_start, as_of): exact snapshot dates, between TP3's two snapshots, a
/// past date before every snapshot, a period that does not start at the data's start.
const PERIODS: [(&str, &str); 5] = [
    ("2025-07-01", "2025-12-15"),
    ("2025-07-01", "2025-11-30"),
    ("2025-07-01", "2025-12-05"),
    ("2025-09-01", "2025-10-31"),
    ("2025-12-01", "2025-12-15"),
];

fn shared_run() -> &'static Workdir {
    static W: std::sync::OnceLock<Workdir> = std::sync::OnceLock::new();
    W.get_or_init(|| {
        let w = Workdir::sample();
        w.ok(&["-q", "ingest"]);
        for (start, as_of) in PERIODS {
            w.ok(&["-q", "report", "--period-start", start, "--as-of", as_of]);
        }
        w
    })
}

#[test]
fn every_commune_equals_what_its_exports_say_at_each_date() {
    let w = shared_run();
    for (start, as_of) in PERIODS {
        let report = report_json(w, start, as_of);
        let summary = section(&report, "10_summary");
        for code in CODES {
            let row = summary
                .iter()
                .find(|r| r["commune_code"] == code)
                .expect("commune row");
            let (want, data_date) = from_history(w, code, date(start), date(as_of));
            assert_eq!(
                Figures::of_summary(row),
                want,
                "{code} for {start} .. {as_of}"
            );
            assert_eq!(row["data_date"], data_date.to_string(), "{code} {as_of}");
        }
    }
}

#[test]
fn tan_phuoc_3_equals_its_raw_exports() {
    let w = shared_run();
    for (start, as_of, file) in [
        ("2025-07-01", "2025-11-30", "hoso_20251130.csv"),
        ("2025-07-01", "2025-12-05", "hoso_20251215.csv"),
        ("2025-07-01", "2025-12-15", "hoso_20251215.csv"),
        ("2025-09-01", "2025-10-31", "hoso_20251130.csv"),
    ] {
        let report = report_json(w, start, as_of);
        let row = section(&report, "10_summary")
            .iter()
            .find(|r| r["commune_code"] == "28345")
            .expect("tp3");
        assert_eq!(
            Figures::of_summary(row),
            tp3_from_csv(file, date(start), date(as_of)),
            "{start} .. {as_of} from {file}"
        );
    }
    // The exact snapshot date: the 30/11 export's own states, 5 overdue as it says.
    let report = report_json(w, "2025-07-01", "2025-11-30");
    let row = section(&report, "10_summary")
        .iter()
        .find(|r| r["commune_code"] == "28345")
        .expect("tp3");
    assert_eq!(
        (row["received"].as_i64(), row["overdue"].as_i64()),
        (Some(1112), Some(5))
    );
}

#[test]
fn the_progress_table_balances_and_agrees_with_the_summary() {
    let w = shared_run();
    let n = |r: &Value, k: &str| r[k].as_i64().unwrap_or_else(|| panic!("{k} in {r}"));
    for (start, as_of) in PERIODS {
        let report = report_json(w, start, as_of);
        let summary = section(&report, "10_summary");
        for row in section(&report, "15_progress") {
            let inflow = n(row, "carried_over")
                + [
                    "new_online",
                    "new_in_person",
                    "new_postal",
                    "new_unknown_channel",
                ]
                .iter()
                .map(|k| n(row, k))
                .sum::<i64>();
            let outflow: i64 = [
                "resolved_early",
                "resolved_on_time",
                "resolved_late",
                "resolved_unrated",
                "returned",
                "withdrawn",
                "open_within_time",
                "open_overdue",
                "open_paused",
            ]
            .iter()
            .map(|k| n(row, k))
            .sum();
            assert_eq!(inflow, outflow, "{start} .. {as_of}: {row}");
            // Dossiers received in the period are the summary's: the new ones agree.
            let s = summary
                .iter()
                .find(|s| s["commune"] == row["commune"])
                .expect("summary row");
            assert_eq!(inflow - n(row, "carried_over"), n(s, "received"), "{row}");
            if n(row, "carried_over") == 0 {
                assert_eq!(n(row, "open_overdue"), n(s, "overdue"), "{row}");
                assert_eq!(n(row, "open_paused"), n(s, "paused"), "{row}");
                assert_eq!(
                    n(row, "open_within_time") + n(row, "open_overdue"),
                    n(s, "processing"),
                    "{row}"
                );
            }
        }
    }
}

#[test]
fn open_dossiers_at_the_end_of_a_period_are_the_next_ones_carried_over() {
    let w = shared_run();
    let n = |r: &Value, k: &str| r[k].as_i64().unwrap_or_else(|| panic!("{k} in {r}"));
    let first = report_json(w, "2025-07-01", "2025-11-30");
    let next = report_json(w, "2025-12-01", "2025-12-15");
    let open: BTreeMap<String, i64> = section(&first, "15_progress")
        .iter()
        .map(|r| {
            (
                r["commune"].as_str().expect("commune").to_string(),
                n(r, "open_within_time") + n(r, "open_overdue") + n(r, "open_paused"),
            )
        })
        .collect();
    let carried: BTreeMap<String, i64> = section(&next, "15_progress")
        .iter()
        .map(|r| {
            (
                r["commune"].as_str().expect("commune").to_string(),
                n(r, "carried_over"),
            )
        })
        .collect();
    assert_eq!(open, carried);
    assert!(carried.values().all(|&c| c > 0), "{carried:?}");
}

#[test]
fn a_stale_commune_is_counted_at_its_own_date_and_says_so() {
    let stale = |extra: &str| {
        Workdir::sample_with(|t| {
            t.replace(
                "data/exports/tp3/hoso_*.csv",
                "data/exports/tp3/hoso_20251130.csv",
            )
            .replace("[quality]", &format!("[quality]\n{extra}"))
        })
    };
    let w = stale("");
    let out = w.ok(&["run"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Tân Phước 3") && err.contains("2025-11-30"),
        "{err}"
    );
    let report = report_json(&w, "2025-07-01", "2025-12-15");
    let row = section(&report, "10_summary")
        .iter()
        .find(|r| r["commune_code"] == "28345")
        .expect("tp3")
        .clone();
    assert_eq!(row["data_date"], "2025-11-30");
    assert_eq!(row["data_note"], "số liệu đến ngày 30/11/2025");
    // Its own export's figures: overdue judged at 30/11 (5), not at 15/12.
    assert_eq!(
        Figures::of_summary(&row),
        tp3_from_csv("hoso_20251130.csv", date("2025-07-01"), date("2025-11-30"))
    );
    let area = section(&report, "10_summary").last().expect("area").clone();
    assert_eq!(
        area["data_date"], "2025-11-30",
        "the area's is the earliest"
    );
    let narrative = report["narrative"][2].as_str().expect("tp3 paragraph");
    assert!(
        narrative.contains("(số liệu đến ngày 30/11/2025)"),
        "{narrative}"
    );
    let dir = w.root.join("reports/2025-07-01_2025-12-15");
    let md = std::fs::read_to_string(dir.join("report.md")).expect("md");
    assert!(
        md.contains("| 30/11/2025 | số liệu đến ngày 30/11/2025 |"),
        "{md}"
    );
    // minijinja escapes `/` as `&#x2f;` in HTML, which a browser shows as `/`.
    let html = std::fs::read_to_string(dir.join("report.html")).expect("html");
    assert!(
        html.replace("&#x2f;", "/")
            .contains("số liệu đến ngày 30/11/2025")
    );
    assert!(xlsx_contains(
        &dir.join("report.xlsx"),
        "số liệu đến ngày 30/11/2025"
    ));

    // A period that starts after its newest export: not delivered for it, never zeros.
    let out = w.run(&["report", "--period-start", "2025-12-01"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("before the period starts"), "{err}");
    let report = report_json(&w, "2025-12-01", "2025-12-15");
    for id in ["10_summary", "15_progress"] {
        let row = section(&report, id)
            .iter()
            .find(|r| r["commune_code"] == "28345")
            .expect("tp3");
        let n = if id == "10_summary" {
            "received"
        } else {
            "carried_over"
        };
        assert!(row[n].is_null(), "{id}: {row}");
    }

    assert_eq!(
        stale("max_data_age_days = 10")
            .run(&["-q", "run"])
            .status
            .code(),
        Some(3)
    );
    assert_eq!(
        stale("max_data_age_days = 15")
            .run(&["-q", "run"])
            .status
            .code(),
        Some(0)
    );
}

fn xlsx_contains(path: &Path, text: &str) -> bool {
    use calamine::{DataType, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(path).expect("xlsx");
    let names = book.sheet_names().to_vec();
    names.iter().any(|name| {
        book.worksheet_range(name)
            .map(|r| {
                r.used_cells()
                    .any(|(_, _, c)| c.as_string().as_deref() == Some(text))
            })
            .unwrap_or(false)
    })
}

#[test]
fn an_as_of_past_all_data_and_an_empty_period_are_warned_about() {
    let w = shared_run();
    let out = w.run(&["report", "--as-of", "2026-01-31"]);
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("after every commune's newest dossier export"),
        "{err}"
    );
    let out = w.run(&[
        "report",
        "--period-start",
        "2026-01-01",
        "--as-of",
        "2026-01-31",
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no dossier was received in the period"),
        "{err}"
    );
    let out = w.run(&[
        "report",
        "--period-start",
        "2025-12-16",
        "--as-of",
        "2025-12-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn reports_are_editions_and_never_destroyed() {
    let w = Workdir::sample();
    let out = w.ok(&["run"]);
    let link = w.root.join("reports/2025-07-01_2025-12-15");
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .trim_end()
            .ends_with(&format!("report: {}", link.display()))
    );
    let first = std::fs::read_to_string(link.join("report.md")).expect("md");
    assert!(first.contains("Bản số 1."), "{first}");

    // The same figures again, CSV asked: the same edition, with files added.
    w.ok(&["-q", "report", "--formats", "csv"]);
    assert_eq!(
        std::fs::read_link(&link).expect("link"),
        Path::new("2025-07-01_2025-12-15.editions/1")
    );
    for f in [
        "report.md",
        "report.html",
        "report.xlsx",
        "report.json",
        "10_summary.csv",
    ] {
        assert!(link.join(f).is_file(), "{f} kept or added");
    }
    assert_eq!(
        std::fs::read_to_string(link.join("report.md")).expect("md"),
        first
    );

    // Another period: its own report; the first is untouched.
    w.ok(&["-q", "report", "--period-start", "2025-08-01"]);
    assert!(
        w.root
            .join("reports/2025-08-01_2025-12-15/report.md")
            .is_file()
    );

    // A change of figures (a commune left out): edition 2 says what changed; 1 stays.
    let w2 = Workdir::sample_with(|t| t.replace("data/exports/tp3/hoso_*.csv", "nothing/*.csv"));
    std::fs::rename(w.root.join("reports"), w2.root.join("reports")).expect("move reports");
    w2.ok(&["-q", "run"]);
    let link = w2.root.join("reports/2025-07-01_2025-12-15");
    assert_eq!(
        std::fs::read_link(&link).expect("link"),
        Path::new("2025-07-01_2025-12-15.editions/2")
    );
    let second = std::fs::read_to_string(link.join("report.md")).expect("md");
    assert!(
        second.contains("Bản số 2 — thay đổi so với bản số 1:"),
        "{second}"
    );
    assert!(
        second.contains("Tân Phước 3 — Tiếp nhận: 1.248 → —"),
        "{second}"
    );
    let kept = w2
        .root
        .join("reports/2025-07-01_2025-12-15.editions/1/report.md");
    assert_eq!(std::fs::read_to_string(kept).expect("edition 1"), first);

    // An edited template alone is a new edition, and one asked only for CSV keeps
    // every format its readers had.
    std::fs::create_dir_all(w2.root.join("queries/templates")).expect("templates");
    std::fs::write(
        w2.root.join("queries/templates/narrative.txt"),
        "Xã {{ name }}: {{ received.text }} hồ sơ.",
    )
    .expect("template");
    w2.ok(&["-q", "report", "--formats", "csv"]);
    assert_eq!(
        std::fs::read_link(&link).expect("link"),
        Path::new("2025-07-01_2025-12-15.editions/3")
    );
    for f in ["report.md", "report.html", "report.xlsx", "10_summary.csv"] {
        assert!(link.join(f).is_file(), "{f} in edition 3");
    }
    let third = std::fs::read_to_string(link.join("report.md")).expect("md");
    assert!(third.contains("Xã Tân Phước 1: 1.962 hồ sơ."), "{third}");
    assert!(third.contains("thay đổi so với bản số 2"), "{third}");
}
