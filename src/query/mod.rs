//! The SQL files of `queries/`: loading them in name order and running them
//! read-only. Each file is one statement and becomes one report section.

pub mod describe;
pub mod format;
pub mod shell;

use std::path::{Path, PathBuf};

use arrow::record_batch::RecordBatch;
use datafusion::execution::context::SessionContext;
use datafusion::sql::parser::DFParser;

use crate::engine;
use crate::error::{Error, Result};

#[derive(Debug, Clone)]
pub struct QueryFile {
    pub path: PathBuf,
    /// File stem, e.g. `10_summary`: the section's id.
    pub id: String,
    /// From a leading `-- title:` comment, else the file name.
    pub title: String,
    pub sql: String,
}

/// Every `*.sql` file of `dir`, sorted by name.
pub fn load(dir: &Path) -> Result<Vec<QueryFile>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Error::io(
            format!(
                "reading the queries folder {} (paths.queries in the config)",
                dir.display()
            ),
            e,
        )
    })?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| Error::io(format!("listing {}", dir.display()), e))?
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
                .map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
            let id = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let title = title_of(&sql).unwrap_or_else(|| id.clone());
            Ok(QueryFile {
                path,
                id,
                title,
                sql,
            })
        })
        .collect()
}

fn title_of(sql: &str) -> Option<String> {
    sql.lines()
        .map(str::trim)
        .take_while(|l| l.starts_with("--") || l.is_empty())
        .find_map(|l| {
            let rest = l.trim_start_matches('-').trim();
            rest.strip_prefix("title:")
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
    let df = ctx
        .sql_with_options(&query.sql, engine::read_only())
        .await
        .map_err(named)?;
    df.collect().await.map_err(named)
}

/// Runs every statement of `sql` read-only, in order: one result per statement.
/// Anything but a query (DDL, DML, `SET`, `COPY`) is refused before it runs.
pub async fn run_statements(ctx: &SessionContext, sql: &str) -> Result<Vec<Vec<RecordBatch>>> {
    let statements = DFParser::parse_sql(sql).map_err(|e| Error::Usage(format!("SQL: {e}")))?;
    if statements.is_empty() {
        return Err(Error::Usage("no SQL given".into()));
    }
    let mut results = Vec::with_capacity(statements.len());
    for statement in statements {
        let plan = ctx.state().statement_to_plan(statement).await?;
        engine::read_only().verify_plan(&plan).map_err(|e| {
            Error::Usage(format!(
                "{e} (the warehouse is read-only: only queries are allowed)"
            ))
        })?;
        results.push(ctx.execute_logical_plan(plan).await?.collect().await?);
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_comes_from_the_leading_comment() {
        assert_eq!(
            title_of("-- title: Hồ sơ trễ hạn\nSELECT 1").as_deref(),
            Some("Hồ sơ trễ hạn")
        );
        assert_eq!(
            title_of("-- just a note\n\n--title:X\nSELECT 1").as_deref(),
            Some("X")
        );
        assert_eq!(title_of("SELECT 1 -- title: no"), None);
    }
}
