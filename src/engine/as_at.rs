//! Figures true at the date they claim. For a day D, each dossier's state "as at D":
//!
//! 1. its earliest row from an export dated on or after D, rolled back to D by its
//!    dates: not received yet if received after D; still processing if completed
//!    after D (and overdue if due before D);
//! 2. a commune with no export dated on or after D is counted at its newest export
//!    date S instead: states as exported on S, only dossiers received by S;
//! 3. the commune's data date is D, or S under rule 2.
//!
//! A dossier that no export on or after the data date holds keeps its newest row
//! before it; only rows received by the data date are ranked (a dossier whose
//! received date differs between exports is judged by the rows that say it was
//! received by then), which keeps the ranking small. Where a commune's data date is its newest export (the usual case), the
//! answer is the `dossiers` table (newest snapshot wins) itself, so only communes
//! counted at a past date pay for ranking `dossier_history`.
//!
//! The rule is registered as views, so the report's queries and ad hoc SQL share it:
//! `data_dates` and `dossiers_as_of` at `as_of()`, and `dossiers_before_period` at the
//! day before `period_start()` (what a period inherits from the one before).

use datafusion::execution::context::SessionContext;

use crate::error::Result;

/// The columns of a dossier row, in `dossiers` order (without `commune_code`).
const COLUMNS: [&str; 14] = [
    "commune",
    "dossier_id",
    "procedure_code",
    "procedure_name",
    "field",
    "channel",
    "received_date",
    "due_date",
    "completed_date",
    "status",
    "timeliness",
    "snapshot_date",
    "source_file",
    "source_line",
];

/// Per commune with a dossier export: its newest export (an empty one counts: the
/// commune received nothing more) and its data date at `day`. A shared export's own
/// line (its unknown-commune rejects) is not a commune's.
fn data_dates(day: &str) -> String {
    format!(
        "SELECT commune_code, newest_export, \
                CASE WHEN newest_export >= {day} THEN {day} ELSE newest_export END \
                    AS data_date \
         FROM (SELECT commune_code, max(snapshot_date) AS newest_export FROM files \
               WHERE kind = 'dossiers' AND status = 'loaded' \
                 AND (data_rows = 0 OR data_rows > rejected) \
                 AND commune_code IN (SELECT commune_code FROM communes) \
               GROUP BY commune_code)"
    )
}

/// Every dossier as at `day`, with its commune's `data_date`.
fn dossiers_as_at(day: &str) -> String {
    let cols = |prefix: &str| {
        COLUMNS
            .iter()
            .map(|c| format!("{prefix}{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (d, h, bare) = (cols("d."), cols("h."), cols(""));
    let dd = data_dates(day);
    format!(
        "WITH dd AS ({dd}),
         current_rows AS (
             SELECT d.commune_code, {d}, dd.data_date
             FROM dossiers d JOIN dd ON d.commune_code = dd.commune_code
             -- every data date is on or before {day}: said of the column itself,
             -- the bound reaches the Parquet scan and prunes row groups before the join
             WHERE dd.data_date = dd.newest_export AND d.received_date <= {day}
         ),
         ranked AS (
             SELECT h.commune_code, {h}, dd.data_date,
                 row_number() OVER (
                     PARTITION BY h.commune_code, h.dossier_id
                     ORDER BY CASE WHEN h.snapshot_date >= dd.data_date THEN 0 ELSE 1 END,
                              CASE WHEN h.snapshot_date >= dd.data_date
                                   THEN h.snapshot_date END,
                              h.snapshot_date DESC, h.source_file DESC, h.source_line DESC
                 ) AS pick
             FROM dossier_history h JOIN dd ON h.commune_code = dd.commune_code
             -- only rows received by the data date are ranked: a dossier not yet
             -- received then is not counted, and ranking the rest would cost memory
             WHERE dd.data_date < dd.newest_export AND h.received_date <= dd.data_date
               AND h.received_date <= {day}
         ),
         picked AS (
             SELECT commune_code, {bare}, data_date FROM current_rows
             UNION ALL
             SELECT commune_code, {bare}, data_date FROM ranked WHERE pick = 1
         )
         SELECT commune_code, commune, dossier_id, procedure_code, procedure_name, field,
                channel, received_date, due_date,
                CASE WHEN completed_date > data_date THEN NULL ELSE completed_date END
                    AS completed_date,
                CASE WHEN completed_date > data_date THEN 'processing' ELSE status END
                    AS status,
                CASE WHEN completed_date > data_date THEN NULL ELSE timeliness END
                    AS timeliness,
                snapshot_date, source_file, source_line, data_date
         FROM picked
         WHERE received_date <= data_date"
    )
}

/// Registers `data_dates`, `dossiers_as_of` and `dossiers_before_period` on a
/// session that has the warehouse tables and the period functions.
pub async fn register(ctx: &SessionContext) -> Result<()> {
    let day_before = "CAST(period_start() - INTERVAL '1 day' AS DATE)";
    for (name, sql) in [
        ("data_dates", data_dates("as_of()")),
        ("dossiers_as_of", dossiers_as_at("as_of()")),
        ("dossiers_before_period", dossiers_as_at(day_before)),
    ] {
        let plan = ctx.state().create_logical_plan(&sql).await?;
        ctx.register_table(
            name,
            std::sync::Arc::new(datafusion::datasource::ViewTable::new(plan, Some(sql))),
        )?;
    }
    // Several report sections read `dossiers_as_of`; where a commune is counted at a
    // past date its rows come from ranking history, so they are computed once.
    let past = ctx
        .sql("SELECT count(*) AS n FROM data_dates WHERE data_date < newest_export")
        .await?
        .collect()
        .await?;
    let any_past = past.first().is_some_and(|b| {
        b.column(0)
            .as_any()
            .downcast_ref::<arrow::array::Int64Array>()
            .is_some_and(|a| a.len() == 1 && a.value(0) > 0)
    });
    if any_past {
        let cached = ctx.table("dossiers_as_of").await?.cache().await?;
        ctx.deregister_table("dossiers_as_of")?;
        ctx.register_table("dossiers_as_of", cached.into_view())?;
    }
    Ok(())
}
