//! `report.md`: readable anywhere, pasted into e-mail. Figures in the Vietnamese
//! style (1.962; 98,4 %), missing values as "—".

use std::fmt::Write;

use serde_json::Value;

use super::model::{Report, Section};
use super::{cells, labels, vn};

pub fn render(report: &Report) -> String {
    let m = &report.meta;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", m.title);
    let _ = writeln!(
        out,
        "Khu vực {} — từ ngày {} đến ngày {}.\n",
        m.area,
        vn::date(m.period_start),
        vn::date(m.as_of)
    );
    if let Some(line) = m.edition_line() {
        let _ = writeln!(out, "_{}_\n", escape(&line));
    }
    for paragraph in &report.narrative {
        let _ = writeln!(out, "{paragraph}\n");
    }
    for section in &report.sections {
        let _ = writeln!(out, "## {}\n", section.title);
        table(&mut out, section);
    }
    let _ = writeln!(out, "## Nguồn dữ liệu\n");
    let _ = writeln!(out, "{}\n", escape(&m.definition()));
    let _ = writeln!(out, "| Mã xã | Loại | Tệp | Ngày dữ liệu | SHA-256 |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for i in &m.inputs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | `{}` |",
            i.commune_code,
            i.kind,
            escape(&i.source_file),
            i.snapshot_date,
            i.sha256
        );
    }
    out
}

fn table(out: &mut String, section: &Section) {
    if section.rows.is_empty() {
        let _ = writeln!(out, "_Không có dữ liệu._\n");
        return;
    }
    let heads: Vec<&str> = section.columns.iter().map(|c| labels::column(c)).collect();
    let _ = writeln!(out, "| {} |", heads.join(" | "));
    let aligns: Vec<&str> = section
        .columns
        .iter()
        .map(|c| {
            if cells::is_numeric(&section.rows, c) {
                "---:"
            } else {
                "---"
            }
        })
        .collect();
    let _ = writeln!(out, "|{}|", aligns.join("|"));
    for row in &section.rows {
        let cells: Vec<String> = section
            .columns
            .iter()
            .map(|c| cell(c, row.get(c).unwrap_or(&Value::Null)))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

/// One value as shown in the report's tables, escaped for a Markdown cell.
pub fn cell(column: &str, value: &Value) -> String {
    escape(&cells::display(column, value))
}

fn escape(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
