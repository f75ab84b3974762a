//! `[labels]`: source labels the analyst teaches the tool, mapped to canonical values
//! of `status`, `channel`, `timeliness` and `online_level`, globally and per commune
//! (the commune's own mapping wins). Labels are matched as the built-in ones are:
//! folded (case, diacritics and spacing do not matter), so «Chờ ký duyệt»,
//! «CHO KY DUYET» and «chờ  ký duyệt» are one label.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::text::fold;

/// The columns that take labels, and their canonical values.
pub const VOCABULARY: [(&str, &[&str]); 4] = [
    (
        "status",
        &["processing", "paused", "resolved", "returned", "withdrawn"],
    ),
    ("channel", &["online", "in_person", "postal"]),
    ("timeliness", &["early", "on_time", "late"]),
    ("online_level", &["full", "partial"]),
];

/// `[labels]` or a commune's `labels` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LabelsSection {
    pub status: BTreeMap<String, String>,
    pub channel: BTreeMap<String, String>,
    pub timeliness: BTreeMap<String, String>,
    pub online_level: BTreeMap<String, String>,
}

/// Taught labels, checked: per column, (folded label, canonical value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    entries: Vec<(&'static str, String, &'static str)>,
}

impl Labels {
    /// The canonical value `text` was taught to mean in `column`, if any.
    pub fn lookup(&self, column: &str, text: &str) -> Option<&'static str> {
        if self.entries.is_empty() {
            return None;
        }
        let folded = fold(text);
        self.entries
            .iter()
            .find(|(c, label, _)| *c == column && *label == folded)
            .map(|(_, _, value)| *value)
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// `own` first, then the `global` labels it does not redefine.
    pub fn merged(own: Labels, global: &Labels) -> Labels {
        let mut entries = own.entries;
        for e in &global.entries {
            if !entries.iter().any(|(c, l, _)| *c == e.0 && *l == e.1) {
                entries.push(e.clone());
            }
        }
        Labels { entries }
    }
}

/// Checks a `[labels]` section (`prefix` is its key in the file, for errors).
pub fn resolve(section: &LabelsSection, path: &Path, prefix: &str) -> Result<Labels> {
    let mut entries = Vec::new();
    for (column, values) in VOCABULARY {
        let map = match column {
            "status" => &section.status,
            "channel" => &section.channel,
            "timeliness" => &section.timeliness,
            _ => &section.online_level,
        };
        for (label, value) in map {
            let key = format!("{prefix}.{column}.{label:?}");
            let canonical = values.iter().find(|v| **v == value.trim()).ok_or_else(|| {
                Error::config(
                    path,
                    crate::tr!(
                        "config-label-value",
                        key = key,
                        value = value,
                        column = column,
                        values = values.join(", ")
                    ),
                )
            })?;
            let folded = fold(label);
            if folded.is_empty() {
                return Err(Error::config(
                    path,
                    crate::tr!("config-label-empty", key = key),
                ));
            }
            entries.push((column, folded, *canonical));
        }
    }
    Ok(Labels { entries })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(status: &[(&str, &str)]) -> LabelsSection {
        LabelsSection {
            status: status
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..LabelsSection::default()
        }
    }

    #[test]
    fn labels_match_folded_and_the_commune_wins() {
        let p = Path::new("c.toml");
        let global =
            resolve(&section(&[("Chờ ký duyệt", "processing")]), p, "labels").expect("global");
        assert_eq!(global.lookup("status", "CHO  KY DUYET"), Some("processing"));
        assert_eq!(global.lookup("channel", "Chờ ký duyệt"), None);
        let own = resolve(&section(&[("cho ky duyet", "paused")]), p, "x").expect("own");
        let merged = Labels::merged(own, &global);
        assert_eq!(merged.lookup("status", "Chờ ký duyệt"), Some("paused"));
    }

    #[test]
    fn a_value_outside_the_vocabulary_names_the_choices() {
        let err = resolve(
            &section(&[("Chờ ký", "waiting")]),
            Path::new("c.toml"),
            "labels",
        )
        .expect_err("bad value");
        let text = err.to_string();
        assert!(
            text.contains("labels.status") && text.contains("processing, paused"),
            "{text}"
        );
    }
}
