//! `report.docx` as an office receives it: read back by python-docx (a real Word
//! reader), its XML checked for the layout of Nghị định 30/2020 and for text from
//! data staying text, and converted to PDF by LibreOffice where it is installed.
//! The workbook the same way (calamine): Vietnamese sheet names, date cells,
//! autofilters, print setup, no English codes.

use std::io::Read;
use std::process::Command;

use calamine::{Data, DataType, Reader, Xlsx, open_workbook};

use super::{Workdir, peers_required, sample_run};

const DAY: &str = "reports/2025-07-01_2025-12-15";

fn part(docx: &std::path::Path, name: &str) -> String {
    let file = std::fs::File::open(docx).expect("docx");
    let mut zip = zip::ZipArchive::new(file).expect("a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the docx"))
        .read_to_string(&mut text)
        .expect("utf-8 part");
    text
}

#[test]
fn the_document_has_the_state_layout() {
    let (w, _, _) = sample_run();
    let docx = w.root.join(DAY).join("report.docx");
    let doc = part(&docx, "word/document.xml");
    // A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; the first page
    // has its own (empty) header, the others the page number.
    assert!(doc.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), "A4");
    assert!(
        doc.contains("w:top=\"1134\" w:right=\"851\" w:bottom=\"1134\" w:left=\"1701\""),
        "margins"
    );
    assert!(doc.contains("<w:titlePg/>"), "page numbers from page 2");
    let header = part(&docx, "word/header1.xml");
    assert!(header.contains(" PAGE "), "page number field in the header");
    let first = part(&docx, "word/header2.xml");
    assert!(!first.contains("PAGE"), "no number on page 1");
    let styles = part(&docx, "word/styles.xml");
    assert!(
        styles.contains("w:ascii=\"Times New Roman\"") && styles.contains("<w:sz w:val=\"28\"/>")
    );
    // Tables repeat their header row on each page.
    assert!(doc.matches("<w:tblHeader/>").count() >= 10);
    // Text from data is text: no field or hyperlink in the body.
    for markup in ["<w:fldSimple", "<w:instrText", "<w:hyperlink", "HYPERLINK"] {
        assert!(!doc.contains(markup), "{markup} in the body");
    }
    // A chart of the months, as a real Word chart part.
    let chart = part(&docx, "word/charts/chart1.xml");
    assert!(chart.contains("<c:barChart>") && chart.contains("07/2025"));
}

/// What python-docx reads from the document, as JSON.
const READ_BACK: &str = r#"
import json, sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
head = d.tables[0]
out = {
    "page_mm": [round(s.page_width.mm), round(s.page_height.mm)],
    "margins_mm": [round(s.top_margin.mm), round(s.bottom_margin.mm),
                   round(s.left_margin.mm), round(s.right_margin.mm)],
    "first_page_header": s.different_first_page_header_footer,
    "header_left": head.cell(0, 0).text,
    "header_right": head.cell(0, 1).text,
    "number_line": head.cell(1, 0).text,
    "date_line": head.cell(1, 1).text,
    "date_italic": any(r.italic for p in head.cell(1, 1).paragraphs for r in p.runs),
    "paragraphs": [p.text for p in d.paragraphs],
    "tables": [[[c.text for c in row.cells] for row in t.rows] for t in d.tables],
    "fonts": sorted({r.font.name for p in d.paragraphs for r in p.runs if r.font.name}),
}
print(json.dumps(out, ensure_ascii=False))
"#;

#[test]
fn python_docx_reads_back_the_header_block_tables_and_signature() {
    let (w, _, _) = sample_run();
    let docx = w.root.join(DAY).join("report.docx");
    let out = Command::new("python3")
        .args(["-c", READ_BACK])
        .arg(&docx)
        .output();
    let out = match out {
        Ok(o) if o.status.success() => o,
        Ok(o)
            if !peers_required()
                && String::from_utf8_lossy(&o.stderr).contains("No module named") =>
        {
            eprintln!("skipped: python-docx is not installed (.ci/run installs it)");
            return;
        }
        Ok(o) => panic!("python-docx failed: {}", String::from_utf8_lossy(&o.stderr)),
        Err(e) if !peers_required() => {
            eprintln!("skipped: no python3 ({e})");
            return;
        }
        Err(e) => panic!("python3: {e}"),
    };
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["page_mm"], serde_json::json!([210, 297]));
    assert_eq!(v["margins_mm"], serde_json::json!([20, 20, 30, 15]));
    assert_eq!(v["first_page_header"], true);
    let left = v["header_left"].as_str().expect("left");
    assert!(
        left.contains("UBND TỈNH ĐỒNG THÁP") && left.contains("SỞ NỘI VỤ"),
        "{left}"
    );
    let right = v["header_right"].as_str().expect("right");
    assert!(
        right.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            && right.contains("Độc lập - Tự do - Hạnh phúc"),
        "{right}"
    );
    assert_eq!(
        v["number_line"], "Số: ……/BC-SNV",
        "number left for the clerk"
    );
    assert_eq!(v["date_line"], "Đồng Tháp, ngày …… tháng …… năm 2025");
    assert_eq!(v["date_italic"], true);
    let paragraphs: Vec<&str> = v["paragraphs"]
        .as_array()
        .expect("paragraphs")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    let at = |text: &str| paragraphs.iter().position(|p| p.contains(text));
    let (title, subject) = (
        at("BÁO CÁO").expect("title"),
        at("từ ngày 01/07/2025 đến ngày 15/12/2025"),
    );
    assert_eq!(subject, Some(title + 1), "the subject under «BÁO CÁO»");
    assert!(at("đã tiếp nhận 1.962 hồ sơ").is_some(), "the narrative");
    assert!(at("So với cùng kỳ năm 2024, số hồ sơ tiếp nhận tăng 12,2 %").is_some());
    let difficulties = at("III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ").expect("section III");
    assert!(
        paragraphs[difficulties + 1].starts_with("[Đơn vị bổ sung"),
        "placeholder"
    );

    let tables = v["tables"].as_array().expect("tables");
    // The summary table: headings in Vietnamese, numbers in the Vietnamese style.
    let summary = tables
        .iter()
        .find(|t| {
            t[0][0] == "Mã xã"
                && t[0]
                    .as_array()
                    .is_some_and(|r| r.iter().any(|c| c == "Tiếp nhận"))
        })
        .expect("summary table");
    let tp1 = summary
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r[1] == "Tân Phước 1")
        .expect("Tân Phước 1 row");
    assert!(tp1.as_array().expect("cells").iter().any(|c| c == "1.962"));
    assert!(
        tp1.as_array()
            .expect("cells")
            .iter()
            .any(|c| c == "15/12/2025")
    );
    // «Nơi nhận:» and the signature block, last.
    let last = tables.last().expect("signature table");
    let (recipients, signature) = (
        last[0][0].as_str().expect("left"),
        last[0][1].as_str().expect("right"),
    );
    assert!(
        recipients.starts_with("Nơi nhận:") && recipients.contains("- Lưu: VT, CCHC."),
        "{recipients}"
    );
    assert!(
        signature.contains("KT. GIÁM ĐỐC") && signature.contains("PHÓ GIÁM ĐỐC"),
        "{signature}"
    );
    assert_eq!(
        v["fonts"],
        serde_json::json!([]),
        "runs inherit Times New Roman"
    );
    // No English code anywhere a reader looks.
    let all = v.to_string();
    for code in [
        "\"delivered\"",
        "bad_date",
        "footer",
        "reported_received",
        "dossiers",
        "same_period",
    ] {
        assert!(!all.contains(code), "{code} shown in the document");
    }
}

#[test]
fn libreoffice_converts_the_document_to_pdf() {
    let (w, _, _) = sample_run();
    let Ok(version) = Command::new("soffice").arg("--version").output() else {
        eprintln!("skipped: LibreOffice is not installed");
        return;
    };
    assert!(version.status.success());
    let out_dir = tempfile::tempdir().expect("tempdir");
    let out = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out_dir.path())
        .arg(w.root.join(DAY).join("report.docx"))
        .env("HOME", out_dir.path())
        .output()
        .expect("soffice");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(out_dir.path().join("report.pdf")).expect("report.pdf");
    assert!(
        pdf.starts_with(b"%PDF") && pdf.len() > 20_000,
        "{} bytes",
        pdf.len()
    );
}

#[test]
fn hostile_text_stays_text_in_the_document() {
    let evil = "<w:fldSimple w:instr=\\\"HYPERLINK x\\\"/>[x](javascript:alert(1))";
    let w = Workdir::sample_with(|t| {
        t.replace("name = \"Tân Phước 1\"", &format!("name = \"{evil}\""))
    });
    w.ok(&["-q", "run"]);
    let docx = w.root.join(DAY).join("report.docx");
    let doc = part(&docx, "word/document.xml");
    assert!(
        !doc.contains("<w:fldSimple"),
        "markup from data became markup"
    );
    assert!(doc.contains("&lt;w:fldSimple"), "escaped as text");
}

#[test]
fn the_workbook_needs_no_hand_fixing() {
    let (w, _, _) = sample_run();
    let path = w.root.join(DAY).join("report.xlsx");
    let mut book: Xlsx<_> = open_workbook(&path).expect("xlsx");
    let names = book.sheet_names();
    for want in [
        "Tổng quan",
        "Tổng hợp",
        "So sánh",
        "Biểu 766",
        "Theo tháng",
        "Xếp hạng",
        "Dòng bị loại",
        "Nguồn dữ liệu",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    assert!(
        !names.iter().any(|n| n.contains('_')),
        "a file-like sheet name: {names:?}"
    );
    let summary = book.worksheet_range("Tổng hợp").expect("summary");
    // The data date is a real date cell.
    match summary.get((1, 3)) {
        Some(Data::DateTime(d)) => assert_eq!(d.as_f64(), 46006.0, "15/12/2025"),
        other => panic!("data date not a date cell: {other:?}"),
    }
    assert_eq!(summary.get((1, 2)), Some(&Data::String("đã gửi".into())));
    let rejects = book.worksheet_range("Dòng bị loại").expect("rejects");
    let texts: Vec<String> = rejects
        .cells()
        .filter_map(|(_, _, c)| c.as_string())
        .collect();
    for code in ["footer", "bad_date"] {
        assert!(!texts.iter().any(|t| t == code), "{code} shown as is");
    }
    assert!(texts.iter().any(|t| t == "Ngày không hợp lệ"), "{texts:?}");
    // The first line of a reason is the smallest line number, not the first as text.
    let first_at = texts
        .iter()
        .find(|t| t.contains("ho-so_15-12-2025.csv:"))
        .expect("first_at");
    assert!(
        first_at.ends_with(":716") || first_at.ends_with(":1426"),
        "{first_at}"
    );

    // Autofilters, print titles and landscape where wide, from the workbook's XML.
    let file = std::fs::File::open(&path).expect("xlsx");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut workbook = String::new();
    zip.by_name("xl/workbook.xml")
        .expect("workbook")
        .read_to_string(&mut workbook)
        .expect("xml");
    assert!(
        workbook.matches("_xlnm._FilterDatabase").count() >= 12,
        "autofilters"
    );
    assert!(
        workbook.matches("_xlnm.Print_Titles").count() >= 12,
        "header row repeated"
    );
    let mut sheet2 = String::new();
    zip.by_name("xl/worksheets/sheet2.xml")
        .expect("sheet2")
        .read_to_string(&mut sheet2)
        .expect("xml");
    assert!(
        sheet2.contains("orientation=\"landscape\"") && sheet2.contains("fitToHeight=\"0\""),
        "print setup"
    );
    // No column is absurdly wide.
    let widths: Vec<f64> = sheet2
        .split("width=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect();
    assert!(widths.iter().all(|w| *w < 60.0), "{widths:?}");
    let charts = zip
        .file_names()
        .filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("xl/charts/chart")))
        .count();
    assert_eq!(charts, 1, "the monthly chart");
}

#[test]
fn section_csvs_start_with_a_byte_order_mark() {
    let w = Workdir::sample();
    w.ok(&["-q", "run"]);
    w.ok(&["-q", "report", "--formats", "csv"]);
    let csv = std::fs::read(w.root.join(DAY).join("10_summary.csv")).expect("csv");
    assert!(
        csv.starts_with(b"\xEF\xBB\xBFcommune_code,"),
        "{:?}",
        &csv[..12]
    );
    let out = w.root.join("counts.csv");
    w.ok(&[
        "sql",
        "-o",
        out.to_str().expect("utf-8"),
        "SELECT commune, count(*) AS n FROM dossiers GROUP BY commune",
    ]);
    let bytes = std::fs::read(&out).expect("sql csv");
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFcommune,n"),
        "{:?}",
        &bytes[..12]
    );
}
