//! The narrative paragraphs, in the register of the commune reports the press
//! quotes («Từ ngày 1-7-2025 đến nay, … đã tiếp nhận 1.962 hồ sơ thuộc 13 lĩnh vực,
//! trong đó đã giải quyết 1.931 hồ sơ …»), generated from the summary and late-by-field
//! sections. Sentences adapt to the data: no late dossiers, all online, nothing sent.

use serde_json::Value;

use super::model::{Report, Row};
use super::vn;

const SUMMARY: &str = "10_summary";
const LATE_BY_FIELD: &str = "20_late_by_field";

fn int(row: &Row, key: &str) -> i64 {
    row.get(key).and_then(Value::as_i64).unwrap_or(0)
}

fn text<'r>(row: &'r Row, key: &str) -> &'r str {
    row.get(key).and_then(Value::as_str).unwrap_or("")
}

/// One paragraph per commune, then one for the area; empty when the report has no
/// summary section (an analyst replaced the queries).
pub fn paragraphs(report: &Report) -> Vec<String> {
    let Some(summary) = report.section(SUMMARY) else {
        return Vec::new();
    };
    let late_rows = report
        .section(LATE_BY_FIELD)
        .map(|s| s.rows.as_slice())
        .unwrap_or(&[]);
    let since = vn::date(report.meta.period_start);
    summary
        .rows
        .iter()
        .map(|row| {
            let code = row.get("commune_code").and_then(Value::as_str);
            // For the area (no code), the same field summed over the communes.
            let mut late_fields: Vec<(&str, i64)> = Vec::new();
            for r in late_rows {
                if code.is_some() && r.get("commune_code").and_then(Value::as_str) != code {
                    continue;
                }
                let field = text(r, "field");
                match late_fields.iter_mut().find(|(f, _)| *f == field) {
                    Some((_, n)) => *n += int(r, "late"),
                    None => late_fields.push((field, int(r, "late"))),
                }
            }
            late_fields.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            paragraph(row, code.is_none(), &since, &late_fields)
        })
        .collect()
}

fn paragraph(row: &Row, area: bool, since: &str, late_fields: &[(&str, i64)]) -> String {
    let name = text(row, "commune");
    if text(row, "delivery") == "missing" {
        return format!("Xã {name} chưa gửi dữ liệu hồ sơ cho kỳ báo cáo.");
    }
    let subject = if area {
        "các xã trong khu vực".to_string()
    } else {
        format!("Trung tâm Phục vụ hành chính công xã {name}")
    };
    let n = |key: &str| vn::integer(int(row, key));
    let received = int(row, "received");
    if received == 0 {
        return format!("Từ ngày {since} đến nay, {subject} chưa tiếp nhận hồ sơ nào.");
    }
    let mut s = format!(
        "Từ ngày {since} đến nay, {subject} đã tiếp nhận {} hồ sơ thuộc {} lĩnh vực",
        n("received"),
        n("fields")
    );
    let online = int(row, "online");
    if online == received {
        s.push_str(", trong đó 100% hồ sơ được nộp trực tuyến; ");
    } else if online > 0 {
        let share = row
            .get("online_share")
            .and_then(Value::as_f64)
            .unwrap_or(0.0);
        s.push_str(&format!(
            " ({} hồ sơ nộp trực tuyến, đạt {}); ",
            n("online"),
            vn::percent(share)
        ));
    } else {
        s.push_str(", trong đó ");
    }
    s.push_str(&format!("đã giải quyết {} hồ sơ", n("resolved")));
    let mut rest = Vec::new();
    let processing = int(row, "processing");
    let overdue = int(row, "overdue");
    if processing > 0 && overdue == 0 {
        rest.push(format!(
            "còn {} hồ sơ đang trong thời gian xử lý",
            n("processing")
        ));
    } else if processing > 0 {
        rest.push(format!(
            "còn {} hồ sơ đang giải quyết ({} hồ sơ đã quá hạn)",
            n("processing"),
            n("overdue")
        ));
    }
    for (key, words) in [
        ("paused", "hồ sơ tạm dừng"),
        ("returned", "hồ sơ không đủ điều kiện trả về"),
        ("withdrawn", "hồ sơ được rút theo yêu cầu"),
    ] {
        if int(row, key) > 0 {
            rest.push(format!("{} {words}", n(key)));
        }
    }
    if !rest.is_empty() {
        s.push_str(", ");
        s.push_str(&rest.join(", "));
    }
    s.push_str(". ");
    let late = int(row, "late");
    if late == 0 {
        s.push_str("Tất cả hồ sơ đã giải quyết đều đúng và trước hạn.");
    } else if let [(field, _)] = late_fields {
        s.push_str(&format!(
            "Ngoài {} hồ sơ trễ hạn thuộc lĩnh vực {}, các lĩnh vực còn lại đều được giải quyết \
             đúng và trước hạn.",
            n("late"),
            field.to_lowercase()
        ));
    } else {
        let fields: Vec<String> = late_fields
            .iter()
            .map(|(f, k)| format!("{} ({})", f.to_lowercase(), vn::integer(*k)))
            .collect();
        s.push_str(&format!(
            "Có {} hồ sơ giải quyết trễ hạn, thuộc các lĩnh vực: {}.",
            n("late"),
            fields.join(", ")
        ));
    }
    s
}
