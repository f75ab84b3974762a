//! `report.md`: readable anywhere, pasted into e-mail. Figures in the Vietnamese
//! style (1.962; 98,4 %), missing values as "—".

use std::fmt::Write;

use serde_json::Value;

use super::model::{Report, Section};
use super::{cells, labels, vn};

pub fn render(report: &Report) -> String {
    let m = &report.meta;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&m.title));
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
        let _ = writeln!(out, "{}\n", escape(paragraph));
    }
    for section in &report.sections {
        let _ = writeln!(out, "## {}\n", escape(&section.title));
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
            escape(&i.commune_code),
            labels::value("kind", &i.kind),
            escape(&i.source_file),
            cells::display("snapshot_date", &Value::from(i.snapshot_date.as_str())),
            escape(&i.sha256)
        );
    }
    out
}

fn table(out: &mut String, section: &Section) {
    if section.rows.is_empty() {
        let _ = writeln!(out, "_Không có dữ liệu._\n");
        return;
    }
    let heads: Vec<String> = section.headings.iter().map(|h| escape(h)).collect();
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

/// Text from data or config as inert Markdown: HTML tags, links, images, emphasis
/// and code spans cannot form (`<script>`, `[x](javascript:…)` are shown as written),
/// and a table cell stays one cell on one line.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Links and images need brackets; emphasis and code their markers.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_from_data_stays_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(escape("[x](javascript:alert)"), "\\[x\\](javascript:alert)");
        assert_eq!(
            escape("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(escape("(498 hồ sơ, đạt 44,8 %)"), "(498 hồ sơ, đạt 44,8 %)");
        assert_eq!(escape("a|b\nc"), "a\\|b c");
        assert_eq!(
            escape("Tân Phước 1: 1.962 hồ sơ, 98,4 %"),
            "Tân Phước 1: 1.962 hồ sơ, 98,4 %"
        );
    }
}
