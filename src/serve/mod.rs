//! `serve`: the warehouse over the PostgreSQL wire protocol, read-only, for psql,
//! DBeaver, Excel and Power BI (through the PostgreSQL driver), Metabase, Grafana.
//! The protocol, the pg_catalog tools browse, and the execution of queries are
//! datafusion-postgres'; what is ours is around them: who may connect
//! ([`auth`]), what may run ([`guard`]), which version each query reads and within
//! which limits ([`handler`]), and what is logged ([`tracked`]).

mod auth;
mod guard;
mod handler;
mod tls;
mod tracked;

use std::net::SocketAddr;
use std::sync::Arc;

use datafusion_postgres::datafusion_pg_catalog::pg_catalog::context::EmptyContextProvider;
use datafusion_postgres::datafusion_pg_catalog::pg_catalog::setup_pg_catalog;
use datafusion_postgres::pgwire;
use pgwire::api::cancel::DefaultCancelHandler;
use pgwire::api::{ClientInfo, ConnectionManager, ErrorHandler, PgWireServerHandlers};
use pgwire::error::PgWireError;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio_rustls::TlsAcceptor;

use crate::config::Config;
use crate::engine::{limits, reader::Reader};
use crate::error::{Error, Result};

struct Handlers {
    service: Arc<handler::Service>,
    login: auth::Login,
    cancel: Arc<DefaultCancelHandler>,
}

impl PgWireServerHandlers for Handlers {
    fn simple_query_handler(&self) -> Arc<impl pgwire::api::query::SimpleQueryHandler> {
        self.service.clone()
    }

    fn extended_query_handler(&self) -> Arc<impl pgwire::api::query::ExtendedQueryHandler> {
        self.service.clone()
    }

    fn startup_handler(&self) -> Arc<impl pgwire::api::auth::StartupHandler> {
        Arc::new(self.login.startup())
    }

    fn cancel_handler(&self) -> Arc<impl pgwire::api::cancel::CancelHandler> {
        self.cancel.clone()
    }

    fn error_handler(&self) -> Arc<impl ErrorHandler> {
        Arc::new(LogErrors)
    }
}

struct LogErrors;

impl ErrorHandler for LogErrors {
    fn on_error<C: ClientInfo>(&self, client: &C, error: &mut PgWireError) {
        tracing::info!(client = %client.socket_addr(), "{}", crate::tr!("serve-error", cause = error));
    }
}

/// A server bound to its address, not yet accepting.
pub struct Server {
    listener: TcpListener,
    tls: Option<TlsAcceptor>,
    handlers: Arc<Handlers>,
    max_connections: usize,
}

impl Server {
    /// Checks the setup (a password unless the address is a loopback one, the
    /// certificate, the warehouse) and binds the address.
    pub async fn bind(config: Config, password: Option<String>) -> Result<Server> {
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host(config.serve.listen.as_str())
            .await
            .map_err(|e| {
                Error::Usage(crate::tr!(
                    "serve-address",
                    address = config.serve.listen.as_str(),
                    cause = e
                ))
            })?
            .collect();
        if password.is_none() && addrs.iter().any(|a| !a.ip().is_loopback()) {
            return Err(Error::Usage(crate::tr!(
                "serve-needs-password",
                address = config.serve.listen.as_str()
            )));
        }
        let tls = match &config.serve.tls {
            Some((cert, key)) => Some(tls::acceptor(cert, key)?),
            None => None,
        };
        let setup: crate::engine::reader::Setup = Arc::new(|ctx| {
            setup_pg_catalog(ctx, "datafusion", EmptyContextProvider)
                .map_err(|e| Error::Engine(*e))?;
            Ok(())
        });
        let limits = config.limits;
        let max_connections = config.serve.max_connections;
        let user = config.serve.user.clone();
        let reader = Arc::new(Reader::new(config, limits::runtime(&limits)?, Some(setup)));
        // A missing or old warehouse stops the server now, not at the first query.
        reader.pin().await?;
        let listener = TcpListener::bind(addrs.as_slice()).await.map_err(|e| {
            Error::io(
                crate::tr!("io-listening", address = format!("{addrs:?}")),
                e,
            )
        })?;
        let connections = Arc::new(ConnectionManager::new());
        let handlers = Arc::new(Handlers {
            service: Arc::new(handler::Service::new(reader, limits)),
            login: auth::Login::new(&user, password.as_deref(), connections.clone()),
            cancel: Arc::new(DefaultCancelHandler::new(connections)),
        });
        Ok(Server {
            listener,
            tls,
            handlers,
            max_connections,
        })
    }

    pub fn local_addr(&self) -> Result<SocketAddr> {
        self.listener
            .local_addr()
            .map_err(|e| Error::io(crate::tr!("io-listening", address = "?"), e))
    }

    pub fn is_tls(&self) -> bool {
        self.tls.is_some()
    }

    /// Accepts clients until `shutdown` completes; each connection on its own task.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) -> Result<()> {
        let slots = Arc::new(Semaphore::new(self.max_connections));
        tokio::pin!(shutdown);
        loop {
            let (socket, peer) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(a) => a,
                    Err(e) => {
                        tracing::warn!("{}", crate::tr!("serve-accept", cause = e));
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            let Ok(slot) = slots.clone().try_acquire_owned() else {
                tracing::warn!(
                    "{}",
                    crate::tr!("serve-full", peer = peer, max = self.max_connections)
                );
                continue;
            };
            let handlers = self.handlers.clone();
            let tls = self.tls.clone();
            tokio::spawn(async move {
                tracing::info!("{}", crate::tr!("serve-connected", peer = peer));
                if let Err(e) = pgwire::tokio::process_socket(socket, tls, handlers).await {
                    tracing::info!(
                        "{}",
                        crate::tr!("serve-connection-error", peer = peer, cause = e)
                    );
                }
                tracing::info!("{}", crate::tr!("serve-disconnected", peer = peer));
                drop(slot);
            });
        }
        Ok(())
    }
}
