//! What changed between two editions of a period's report, in words for the reader:
//! input files added, changed or gone; every figure of the summary that moved
//! («Tân Phước 1 — Tiếp nhận: 1.962 → 1.970»); other sections that differ; a changed
//! report definition.

use serde_json::Value;

use super::cells;
use super::labels;
use super::model::{Report, role};
use super::vn;

/// Changes from `previous` (an earlier edition's `report.json`) to `report`.
pub fn between(previous: &Value, report: &Report) -> Vec<String> {
    let now = match serde_json::to_value(report) {
        Ok(v) => v,
        Err(_) => return vec!["nội dung thay đổi".into()],
    };
    let mut out = inputs(&previous["meta"]["inputs"], &now["meta"]["inputs"]);
    if previous["meta"]["queries"] != now["meta"]["queries"]
        || previous["meta"]["templates"] != now["meta"]["templates"]
    {
        out.push("định nghĩa báo cáo (truy vấn, mẫu) thay đổi".into());
    }
    let empty = Vec::new();
    let old_sections = previous["sections"].as_array().unwrap_or(&empty);
    for section in now["sections"].as_array().unwrap_or(&empty) {
        let old = old_sections.iter().find(|s| s["id"] == section["id"]);
        let title = section["title"].as_str().unwrap_or("");
        match old {
            None => out.push(format!("mục mới «{title}»")),
            Some(old) if old["rows"] == section["rows"] => {}
            Some(old) if section["role"] == role::SUMMARY => {
                out.extend(figures(&old["rows"], &section["rows"]));
            }
            Some(_) => out.push(format!("mục «{title}» thay đổi")),
        }
    }
    for old in old_sections {
        if !now["sections"]
            .as_array()
            .is_some_and(|s| s.iter().any(|n| n["id"] == old["id"]))
        {
            out.push(format!("bỏ mục «{}»", old["title"].as_str().unwrap_or("")));
        }
    }
    if out.is_empty() {
        out.push("nội dung thay đổi".into());
    }
    out
}

fn inputs(old: &Value, new: &Value) -> Vec<String> {
    let list = |v: &Value| -> Vec<(String, String)> {
        v.as_array()
            .into_iter()
            .flatten()
            .map(|i| {
                (
                    i["source_file"].as_str().unwrap_or("").to_string(),
                    i["sha256"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let (old, new) = (list(old), list(new));
    let mut out = Vec::new();
    for (file, sha) in &new {
        match old.iter().find(|(f, _)| f == file) {
            None => out.push(format!("tệp mới {file}")),
            Some((_, s)) if s != sha => out.push(format!("tệp {file} thay đổi")),
            Some(_) => {}
        }
    }
    for (file, _) in &old {
        if !new.iter().any(|(f, _)| f == file) {
            out.push(format!("không còn tệp {file}"));
        }
    }
    out
}

/// Every value of the summary that moved, per commune (rows matched by commune).
fn figures(old: &Value, new: &Value) -> Vec<String> {
    let empty = Vec::new();
    let old = old.as_array().unwrap_or(&empty);
    let mut out = Vec::new();
    for row in new.as_array().unwrap_or(&empty) {
        let name = row["commune"].as_str().unwrap_or("");
        let Some(before) = old.iter().find(|r| r["commune"] == row["commune"]) else {
            out.push(format!("{name}: mới"));
            continue;
        };
        let Some(fields) = row.as_object() else {
            continue;
        };
        for (column, value) in fields {
            let (was, is) = (
                cells::display(column, &before[column.as_str()]),
                cells::display(column, value),
            );
            // A ratio that moved less than its shown precision is not news.
            if was != is {
                let by = by_how_much(column, &before[column.as_str()], value)
                    .map(|d| format!(" ({d})"))
                    .unwrap_or_default();
                out.push(format!(
                    "{name} — {}: {was} → {is}{by}",
                    labels::column(column)
                ));
            }
        }
    }
    out
}

/// The difference of two figures as the reader counts it: "+8" dossiers, "+2,1 điểm %"
/// of a share; None for what is not a number on both sides.
fn by_how_much(column: &str, was: &Value, is: &Value) -> Option<String> {
    match (was.as_i64(), is.as_i64()) {
        (Some(a), Some(b)) if !labels::is_ratio(column) => Some(vn::signed_integer(b - a)),
        _ => match (was.as_f64(), is.as_f64()) {
            (Some(a), Some(b)) if labels::is_ratio(column) => Some(vn::points(b - a)),
            _ => None,
        },
    }
}
