//! The limits of ad hoc queries made real: a memory pool every query of the process
//! draws from (sorts, joins and aggregates spill to disk where DataFusion can, up to
//! four times the memory limit), a deadline on each query, and messages that say
//! which limit ended a query and what to do.

use std::sync::Arc;
use std::time::Duration;

use datafusion::error::DataFusionError;
use datafusion::execution::memory_pool::{FairSpillPool, TrackConsumersPool};
use datafusion::execution::runtime_env::{RuntimeEnv, RuntimeEnvBuilder};

use crate::config::limits::{QueryLimits, show_size};
use crate::error::{Error, Result};

/// The query runtime of a process that runs ad hoc queries.
pub fn runtime(limits: &QueryLimits) -> Result<Arc<RuntimeEnv>> {
    let pool = TrackConsumersPool::new(
        FairSpillPool::new(usize::try_from(limits.memory).unwrap_or(usize::MAX)),
        std::num::NonZeroUsize::new(3).unwrap_or(std::num::NonZeroUsize::MIN),
    );
    Ok(RuntimeEnvBuilder::new()
        .with_memory_pool(Arc::new(pool))
        .with_max_temp_directory_size(limits.memory.saturating_mul(4))
        .with_cache_manager(super::caches())
        .build_arc()?)
}

/// The message for a query ended by the memory limit, when `e` is that.
pub fn memory_exceeded(e: &DataFusionError, limits: &QueryLimits) -> Option<String> {
    let exhausted = match e {
        DataFusionError::ResourcesExhausted(_) => true,
        DataFusionError::Context(_, inner) => return memory_exceeded(inner, limits),
        DataFusionError::Shared(inner) => return memory_exceeded(inner, limits),
        // Spilling past the disk allowance comes back wrapped in Arrow's I/O error.
        other => {
            let text = other.to_string();
            text.contains("Resources exhausted") || text.contains("spilling process has exceeded")
        }
    };
    exhausted.then(|| crate::tr!("sql-memory-limit", limit = show_size(limits.memory)))
}

/// The message for a query ended by the time limit.
pub fn time_exceeded(limit: Duration) -> String {
    crate::tr!(
        "sql-time-limit",
        limit = humantime::format_duration(limit).to_string()
    )
}

/// A query error as the analyst should read it: the limit that ended it, else
/// DataFusion's own words.
pub fn query_error(e: DataFusionError, limits: &QueryLimits) -> Error {
    if let Some(stopped) = super::interrupt::stopped_by(&e) {
        return Error::Usage(stopped.to_string());
    }
    match memory_exceeded(&e, limits) {
        Some(message) => Error::Usage(message),
        None => e.into(),
    }
}

/// Runs one query's work (planning, execution, output) within the time limit; an
/// error of either limit comes back as its message.
pub async fn within<T>(
    limits: &QueryLimits,
    work: impl std::future::Future<Output = Result<T>>,
) -> Result<T> {
    let result = match limits.time {
        Some(limit) => tokio::time::timeout(limit, work)
            .await
            .map_err(|_| Error::Usage(time_exceeded(limit)))?,
        None => work.await,
    };
    result.map_err(|e| match e {
        Error::Engine(e) => query_error(e, limits),
        other => other,
    })
}
