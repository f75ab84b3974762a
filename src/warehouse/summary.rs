//! What a run changed since the previous one, for the people who read it: per commune
//! the export files that are new, changed or gone, the communes that delivered
//! nothing (and why), and the figures of an already-published period that moved.
//! Kept in the run's manifest, the `runs` table, report.json, stdout and the e-mail.

use serde::{Deserialize, Serialize};

use super::files::{FileRecord, FileStatus};
use super::runs::Manifest;
use crate::warehouse::columns::FileKind;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    /// The run compared with: the newest earlier run that published (None: the first).
    pub since: Option<String>,
    pub communes: Vec<CommuneDelivery>,
    /// Rows of shared exports that belong to communes the config leaves out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept_out: Vec<KeptOut>,
    /// The report's figures that changed, when the run republished a period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report: Option<ReportChanges>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CommuneDelivery {
    pub code: String,
    pub name: String,
    pub new_files: Vec<String>,
    pub changed_files: Vec<String>,
    pub gone_files: Vec<String>,
    /// Why the commune delivered nothing this run; None when it delivered.
    pub not_delivered: Option<String>,
}

/// Rows of one commune value of a shared export, kept out of the warehouse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptOut {
    /// The source's name.
    pub source: String,
    /// The commune cell as written.
    pub value: String,
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportChanges {
    /// `<period_start>_<as_of>`.
    pub period: String,
    pub edition: u32,
    pub previous_edition: u32,
    /// «Tân Phước 1 — Tiếp nhận: 1.962 → 1.970 (+8)».
    pub changes: Vec<String>,
}

/// A commune as the summary names it.
pub struct Commune<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// It has no globs of its own: the shared exports deliver its rows.
    pub shared_only: bool,
    /// Why its remote source could not be read this run, if it could not.
    pub unreachable: Option<String>,
}

impl RunSummary {
    /// This run's files (`records`) against those `previous` recorded.
    pub fn since(
        previous: Option<&Manifest>,
        communes: &[Commune],
        records: &[FileRecord],
    ) -> RunSummary {
        let before = |code: &str, kind: &str, file: &str| {
            previous.and_then(|m| {
                m.inputs
                    .iter()
                    .find(|i| i.commune_code == code && i.kind == kind && i.source_file == file)
                    .map(|i| i.sha256.as_str())
            })
        };
        let communes = communes
            .iter()
            .map(|c| {
                let own: Vec<&FileRecord> = records
                    .iter()
                    .filter(|f| f.commune_code == c.code)
                    .collect();
                let mut delivery = CommuneDelivery {
                    code: c.code.to_string(),
                    name: c.name.to_string(),
                    ..CommuneDelivery::default()
                };
                for f in &own {
                    match before(c.code, f.kind.as_str(), &f.source_file) {
                        None => delivery.new_files.push(f.source_file.clone()),
                        Some(sha) if sha != f.sha256 => {
                            delivery.changed_files.push(f.source_file.clone())
                        }
                        Some(_) => {}
                    }
                }
                if let Some(m) = previous {
                    delivery.gone_files = m
                        .inputs
                        .iter()
                        .filter(|i| i.commune_code == c.code)
                        .filter(|i| {
                            !own.iter().any(|f| {
                                f.kind.as_str() == i.kind && f.source_file == i.source_file
                            })
                        })
                        .map(|i| i.source_file.clone())
                        .collect();
                }
                let dossiers = || own.iter().filter(|f| f.kind == FileKind::Dossiers);
                delivery.not_delivered = if let Some(reason) = &c.unreachable {
                    Some(crate::tr!("delivery-unreachable", reason = reason))
                } else if dossiers().next().is_none() && c.shared_only {
                    Some(crate::tr!("delivery-no-rows"))
                } else if dossiers().next().is_none() {
                    Some(crate::tr!("delivery-no-file"))
                } else if dossiers().all(|f| f.status == FileStatus::Quarantined) {
                    Some(crate::tr!("delivery-quarantined"))
                } else {
                    None
                };
                delivery
            })
            .collect();
        RunSummary {
            since: previous.map(|m| m.run_id.clone()),
            communes,
            kept_out: Vec::new(),
            report: None,
        }
    }

    pub fn not_delivered(&self) -> impl Iterator<Item = &CommuneDelivery> {
        self.communes.iter().filter(|c| c.not_delivered.is_some())
    }

    pub fn count(&self, files: fn(&CommuneDelivery) -> &Vec<String>) -> u64 {
        self.communes.iter().map(|c| files(c).len() as u64).sum()
    }

    /// The summary in words, one line per fact, in the user's language.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![match &self.since {
            Some(run) => crate::tr!("changes-since", run = run),
            None => crate::tr!("changes-first-run"),
        }];
        let mut any = false;
        for c in &self.communes {
            if let Some(reason) = &c.not_delivered {
                out.push(format!(
                    "  {}",
                    crate::tr!("changes-not-delivered", commune = c.name, reason = reason)
                ));
                any = true;
            }
            let mut parts = Vec::new();
            for (files, id) in [
                (&c.new_files, "changes-new-files"),
                (&c.changed_files, "changes-changed-files"),
                (&c.gone_files, "changes-gone-files"),
            ] {
                if !files.is_empty() {
                    let label = crate::i18n::message(id, None);
                    parts.push(format!("{} {label} ({})", files.len(), names(files)));
                }
            }
            if !parts.is_empty() {
                out.push(format!("  {}: {}", c.name, parts.join("; ")));
                any = true;
            }
        }
        let mut sources: Vec<&str> = self.kept_out.iter().map(|k| k.source.as_str()).collect();
        sources.dedup();
        for source in sources {
            let mut values: Vec<&KeptOut> = self
                .kept_out
                .iter()
                .filter(|k| k.source == source)
                .collect();
            values.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.value.cmp(&b.value)));
            let rows: u64 = values.iter().map(|k| k.rows).sum();
            let mut shown: Vec<String> = values
                .iter()
                .take(5)
                .map(|k| {
                    format!(
                        "«{}» {}",
                        k.value,
                        crate::report::vn::integer(k.rows as i64)
                    )
                })
                .collect();
            if values.len() > 5 {
                shown.push(crate::tr!("changes-kept-out-more", more = values.len() - 5));
            }
            out.push(format!(
                "  {}",
                crate::tr!(
                    "changes-kept-out",
                    source = source,
                    rows = crate::report::vn::integer(rows as i64),
                    values = shown.join(", ")
                )
            ));
        }
        if let Some(r) = &self.report {
            out.push(format!(
                "  {}",
                crate::tr!(
                    "changes-report",
                    period = r.period,
                    edition = r.edition,
                    previous = r.previous_edition
                )
            ));
            out.extend(r.changes.iter().map(|c| format!("    {c}")));
            any = true;
        }
        if !any {
            out.push(format!("  {}", crate::tr!("changes-none")));
        }
        out
    }
}

/// File names as a short list: the first three, then how many more.
fn names(files: &[String]) -> String {
    let short: Vec<&str> = files
        .iter()
        .take(3)
        .map(|f| f.rsplit('/').next().unwrap_or(f))
        .collect();
    match files.len() {
        n if n > 3 => format!("{}, +{}", short.join(", "), n - 3),
        _ => short.join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::warehouse::runs::InputFile;

    fn record(code: &str, file: &str, sha: &str, status: FileStatus) -> FileRecord {
        FileRecord {
            commune_code: code.into(),
            kind: FileKind::Dossiers,
            source_file: file.into(),
            sha256: sha.into(),
            bytes: 0,
            encoding: "UTF-8".into(),
            delimiter: ",".into(),
            header_line: 1,
            snapshot_date: chrono::NaiveDate::MIN,
            data_rows: 0,
            loaded: 0,
            superseded: 0,
            rejected: 0,
            kept_out: 0,
            blank_lines: 0,
            status,
            error: None,
        }
    }

    fn previous(files: &[(&str, &str, &str)]) -> Manifest {
        let mut m = Manifest::start("run");
        m.inputs = files
            .iter()
            .map(|(code, file, sha)| InputFile {
                commune_code: code.to_string(),
                kind: "dossiers".into(),
                source_file: file.to_string(),
                sha256: sha.to_string(),
                data_rows: 0,
                loaded: 0,
                superseded: 0,
                rejected: 0,
                status: "loaded".into(),
                error: None,
            })
            .collect();
        m
    }

    fn commune<'a>(code: &'a str, unreachable: Option<&str>) -> Commune<'a> {
        Commune {
            code,
            name: code,
            shared_only: false,
            unreachable: unreachable.map(String::from),
        }
    }

    #[test]
    fn files_are_new_changed_or_gone_per_commune() {
        let before = previous(&[
            ("a", "a/1.csv", "x"),
            ("a", "a/2.csv", "y"),
            ("b", "b/1.csv", "z"),
        ]);
        let now = [
            record("a", "a/1.csv", "x", FileStatus::Loaded),
            record("a", "a/2.csv", "Y", FileStatus::Loaded),
            record("a", "a/3.csv", "w", FileStatus::Loaded),
        ];
        let s = RunSummary::since(
            Some(&before),
            &[commune("a", None), commune("b", None)],
            &now,
        );
        assert_eq!(s.since.as_deref(), Some(before.run_id.as_str()));
        let a = &s.communes[0];
        assert_eq!(a.new_files, ["a/3.csv"]);
        assert_eq!(a.changed_files, ["a/2.csv"]);
        assert!(a.gone_files.is_empty() && a.not_delivered.is_none());
        let b = &s.communes[1];
        assert_eq!(b.gone_files, ["b/1.csv"]);
        assert!(b.not_delivered.is_some());
        assert_eq!(s.not_delivered().count(), 1);
        assert_eq!(s.count(|c| &c.new_files), 1);
    }

    #[test]
    fn unreachable_and_quarantined_communes_did_not_deliver() {
        let now = [
            record("a", "a/1.csv", "x", FileStatus::Loaded),
            record("b", "b/1.csv", "y", FileStatus::Quarantined),
        ];
        let s = RunSummary::since(
            None,
            &[commune("a", Some("timeout")), commune("b", None)],
            &now,
        );
        let reasons: Vec<_> = s.not_delivered().map(|c| c.not_delivered.clone()).collect();
        assert_eq!(reasons.len(), 2);
        assert!(reasons[0].as_deref().is_some_and(|r| r.contains("timeout")));
        // The first run lists every file as new.
        assert_eq!(s.communes[0].new_files, ["a/1.csv"]);
        assert!(s.since.is_none());
    }

    #[test]
    fn an_unchanged_rerun_says_nothing_changed() {
        let before = previous(&[("a", "a/1.csv", "x")]);
        let now = [record("a", "a/1.csv", "x", FileStatus::Loaded)];
        let s = RunSummary::since(Some(&before), &[commune("a", None)], &now);
        let lines = s.lines();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[1].trim(), crate::tr!("changes-none"));
    }
}
