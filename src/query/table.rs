//! Results as people read them in a terminal: an aligned table with numbers on
//! the right (as psql does), or one record per block (`\x`, expanded display).

use arrow::datatypes::{DataType, SchemaRef};
use arrow::record_batch::RecordBatch;
use arrow::util::display::{ArrayFormatter, FormatOptions};
use unicode_width::UnicodeWidthStr;

use crate::error::Result;

/// The cells of `batches` as text, row by row.
fn cells(batches: &[RecordBatch]) -> Result<Vec<Vec<String>>> {
    let options = FormatOptions::default().with_null("");
    let mut rows = Vec::new();
    for batch in batches {
        let formatters = batch
            .columns()
            .iter()
            .map(|c| ArrayFormatter::try_new(c.as_ref(), &options))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        for row in 0..batch.num_rows() {
            rows.push(
                formatters
                    .iter()
                    .map(|f| clean(&f.value(row).to_string()))
                    .collect(),
            );
        }
    }
    Ok(rows)
}

/// Line breaks and tabs in a value would break the grid: shown as escapes.
fn clean(value: &str) -> String {
    if value.contains(['\n', '\r', '\t']) {
        value
            .replace('\r', "\\r")
            .replace('\n', "\\n")
            .replace('\t', "\\t")
    } else {
        value.to_string()
    }
}

fn is_number(t: &DataType) -> bool {
    t.is_numeric()
}

fn pad(text: &str, width: usize, right: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(text.width()));
    if right {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// An aligned table: a header, a rule, the rows; numeric columns right-aligned.
pub fn aligned(schema: &SchemaRef, batches: &[RecordBatch]) -> Result<String> {
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let right: Vec<bool> = schema
        .fields()
        .iter()
        .map(|f| is_number(f.data_type()))
        .collect();
    let rows = cells(batches)?;
    let mut widths: Vec<usize> = names.iter().map(|n| n.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |values: &[String], align: &dyn Fn(usize) -> bool| {
        let cells: Vec<String> = values
            .iter()
            .enumerate()
            .map(|(i, v)| pad(v, widths[i], align(i)))
            .collect();
        format!(" {} ", cells.join(" | ")).trim_end().to_string()
    };
    let mut out = String::new();
    let header: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    out.push_str(&line(&header, &|i| right[i]));
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(w + 2)).collect();
    out.push_str(&rule.join("+"));
    out.push('\n');
    for row in &rows {
        out.push_str(&line(row, &|i| right[i]));
        out.push('\n');
    }
    Ok(out)
}

/// Expanded display: each record as `column | value` lines under a numbered rule.
pub fn expanded(schema: &SchemaRef, batches: &[RecordBatch], first: usize) -> Result<String> {
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let width = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let mut out = String::new();
    for (i, row) in cells(batches)?.iter().enumerate() {
        out.push_str(&format!(
            "-[ {} ]-\n",
            crate::tr!("sql-record", n = first + i + 1)
        ));
        for (name, value) in names.iter().zip(row) {
            out.push_str(format!("{} | {value}", pad(name, width, false)).trim_end());
            out.push('\n');
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use arrow::array::{ArrayRef, Int64Array, StringArray};
    use arrow::datatypes::{Field, Schema};

    use super::*;

    fn batch() -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![
            Field::new("xã", DataType::Utf8, true),
            Field::new("hồ_sơ", DataType::Int64, true),
        ]));
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(vec![
                Some("Tân Phước 1"),
                Some("a\nb"),
                None,
            ])),
            Arc::new(Int64Array::from(vec![Some(1962), Some(7), None])),
        ];
        RecordBatch::try_new(schema, columns).expect("batch")
    }

    #[test]
    fn numbers_are_right_aligned_and_text_left() {
        let b = batch();
        let text = aligned(&b.schema(), &[b]).expect("table");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], " xã          | hồ_sơ");
        assert_eq!(lines[2], " Tân Phước 1 |  1962");
        assert_eq!(lines[3], " a\\nb        |     7");
        assert_eq!(lines[4], "             |");
    }

    #[test]
    fn expanded_shows_one_record_per_block() {
        let b = batch();
        let text = expanded(&b.schema(), &[b.slice(0, 1)], 0).expect("expanded");
        assert!(text.contains("xã    | Tân Phước 1"), "{text}");
        assert!(text.contains("hồ_sơ | 1962"), "{text}");
        assert!(text.starts_with("-[ "), "{text}");
    }
}
