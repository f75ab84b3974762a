//! `\d` and `\d TABLE` of the SQL shell: the tables and what their columns mean.

use std::io::Write;

use datafusion::execution::context::SessionContext;

use crate::error::{Error, Result};
use crate::i18n;
use crate::warehouse::schema::Table;

/// The other tables and views of a session, after the warehouse's.
const EXTRA: [&str; 6] = [
    "runs",
    "communes",
    "report_period",
    "data_dates",
    "dossiers_as_of",
    "dossiers_before_period",
];

/// What a column means (`col-<table>-<column>`, else `col-any-<column>` in the
/// catalogue); empty when the catalogue says nothing.
fn column_doc(table: &str, column: &str) -> String {
    for id in [format!("col-{table}-{column}"), format!("col-any-{column}")] {
        if i18n::has(i18n::lang(), &id) {
            return i18n::message(&id, None);
        }
    }
    String::new()
}

/// The warehouse's tables and views, then the session's others (`--attach`).
pub async fn tables(ctx: &SessionContext, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io(crate::tr!("io-output"), e);
    let known: Vec<&str> = Table::ALL.iter().map(|t| t.name()).chain(EXTRA).collect();
    for name in &known {
        let what = i18n::message(&format!("table-{name}"), None);
        writeln!(out, "{name:<23} {what}").map_err(io)?;
    }
    let mut others: Vec<String> = ctx
        .catalog("datafusion")
        .and_then(|c| c.schema("public"))
        .map(|s| s.table_names())
        .unwrap_or_default();
    others.retain(|n| !known.contains(&n.as_str()));
    others.sort();
    for name in others {
        writeln!(out, "{name:<23} {}", crate::tr!("table-attached")).map_err(io)?;
    }
    Ok(())
}

pub async fn table(ctx: &SessionContext, name: &str, out: &mut dyn Write) -> Result<()> {
    let io = |e| Error::io(crate::tr!("io-output"), e);
    let provider = ctx
        .table_provider(name)
        .await
        .map_err(|_| Error::Usage(crate::tr!("shell-no-table", name = name)))?;
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
            if f.is_nullable() {
                String::new()
            } else {
                format!(" ({})", crate::tr!("shell-never-null"))
            }
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
