//! One value as a person reads it in the report: Vietnamese number style, ratios as
//! percentages, canonical codes in Vietnamese, missing values as "—". Renderers add
//! their own escaping on top (Markdown pipes, HTML by the template engine).

use serde_json::Value;

use super::{labels, vn};

pub fn display(column: &str, value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::Number(n) => {
            let signed = labels::is_signed(column);
            match (n.as_i64(), n.as_f64()) {
                (_, Some(x)) if labels::is_points(column) => vn::points(x),
                (_, Some(x)) if labels::is_ratio(column) && signed => vn::signed_percent(x),
                (_, Some(x)) if labels::is_ratio(column) => vn::percent(x),
                (Some(i), _) if signed => vn::signed_integer(i),
                (Some(i), _) => vn::integer(i),
                (_, Some(x)) => vn::number(x, 1),
                _ => n.to_string(),
            }
        }
        Value::String(s) if column == "month" => month(s),
        Value::String(s) => match iso_date(s) {
            Some(d) => vn::date(d),
            None => labels::value(column, s).to_string(),
        },
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A date as it leaves the engine (`2025-11-15`): every format shows it day-first.
pub fn iso_date(s: &str) -> Option<chrono::NaiveDate> {
    if s.len() != 10 || s.as_bytes()[4] != b'-' {
        return None;
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// `2025-07` (a query's `month`) as `07/2025`; other text as it is.
fn month(s: &str) -> String {
    let parsed = s
        .split_once('-')
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)));
    match parsed {
        Some((y, m)) if (1..=12).contains(&m) && s.len() == 7 => vn::month(y, m),
        _ => s.to_string(),
    }
}

/// Whether a column holds numbers (right-aligned, typed in spreadsheets).
pub fn is_numeric(rows: &[super::model::Row], column: &str) -> bool {
    rows.iter()
        .any(|r| r.get(column).is_some_and(Value::is_number))
}
