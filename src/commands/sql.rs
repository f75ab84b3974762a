//! `sql`: ad hoc, read-only SQL over the warehouse — one-shot, from a file, piped on
//! stdin, or the interactive shell when stdin is a terminal.

use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::config::limits::QueryLimits;
use crate::engine::interrupt::Interrupt;
use crate::engine::{self, limits, reader::Reader};
use crate::error::{Error, ExitStatus, Result};
use crate::query::attach::{self, Attach};
use crate::query::format::{self, Display, Format};
use crate::query::{execute, plan_statements, shell};

pub struct SqlArgs<'a> {
    pub query: Option<&'a str>,
    pub file: Option<&'a Path>,
    pub format: Format,
    pub output: Option<&'a Path>,
    pub max_rows: usize,
    pub limits: QueryLimits,
    pub attach: &'a [Attach],
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
    let attached = attach::load(args.attach)?;
    let setup: engine::reader::Setup = Arc::new(move |ctx| {
        for a in &attached {
            a.register(ctx)?;
        }
        Ok(())
    });
    let reader = Reader::new(config.clone(), limits::runtime(&args.limits)?, Some(setup));
    let display = Display {
        format: args.format,
        max_rows: args.max_rows,
        expanded: false,
    };
    let Some(text) = text else {
        shell::run(&reader, display, &args.limits, out).await?;
        return Ok(ExitStatus::Success);
    };
    // One version for every statement, kept until the last row is written.
    let pinned = reader.pin().await?;
    let interrupt = Interrupt::new(args.limits.time);
    let ctx = pinned.context(&interrupt);
    limits::within(&args.limits, async {
        let plans = plan_statements(&ctx, &text).await?;
        match args.output {
            Some(path) => {
                let [plan] = <[_; 1]>::try_from(plans)
                    .map_err(|_| Error::Usage(crate::tr!("sql-output-one-statement")))?;
                let w = &config.warehouse;
                let protected = [
                    w.clone(),
                    crate::warehouse::sibling(w, "versions"),
                    crate::warehouse::sibling(w, "cache"),
                    crate::warehouse::sibling(w, "runs"),
                    config.reports.clone(),
                ];
                format::write_file(path, execute(&ctx, plan).await?, &protected).await
            }
            None => {
                for plan in plans {
                    format::write_stream(out, display, execute(&ctx, plan).await?).await?;
                }
                Ok(())
            }
        }
    })
    .await?;
    out.flush()
        .map_err(|e| Error::io(crate::tr!("io-result"), e))?;
    Ok(ExitStatus::Success)
}
