//! The report as data: metadata (provenance) plus one section per query file.
//! Every renderer (Markdown, HTML, XLSX, JSON, CSV) works from this model, never
//! from the engine.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::query::Origin;

pub type Row = Map<String, Value>;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub meta: Meta,
    /// The narrative paragraphs (per commune, then the area), from the template.
    pub narrative: Vec<String>,
    /// «Khó khăn, vướng mắc và kiến nghị»: the office's own text, from its template.
    pub recommendations: Vec<String>,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub area: String,
    pub period_start: NaiveDate,
    pub as_of: NaiveDate,
    pub tool: &'static str,
    pub version: &'static str,
    pub config: String,
    pub inputs: Vec<Input>,
    /// Every query file, built in or from the queries folder.
    pub queries: Vec<Provenance>,
    /// The templates used, built in or from `<queries>/templates/`.
    pub templates: Vec<Provenance>,
    /// The state-format document's header block and signature (`[document]`).
    pub document: crate::config::Document,
    /// Which edition of the period's report this is; set when it is published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edition: Option<Edition>,
    /// What the run that published this edition changed (`run` only): files new,
    /// changed or gone per commune, communes that delivered nothing. The figures
    /// that moved are in `edition.changes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run: Option<crate::warehouse::summary::RunSummary>,
}

/// A report is identified by its period; each publication for the period that
/// changes anything is a new edition, and the earlier ones are kept.
#[derive(Debug, Clone, Serialize)]
pub struct Edition {
    pub number: u32,
    /// The edition the changes are counted from (the one readers had).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<u32>,
    /// Hash of the report's content (everything but this edition record): a rerun
    /// that gives the same hash is the same edition.
    pub content_sha256: String,
    /// What differs from the previous edition, in words («Tân Phước 1 — Tiếp nhận:
    /// 1.962 → 1.970»); empty for the first.
    pub changes: Vec<String>,
}

/// One file of the report's definition and where it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Provenance {
    pub file: String,
    pub origin: Origin,
    /// Of the text used: an edited query or template makes a new edition.
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Input {
    pub commune_code: String,
    pub kind: String,
    pub source_file: String,
    pub sha256: String,
    pub snapshot_date: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The query file's stem.
    pub id: String,
    pub title: String,
    /// The role its query file declares (`-- role:`), if any.
    pub role: Option<String>,
    /// Its short name (`-- sheet:`), for workbook sheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Stable keys, as the query names them.
    pub columns: Vec<String>,
    /// The Vietnamese heading of each column, as every format shows it.
    pub headings: Vec<String>,
    /// For columns of canonical values (`kind`, `reason_code`, `status` …): the
    /// Vietnamese label of each value present, as every format shows it.
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub value_labels: Map<String, Value>,
    pub rows: Vec<Row>,
}

impl Section {
    /// A section of `columns` and `rows`, with its headings and value labels.
    pub fn new(
        id: String,
        title: String,
        role: Option<String>,
        sheet: Option<String>,
        columns: Vec<String>,
        rows: Vec<Row>,
    ) -> Section {
        let headings = columns
            .iter()
            .map(|c| super::labels::column(c).to_string())
            .collect();
        let mut value_labels = Map::new();
        for c in columns.iter().filter(|c| super::labels::has_values(c)) {
            let mut labels = Map::new();
            for text in rows.iter().filter_map(|r| r.get(c).and_then(Value::as_str)) {
                let label = super::labels::value(c, text);
                if label != text {
                    labels.insert(text.to_string(), Value::from(label));
                }
            }
            if !labels.is_empty() {
                value_labels.insert(c.clone(), Value::Object(labels));
            }
        }
        Section {
            id,
            title,
            role,
            sheet,
            columns,
            headings,
            value_labels,
            rows,
        }
    }
}

impl Meta {
    /// The report's definition for a reader: tool, config, and which query files and
    /// templates were built in and which came from the queries folder.
    pub fn definition(&self) -> String {
        let list = |items: &[Provenance], origin: Origin| {
            items
                .iter()
                .filter(|p| p.origin == origin)
                .map(|p| p.file.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut text = format!("{} {} · cấu hình {}", self.tool, self.version, self.config);
        for (what, items) in [("truy vấn", &self.queries), ("mẫu", &self.templates)] {
            for (origin, label) in [
                (Origin::BuiltIn, "tích hợp sẵn"),
                (Origin::Folder, "từ thư mục queries"),
            ] {
                let files = list(items, origin);
                if !files.is_empty() {
                    text.push_str(&format!(" · {what} {label}: {files}"));
                }
            }
        }
        text
    }
}

impl Meta {
    /// «Bản số 2 — thay đổi so với bản số 1: …», as every format shows it.
    pub fn edition_line(&self) -> Option<String> {
        let e = self.edition.as_ref()?;
        Some(match e.previous {
            Some(previous) if !e.changes.is_empty() => format!(
                "Bản số {} — thay đổi so với bản số {previous}: {}.",
                e.number,
                e.changes.join("; ")
            ),
            _ => format!("Bản số {}.", e.number),
        })
    }
}

/// Sections the code looks for, by the role their query file declares.
pub mod role {
    pub const SUMMARY: &str = "summary";
    pub const LATE_BY_FIELD: &str = "late_by_field";
    pub const UNREADABLE_FILES: &str = "unreadable_files";
    pub const MONTHLY: &str = "monthly";
    pub const RANKING: &str = "ranking";
    /// Computed by the tool from the summary at earlier periods (no query file).
    pub const COMPARISON: &str = "comparison";
}

impl Report {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The section whose query declares `role` (see [`role`]).
    pub fn by_role(&self, role: &str) -> Option<&Section> {
        by_role(&self.sections, role)
    }
}

pub fn by_role<'s>(sections: &'s [Section], role: &str) -> Option<&'s Section> {
    sections.iter().find(|s| s.role.as_deref() == Some(role))
}
