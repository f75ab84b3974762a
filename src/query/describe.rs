//! `\d` and `\d TABLE` of the SQL shell: the tables and what their columns mean.

use std::io::Write;

use datafusion::execution::context::SessionContext;

use crate::error::{Error, Result};
use crate::warehouse::schema::{Table, column_doc};

const EXTRA: [(&str, &str); 3] = [
    (
        "runs",
        "one row per run: when, status, exit code, inputs, rows",
    ),
    ("communes", "the communes of the config, in config order"),
    ("report_period", "one row: the period the report counts"),
];

pub async fn tables(out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("writing", e);
    for t in Table::ALL {
        writeln!(out, "{:<14} {}", t.name(), t.describe()).map_err(io)?;
    }
    for (name, what) in EXTRA {
        writeln!(out, "{name:<14} {what}").map_err(io)?;
    }
    Ok(())
}

pub async fn table(ctx: &SessionContext, name: &str, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io("writing", e);
    let provider = ctx
        .table_provider(name)
        .await
        .map_err(|_| Error::Usage(format!("no table {name:?}; \\d lists the tables")))?;
    let schema = provider.schema();
    let width = schema
        .fields()
        .iter()
        .map(|f| f.name().len())
        .max()
        .unwrap_or(0);
    for f in schema.fields() {
        writeln!(
            out,
            "{:<width$}  {:<8} {}{}",
            f.name(),
            short_type(f.data_type()),
            column_doc(name, f.name()),
            if f.is_nullable() { "" } else { " (never null)" }
        )
        .map_err(io)?;
    }
    Ok(())
}

fn short_type(t: &arrow::datatypes::DataType) -> String {
    use arrow::datatypes::DataType::*;
    match t {
        Utf8 | LargeUtf8 | Utf8View => "text".into(),
        Date32 => "date".into(),
        UInt64 | Int64 => "integer".into(),
        Float64 => "double".into(),
        other => other.to_string(),
    }
}
