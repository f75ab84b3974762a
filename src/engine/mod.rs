//! The one place a query engine session is built: DataFusion over the published
//! warehouse version, plus the small tables derived from the config.
//! Swapping the engine means changing this module and `query`, nothing else.

mod as_at;
pub mod interrupt;
pub mod limits;
pub mod reader;

use std::path::Path;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, Date32Array, Int64Array, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::record_batch::RecordBatch;
use chrono::NaiveDate;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::listing::ListingOptions;
use datafusion::execution::SessionStateBuilder;
use datafusion::execution::cache::cache_manager::CacheManagerConfig;
use datafusion::execution::context::{SQLOptions, SessionConfig, SessionContext};
use datafusion::execution::runtime_env::{RuntimeEnv, RuntimeEnvBuilder};
use datafusion::logical_expr::{ColumnarValue, Volatility, create_udf};
use datafusion::scalar::ScalarValue;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::warehouse::batches::days;
use crate::warehouse::lease::{self, Lease};
use crate::warehouse::schema::{PARTITION_COLUMN, Table};

/// A session over the warehouse version folder `root` (resolved and leased by the
/// caller, see [`pin`]: `run` checks its report on a version before publishing it).
pub async fn session_at(config: &Config, root: &Path) -> Result<SessionContext> {
    session_in(config, root, None).await
}

/// As [`session_at`], with queries drawing memory from `runtime`'s pool when given.
pub async fn session_in(
    config: &Config,
    root: &Path,
    runtime: Option<Arc<RuntimeEnv>>,
) -> Result<SessionContext> {
    let session_config = SessionConfig::new()
        .with_target_partitions(config.threads)
        .with_information_schema(true);
    let runtime = match runtime {
        Some(runtime) => runtime,
        None => RuntimeEnvBuilder::new()
            .with_cache_manager(caches())
            .build_arc()?,
    };
    let ctx = SessionContext::new_with_state(
        SessionStateBuilder::new()
            .with_config(session_config)
            .with_runtime_env(runtime)
            .with_default_features()
            .build(),
    );
    let root = root.to_path_buf();
    for table in Table::ALL {
        if !root.join(table.name()).is_dir() {
            return Err(Error::Usage(crate::tr!(
                "warehouse-old",
                path = config.warehouse.display(),
                table = table.name()
            )));
        }
        register(&ctx, &root, table.name(), table.file_schema(), true).await?;
    }
    register(&ctx, &root, "runs", crate::warehouse::runs::schema(), false).await?;
    hold_in_memory(&ctx, Table::Files.name()).await?;
    ctx.register_batch("communes", owners_batch(&config.communes, 0)?)?;
    // Shared exports own the rejects of rows naming no known commune.
    ctx.register_batch(
        "sources",
        owners_batch(&config.sources, config.communes.len())?,
    )?;
    Ok(ctx)
}

/// What a session keeps between its queries. A report runs a dozen queries over the
/// same files; with thousands of communes (a Parquet file per input file and commune)
/// DataFusion's default limits (50 MiB of footers, 1 MiB of listings) are smaller
/// than one query's files, and every query read every footer again.
pub fn caches() -> CacheManagerConfig {
    CacheManagerConfig::default()
        .with_metadata_cache_limit(512 << 20)
        .with_file_statistics_cache_limit(128 << 20)
        .with_list_files_cache_limit(32 << 20)
}

/// Replaces the listing table `name` by its rows in memory. For `files` (one row per
/// input file, but one Parquet file per commune), which every figure reads twice
/// through `data_dates`: at 3,321 communes opening its files took seconds per query.
/// A `MemTable`, not a view of a cached frame: clients listing tables (psql's `\dt`,
/// DBeaver) still see a base table.
async fn hold_in_memory(ctx: &SessionContext, name: &str) -> Result<()> {
    let frame = ctx.table(name).await?;
    let schema = Arc::new(frame.schema().as_arrow().clone());
    let batches = frame.collect().await?;
    let held = datafusion::datasource::MemTable::try_new(schema, vec![batches])?;
    ctx.deregister_table(name)?;
    ctx.register_table(name, Arc::new(held))?;
    Ok(())
}

/// The version folder the link (or folder) at `warehouse` points to now, leased:
/// sessions opened on it read that version, whatever runs publish meanwhile, and no
/// publish removes it while the lease is held.
pub fn pin(warehouse: &Path) -> Result<Lease> {
    lease::acquire(warehouse)
}

/// `root/<name>/` as a Parquet table, Hive-partitioned by commune when `partitioned`.
async fn register(
    ctx: &SessionContext,
    root: &Path,
    name: &str,
    schema: arrow::datatypes::SchemaRef,
    partitioned: bool,
) -> Result<()> {
    let mut options =
        ListingOptions::new(Arc::new(ParquetFormat::default())).with_file_extension(".parquet");
    if partitioned {
        options =
            options.with_table_partition_cols(vec![(PARTITION_COLUMN.to_string(), DataType::Utf8)]);
    }
    let url = format!("file://{}/", root.join(name).display());
    ctx.register_listing_table(name, url, options, Some(schema), None)
        .await?;
    Ok(())
}

/// `communes` or `sources`: code, name and position in the config (sources after
/// the communes).
fn owners_batch(c: &[crate::config::Commune], first: usize) -> Result<RecordBatch> {
    let schema = Arc::new(Schema::new(vec![
        Field::new("commune_code", DataType::Utf8, false),
        Field::new("commune", DataType::Utf8, false),
        Field::new("position", DataType::Int64, false),
        // The group the report subtotals (`report.group_by`, a commune's `group`).
        Field::new("commune_group", DataType::Utf8, true),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(
            c.iter().map(|c| c.code.as_str()),
        )),
        Arc::new(StringArray::from_iter_values(
            c.iter().map(|c| c.name.as_str()),
        )),
        Arc::new(Int64Array::from_iter_values(
            (first..first + c.len()).map(|i| i as i64),
        )),
        Arc::new(StringArray::from_iter(c.iter().map(|c| c.group.as_deref()))),
    ];
    Ok(RecordBatch::try_new(schema, columns)?)
}

/// Registers the period two ways: the functions `period_start()` and `as_of()`, which
/// the planner folds into constants (so filters on them reach the Parquet scan and
/// prune by statistics), and the one-row table `report_period(period_start, as_of)`
/// for ad hoc queries that want to show it.
///
/// With the period come the views of figures as at a date (see [`as_at`]).
pub async fn register_period(
    ctx: &SessionContext,
    start: NaiveDate,
    as_of: NaiveDate,
) -> Result<()> {
    for (name, date) in [("period_start", start), ("as_of", as_of)] {
        let value = ScalarValue::Date32(Some(days(date)));
        ctx.register_udf(create_udf(
            name,
            Vec::new(),
            DataType::Date32,
            Volatility::Immutable,
            Arc::new(move |_| Ok(ColumnarValue::Scalar(value.clone()))),
        ));
    }
    let schema = Arc::new(Schema::new(vec![
        Field::new("period_start", DataType::Date32, false),
        Field::new("as_of", DataType::Date32, false),
    ]));
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Date32Array::from(vec![days(start)])),
        Arc::new(Date32Array::from(vec![days(as_of)])),
    ];
    ctx.register_batch("report_period", RecordBatch::try_new(schema, columns)?)?;
    as_at::register(ctx).await
}

/// Only queries: no DDL, no DML, no `SET` or other statements.
pub fn read_only() -> SQLOptions {
    SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
}

/// The newest snapshot date among the dossier exports: the default `as_of`.
pub async fn newest_snapshot(ctx: &SessionContext) -> Result<Option<NaiveDate>> {
    let batches = ctx
        .sql("SELECT max(snapshot_date) AS d FROM dossiers")
        .await?
        .collect()
        .await?;
    let value = batches
        .first()
        .filter(|b| b.num_rows() > 0)
        .and_then(|b| b.column(0).as_any().downcast_ref::<Date32Array>().cloned())
        .filter(|a| a.is_valid(0))
        .and_then(|a| a.value_as_date(0));
    Ok(value)
}
