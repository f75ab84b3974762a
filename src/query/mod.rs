//! The report's SQL: the built-in query files merged with those of a `queries/`
//! folder, and running them read-only. Each file is one statement and becomes one
//! report section.

pub mod attach;
pub mod bundled;
pub mod describe;
pub mod format;
pub mod hints;
pub mod read_only;
pub mod shell;
pub mod table;

use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use datafusion::execution::SendableRecordBatchStream;
use datafusion::execution::context::SessionContext;
use datafusion::logical_expr::LogicalPlan;
use datafusion::sql::parser::DFParser;
use serde::Serialize;

use crate::engine;
use crate::error::{Error, Result};

/// Where a query file or template of the report came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Compiled into the binary.
    BuiltIn,
    /// The `queries/` folder beside the config.
    Folder,
}

#[derive(Debug, Clone)]
pub struct QueryFile {
    /// File name, such as `NN_name.sql`.
    pub file: String,
    /// Where errors point: the file in the folder, or the built-in's name.
    pub path: PathBuf,
    pub origin: Origin,
    /// File stem (`NN_name`): the section's id.
    pub id: String,
    /// From a leading `-- title:` comment, else the file name.
    pub title: String,
    /// From a leading `-- role:` comment: what the code finds the section by
    /// (`summary`, `late_by_field`), whatever the file is called.
    pub role: Option<String>,
    /// From a leading `-- sheet:` comment: the section's short name (a workbook
    /// sheet's, at most 31 characters), else derived from the title.
    pub sheet: Option<String>,
    pub sql: String,
}

impl QueryFile {
    fn new(file: String, path: PathBuf, origin: Origin, sql: String) -> QueryFile {
        let id = file.strip_suffix(".sql").unwrap_or(&file).to_string();
        QueryFile {
            title: header_value(&sql, "title").unwrap_or_else(|| id.clone()),
            role: header_value(&sql, "role"),
            sheet: header_value(&sql, "sheet"),
            file,
            path,
            origin,
            id,
            sql,
        }
    }
}

/// The built-in query files, in name order.
pub fn built_in() -> Vec<QueryFile> {
    bundled::QUERIES
        .iter()
        .map(|(file, sql)| {
            QueryFile::new(
                file.to_string(),
                PathBuf::from(format!("(built-in) {file}")),
                Origin::BuiltIn,
                sql.to_string(),
            )
        })
        .collect()
}

/// The report's query files in name order: the built-in ones, where `folder` (if
/// any) adds its own `*.sql` files; a folder file replaces the built-in one of the
/// same file name, or of the same role. An unedited copy written by `init` is left
/// out, so the current built-in serves.
pub fn load(folder: Option<&Path>) -> Result<Vec<QueryFile>> {
    let mut queries = built_in();
    let Some(dir) = folder else {
        return Ok(queries);
    };
    let own = load_folder(dir)?;
    for (i, q) in own.iter().enumerate() {
        if let Some(role) = &q.role
            && let Some(other) = own[..i].iter().find(|o| o.role.as_ref() == Some(role))
        {
            return Err(Error::File {
                path: q.path.clone(),
                message: crate::tr!("query-role-twice", role = role, other = other.file),
            });
        }
    }
    queries.retain(|b| {
        !own.iter()
            .any(|q| q.file == b.file || (q.role.is_some() && q.role == b.role))
    });
    queries.extend(own);
    queries.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(queries)
}

/// Every `*.sql` file of `dir`.
fn load_folder(dir: &Path) -> Result<Vec<QueryFile>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::io(crate::tr!("io-queries-folder", path = dir.display()), e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Error::io(crate::tr!("io-listing", path = dir.display()), e))?
            .path();
        if path.extension().is_some_and(|e| e == "sql") && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let sql = std::fs::read_to_string(&path)
                .map_err(|e| Error::io(crate::tr!("io-reading", path = path.display()), e))?;
            let file = path
                .file_name()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok((sql, file, path))
        })
        .filter(|r| match r {
            // An unedited `init` copy: the current built-in serves instead.
            Ok((sql, _, path)) if bundled::is_unedited_copy(sql) => {
                tracing::debug!(file = %path.display(), "unedited copy: the built-in is used");
                false
            }
            _ => true,
        })
        .map(|r| r.map(|(sql, file, path)| QueryFile::new(file, path, Origin::Folder, sql)))
        .collect()
}

/// The value of a `-- key: value` line in the file's leading comment block.
fn header_value(sql: &str, key: &str) -> Option<String> {
    sql.lines()
        .map(str::trim)
        .take_while(|l| l.starts_with("--") || l.is_empty())
        .find_map(|l| {
            let rest = l.trim_start_matches('-').trim();
            rest.strip_prefix(key)
                .and_then(|r| r.strip_prefix(':'))
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
        })
}

/// Runs one query file read-only; errors name the file.
pub async fn run(ctx: &SessionContext, query: &QueryFile) -> Result<Vec<RecordBatch>> {
    let named = |e: datafusion::error::DataFusionError| Error::File {
        path: query.path.clone(),
        message: e.to_string(),
    };
    let started = std::time::Instant::now();
    let df = ctx
        .sql_with_options(&query.sql, engine::read_only())
        .await
        .map_err(named)?;
    let batches = df.collect().await.map_err(named)?;
    tracing::debug!(query = %query.id, ms = started.elapsed().as_millis(), "query ran");
    Ok(batches)
}

/// Plans every statement of `sql` read-only, in order: one plan per statement.
/// Every statement is checked before any runs: anything but a query (or `EXPLAIN`
/// of one) — DDL, DML, `SET`, `COPY`, transactions, `WITH … INSERT` — is refused
/// (exit 2) and nothing executes.
pub async fn plan_statements(ctx: &SessionContext, sql: &str) -> Result<Vec<LogicalPlan>> {
    let statements =
        DFParser::parse_sql(sql).map_err(|e| Error::Usage(hints::parser_error(&e.to_string())))?;
    if statements.is_empty() {
        return Err(Error::Usage(crate::tr!("sql-empty")));
    }
    for (i, statement) in statements.iter().enumerate() {
        if !read_only::is_query(statement) {
            return Err(Error::Usage(crate::tr!(
                "sql-not-a-query",
                n = i + 1,
                words = first_words(&statement.to_string())
            )));
        }
    }
    let mut plans = Vec::with_capacity(statements.len());
    for statement in statements {
        let plan = match ctx.state().statement_to_plan(statement).await {
            Ok(plan) => plan,
            Err(e) => {
                let message = e.to_string();
                let tables = ctx
                    .catalog("datafusion")
                    .and_then(|c| c.schema("public"))
                    .map(|s| s.table_names())
                    .unwrap_or_default();
                return Err(match hints::table_not_found(&message, &tables) {
                    Some(hint) => Error::Usage(hint),
                    None => e.into(),
                });
            }
        };
        engine::read_only()
            .verify_plan(&plan)
            .map_err(|e| Error::Usage(crate::tr!("sql-read-only", cause = e)))?;
        plans.push(plan);
    }
    for (column, text, values) in hints::coded_comparisons(sql) {
        tracing::warn!(
            "{}",
            crate::tr!(
                "warn-coded-comparison",
                column = column,
                values = values.join(", "),
                text = text
            )
        );
    }
    Ok(plans)
}

/// Starts a planned query: its rows come as the stream is read, and dropping the
/// stream stops it.
pub async fn execute(ctx: &SessionContext, plan: LogicalPlan) -> Result<SendableRecordBatchStream> {
    Ok(ctx
        .execute_logical_plan(plan)
        .await?
        .execute_stream()
        .await?)
}

fn first_words(sql: &str) -> String {
    let words: Vec<&str> = sql.split_whitespace().take(4).collect();
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_role_come_from_the_leading_comment() {
        assert_eq!(
            header_value("-- title: Hồ sơ trễ hạn\nSELECT 1", "title").as_deref(),
            Some("Hồ sơ trễ hạn")
        );
        assert_eq!(
            header_value("-- just a note\n\n--title:X\nSELECT 1", "title").as_deref(),
            Some("X")
        );
        assert_eq!(header_value("SELECT 1 -- title: no", "title"), None);
        let q = "-- title: T\n-- role: summary\nSELECT 1";
        assert_eq!(header_value(q, "role").as_deref(), Some("summary"));
        assert_eq!(header_value("-- roles: x\nSELECT 1", "role"), None);
    }

    #[test]
    fn every_built_in_query_has_a_title_and_the_roles_the_report_needs() {
        let queries = built_in();
        assert!(!queries.is_empty());
        for q in &queries {
            assert_ne!(q.title, q.id, "{} has no -- title:", q.file);
        }
        for role in ["summary", "late_by_field"] {
            let n = queries
                .iter()
                .filter(|q| q.role.as_deref() == Some(role))
                .count();
            assert_eq!(n, 1, "role {role}");
        }
    }

    #[test]
    fn a_folder_adds_files_and_replaces_by_name_or_role() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = built_in().pop().expect("a built-in query");
        // Same name as a built-in: replaces it.
        std::fs::write(dir.path().join(&first.file), "-- title: Mine\nSELECT 1").expect("w");
        // The summary under another name: replaces the built-in summary.
        std::fs::write(
            dir.path().join("99_my_summary.sql"),
            "-- title: S\n-- role: summary\nSELECT 2",
        )
        .expect("w");
        std::fs::write(dir.path().join("98_extra.sql"), "SELECT 3").expect("w");
        std::fs::write(dir.path().join("notes.txt"), "not a query").expect("w");
        let merged = load(Some(dir.path())).expect("load");
        let replaced = merged.iter().find(|q| q.file == first.file).expect("first");
        assert_eq!(
            (replaced.origin, replaced.title.as_str()),
            (Origin::Folder, "Mine")
        );
        let summaries: Vec<_> = merged
            .iter()
            .filter(|q| q.role.as_deref() == Some("summary"))
            .map(|q| q.file.as_str())
            .collect();
        assert_eq!(summaries, ["99_my_summary.sql"]);
        assert!(merged.iter().any(|q| q.file == "98_extra.sql"));
        assert_eq!(merged.len(), built_in().len() + 1);
        let mut names: Vec<_> = merged.iter().map(|q| q.file.clone()).collect();
        names.sort();
        assert_eq!(
            names,
            merged.iter().map(|q| q.file.clone()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn two_folder_files_with_one_role_are_an_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in ["a.sql", "b.sql"] {
            std::fs::write(dir.path().join(f), "-- role: summary\nSELECT 1").expect("w");
        }
        let err = load(Some(dir.path())).expect_err("two summaries");
        assert!(err.to_string().contains("a.sql"), "{err}");
    }
}
