//! Each commune and the area against earlier periods: the previous period of equal
//! length and the same period a year earlier. The earlier figures come from the
//! summary query itself, run over the same warehouse version with the earlier
//! period (so "as at" rules and definitions are the same, and an analyst's edited
//! summary is compared with itself).
//!
//! A period for which the warehouse holds no dossier of a commune has no figures:
//! the row says so and shows no number, never 0 (the tool cannot tell a commune that
//! received nothing from an export that does not reach back that far).

use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use serde_json::{Value, json};

use super::model::{Report, Row, Section, role};
use super::vn;
use crate::config::Config;
use crate::engine;
use crate::error::{Error, Result};
use crate::query::{self, QueryFile, format::json_array};

pub const SECTION_ID: &str = "11_comparison";

/// An earlier period the report is compared with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Basis {
    /// `previous_period` or `same_period_last_year` (a stable key for JSON).
    pub code: &'static str,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Basis {
    /// «cùng kỳ năm 2024», «kỳ trước liền kề (từ 14/01/2025 đến 30/06/2025)».
    pub fn phrase(&self) -> String {
        match self.code {
            "same_period_last_year" => format!("cùng kỳ năm {}", self.end.year()),
            _ => format!(
                "kỳ trước liền kề (từ {} đến {})",
                vn::date(self.start),
                vn::date(self.end)
            ),
        }
    }
}

/// The previous period of equal length, and the same days a year earlier (29/2
/// becomes 28/2).
pub fn bases(start: NaiveDate, as_of: NaiveDate) -> [Basis; 2] {
    let days = (as_of - start).num_days();
    let previous_end = start - Duration::days(1);
    let year_earlier = |d: NaiveDate| {
        d.with_year(d.year() - 1)
            .or_else(|| NaiveDate::from_ymd_opt(d.year() - 1, d.month(), 28))
            .unwrap_or(d)
    };
    [
        Basis {
            code: "previous_period",
            start: previous_end - Duration::days(days),
            end: previous_end,
        },
        Basis {
            code: "same_period_last_year",
            start: year_earlier(start),
            end: year_earlier(as_of),
        },
    ]
}

const COLUMNS: [&str; 16] = [
    "commune_code",
    "commune",
    "basis",
    "basis_start",
    "basis_end",
    "received",
    "basis_received",
    "received_change",
    "received_change_pct",
    "on_time_rate",
    "basis_on_time_rate",
    "on_time_rate_change_pts",
    "online_share",
    "basis_online_share",
    "online_share_change_pts",
    "note",
];

/// The comparison section, from the summary section of the report and the summary
/// query run at each basis over the warehouse version at `warehouse`.
pub async fn section(
    config: &Config,
    warehouse: &Path,
    summary_query: &QueryFile,
    summary: &Section,
    runtime: &std::sync::Arc<datafusion::execution::runtime_env::RuntimeEnv>,
    start: NaiveDate,
    as_of: NaiveDate,
) -> Result<Section> {
    let mut earlier = Vec::new();
    for basis in bases(start, as_of) {
        // The report's runtime: the footers and listings it has read stay cached.
        let ctx = engine::session_in(config, warehouse, Some(runtime.clone())).await?;
        engine::register_period(&ctx, basis.start, basis.end).await?;
        let batches = query::run(&ctx, summary_query).await?;
        let rows: Vec<Row> = serde_json::from_slice(&json_array(&batches)?).map_err(|e| {
            Error::Invariant(format!(
                "{}: result is not JSON rows: {e}",
                summary_query.id
            ))
        })?;
        earlier.push((basis, rows));
    }
    // Indexed by commune: with thousands of communes a search per row was quadratic.
    // The area's and groups' rows have no code: they meet by their label (the group's
    // name, «Toàn khu vực»), not the first row without a code.
    let code = |r: &Row| match r.get("commune_code") {
        Some(Value::String(c)) => format!("code:{c}"),
        _ => format!("label:{}", r.get("commune").unwrap_or(&Value::Null)),
    };
    let earlier: Vec<_> = earlier
        .iter()
        .map(|(basis, then_rows)| {
            let mut by_code = std::collections::HashMap::with_capacity(then_rows.len());
            for r in then_rows {
                by_code.entry(code(r)).or_insert(r);
            }
            (basis, by_code)
        })
        .collect();
    let mut rows = Vec::with_capacity(summary.rows.len() * earlier.len());
    for now in &summary.rows {
        let key = code(now);
        for (basis, by_code) in &earlier {
            rows.push(row(now, by_code.get(&key).copied(), basis));
        }
    }
    Ok(Section::new(
        SECTION_ID.to_string(),
        "So sánh với kỳ trước liền kề và cùng kỳ năm trước".to_string(),
        Some(role::COMPARISON.to_string()),
        Some("So sánh".to_string()),
        COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows,
    ))
}

fn number(row: Option<&Row>, key: &str) -> Option<f64> {
    row?.get(key)?.as_f64()
}

/// A period has figures for a commune when the warehouse holds a dossier of it then.
fn has_data(row: Option<&Row>) -> bool {
    number(row, "received").is_some_and(|n| n > 0.0)
}

fn row(now: &Row, then: Option<&Row>, basis: &Basis) -> Row {
    let now_ok = has_data(Some(now));
    let then_ok = has_data(then);
    let both = now_ok && then_ok;
    let get = |key: &str| now.get(key).cloned().unwrap_or(Value::Null);
    let earlier = |key: &str| match then_ok {
        true => then
            .and_then(|t| t.get(key))
            .cloned()
            .unwrap_or(Value::Null),
        false => Value::Null,
    };
    let received = number(Some(now), "received");
    let basis_received = number(then, "received").filter(|_| then_ok);
    let (change, change_pct) = match (received, basis_received) {
        (Some(n), Some(b)) if both => (json!(n as i64 - b as i64), json!((n - b) / b)),
        _ => (Value::Null, Value::Null),
    };
    let points = |key: &str| match (number(Some(now), key), number(then, key)) {
        (Some(n), Some(b)) if both => json!(n - b),
        _ => Value::Null,
    };
    // A commune counted at an earlier data date than the report's last day is
    // compared over a shorter period: say so beside the figures.
    let short = now
        .get("data_note")
        .and_then(Value::as_str)
        .filter(|n| !n.is_empty());
    let note = if !now_ok {
        Value::from("không có số liệu kỳ báo cáo")
    } else if !then_ok {
        Value::from(format!(
            "kho dữ liệu không có hồ sơ của {}: không so sánh",
            basis.phrase()
        ))
    } else if let Some(short) = short {
        Value::from(format!(
            "kỳ báo cáo chỉ có {short}, kỳ so sánh đủ đến ngày {}",
            vn::date(basis.end)
        ))
    } else {
        Value::Null
    };
    let mut row = Row::new();
    for (key, value) in [
        ("commune_code", get("commune_code")),
        ("commune", get("commune")),
        ("basis", Value::from(basis.code)),
        ("basis_start", Value::from(basis.start.to_string())),
        ("basis_end", Value::from(basis.end.to_string())),
        ("received", get("received")),
        ("basis_received", earlier("received")),
        ("received_change", change),
        ("received_change_pct", change_pct),
        ("on_time_rate", get("on_time_rate")),
        ("basis_on_time_rate", earlier("on_time_rate")),
        ("on_time_rate_change_pts", points("on_time_rate")),
        ("online_share", get("online_share")),
        ("basis_online_share", earlier("online_share")),
        ("online_share_change_pts", points("online_share")),
        ("note", note),
    ] {
        row.insert(key.to_string(), value);
    }
    row
}

/// One comparison of a commune (or the area) for the narrative.
#[derive(Debug, Serialize)]
pub struct Said {
    /// «cùng kỳ năm 2024».
    pub basis: String,
    pub has_data: bool,
    /// «tăng», «giảm» or «không đổi».
    pub direction: &'static str,
    /// The change in per cent, unsigned («12,2 %»).
    pub change: String,
    /// The earlier count («1.748»).
    pub then: String,
    /// How the on-time rate changed («tăng 1,2 điểm %», «không đổi»), if both
    /// periods had one.
    pub on_time: Option<String>,
}

/// The comparisons of the commune `code` (None: the area), in basis order: the
/// bases are those of the report's period, the figures from its comparison section.
pub fn said(report: &Report, code: Option<&str>) -> Vec<Said> {
    let Some(section) = report.by_role(role::COMPARISON) else {
        return Vec::new();
    };
    bases(report.meta.period_start, report.meta.as_of)
        .iter()
        .filter_map(|basis| {
            let r = section.rows.iter().find(|r| {
                r.get("commune_code").and_then(Value::as_str) == code
                    && r.get("basis").and_then(Value::as_str) == Some(basis.code)
            })?;
            let pct = r.get("received_change_pct").and_then(Value::as_f64);
            let then = r.get("basis_received").and_then(Value::as_i64);
            Some(Said {
                basis: basis.phrase(),
                has_data: pct.is_some(),
                direction: match pct {
                    Some(p) if vn::percent(p.abs()) == "0,0 %" => "không đổi",
                    Some(p) if p > 0.0 => "tăng",
                    Some(_) => "giảm",
                    None => "",
                },
                change: pct.map(|p| vn::percent(p.abs())).unwrap_or_default(),
                then: then.map(vn::integer).unwrap_or_default(),
                on_time: r
                    .get("on_time_rate_change_pts")
                    .and_then(Value::as_f64)
                    .map(|p| {
                        let size = vn::points(p.abs());
                        let size = size.trim_start_matches('+');
                        match size {
                            "0,0 điểm %" => "không đổi".to_string(),
                            _ if p > 0.0 => format!("tăng {size}"),
                            _ => format!("giảm {size}"),
                        }
                    }),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn the_previous_period_has_equal_length_and_ends_the_day_before() {
        let [previous, year] = bases(d(2025, 7, 1), d(2025, 12, 15));
        assert_eq!(
            (previous.start, previous.end),
            (d(2025, 1, 14), d(2025, 6, 30))
        );
        assert_eq!(
            (previous.end - previous.start).num_days(),
            (d(2025, 12, 15) - d(2025, 7, 1)).num_days()
        );
        assert_eq!((year.start, year.end), (d(2024, 7, 1), d(2024, 12, 15)));
        let [_, leap] = bases(d(2024, 2, 1), d(2024, 2, 29));
        assert_eq!(leap.end, d(2023, 2, 28));
    }

    fn summary_row(code: Option<&str>, received: Option<i64>, rate: f64) -> Row {
        let mut r = Row::new();
        r.insert("commune_code".into(), json!(code));
        r.insert("commune".into(), json!("X"));
        r.insert("received".into(), json!(received));
        r.insert("on_time_rate".into(), json!(rate));
        r.insert("online_share".into(), json!(0.5));
        r
    }

    #[test]
    fn a_period_without_dossiers_shows_no_number_and_says_so() {
        let [previous, year] = bases(d(2025, 7, 1), d(2025, 12, 15));
        let now = summary_row(Some("1"), Some(1962), 0.99);
        let empty = summary_row(Some("1"), Some(0), 0.0);
        let r = row(&now, Some(&empty), &previous);
        assert_eq!(r["basis_received"], Value::Null);
        assert_eq!(r["received_change"], Value::Null);
        assert_eq!(r["received_change_pct"], Value::Null);
        assert_eq!(r["on_time_rate_change_pts"], Value::Null);
        assert!(
            r["note"]
                .as_str()
                .is_some_and(|n| n.contains("không so sánh"))
        );
        let missing = row(&now, None, &year);
        assert_eq!(missing["received_change"], Value::Null);

        let then = summary_row(Some("1"), Some(1748), 0.97);
        let r = row(&now, Some(&then), &year);
        assert_eq!(r["received_change"], json!(214));
        let pct = r["received_change_pct"].as_f64().expect("pct");
        assert!((pct - 214.0 / 1748.0).abs() < 1e-12);
        assert_eq!(r["note"], Value::Null);
    }
}
