//! Stopping a query that is running: Ctrl-C in the shell, the time limit, a client
//! that goes away. Dropping a query's stream is not enough: a plan busy in one long
//! poll (a nested-loop join over generated rows) never returns to the task that
//! would see the drop, and keeps the cores busy. So every leaf of the physical plan
//! is wrapped: before each batch it checks the query's [`Interrupt`] (set by
//! whoever stops it, or past its deadline) and ends the query with an error, which
//! unwinds every operator above it.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use arrow::datatypes::SchemaRef;
use arrow::record_batch::RecordBatch;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::config::ConfigOptions;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::{RecordBatchStream, SendableRecordBatchStream, TaskContext};
use datafusion::physical_optimizer::PhysicalOptimizerRule;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties,
};
use futures::Stream;

/// Why a query was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Ctrl-C, or the client went away.
    Cancelled,
    /// It ran past its time limit.
    TimeLimit(Duration),
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stopped::Cancelled => f.write_str(&crate::tr!("shell-cancelled")),
            Stopped::TimeLimit(limit) => f.write_str(&super::limits::time_exceeded(*limit)),
        }
    }
}

impl std::error::Error for Stopped {}

/// The stop switch of one query.
#[derive(Debug, Clone)]
pub struct Interrupt {
    cancelled: Arc<AtomicBool>,
    deadline: Option<(Instant, Duration)>,
}

impl Interrupt {
    /// A switch that also trips once `limit` has passed from now.
    pub fn new(limit: Option<Duration>) -> Interrupt {
        Interrupt {
            cancelled: Arc::new(AtomicBool::new(false)),
            deadline: limit.map(|l| (Instant::now() + l, l)),
        }
    }

    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn stopped(&self) -> Option<Stopped> {
        if self.cancelled.load(Ordering::Relaxed) {
            return Some(Stopped::Cancelled);
        }
        match self.deadline {
            Some((at, limit)) if Instant::now() >= at => Some(Stopped::TimeLimit(limit)),
            _ => None,
        }
    }

    /// The rule that wraps every leaf of a plan in a check of this switch.
    pub fn rule(&self) -> Arc<dyn PhysicalOptimizerRule + Send + Sync> {
        Arc::new(WrapLeaves(self.clone()))
    }
}

/// Cancels the query when dropped: a query whose consumer is gone stops.
pub struct CancelOnDrop(pub Interrupt);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

/// Why `e` ended a query, when an [`Interrupt`] did.
pub fn stopped_by(e: &DataFusionError) -> Option<Stopped> {
    match e {
        DataFusionError::External(inner) => inner.downcast_ref::<Stopped>().copied(),
        DataFusionError::Context(_, inner) => stopped_by(inner),
        DataFusionError::Shared(inner) => stopped_by(inner),
        DataFusionError::ArrowError(inner, _) => match inner.as_ref() {
            arrow::error::ArrowError::ExternalError(e) => e
                .downcast_ref::<DataFusionError>()
                .and_then(stopped_by)
                .or_else(|| e.downcast_ref::<Stopped>().copied()),
            _ => None,
        },
        _ => None,
    }
}

#[derive(Debug)]
struct WrapLeaves(Interrupt);

impl PhysicalOptimizerRule for WrapLeaves {
    fn optimize(
        &self,
        plan: Arc<dyn ExecutionPlan>,
        _config: &ConfigOptions,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        plan.transform_up(|node| {
            if node.children().is_empty() {
                let wrapped: Arc<dyn ExecutionPlan> = Arc::new(Checked {
                    input: node,
                    interrupt: self.0.clone(),
                });
                Ok(Transformed::yes(wrapped))
            } else {
                Ok(Transformed::no(node))
            }
        })
        .map(|t| t.data)
    }

    fn name(&self) -> &str {
        "interrupt"
    }

    fn schema_check(&self) -> bool {
        true
    }
}

/// A leaf with the check in front of it.
#[derive(Debug)]
struct Checked {
    input: Arc<dyn ExecutionPlan>,
    interrupt: Interrupt,
}

impl DisplayAs for Checked {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "InterruptibleExec")
    }
}

impl ExecutionPlan for Checked {
    fn name(&self) -> &str {
        "InterruptibleExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        self.input.properties()
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    #[allow(deprecated)]
    fn with_new_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let input = children.pop().ok_or_else(|| {
            DataFusionError::Internal("InterruptibleExec without its input".into())
        })?;
        Ok(Arc::new(Checked {
            input,
            interrupt: self.interrupt.clone(),
        }))
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        if let Some(stopped) = self.interrupt.stopped() {
            return Err(DataFusionError::External(Box::new(stopped)));
        }
        Ok(Box::pin(CheckedStream {
            inner: self.input.execute(partition, context)?,
            interrupt: self.interrupt.clone(),
        }))
    }
}

struct CheckedStream {
    inner: SendableRecordBatchStream,
    interrupt: Interrupt,
}

impl Stream for CheckedStream {
    type Item = Result<RecordBatch>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if let Some(stopped) = self.interrupt.stopped() {
            return Poll::Ready(Some(Err(DataFusionError::External(Box::new(stopped)))));
        }
        self.inner.as_mut().poll_next(cx)
    }
}

impl RecordBatchStream for CheckedStream {
    fn schema(&self) -> SchemaRef {
        self.inner.schema()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_trips_on_cancel_or_past_its_deadline() {
        let i = Interrupt::new(None);
        assert_eq!(i.stopped(), None);
        let guard = CancelOnDrop(i.clone());
        drop(guard);
        assert_eq!(i.stopped(), Some(Stopped::Cancelled));
        let late = Interrupt::new(Some(Duration::ZERO));
        assert_eq!(late.stopped(), Some(Stopped::TimeLimit(Duration::ZERO)));
        let e = DataFusionError::Context(
            "x".into(),
            Box::new(DataFusionError::External(Box::new(Stopped::Cancelled))),
        );
        assert_eq!(stopped_by(&e), Some(Stopped::Cancelled));
    }
}
