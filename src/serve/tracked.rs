//! The rows of one query as they go to the client, with what must last as long as
//! they do: the lease on the version they come from, the switch that stops the
//! query when the rows are dropped unread (the client went away or cancelled), and
//! the log line written when the last row is sent.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Instant;

use futures::Stream;
use pgwire::error::{ErrorInfo, PgWireError, PgWireResult};
use pgwire::messages::data::DataRow;

use datafusion_postgres::pgwire;

use crate::config::limits::QueryLimits;
use crate::engine::interrupt::{CancelOnDrop, Interrupt};
use crate::engine::reader::Pinned;

/// What the log says of a query.
pub struct Query {
    pub who: String,
    pub sql: String,
    pub started: Instant,
}

pub struct Tracked {
    inner: pgwire::api::results::SendableRowStream,
    _pinned: Arc<Pinned>,
    _stop: CancelOnDrop,
    limits: QueryLimits,
    query: Query,
    rows: u64,
    done: bool,
}

impl Tracked {
    pub fn new(
        inner: pgwire::api::results::SendableRowStream,
        pinned: Arc<Pinned>,
        interrupt: Interrupt,
        limits: QueryLimits,
        query: Query,
    ) -> Tracked {
        Tracked {
            inner,
            _pinned: pinned,
            _stop: CancelOnDrop(interrupt),
            limits,
            query,
            rows: 0,
            done: false,
        }
    }
}

impl Stream for Tracked {
    type Item = PgWireResult<DataRow>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(row))) => {
                self.rows += 1;
                Poll::Ready(Some(Ok(row)))
            }
            Poll::Ready(Some(Err(e))) => {
                self.done = true;
                Poll::Ready(Some(Err(super::handler::explain(e, &self.limits))))
            }
            Poll::Ready(None) => {
                self.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        tracing::info!(
            who = %self.query.who,
            rows = self.rows,
            ms = self.query.started.elapsed().as_millis() as u64,
            complete = self.done,
            "{}",
            crate::tr!("serve-query", sql = self.query.sql.as_str())
        );
    }
}

pub fn time_limit_error(limit: std::time::Duration) -> PgWireError {
    PgWireError::UserError(Box::new(ErrorInfo::new(
        "ERROR".into(),
        "57014".into(),
        crate::engine::limits::time_exceeded(limit),
    )))
}
