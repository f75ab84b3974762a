//! The run history: every `run` / `ingest` leaves a manifest
//! (`.<warehouse>.runs/<run_id>.json`, in the spirit of dbt's run_results.json:
//! inputs with sha256, per-file counts, status, exit code), whether it published or
//! failed; each published version carries all of them as the `runs` table.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow::array::{ArrayRef, Int32Array, StringArray, TimestampMillisecondArray, UInt64Array};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use arrow::record_batch::RecordBatch;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::files::FileRecord;
use super::summary::RunSummary;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InputFile {
    pub commune_code: String,
    pub kind: String,
    pub source_file: String,
    pub sha256: String,
    pub data_rows: u64,
    pub loaded: u64,
    pub superseded: u64,
    pub rejected: u64,
    #[serde(default)]
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub run_id: String,
    pub command: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `published`, `quality_threshold`, `warehouse_published_report_failed`
    /// or `failed`.
    pub status: String,
    pub exit_code: Option<i32>,
    pub error: Option<String>,
    pub inputs: Vec<InputFile>,
    /// What changed since the previous run (runs before this field have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<RunSummary>,
}

impl Manifest {
    /// Whether the run published a warehouse version.
    pub fn published(&self) -> bool {
        matches!(
            self.status.as_str(),
            "published" | "quality_threshold" | "warehouse_published_report_failed"
        )
    }

    pub fn start(command: &str) -> Manifest {
        let started_at = Utc::now();
        Manifest {
            run_id: format!(
                "{}-{}",
                started_at.format("%Y%m%dT%H%M%S%.3fZ"),
                std::process::id()
            ),
            command: command.to_string(),
            started_at,
            finished_at: None,
            status: "running".into(),
            exit_code: None,
            error: None,
            inputs: Vec::new(),
            summary: None,
        }
    }

    pub fn set_inputs(&mut self, files: &[FileRecord]) {
        self.inputs = files
            .iter()
            .map(|f| InputFile {
                commune_code: f.commune_code.clone(),
                kind: f.kind.as_str().to_string(),
                source_file: f.source_file.clone(),
                sha256: f.sha256.clone(),
                data_rows: f.data_rows,
                loaded: f.loaded,
                superseded: f.superseded,
                rejected: f.rejected,
                status: f.status.as_str().to_string(),
                error: f.error.clone(),
            })
            .collect();
    }

    pub fn finish(&mut self, status: &str, exit_code: i32, error: Option<String>) {
        self.finished_at = Some(Utc::now());
        self.status = status.into();
        self.exit_code = Some(exit_code);
        self.error = error;
    }

    /// Writes `.<warehouse>.runs/<run_id>.json`.
    pub fn save(&self, warehouse: &Path) -> Result<PathBuf> {
        let dir = manifests_dir(warehouse);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(crate::tr!("io-creating", path = dir.display()), e))?;
        let path = dir.join(format!("{}.json", self.run_id));
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| Error::Invariant(format!("run manifest: {e}")))?;
        std::fs::write(&path, text + "\n")
            .map_err(|e| Error::io(crate::tr!("io-writing", path = path.display()), e))?;
        Ok(path)
    }
}

pub fn manifests_dir(warehouse: &Path) -> PathBuf {
    super::sibling(warehouse, "runs")
}

/// Every saved manifest but `except`'s (unreadable ones are warned about).
fn saved(warehouse: &Path, except: &str) -> Vec<Manifest> {
    let mut runs = Vec::new();
    if let Ok(entries) = std::fs::read_dir(manifests_dir(warehouse)) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            match serde_json::from_str::<Manifest>(&text) {
                Ok(m) if m.run_id != except => runs.push(m),
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(file = %path.display(), "{}", crate::tr!("warn-manifest-unreadable", cause = e))
                }
            }
        }
    }
    runs
}

/// The newest saved run, whatever its outcome.
pub fn newest(warehouse: &Path) -> Option<Manifest> {
    saved(warehouse, "")
        .into_iter()
        .max_by_key(|m| m.started_at)
}

/// The newest run before `current` that published a warehouse version: what the
/// current run's changes are counted from.
pub fn previous_published(warehouse: &Path, current: &Manifest) -> Option<Manifest> {
    saved(warehouse, &current.run_id)
        .into_iter()
        .filter(|m| m.started_at < current.started_at)
        .filter(Manifest::published)
        .max_by_key(|m| m.started_at)
}

pub fn schema() -> SchemaRef {
    let ts = DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()));
    Arc::new(Schema::new(vec![
        Field::new("run_id", DataType::Utf8, false),
        Field::new("command", DataType::Utf8, false),
        Field::new("started_at", ts.clone(), false),
        Field::new("finished_at", ts, true),
        Field::new("status", DataType::Utf8, false),
        Field::new("exit_code", DataType::Int32, true),
        Field::new("inputs", DataType::UInt64, false),
        Field::new("loaded", DataType::UInt64, false),
        Field::new("superseded", DataType::UInt64, false),
        Field::new("rejected", DataType::UInt64, false),
        Field::new("error", DataType::Utf8, true),
        Field::new("new_files", DataType::UInt64, true),
        Field::new("changed_files", DataType::UInt64, true),
        Field::new("gone_files", DataType::UInt64, true),
        Field::new("not_delivered", DataType::Utf8, true),
        Field::new("changes", DataType::Utf8, true),
    ]))
}

/// Every saved manifest plus `current`, oldest first, as the `runs` table.
pub fn history_batch(warehouse: &Path, current: &Manifest) -> Result<RecordBatch> {
    let mut runs = saved(warehouse, &current.run_id);
    runs.push(current.clone());
    runs.sort_by_key(|r| r.started_at);
    let sum = |m: &Manifest, f: fn(&InputFile) -> u64| m.inputs.iter().map(f).sum::<u64>();
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            runs.iter().map(|r| r.run_id.as_str()),
        )),
        Arc::new(StringArray::from_iter_values(
            runs.iter().map(|r| r.command.as_str()),
        )),
        Arc::new(
            TimestampMillisecondArray::from_iter_values(
                runs.iter().map(|r| r.started_at.timestamp_millis()),
            )
            .with_timezone("UTC"),
        ),
        Arc::new(
            runs.iter()
                .map(|r| r.finished_at.map(|t| t.timestamp_millis()))
                .collect::<TimestampMillisecondArray>()
                .with_timezone("UTC"),
        ),
        Arc::new(StringArray::from_iter_values(
            runs.iter().map(|r| r.status.as_str()),
        )),
        Arc::new(runs.iter().map(|r| r.exit_code).collect::<Int32Array>()),
        Arc::new(UInt64Array::from_iter_values(
            runs.iter().map(|r| r.inputs.len() as u64),
        )),
        Arc::new(UInt64Array::from_iter_values(
            runs.iter().map(|r| sum(r, |f| f.loaded)),
        )),
        Arc::new(UInt64Array::from_iter_values(
            runs.iter().map(|r| sum(r, |f| f.superseded)),
        )),
        Arc::new(UInt64Array::from_iter_values(
            runs.iter().map(|r| sum(r, |f| f.rejected)),
        )),
        Arc::new(
            runs.iter()
                .map(|r| r.error.as_deref())
                .collect::<StringArray>(),
        ),
        Arc::new(count(&runs, |c| &c.new_files)),
        Arc::new(count(&runs, |c| &c.changed_files)),
        Arc::new(count(&runs, |c| &c.gone_files)),
        Arc::new(
            runs.iter()
                .map(|r| {
                    r.summary.as_ref().map(|s| {
                        s.not_delivered()
                            .map(|c| c.code.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                })
                .collect::<StringArray>(),
        ),
        Arc::new(
            runs.iter()
                .map(|r| r.summary.as_ref().map(|s| s.lines().join("\n")))
                .collect::<StringArray>(),
        ),
    ];
    Ok(RecordBatch::try_new(schema(), columns)?)
}

/// Files per run of one summary list; null for runs without a summary.
fn count(
    runs: &[Manifest],
    files: fn(&super::summary::CommuneDelivery) -> &Vec<String>,
) -> UInt64Array {
    runs.iter()
        .map(|r| r.summary.as_ref().map(|s| s.count(files)))
        .collect()
}
