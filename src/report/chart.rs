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
                    let w = n(r, k) * scale;
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
