//! Sessions for a sequence of ad hoc queries (the `sql` shell, each query of
//! `serve`): a query reads the warehouse version published when it starts, leased
//! until it ends, so a run that publishes meanwhile is seen by the next query and
//! never removes files under this one.

use std::path::Path;
use std::sync::Arc;

use datafusion::execution::context::SessionContext;
use datafusion::execution::runtime_env::RuntimeEnv;
use datafusion::execution::{SessionState, SessionStateBuilder};
use tokio::sync::Mutex;

use super::interrupt::Interrupt;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::warehouse::lease::{self, Lease};

/// What every session of a reader gets besides the warehouse (attached tables,
/// pg_catalog).
pub type Setup = Arc<dyn Fn(&SessionContext) -> Result<()> + Send + Sync>;

/// One warehouse version, leased, with the session state of its queries.
pub struct Pinned {
    lease: Lease,
    state: SessionState,
}

impl Pinned {
    /// A fresh session over this version for one query, stopped by `interrupt`:
    /// what the query sets (`SET …`) stays in it.
    pub fn context(&self, interrupt: &Interrupt) -> SessionContext {
        SessionContext::new_with_state(
            SessionStateBuilder::new_from_existing(self.state.clone())
                .with_physical_optimizer_rule(interrupt.rule())
                .build(),
        )
    }

    pub fn version(&self) -> &Path {
        self.lease.version()
    }
}

pub struct Reader {
    config: Config,
    runtime: Arc<RuntimeEnv>,
    setup: Option<Setup>,
    current: Mutex<Option<Arc<Pinned>>>,
}

impl Reader {
    pub fn new(config: Config, runtime: Arc<RuntimeEnv>, setup: Option<Setup>) -> Reader {
        Reader {
            config,
            runtime,
            setup,
            current: Mutex::new(None),
        }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The version the link points to now, with its session state (built once per
    /// version). Holding the returned value keeps the version on disk.
    pub async fn pin(&self) -> Result<Arc<Pinned>> {
        let link = &self.config.warehouse;
        let now = std::fs::canonicalize(link)
            .map_err(|e| Error::io(crate::tr!("io-warehouse", path = link.display()), e))?;
        let mut current = self.current.lock().await;
        if let Some(pinned) = current.as_ref()
            && pinned.version() == now
        {
            return Ok(pinned.clone());
        }
        let lease = lease::acquire(link)?;
        let ctx =
            super::session_in(&self.config, lease.version(), Some(self.runtime.clone())).await?;
        let as_of = match self.config.as_of {
            Some(d) => d,
            None => super::newest_snapshot(&ctx)
                .await?
                .unwrap_or(self.config.period_start),
        };
        super::register_period(&ctx, self.config.period_start, as_of).await?;
        if let Some(setup) = &self.setup {
            setup(&ctx)?;
        }
        tracing::debug!(version = %lease.version().display(), "queries read this version");
        let pinned = Arc::new(Pinned {
            lease,
            state: ctx.state(),
        });
        *current = Some(pinned.clone());
        Ok(pinned)
    }
}
