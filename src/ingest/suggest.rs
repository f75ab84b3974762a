//! What `check` suggests for what it could not place: a canonical value for a label
//! no table knows (from the words it is made of: «Chờ ký duyệt» waits, so it is still
//! being processed), and the TOML the analyst pastes into the config.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::config::labels::VOCABULARY;
use crate::text::fold_words;

/// Words that give a label's meaning away, per column: (folded word or phrase, value).
const CUES: &[(&str, &str, &str)] = &[
    ("status", "tam dung", "paused"),
    ("status", "bo sung", "paused"),
    ("status", "rut", "withdrawn"),
    ("status", "huy", "withdrawn"),
    ("status", "tra lai", "returned"),
    ("status", "tu choi", "returned"),
    ("status", "khong du", "returned"),
    ("status", "hoan thanh", "resolved"),
    ("status", "da giai quyet", "resolved"),
    ("status", "da xu ly", "resolved"),
    ("status", "ket qua", "resolved"),
    ("status", "cho", "processing"),
    ("status", "dang", "processing"),
    ("status", "xu ly", "processing"),
    ("status", "duyet", "processing"),
    ("status", "tham dinh", "processing"),
    ("channel", "truc tuyen", "online"),
    ("channel", "online", "online"),
    ("channel", "dich vu cong", "online"),
    ("channel", "dvc", "online"),
    ("channel", "buu", "postal"),
    ("channel", "truc tiep", "in_person"),
    ("channel", "mot cua", "in_person"),
    ("timeliness", "truoc", "early"),
    ("timeliness", "som", "early"),
    ("timeliness", "dung", "on_time"),
    ("timeliness", "tre", "late"),
    ("timeliness", "qua han", "late"),
    ("online_level", "toan trinh", "full"),
    ("online_level", "mot phan", "partial"),
];

/// The canonical value a label most likely means in `column`, if a word gives it
/// away.
pub fn value(column: &str, label: &str) -> Option<&'static str> {
    let words = format!(" {} ", fold_words(label));
    CUES.iter()
        .filter(|(c, _, _)| *c == column)
        .find(|(_, cue, _)| words.contains(&format!(" {cue} ")))
        .map(|(_, _, v)| *v)
}

/// A label no table knows, where it was found.
#[derive(Debug, Default)]
pub struct Unknown {
    pub rows: u64,
    /// Commune codes whose files carry it.
    pub communes: Vec<String>,
}

/// The `[labels]` tables to paste at the end of the config, one per column with
/// unknown labels; each label with its rows and a likely value, or `"?"` to fill in
/// (which the config refuses until it is one of the listed values).
pub fn labels_snippet(unknown: &BTreeMap<(&'static str, String), Unknown>) -> String {
    let mut out = String::new();
    for (column, values) in VOCABULARY {
        let mine: Vec<_> = unknown.iter().filter(|((c, _), _)| *c == column).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(out, "[labels.{column}]");
        for ((_, label), u) in mine {
            let rows = crate::tr!("snippet-rows", n = u.rows, communes = u.communes.join(", "));
            match value(column, label) {
                Some(v) => {
                    let likely = crate::tr!("snippet-likely");
                    let _ = writeln!(out, "{} = \"{v}\"  # {rows}; {likely}", quoted(label));
                }
                None => {
                    let choose = crate::tr!("snippet-choose", values = values.join(", "));
                    let _ = writeln!(out, "{} = \"?\"  # {rows}; {choose}", quoted(label));
                }
            }
        }
    }
    out
}

/// A TOML key for `label` (a basic string, escaped).
fn quoted(label: &str) -> String {
    let mut s = String::from("\"");
    for c in label.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(s, "\\u{:04X}", c as u32);
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

/// A `columns` line for a commune's `[[communes]]` block: each header the tool did
/// not place, with the column it most likely means, or `"?"`.
pub fn columns_line(headers: &[(String, Option<&'static str>)]) -> String {
    let pairs: Vec<String> = headers
        .iter()
        .map(|(h, c)| format!("{} = \"{}\"", quoted(h), c.unwrap_or("?")))
        .collect();
    format!("columns = {{ {} }}", pairs.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likely_values_come_from_the_words() {
        assert_eq!(value("status", "Chờ ký duyệt"), Some("processing"));
        assert_eq!(value("status", "CHỜ BỔ SUNG"), Some("paused"));
        assert_eq!(value("status", "Đã trả kết quả cho dân"), Some("resolved"));
        assert_eq!(value("channel", "Nộp qua bưu điện"), Some("postal"));
        assert_eq!(value("status", "Lưu trữ"), None);
    }

    #[test]
    fn an_unplaced_header_close_to_an_alias_is_suggested() {
        use crate::ingest::aliases::closest;
        use crate::warehouse::columns::Column;
        assert_eq!(closest("Ngày nhận HS"), Some(Column::ReceivedDate));
        assert_eq!(closest("STT"), None);
        assert_eq!(
            columns_line(&[("Ngày nhận HS".into(), Some("received_date"))]),
            "columns = { \"Ngày nhận HS\" = \"received_date\" }"
        );
    }

    #[test]
    fn the_snippet_is_valid_toml_with_counts() {
        let mut unknown = BTreeMap::new();
        unknown.insert(
            ("status", "Chờ ký \"duyệt\"".to_string()),
            Unknown {
                rows: 12,
                communes: vec!["28321".into()],
            },
        );
        unknown.insert(("channel", "Zalo".to_string()), Unknown::default());
        let text = labels_snippet(&unknown);
        let parsed: toml::Value = toml::from_str(&text).expect("valid TOML");
        assert_eq!(
            parsed["labels"]["status"]["Chờ ký \"duyệt\""].as_str(),
            Some("processing")
        );
        assert_eq!(parsed["labels"]["channel"]["Zalo"].as_str(), Some("?"));
        assert!(text.contains("# 12 row(s) in 28321; likely"), "{text}");
    }
}
