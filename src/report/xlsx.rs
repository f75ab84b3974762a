//! `report.xlsx`: an overview sheet (title, period, narrative), one sheet per section
//! and the provenance. Numbers are typed cells with number or percentage formats;
//! text from data is always written as a string, so a cell beginning with `=`, `+`,
//! `-` or `@` never becomes a formula.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use serde_json::Value;

use super::model::{Report, Section};
use super::{cells, labels, vn};
use crate::error::{Error, Result};

pub fn render(report: &Report) -> Result<Vec<u8>> {
    build(report).map_err(|e| Error::Invariant(format!("writing the workbook: {e}")))
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_background_color("#F2F4F8")
        .set_text_wrap();
    let integer = Format::new().set_num_format("#,##0");
    let decimal = Format::new().set_num_format("#,##0.0");
    let percent = Format::new().set_num_format("0.0%");

    let overview = book.add_worksheet().set_name("Tổng quan")?;
    let m = &report.meta;
    overview.write_string_with_format(0, 0, fit(&m.title), &bold)?;
    overview.write_string(
        1,
        0,
        format!(
            "Khu vực {} — từ ngày {} đến ngày {}",
            m.area,
            vn::date(m.period_start),
            vn::date(m.as_of)
        ),
    )?;
    if let Some(line) = m.edition_line() {
        overview.write_string(2, 0, fit(&line))?;
    }
    for (i, p) in report.narrative.iter().enumerate() {
        overview.write_string(3 + i as u32, 0, fit(p))?;
    }
    overview.set_column_width(0, 120)?;

    for section in &report.sections {
        let sheet = book.add_worksheet().set_name(sheet_name(&section.id))?;
        write_section(sheet, section, &head, &integer, &decimal, &percent)?;
    }

    let sources = book.add_worksheet().set_name("Nguồn dữ liệu")?;
    for (c, h) in ["Mã xã", "Loại", "Tệp", "Ngày dữ liệu", "SHA-256"]
        .iter()
        .enumerate()
    {
        sources.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for (r, i) in m.inputs.iter().enumerate() {
        let r = r as u32 + 1;
        sources.write_string(r, 0, fit(&i.commune_code))?;
        sources.write_string(r, 1, fit(&i.kind))?;
        sources.write_string(r, 2, fit(&i.source_file))?;
        sources.write_string(r, 3, fit(&i.snapshot_date))?;
        sources.write_string(r, 4, fit(&i.sha256))?;
    }
    let last = m.inputs.len() as u32 + 2;
    sources.write_string(last, 0, fit(&m.definition()))?;
    sources.set_freeze_panes(1, 0)?;
    sources.autofit();
    book.save_to_buffer()
}

/// Excel's limit on one cell's text.
const CELL_MAX_CHARS: usize = 32_767;
const CUT: &str = " … [đã cắt bớt]";

/// Text that fits an Excel cell: a longer text (a runaway cell of an export) is cut
/// with a visible marker rather than making the workbook unwritable.
fn fit(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= CELL_MAX_CHARS || text.chars().count() <= CELL_MAX_CHARS {
        return std::borrow::Cow::Borrowed(text);
    }
    let keep = CELL_MAX_CHARS - CUT.chars().count();
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(CUT);
    std::borrow::Cow::Owned(out)
}

/// Excel sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(id: &str) -> String {
    id.chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect()
}

fn write_section(
    sheet: &mut Worksheet,
    section: &Section,
    head: &Format,
    integer: &Format,
    decimal: &Format,
    percent: &Format,
) -> Result<(), XlsxError> {
    for (c, name) in section.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, fit(labels::column(name)), head)?;
    }
    for (r, row) in section.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, name) in section.columns.iter().enumerate() {
            let c = c as u16;
            let value = row.get(name).unwrap_or(&Value::Null);
            match value {
                Value::Null => {}
                Value::Number(n) => {
                    let x = n.as_f64().unwrap_or(f64::NAN);
                    let format = if labels::is_ratio(name) {
                        percent
                    } else if n.is_f64() && x.fract() != 0.0 {
                        decimal
                    } else {
                        integer
                    };
                    sheet.write_number_with_format(r, c, x, format)?;
                }
                Value::String(_) => {
                    sheet.write_string(r, c, fit(&cells::display(name, value)))?;
                }
                other => {
                    sheet.write_string(r, c, fit(&other.to_string()))?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    Ok(())
}

#[cfg(test)]
mod fit_tests {
    use super::*;

    #[test]
    fn a_cell_longer_than_excel_allows_is_cut_visibly() {
        let long = "ế".repeat(40_000);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), CELL_MAX_CHARS);
        assert!(cut.ends_with(CUT));
        assert_eq!(fit("Đất đai"), "Đất đai");
    }
}
