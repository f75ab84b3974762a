//! Geometry of the report's bar chart (one stacked bar per commune: what became of
//! the dossiers received). Only numbers and labels leave here; the template draws
//! them as SVG, so labels are escaped like any other text.

use serde::Serialize;
use serde_json::Value;

use super::model::{Report, role};
use super::vn;

const LABEL_WIDTH: f64 = 140.0;
const BAR_WIDTH: f64 = 560.0;
const ROW: f64 = 30.0;
const MIN_SEGMENT: f64 = 3.0;

/// (summary column, which is also the segment's CSS class; legend label), in drawing
/// order.
const SEGMENTS: [(&str, &str); 7] = [
    ("early", "Trước hạn"),
    ("on_time", "Đúng hạn"),
    ("late", "Trễ hạn"),
    ("processing", "Đang giải quyết"),
    ("paused", "Tạm dừng"),
    ("returned", "Trả lại"),
    ("withdrawn", "Rút hồ sơ"),
];

#[derive(Debug, Serialize)]
pub struct Segment {
    x: f64,
    w: f64,
    class: &'static str,
    title: String,
}

#[derive(Debug, Serialize)]
pub struct Bar {
    label: String,
    y: f64,
    end: f64,
    total: String,
    segments: Vec<Segment>,
}

#[derive(Debug, Serialize)]
pub struct Legend {
    class: &'static str,
    label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct Chart {
    width: f64,
    height: f64,
    bars: Vec<Bar>,
    legend: Vec<Legend>,
}

/// Bars for the communes that delivered (not the area total, which would dwarf them).
pub fn progress_bars(report: &Report) -> Chart {
    let rows: Vec<_> = report
        .by_role(role::SUMMARY)
        .map(|s| {
            s.rows
                .iter()
                .filter(|r| r.get("delivery").and_then(Value::as_str) == Some("delivered"))
                .collect()
        })
        .unwrap_or_default();
    let n = |r: &serde_json::Map<String, Value>, k: &str| {
        r.get(k).and_then(Value::as_i64).unwrap_or(0) as f64
    };
    let max = rows.iter().map(|r| n(r, "received")).fold(0.0, f64::max);
    let scale = if max > 0.0 { BAR_WIDTH / max } else { 0.0 };
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut x = LABEL_WIDTH;
            let segments = SEGMENTS
                .iter()
                .filter(|(k, _)| n(r, k) > 0.0)
                .map(|&(k, label)| {
                    // A small count (18 late of 1.962) stays visible: at least 3 units.
                    let w = (n(r, k) * scale).max(MIN_SEGMENT);
                    let s = Segment {
                        x,
                        w,
                        class: k,
                        title: format!("{label}: {}", vn::integer(n(r, k) as i64)),
                    };
                    x += w;
                    s
                })
                .collect();
            Bar {
                label: r
                    .get("commune")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                y: i as f64 * ROW + 4.0,
                end: x,
                total: vn::integer(n(r, "received") as i64),
                segments,
            }
        })
        .collect::<Vec<_>>();
    Chart {
        width: LABEL_WIDTH + BAR_WIDTH + 60.0,
        height: bars.len() as f64 * ROW + 8.0,
        bars,
        legend: SEGMENTS
            .iter()
            .map(|&(class, label)| Legend { class, label })
            .collect(),
    }
}

/// One month's pair of columns in the monthly chart.
#[derive(Debug, Serialize)]
pub struct MonthColumns {
    label: String,
    x: f64,
    received: Column,
    resolved: Column,
}

#[derive(Debug, Serialize)]
pub struct Column {
    y: f64,
    h: f64,
    text: String,
}

#[derive(Debug, Serialize)]
pub struct MonthlyChart {
    width: f64,
    height: f64,
    base: f64,
    months: Vec<MonthColumns>,
}

const MONTH_WIDTH: f64 = 100.0;
const COLUMN_WIDTH: f64 = 36.0;
const PLOT_HEIGHT: f64 = 180.0;

/// Columns of the area's dossiers received and resolved per month (from the section
/// whose query declares `monthly`), each with its value written above it.
pub fn monthly_columns(report: &Report) -> MonthlyChart {
    let months = area_months(report);
    let max = months
        .iter()
        .map(|m| m.received.max(m.resolved))
        .fold(0.0, f64::max);
    let scale = if max > 0.0 { PLOT_HEIGHT / max } else { 0.0 };
    let top = 24.0;
    let base = top + PLOT_HEIGHT;
    let column = |v: f64| {
        let h = v * scale;
        Column {
            y: base - h,
            h,
            text: vn::integer(v as i64),
        }
    };
    MonthlyChart {
        width: months.len() as f64 * MONTH_WIDTH + 20.0,
        height: base + 28.0,
        base,
        months: months
            .into_iter()
            .enumerate()
            .map(|(i, m)| MonthColumns {
                x: 10.0 + i as f64 * MONTH_WIDTH + (MONTH_WIDTH - 2.0 * COLUMN_WIDTH) / 2.0,
                received: column(m.received),
                resolved: column(m.resolved),
                label: m.label,
            })
            .collect(),
    }
}

/// One month of the area, as the monthly charts (html, docx) draw it.
pub struct AreaMonth {
    /// «07/2025».
    pub label: String,
    pub received: f64,
    pub resolved: f64,
}

/// The area's rows of the section whose query declares `monthly`, in its order.
pub fn area_months(report: &Report) -> Vec<AreaMonth> {
    let Some(section) = report.by_role(role::MONTHLY) else {
        return Vec::new();
    };
    let num = |r: &serde_json::Map<String, Value>, k: &str| {
        r.get(k).and_then(Value::as_f64).unwrap_or(0.0)
    };
    section
        .rows
        .iter()
        .filter(|r| r.get("commune_code").is_none_or(Value::is_null))
        .map(|r| AreaMonth {
            label: super::cells::display("month", r.get("month").unwrap_or(&Value::Null)),
            received: num(r, "received"),
            resolved: num(r, "resolved"),
        })
        .collect()
}
