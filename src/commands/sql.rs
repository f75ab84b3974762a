//! `sql`: ad hoc, read-only SQL over the warehouse — one-shot, from a file, piped on
//! stdin, or the interactive shell when stdin is a terminal.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;

use crate::config::Config;
use crate::engine;
use crate::error::{Error, ExitStatus, Result};
use crate::query::format::{self, Format};
use crate::query::{run_statements, shell};

pub struct SqlArgs<'a> {
    pub query: Option<&'a str>,
    pub file: Option<&'a Path>,
    pub format: Format,
    pub output: Option<&'a Path>,
    pub max_rows: usize,
}

pub async fn sql(config: &Config, args: SqlArgs<'_>, out: &mut dyn Write) -> Result<ExitStatus> {
    // The SQL is read (and a bad -f refused) before the warehouse is opened; None:
    // the interactive shell.
    let text = match (args.query, args.file) {
        (Some(_), Some(_)) => {
            return Err(Error::Usage(crate::tr!("sql-query-and-file")));
        }
        (Some(q), None) => Some(q.to_string()),
        (None, Some(f)) => Some(crate::text::read_small(f, 16 << 20).map_err(Error::Usage)?),
        (None, None) if std::io::stdin().is_terminal() && args.output.is_none() => None,
        (None, None) => {
            let mut s = String::new();
            std::io::stdin()
                .take(16 << 20)
                .read_to_string(&mut s)
                .map_err(|e| Error::io(crate::tr!("io-stdin"), e))?;
            Some(s)
        }
    };
    let ctx = engine::session(config).await?;
    let as_of = match config.as_of {
        Some(d) => d,
        None => engine::newest_snapshot(&ctx)
            .await?
            .unwrap_or(config.period_start),
    };
    engine::register_period(&ctx, config.period_start, as_of).await?;
    let Some(text) = text else {
        shell::run(&ctx, args.format, args.max_rows, out).await?;
        return Ok(ExitStatus::Success);
    };
    let results = run_statements(&ctx, &text).await?;
    match args.output {
        Some(path) => {
            let all: Vec<_> = results.into_iter().flatten().collect();
            let w = &config.warehouse;
            let protected = [
                w.clone(),
                crate::warehouse::sibling(w, "versions"),
                crate::warehouse::sibling(w, "cache"),
                crate::warehouse::sibling(w, "runs"),
                config.reports.clone(),
            ];
            format::write_file(path, &all, &protected)?;
        }
        None => {
            for batches in &results {
                format::write(out, args.format, batches, args.max_rows)?;
            }
        }
    }
    out.flush()
        .map_err(|e| Error::io(crate::tr!("io-result"), e))?;
    Ok(ExitStatus::Success)
}
