//! `report.docx`: the report as an administrative document in the layout of Nghị định
//! 30/2020/NĐ-CP (facts in `../shared/reference/decree-30-2020-layout.md`): A4
//! portrait, Times New Roman, the header block (bodies and national motto, number and
//! date line), «BÁO CÁO» and its subject, the narrative, the sections as Word tables
//! whose header row repeats on every page, the office's difficulties and
//! recommendations, «Nơi nhận:» and the signature block; page numbers from page 2.
//!
//! Written as WordprocessingML with the `zip` crate the workbook writer already
//! builds: `docx-rs` cannot mark a repeating header row (`w:tblHeader`) and would add
//! a second zip and XML stack to the build. Text from data only ever lands in `w:t`
//! elements, escaped: never a field, a hyperlink or markup.

use std::fmt::Write as _;
use std::io::Write as _;

use chrono::Datelike;
use serde_json::Value;
use zip::write::SimpleFileOptions;

use super::chart::AreaMonth;
use super::model::{Report, Section, role};
use super::{cells, vn};
use crate::error::{Error, Result};

/// Twips per millimetre.
const MM: f64 = 56.7;
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: u32 = 1134; // 20 mm
const MARGIN_BOTTOM: u32 = 1134; // 20 mm
const MARGIN_LEFT: u32 = 1701; // 30 mm
const MARGIN_RIGHT: u32 = 851; // 15 mm
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// Body text: 14 pt (Word sizes are half-points).
const BODY: u32 = 28;

pub fn render(report: &Report) -> Result<Vec<u8>> {
    let chart = monthly_chart(report);
    let document = document(report, chart.is_some());
    let mut parts: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", content_types(chart.is_some())),
        ("_rels/.rels", root_rels()),
        ("word/document.xml", document),
        ("word/styles.xml", styles()),
        ("word/settings.xml", SETTINGS.to_string()),
        ("word/header1.xml", page_number_header()),
        ("word/header2.xml", empty_header()),
        (
            "word/_rels/document.xml.rels",
            document_rels(chart.is_some()),
        ),
        ("docProps/core.xml", core(report)),
    ];
    if let Some(chart) = chart {
        parts.push(("word/charts/chart1.xml", chart));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default();
    let error = |e: &dyn std::fmt::Display| Error::Invariant(format!("writing report.docx: {e}"));
    for (name, text) in parts {
        zip.start_file(name, options).map_err(|e| error(&e))?;
        zip.write_all(text.as_bytes()).map_err(|e| error(&e))?;
    }
    let cursor = zip.finish().map_err(|e| error(&e))?;
    Ok(cursor.into_inner())
}

/// Text for XML: escaped, and without the control characters XML 1.0 forbids (a
/// stray one in an export would make Word refuse the whole file).
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// How a run of text looks.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    /// Half-points; 0 = the body size.
    size: u32,
}

impl Look {
    fn size(size: u32) -> Look {
        Look {
            size,
            ..Look::default()
        }
    }
    fn bold(self) -> Look {
        Look { bold: true, ..self }
    }
    fn italic(self) -> Look {
        Look {
            italic: true,
            ..self
        }
    }
}

fn run(text: &str, look: Look) -> String {
    let mut props = String::new();
    if look.bold {
        props.push_str("<w:b/><w:bCs/>");
    }
    if look.italic {
        props.push_str("<w:i/><w:iCs/>");
    }
    if look.size > 0 {
        let _ = write!(
            props,
            "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>",
            look.size
        );
    }
    let props = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    format!(
        "<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
        xml_text(text)
    )
}

/// Paragraph layout.
#[derive(Clone, Copy)]
struct Para {
    align: &'static str,
    /// First-line indent, twips.
    first_line: u32,
    /// Left and right indents, twips (to shorten a rule).
    indent: u32,
    before: u32,
    after: u32,
    /// A solid rule under the paragraph.
    rule: bool,
    keep_next: bool,
}

impl Para {
    const BODY: Para = Para {
        align: "both",
        first_line: 720, // 1.27 cm
        indent: 0,
        before: 0,
        after: 120, // 6 pt
        rule: false,
        keep_next: false,
    };
    const CENTRE: Para = Para {
        align: "center",
        first_line: 0,
        indent: 0,
        before: 0,
        after: 0,
        rule: false,
        keep_next: false,
    };
    const CELL: Para = Para {
        align: "left",
        ..Para::CENTRE
    };
}

fn paragraph(layout: Para, runs: &str) -> String {
    let mut p = String::from("<w:pPr>");
    if layout.keep_next {
        p.push_str("<w:keepNext/>");
    }
    if layout.rule {
        p.push_str(
            "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>",
        );
    }
    let _ = write!(
        p,
        "<w:spacing w:before=\"{}\" w:after=\"{}\"/>",
        layout.before, layout.after
    );
    if layout.first_line > 0 || layout.indent > 0 {
        let _ = write!(
            p,
            "<w:ind w:left=\"{0}\" w:right=\"{0}\" w:firstLine=\"{1}\"/>",
            layout.indent, layout.first_line
        );
    }
    let _ = write!(p, "<w:jc w:val=\"{}\"/></w:pPr>", layout.align);
    format!("<w:p>{p}{runs}</w:p>")
}

fn line(layout: Para, text: &str, look: Look) -> String {
    paragraph(layout, &run(text, look))
}

/// A rule of `width` twips centred in a column of `column` twips (an empty paragraph
/// with a bottom border, indented from both sides).
fn rule(column: u32, width: u32) -> String {
    let indent = column.saturating_sub(width) / 2;
    paragraph(
        Para {
            rule: true,
            indent,
            after: 60,
            ..Para::CENTRE
        },
        "<w:r><w:rPr><w:sz w:val=\"4\"/></w:rPr><w:t></w:t></w:r>",
    )
}

fn dots(value: &Option<String>, blank: &str) -> String {
    match value.as_deref().map(str::trim) {
        Some(v) if !v.is_empty() => v.to_string(),
        _ => blank.to_string(),
    }
}

fn document(report: &Report, with_chart: bool) -> String {
    let m = &report.meta;
    let d = &m.document;
    let mut body = String::new();

    // The header block: a borderless two-column table.
    let left_w = TEXT_W * 2 / 5;
    let right_w = TEXT_W - left_w;
    let parent = dots(&d.parent_body, "……………………").to_uppercase();
    let issuing = dots(&d.issuing_body, "……………………").to_uppercase();
    let left = format!(
        "{}{}{}",
        line(Para::CENTRE, &parent, Look::size(26)),
        line(Para::CENTRE, &issuing, Look::size(26).bold()),
        rule(left_w, left_w / 3)
    );
    let right = format!(
        "{}{}{}",
        line(
            Para::CENTRE,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            Look::size(26).bold()
        ),
        line(
            Para::CENTRE,
            "Độc lập - Tự do - Hạnh phúc",
            Look::size(28).bold()
        ),
        rule(right_w, (62.0 * MM) as u32)
    );
    let number = format!("Số: {}/{}", dots(&d.number, "……"), dots(&d.symbol, "BC-……"));
    let place = dots(&d.place, "……………");
    let date = match d.date {
        Some(date) => format!(
            "{place}, ngày {:02} tháng {:02} năm {}",
            date.day(),
            date.month(),
            date.year()
        ),
        None => format!("{place}, ngày …… tháng …… năm {}", m.as_of.year()),
    };
    let _ = write!(
        body,
        "{}",
        borderless(
            &[left_w, right_w],
            &[
                vec![left, right],
                vec![
                    line(Para::CENTRE, &number, Look::size(26)),
                    line(Para::CENTRE, &date, Look::size(28).italic()),
                ],
            ]
        )
    );

    // Type and subject.
    body.push_str(&line(
        Para {
            before: 360,
            ..Para::CENTRE
        },
        "BÁO CÁO",
        Look::default().bold(),
    ));
    let subject = format!(
        "{} từ ngày {} đến ngày {}",
        m.title,
        vn::date(m.period_start),
        vn::date(m.as_of)
    );
    body.push_str(&line(Para::CENTRE, &subject, Look::default().bold()));
    body.push_str(&rule(TEXT_W, (40.0 * MM) as u32));

    let heading = |text: &str| {
        line(
            Para {
                align: "both",
                first_line: 720,
                before: 240,
                after: 120,
                keep_next: true,
                ..Para::BODY
            },
            text,
            Look::default().bold(),
        )
    };
    body.push_str(&heading("I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN"));
    if let Some(edition) = m.edition_line() {
        body.push_str(&line(Para::BODY, &edition, Look::default().italic()));
    }
    for p in &report.narrative {
        body.push_str(&line(Para::BODY, p, Look::default()));
    }

    body.push_str(&heading("II. SỐ LIỆU CHI TIẾT"));
    for (i, section) in report.sections.iter().enumerate() {
        body.push_str(&line(
            Para {
                keep_next: true,
                before: 120,
                ..Para::BODY
            },
            &format!("{}. {}", i + 1, section.title),
            Look::default().bold(),
        ));
        body.push_str(&table(section));
        if with_chart && section.role.as_deref() == Some(role::MONTHLY) {
            body.push_str(&chart_paragraph());
        }
    }

    body.push_str(&heading("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ"));
    for p in &report.recommendations {
        body.push_str(&line(Para::BODY, p, Look::default()));
    }

    // «Nơi nhận:» and the signature block.
    let mut recipients = line(
        Para {
            before: 240,
            ..Para::CELL
        },
        "Nơi nhận:",
        Look::size(24).bold().italic(),
    );
    let mut items: Vec<String> = d
        .recipients
        .iter()
        .map(|r| r.trim().trim_start_matches('-').trim().to_string())
        .filter(|r| !r.is_empty())
        .collect();
    if !items.iter().any(|r| r.starts_with("Lưu")) {
        items.push("Lưu: VT".to_string());
    }
    let last = items.len() - 1;
    for (i, item) in items.iter().enumerate() {
        let item = item.trim_end_matches([';', '.']);
        let end = if i == last { "." } else { ";" };
        recipients.push_str(&line(Para::CELL, &format!("- {item}{end}"), Look::size(22)));
    }
    let mut signature = String::new();
    let authority = dots(&d.signer_authority, "");
    if !authority.is_empty() {
        signature.push_str(&line(
            Para {
                before: 240,
                ..Para::CENTRE
            },
            &authority.to_uppercase(),
            Look::default().bold(),
        ));
    }
    signature.push_str(&line(
        Para {
            before: if authority.is_empty() { 240 } else { 0 },
            ..Para::CENTRE
        },
        &dots(&d.signer_title, "……………………").to_uppercase(),
        Look::default().bold(),
    ));
    for _ in 0..4 {
        signature.push_str(&line(Para::CENTRE, "", Look::default()));
    }
    signature.push_str(&line(
        Para::CENTRE,
        &dots(&d.signer_name, "……………………"),
        Look::default().bold(),
    ));
    body.push_str(&borderless(
        &[TEXT_W / 2, TEXT_W - TEXT_W / 2],
        &[vec![recipients, signature]],
    ));

    body.push_str(&format!(
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>\
         <w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>\
         <w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
         w:left=\"{MARGIN_LEFT}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
         <w:titlePg/></w:sectPr>"
    ));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"
    )
}

const NAMESPACES: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
     xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
     xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
     xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
     xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\"";

/// A table without borders, for layout (header block, signature).
fn borderless(widths: &[u32], rows: &[Vec<String>]) -> String {
    let mut t = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:tblLayout w:type=\"fixed\"/>\
         <w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>\
         <w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders>\
         <w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr><w:tblGrid>",
    );
    for w in widths {
        let _ = write!(t, "<w:gridCol w:w=\"{w}\"/>");
    }
    t.push_str("</w:tblGrid>");
    for row in rows {
        t.push_str("<w:tr>");
        for (cell, w) in row.iter().zip(widths) {
            let _ = write!(
                t,
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/></w:tcPr>{cell}</w:tc>"
            );
        }
        t.push_str("</w:tr>");
    }
    t.push_str("</w:tbl>");
    t
}

/// A section as a Word table: header row repeated on each page, numbers right-aligned
/// in the Vietnamese style, the area's total row bold. Wide tables use a smaller type.
fn table(section: &Section) -> String {
    if section.rows.is_empty() {
        return line(Para::BODY, "Không có dữ liệu.", Look::default().italic());
    }
    let size = match section.columns.len() {
        0..=6 => 24,
        7..=9 => 20,
        10..=13 => 17,
        _ => 14,
    };
    let numeric: Vec<bool> = section
        .columns
        .iter()
        .map(|c| cells::is_numeric(&section.rows, c))
        .collect();
    let mut t = String::from(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
         <w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders>\
         <w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar>\
         </w:tblPr><w:tblGrid>",
    );
    let widths = column_widths(section);
    for w in &widths {
        let _ = write!(t, "<w:gridCol w:w=\"{w}\"/>");
    }
    t.push_str("</w:tblGrid>");
    t.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (heading, w) in section.headings.iter().zip(&widths) {
        let _ = write!(
            t,
            "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E7EAF0\"/>\
             <w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>",
            line(
                Para {
                    align: "center",
                    ..Para::CELL
                },
                heading,
                Look::size(size).bold()
            )
        );
    }
    t.push_str("</w:tr>");
    let has_code = section.columns.iter().any(|c| c == "commune_code");
    for row in &section.rows {
        let total = has_code && row.get("commune_code").is_none_or(Value::is_null);
        t.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (c, column) in section.columns.iter().enumerate() {
            let w = widths[c];
            let text = cells::display(column, row.get(column).unwrap_or(&Value::Null));
            let look = if total {
                Look::size(size).bold()
            } else {
                Look::size(size)
            };
            let align = if numeric[c] { "right" } else { "left" };
            let _ = write!(
                t,
                "<w:tc><w:tcPr><w:tcW w:w=\"{w}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/>\
                 </w:tcPr>{}</w:tc>",
                line(
                    Para {
                        align,
                        ..Para::CELL
                    },
                    &text,
                    look
                )
            );
        }
        t.push_str("</w:tr>");
    }
    t.push_str("</w:tbl>");
    t
}

/// Column widths in twips across the text width, by how long their texts are: a
/// name or a reason gets room, a count does not (long texts wrap, at most 40
/// characters' worth).
fn column_widths(section: &Section) -> Vec<u32> {
    let weights: Vec<usize> = section
        .columns
        .iter()
        .zip(&section.headings)
        .map(|(column, heading)| {
            let word = heading.split_whitespace().map(|w| w.chars().count()).max();
            let longest = section
                .rows
                .iter()
                .map(|r| cells::display(column, r.get(column).unwrap_or(&Value::Null)))
                .map(|t| t.chars().count())
                .max()
                .unwrap_or(0);
            word.unwrap_or(0).max(longest).clamp(4, 40) + 2
        })
        .collect();
    let total: usize = weights.iter().sum::<usize>().max(1);
    weights
        .iter()
        .map(|w| (TEXT_W as usize * w / total) as u32)
        .collect()
}

/// The chart's XML (a clustered column chart of the area's months: received and
/// resolved), with its data cached in the part so no embedded workbook is needed.
fn monthly_chart(report: &Report) -> Option<String> {
    let months = super::chart::area_months(report);
    if months.is_empty() {
        return None;
    }
    let categories = |out: &mut String| {
        let _ = write!(out, "<c:strLit><c:ptCount val=\"{}\"/>", months.len());
        for (i, AreaMonth { label, .. }) in months.iter().enumerate() {
            let _ = write!(
                out,
                "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>",
                xml_text(label)
            );
        }
        out.push_str("</c:strLit>");
    };
    let mut series = String::new();
    // (series name, colour, its value of a month)
    type Series = (&'static str, &'static str, fn(&AreaMonth) -> f64);
    let kinds: [Series; 2] = [
        ("Tiếp nhận", "4A6FA5", |m| m.received),
        ("Đã giải quyết", "6BA368", |m| m.resolved),
    ];
    for (idx, (name, colour, value)) in kinds.iter().enumerate() {
        let _ = write!(
            series,
            "<c:ser><c:idx val=\"{idx}\"/><c:order val=\"{idx}\"/>\
             <c:tx><c:v>{name}</c:v></c:tx>\
             <c:spPr><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></c:spPr>\
             <c:invertIfNegative val=\"0\"/><c:cat>"
        );
        categories(&mut series);
        let _ = write!(
            series,
            "</c:cat><c:val><c:numLit><c:formatCode>General</c:formatCode><c:ptCount val=\"{}\"/>",
            months.len()
        );
        for (i, m) in months.iter().enumerate() {
            let v = value(m);
            let _ = write!(series, "<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>");
        }
        series.push_str("</c:numLit></c:val></c:ser>");
    }
    Some(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <c:roundedCorners val=\"0\"/>\
         <c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr>\
         <a:r><a:rPr lang=\"vi-VN\" sz=\"1200\" b=\"1\"/><a:t>Hồ sơ tiếp nhận và đã giải quyết theo tháng (toàn khu vực)</a:t></a:r></a:p>\
         </c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>\
         <c:plotArea><c:layout/><c:barChart><c:barDir val=\"col\"/><c:grouping val=\"clustered\"/>\
         <c:varyColors val=\"0\"/>{series}\
         <c:dLbls><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/>\
         <c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>\
         <c:gapWidth val=\"80\"/><c:axId val=\"1001\"/><c:axId val=\"1002\"/></c:barChart>\
         <c:catAx><c:axId val=\"1001\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"b\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/>\
         <c:tickLblPos val=\"nextTo\"/><c:crossAx val=\"1002\"/><c:crosses val=\"autoZero\"/>\
         <c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/></c:catAx>\
         <c:valAx><c:axId val=\"1002\"/><c:scaling><c:orientation val=\"minMax\"/></c:scaling>\
         <c:delete val=\"0\"/><c:axPos val=\"l\"/><c:majorGridlines/>\
         <c:numFmt formatCode=\"#,##0\" sourceLinked=\"0\"/><c:tickLblPos val=\"nextTo\"/>\
         <c:crossAx val=\"1001\"/><c:crosses val=\"autoZero\"/><c:crossBetween val=\"between\"/></c:valAx>\
         </c:plotArea><c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/></c:legend>\
         <c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
         <c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\">\
         <a:latin typeface=\"Times New Roman\"/><a:cs typeface=\"Times New Roman\"/></a:defRPr></a:pPr>\
         <a:endParaRPr lang=\"vi-VN\"/></a:p></c:txPr></c:chartSpace>"
    ))
}

fn chart_paragraph() -> String {
    let cx = (TEXT_W as u64) * 635; // twips to EMU
    let cy = (75.0 * MM) as u64 * 635;
    format!(
        "<w:p><w:pPr><w:spacing w:before=\"120\" w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
         <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:docPr id=\"1\" name=\"Biểu đồ theo tháng\"/>\
         <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">\
         <c:chart r:id=\"rIdChart1\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
}

fn page_number_header() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:hdr {NAMESPACES}><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    )
}

fn empty_header() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:hdr {NAMESPACES}><w:p/></w:hdr>"
    )
}

fn styles() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" \
         w:cs=\"Times New Roman\"/><w:color w:val=\"000000\"/>\
         <w:sz w:val=\"{BODY}\"/><w:szCs w:val=\"{BODY}\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>\
         <w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"276\" w:lineRule=\"auto\"/></w:pPr>\
         </w:pPrDefault></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>\
         <w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>\
         <w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>\
         <w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>\
         <w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>"
    )
}

const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
     <w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
     <w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
     </w:settings>";

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One `Relationship` of a `.rels` part.
fn relationship(id: &str, kind: &str, target: &str) -> String {
    format!("<Relationship Id=\"{id}\" Type=\"{kind}\" Target=\"{target}\"/>")
}

fn rels(items: &[String]) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         {}</Relationships>",
        items.concat()
    )
}

fn root_rels() -> String {
    rels(&[
        relationship(
            "rId1",
            &format!("{RELATIONSHIPS}/officeDocument"),
            "word/document.xml",
        ),
        relationship(
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
    ])
}

fn document_rels(chart: bool) -> String {
    let mut items: Vec<String> = [
        ("rIdStyles", "styles", "styles.xml"),
        ("rIdSettings", "settings", "settings.xml"),
        ("rIdHeader1", "header", "header1.xml"),
        ("rIdHeader2", "header", "header2.xml"),
    ]
    .iter()
    .map(|(id, kind, target)| relationship(id, &format!("{RELATIONSHIPS}/{kind}"), target))
    .collect();
    if chart {
        items.push(relationship(
            "rIdChart1",
            &format!("{RELATIONSHIPS}/chart"),
            "charts/chart1.xml",
        ));
    }
    rels(&items)
}

fn content_types(chart: bool) -> String {
    const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut parts = vec![
        ("/word/document.xml", format!("{WORD}.document.main+xml")),
        ("/word/styles.xml", format!("{WORD}.styles+xml")),
        ("/word/settings.xml", format!("{WORD}.settings+xml")),
        ("/word/header1.xml", format!("{WORD}.header+xml")),
        ("/word/header2.xml", format!("{WORD}.header+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
    ];
    if chart {
        parts.push((
            "/word/charts/chart1.xml",
            "application/vnd.openxmlformats-officedocument.drawingml.chart+xml".to_string(),
        ));
    }
    let overrides: String = parts
        .iter()
        .map(|(part, kind)| format!("<Override PartName=\"{part}\" ContentType=\"{kind}\"/>"))
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>{overrides}</Types>"
    )
}

fn core(report: &Report) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title>\
         <dc:language>vi-VN</dc:language><dc:creator>{} {}</dc:creator></cp:coreProperties>",
        xml_text(&report.meta.title),
        report.meta.tool,
        report.meta.version
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_from_data_cannot_become_markup() {
        assert_eq!(
            xml_text("<w:fldSimple w:instr=\"HYPERLINK\"/> & \u{1}"),
            "&lt;w:fldSimple w:instr=&quot;HYPERLINK&quot;/&gt; &amp; \u{FFFD}"
        );
    }
}
