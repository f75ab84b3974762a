//! The queries of `serve`: each statement is checked by [`super::guard`], planned
//! and run by datafusion-postgres over a fresh session on the version published
//! when it starts, within the limits; its rows stream to the client.

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use datafusion::error::DataFusionError;
use datafusion_postgres::datafusion_pg_catalog::sql::PostgresCompatibilityParser;
use datafusion_postgres::pgwire;
use datafusion_postgres::{DfSessionService, Parser};
use futures::Sink;
use pgwire::api::portal::{Format, Portal};
use pgwire::api::query::{ExtendedQueryHandler, SimpleQueryHandler};
use pgwire::api::results::{FieldInfo, Response};
use pgwire::api::stmt::{QueryParser, StoredStatement};
use pgwire::api::store::PortalStore;
use pgwire::api::{ClientInfo, ClientPortalStore, Type};
use pgwire::error::{ErrorInfo, PgWireError, PgWireResult};
use pgwire::messages::PgWireBackendMessage;

use super::guard;
use super::tracked::{self, Query, Tracked};
use crate::config::limits::QueryLimits;
use crate::engine::interrupt::Interrupt;
use crate::engine::reader::{Pinned, Reader};

/// The statement type of datafusion-postgres: its hooks expect exactly this one in
/// the connection's portal store.
pub type Statement = (
    String,
    Option<(
        datafusion::sql::sqlparser::ast::Statement,
        datafusion::logical_expr::LogicalPlan,
    )>,
);

pub struct Service {
    reader: Arc<Reader>,
    limits: QueryLimits,
    parser: Arc<ServeParser>,
}

impl Service {
    pub fn new(reader: Arc<Reader>, limits: QueryLimits) -> Service {
        let template = DfSessionService::new(Arc::new(
            datafusion::execution::context::SessionContext::new(),
        ))
        .query_parser();
        Service {
            parser: Arc::new(ServeParser {
                reader: reader.clone(),
                template,
            }),
            reader,
            limits,
        }
    }

    async fn session(&self) -> PgWireResult<(Arc<Pinned>, DfSessionService, Interrupt)> {
        let pinned = self.reader.pin().await.map_err(internal)?;
        let interrupt = Interrupt::new(self.limits.time);
        let service = DfSessionService::new(Arc::new(pinned.context(&interrupt)));
        Ok((pinned, service, interrupt))
    }

    /// The response with its rows tracked; errors of the limits as the client
    /// should read them.
    fn finish(
        &self,
        response: PgWireResult<Response>,
        pinned: &Arc<Pinned>,
        interrupt: &Interrupt,
        query: Query,
    ) -> PgWireResult<Response> {
        match response.map_err(|e| self.explain(e))? {
            Response::Query(mut q) => {
                let rows = std::mem::replace(&mut q.data_rows, Box::pin(futures::stream::empty()));
                q.data_rows = Box::pin(Tracked::new(
                    rows,
                    pinned.clone(),
                    interrupt.clone(),
                    self.limits,
                    query,
                ));
                Ok(Response::Query(q))
            }
            other => {
                tracing::info!(who = %query.who, ms = query.started.elapsed().as_millis() as u64,
                    "{}", crate::tr!("serve-query", sql = query.sql.as_str()));
                Ok(other)
            }
        }
    }

    fn explain(&self, e: PgWireError) -> PgWireError {
        explain(e, &self.limits)
    }

    async fn within<T>(&self, work: impl Future<Output = PgWireResult<T>>) -> PgWireResult<T> {
        match self.limits.time {
            Some(limit) => tokio::time::timeout(limit, work)
                .await
                .map_err(|_| tracked::time_limit_error(limit))?,
            None => work.await,
        }
    }
}

/// A query's error as the client should read it: the limit or the stop that
/// ended it, with PostgreSQL's code for it.
pub fn explain(e: PgWireError, limits: &QueryLimits) -> PgWireError {
    if let PgWireError::ApiError(inner) = &e
        && let Some(df) = inner.downcast_ref::<DataFusionError>()
    {
        if let Some(stopped) = crate::engine::interrupt::stopped_by(df) {
            return user_error("57014", stopped.to_string());
        }
        if let Some(message) = crate::engine::limits::memory_exceeded(df, limits) {
            return user_error("53200", message);
        }
    }
    e
}

fn who<C: ClientInfo>(client: &C) -> String {
    let user = client
        .metadata()
        .get(pgwire::api::METADATA_USER)
        .cloned()
        .unwrap_or_default();
    format!("{user}@{}", client.socket_addr())
}

fn user_error(code: &str, message: String) -> PgWireError {
    PgWireError::UserError(Box::new(ErrorInfo::new(
        "ERROR".into(),
        code.into(),
        message,
    )))
}

fn internal(e: crate::error::Error) -> PgWireError {
    user_error("XX000", e.to_string())
}

/// Parses `sql` and refuses it unless every statement passes the guard.
fn check(sql: &str) -> PgWireResult<()> {
    let statements = PostgresCompatibilityParser::new()
        .parse(sql)
        .map_err(|e| user_error("42601", crate::query::hints::parser_error(&e.to_string())))?;
    for (i, statement) in statements.iter().enumerate() {
        if let Err(words) = guard::check(statement) {
            return Err(user_error(
                "25006",
                crate::tr!("sql-not-a-query", n = i + 1, words = words),
            ));
        }
    }
    Ok(())
}

#[async_trait]
impl SimpleQueryHandler for Service {
    async fn do_query<C>(&self, client: &mut C, sql: &str) -> PgWireResult<Vec<Response>>
    where
        C: ClientInfo + ClientPortalStore + Sink<PgWireBackendMessage> + Unpin + Send + Sync,
        C::PortalStore: PortalStore,
        C::Error: Debug,
        PgWireError: From<<C as Sink<PgWireBackendMessage>>::Error>,
    {
        let started = Instant::now();
        let who = who(client);
        if let Err(e) = check(sql) {
            tracing::warn!(who = %who, "{}", crate::tr!("serve-refused", sql = sql));
            return Err(e);
        }
        let (pinned, service, interrupt) = self.session().await?;
        let responses = self
            .within(SimpleQueryHandler::do_query(&service, client, sql))
            .await
            .map_err(|e| self.explain(e))?;
        responses
            .into_iter()
            .map(|r| {
                self.finish(
                    Ok(r),
                    &pinned,
                    &interrupt,
                    Query {
                        who: who.clone(),
                        sql: sql.to_string(),
                        started,
                    },
                )
            })
            .collect()
    }
}

#[async_trait]
impl ExtendedQueryHandler for Service {
    type Statement = Statement;
    type QueryParser = ServeParser;

    fn query_parser(&self) -> Arc<Self::QueryParser> {
        self.parser.clone()
    }

    async fn do_query<C>(
        &self,
        client: &mut C,
        portal: &Portal<Self::Statement>,
        max_rows: usize,
    ) -> PgWireResult<Response>
    where
        C: ClientInfo + ClientPortalStore + Sink<PgWireBackendMessage> + Unpin + Send + Sync,
        C::PortalStore: PortalStore<Statement = Self::Statement>,
        C::Error: Debug,
        PgWireError: From<<C as Sink<PgWireBackendMessage>>::Error>,
    {
        let started = Instant::now();
        let sql = portal.statement.statement.0.clone();
        let (pinned, service, interrupt) = self.session().await?;
        // Planned again on the version read now: a statement prepared before a run
        // published reads the new version, like any other query.
        let statement = service
            .query_parser()
            .parse_sql(client, &sql, &portal.statement.parameter_types)
            .await?
            .unwrap_or_else(|| (sql.clone(), None));
        let mut current: Portal<Statement> = Portal::default();
        current.name = portal.name.clone();
        current.statement = Arc::new(StoredStatement::new(
            portal.statement.id.clone(),
            statement,
            portal.statement.parameter_types.clone(),
        ));
        current.parameter_format = portal.parameter_format.clone();
        current.parameters = portal.parameters.clone();
        current.result_column_format = portal.result_column_format.clone();
        let response = self
            .within(ExtendedQueryHandler::do_query(
                &service, client, &current, max_rows,
            ))
            .await;
        self.finish(
            response,
            &pinned,
            &interrupt,
            Query {
                who: who(client),
                sql,
                started,
            },
        )
    }
}

/// Parses and plans statements of the extended protocol (`Parse`), after the guard.
pub struct ServeParser {
    reader: Arc<Reader>,
    /// datafusion-postgres' parser: what a plan's parameters and columns are on the
    /// wire does not depend on the session.
    template: Arc<Parser>,
}

#[async_trait]
impl QueryParser for ServeParser {
    type Statement = Statement;

    async fn parse_sql<C>(
        &self,
        client: &C,
        sql: &str,
        types: &[Option<Type>],
    ) -> PgWireResult<Option<Self::Statement>>
    where
        C: ClientInfo + Unpin + Send + Sync,
    {
        check(sql)?;
        let pinned = self.reader.pin().await.map_err(internal)?;
        let planning = Interrupt::new(None);
        let service = DfSessionService::new(Arc::new(pinned.context(&planning)));
        service.query_parser().parse_sql(client, sql, types).await
    }

    fn get_parameter_types(&self, stmt: &Self::Statement) -> PgWireResult<Vec<Type>> {
        self.template.get_parameter_types(stmt)
    }

    fn get_result_schema(
        &self,
        stmt: &Self::Statement,
        column_format: Option<&Format>,
    ) -> PgWireResult<Vec<FieldInfo>> {
        self.template.get_result_schema(stmt, column_format)
    }
}
