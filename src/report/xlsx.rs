//! `report.xlsx`: an overview sheet (title, period, narrative, recommendations), one
//! sheet per section under its Vietnamese short name, and the provenance. Numbers are
//! typed cells with number or percentage formats, dates real date cells; every table
//! has an autofilter, a frozen header row that also repeats on printed pages, and a
//! print setup one page wide (landscape where wide); the area's total row is bold.
//! Text from data is always written as a string, so a cell beginning with `=`, `+`,
//! `-` or `@` never becomes a formula.

use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ExcelDateTime, Format, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;

use super::model::{Report, Section, role};
use super::{cells, labels, vn};
use crate::error::{Error, Result};

pub fn render(report: &Report) -> Result<Vec<u8>> {
    build(report).map_err(|e| Error::Invariant(format!("writing the workbook: {e}")))
}

/// The formats of a section's cells.
struct Formats {
    head: Format,
    integer: Format,
    decimal: Format,
    percent: Format,
    signed: Format,
    signed_percent: Format,
    points: Format,
    date: Format,
    month: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            head: Format::new()
                .set_bold()
                .set_background_color("#E7EAF0")
                .set_text_wrap()
                .set_align(rust_xlsxwriter::FormatAlign::Center)
                .set_align(rust_xlsxwriter::FormatAlign::VerticalCenter),
            integer: Format::new().set_num_format("#,##0"),
            decimal: Format::new().set_num_format("#,##0.0"),
            percent: Format::new().set_num_format("0.0%"),
            signed: Format::new().set_num_format("+#,##0;-#,##0;0"),
            signed_percent: Format::new().set_num_format("+0.0%;-0.0%;0.0%"),
            points: Format::new().set_num_format("+0.0\" điểm %\";-0.0\" điểm %\";0.0\" điểm %\""),
            date: Format::new().set_num_format("dd/mm/yyyy"),
            month: Format::new().set_num_format("mm/yyyy"),
        }
    }
}

/// Widest a column autofits to, in pixels: a long reason or file name wraps instead.
const MAX_COLUMN_PX: u32 = 320;

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let formats = Formats::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);

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
    let mut row = 2;
    if let Some(line) = m.edition_line() {
        overview.write_string_with_format(row, 0, fit(&line), &wrap)?;
        row += 1;
    }
    for p in &report.narrative {
        row += 1;
        overview.write_string_with_format(row, 0, fit(p), &wrap)?;
    }
    row += 2;
    overview.write_string_with_format(row, 0, "Khó khăn, vướng mắc và kiến nghị", &bold)?;
    for p in &report.recommendations {
        row += 1;
        overview.write_string_with_format(row, 0, fit(p), &wrap)?;
    }
    // About 100 characters a line: paragraphs wrap readably on screen and on paper.
    overview.set_column_width(0, 100)?;
    overview.set_paper_size(9).set_print_fit_to_pages(1, 0);

    let mut used = vec!["Tổng quan".to_string(), "Nguồn dữ liệu".to_string()];
    for section in &report.sections {
        let name = sheet_name(section, &used);
        used.push(name.clone());
        let sheet = book.add_worksheet().set_name(&name)?;
        write_section(sheet, section, &formats)?;
        if section.role.as_deref() == Some(role::MONTHLY) {
            monthly_chart(sheet, &name, section)?;
        }
    }

    let sources = book.add_worksheet().set_name("Nguồn dữ liệu")?;
    for (c, h) in ["Mã xã", "Loại", "Tệp", "Ngày dữ liệu", "SHA-256"]
        .iter()
        .enumerate()
    {
        sources.write_string_with_format(0, c as u16, *h, &formats.head)?;
    }
    for (r, i) in m.inputs.iter().enumerate() {
        let r = r as u32 + 1;
        sources.write_string(r, 0, fit(&i.commune_code))?;
        sources.write_string(r, 1, labels::value("kind", &i.kind))?;
        sources.write_string(r, 2, fit(&i.source_file))?;
        match cells::iso_date(&i.snapshot_date) {
            Some(d) => sources.write_date_with_format(r, 3, excel_date(d)?, &formats.date)?,
            None => sources.write_string(r, 3, fit(&i.snapshot_date))?,
        };
        sources.write_string(r, 4, fit(&i.sha256))?;
    }
    let last = m.inputs.len() as u32 + 2;
    sources.write_string(last, 0, fit(&m.definition()))?;
    sources.set_freeze_panes(1, 0)?;
    if !m.inputs.is_empty() {
        sources.autofilter(0, 0, m.inputs.len() as u32, 4)?;
    }
    sources.set_autofit_max_width(MAX_COLUMN_PX).autofit();
    sources
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    sources.set_repeat_rows(0, 0)?;
    book.save_to_buffer()
}

fn excel_date(d: chrono::NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    use chrono::Datelike;
    ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
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

/// A sheet's name: the section's short name (`-- sheet:`), else its title; at most
/// 31 characters, none of `[]:*?/\\`, unique in the workbook.
fn sheet_name(section: &Section, used: &[String]) -> String {
    let wanted = section.sheet.as_deref().unwrap_or(&section.title);
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .collect();
    let clean = clean.trim().trim_matches('\'').to_string();
    let base: String = clean.chars().take(31).collect();
    let taken = |n: &str| used.iter().any(|u| u.to_lowercase() == n.to_lowercase());
    if !base.is_empty() && !taken(&base) {
        return base;
    }
    (2..)
        .map(|i| {
            let suffix = format!(" ({i})");
            let keep = 31 - suffix.chars().count();
            let stem: String = clean.chars().take(keep).collect();
            format!("{}{suffix}", if stem.is_empty() { "Mục" } else { &stem })
        })
        .find(|n| !taken(n))
        .unwrap_or_default()
}

fn write_section(sheet: &mut Worksheet, section: &Section, f: &Formats) -> Result<(), XlsxError> {
    for (c, heading) in section.headings.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, fit(heading), &f.head)?;
    }
    let has_code = section.columns.iter().any(|c| c == "commune_code");
    for (r, row) in section.rows.iter().enumerate() {
        let total = has_code && row.get("commune_code").is_none_or(Value::is_null);
        let r = r as u32 + 1;
        for (c, name) in section.columns.iter().enumerate() {
            let c = c as u16;
            let value = row.get(name).unwrap_or(&Value::Null);
            let bold = |format: &Format| {
                if total {
                    format.clone().set_bold()
                } else {
                    format.clone()
                }
            };
            match value {
                Value::Null => {
                    if total {
                        sheet.write_blank(r, c, &bold(&Format::new()))?;
                    }
                }
                Value::Number(n) => {
                    let x = n.as_f64().unwrap_or(f64::NAN);
                    let signed = labels::is_signed(name);
                    let (x, format) = if labels::is_points(name) {
                        (x * 100.0, &f.points)
                    } else if labels::is_ratio(name) && signed {
                        (x, &f.signed_percent)
                    } else if labels::is_ratio(name) {
                        (x, &f.percent)
                    } else if signed {
                        (x, &f.signed)
                    } else if n.is_f64() && x.fract() != 0.0 {
                        (x, &f.decimal)
                    } else {
                        (x, &f.integer)
                    };
                    sheet.write_number_with_format(r, c, x, &bold(format))?;
                }
                Value::String(s) => {
                    if let Some(d) = cells::iso_date(s) {
                        sheet.write_date_with_format(r, c, excel_date(d)?, &bold(&f.date))?;
                    } else if let Some(d) = (name == "month")
                        .then(|| cells::iso_date(&format!("{s}-01")))
                        .flatten()
                    {
                        sheet.write_date_with_format(r, c, excel_date(d)?, &bold(&f.month))?;
                    } else {
                        let text = cells::display(name, value);
                        sheet.write_string_with_format(r, c, fit(&text), &bold(&Format::new()))?;
                    }
                }
                other => {
                    sheet.write_string(r, c, fit(&other.to_string()))?;
                }
            }
        }
    }
    let last_col = section.columns.len().saturating_sub(1) as u16;
    sheet.set_freeze_panes(1, 0)?;
    if !section.columns.is_empty() {
        sheet.autofilter(0, 0, section.rows.len() as u32, last_col)?;
    }
    sheet.set_row_height(0, 45)?;
    sheet.set_autofit_max_width(MAX_COLUMN_PX).autofit();
    sheet.set_paper_size(9).set_print_fit_to_pages(1, 0);
    if section.columns.len() > 7 {
        sheet.set_landscape();
    }
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// A column chart of the area's months (received and resolved) beside the table,
/// when the section has the area's rows in one block.
fn monthly_chart(sheet: &mut Worksheet, name: &str, section: &Section) -> Result<(), XlsxError> {
    let area: Vec<u32> = section
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.get("commune_code").is_none_or(Value::is_null))
        .map(|(i, _)| i as u32 + 1)
        .collect();
    let col = |c: &str| {
        section
            .columns
            .iter()
            .position(|x| x == c)
            .map(|i| i as u16)
    };
    let (Some(&first), Some(&last), Some(month), Some(received), Some(resolved)) = (
        area.first(),
        area.last(),
        col("month"),
        col("received"),
        col("resolved"),
    ) else {
        return Ok(());
    };
    if last - first + 1 != area.len() as u32 {
        return Ok(());
    }
    let mut chart = Chart::new_column();
    chart
        .title()
        .set_name("Hồ sơ tiếp nhận và đã giải quyết theo tháng (toàn khu vực)");
    for (label, c) in [("Tiếp nhận", received), ("Đã giải quyết", resolved)] {
        chart
            .add_series()
            .set_name(label)
            .set_categories((name, first, month, last, month))
            .set_values((name, first, c, last, c));
    }
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.x_axis().set_num_format("mm/yyyy");
    chart.y_axis().set_num_format("#,##0");
    sheet.insert_chart(1, section.columns.len() as u16 + 1, &chart)?;
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
