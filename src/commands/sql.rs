//! `sql`: ad hoc, read-only SQL over the warehouse (one-shot or from stdin).

use std::io::{Read, Write};
use std::path::Path;

use datafusion::sql::parser::DFParser;

use crate::config::Config;
use crate::engine;
use crate::error::{Error, ExitStatus, Result};
use crate::query::format::{self, Format};

pub async fn sql(
    config: &Config,
    query: Option<&str>,
    format: Format,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let text = match query {
        Some(q) => q.to_string(),
        None => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .map_err(|e| Error::io("reading SQL from stdin", e))?;
            s
        }
    };
    let ctx = engine::session(config).await?;
    let as_of = match config.as_of {
        Some(d) => d,
        None => engine::newest_snapshot(&ctx)
            .await?
            .unwrap_or(config.period_start),
    };
    engine::register_period(&ctx, config.period_start, as_of)?;
    let statements = DFParser::parse_sql(&text).map_err(|e| Error::Usage(format!("SQL: {e}")))?;
    if statements.is_empty() {
        return Err(Error::Usage("no SQL given".into()));
    }
    let mut file;
    let sink: &mut dyn Write = match output {
        Some(path) => {
            file = std::fs::File::create(path)
                .map_err(|e| Error::io(format!("creating {}", path.display()), e))?;
            &mut file
        }
        None => out,
    };
    for statement in statements {
        let plan = ctx.state().statement_to_plan(statement).await?;
        engine::read_only().verify_plan(&plan).map_err(|e| {
            Error::Usage(format!(
                "{e} (the warehouse is read-only: only queries are allowed)"
            ))
        })?;
        let batches = ctx.execute_logical_plan(plan).await?.collect().await?;
        format::write(sink, format, &batches)?;
    }
    sink.flush()
        .map_err(|e| Error::io("writing the result", e))?;
    Ok(ExitStatus::Success)
}
