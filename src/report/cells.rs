//! One value as a person reads it in the report: Vietnamese number style, ratios as
//! percentages, canonical codes in Vietnamese, missing values as "—". Renderers add
//! their own escaping on top (Markdown pipes, HTML by the template engine).

use serde_json::Value;

use super::{labels, vn};

pub fn display(column: &str, value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) if !labels::is_ratio(column) => vn::integer(i),
            (_, Some(x)) if labels::is_ratio(column) => vn::percent(x),
            (_, Some(x)) => vn::number(x, 1),
            _ => n.to_string(),
        },
        Value::String(s) if column.ends_with("_date") => day_first(s),
        Value::String(s) => labels::value(s).to_string(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// An ISO date (`2025-11-15`, as dates leave the engine) in the Vietnamese style
/// (`15-11-2025`); any other text as it is.
fn day_first(s: &str) -> String {
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(d) => vn::date(d),
        Err(_) => s.to_string(),
    }
}

/// Whether a column holds numbers (right-aligned, typed in spreadsheets).
pub fn is_numeric(rows: &[super::model::Row], column: &str) -> bool {
    rows.iter()
        .any(|r| r.get(column).is_some_and(Value::is_number))
}
