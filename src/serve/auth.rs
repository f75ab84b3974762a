//! Who may connect to `serve`: with a password, only the configured user, by
//! SCRAM-SHA-256 (the password never crosses the wire, TLS or not); without one,
//! anyone on this machine (the server then listens on a loopback address only).

use std::fmt::Debug;
use std::sync::Arc;

use async_trait::async_trait;
use futures::Sink;
use pgwire::api::auth::noop::NoopStartupHandler;
use pgwire::api::auth::sasl::SASLAuthStartupHandler;
use pgwire::api::auth::sasl::scram::{ScramAuth, gen_salted_password};
use pgwire::api::auth::{
    AuthSource, DefaultServerParameterProvider, LoginInfo, Password, StartupHandler,
};
use pgwire::api::{ClientInfo, ConnectionManager};
use pgwire::error::{PgWireError, PgWireResult};
use pgwire::messages::{PgWireBackendMessage, PgWireFrontendMessage};

use datafusion_postgres::pgwire;

const ITERATIONS: usize = 4096;

/// The one account of the server: its name and salted password.
#[derive(Debug)]
struct Account {
    user: String,
    salt: Vec<u8>,
    salted: Vec<u8>,
}

#[async_trait]
impl AuthSource for Account {
    async fn get_password(&self, login: &LoginInfo) -> PgWireResult<Password> {
        let user = login.user().unwrap_or_default();
        if user != self.user {
            tracing::warn!(
                "{}",
                crate::tr!("serve-unknown-user", user = user, host = login.host())
            );
            return Err(PgWireError::InvalidPassword(user.to_string()));
        }
        Ok(Password::new(Some(self.salt.clone()), self.salted.clone()))
    }
}

/// Accepts anyone: for a server on a loopback address without a password.
pub struct Trust {
    connections: Arc<ConnectionManager>,
}

impl NoopStartupHandler for Trust {
    fn connection_manager(&self) -> Option<Arc<ConnectionManager>> {
        Some(self.connections.clone())
    }
}

pub enum Startup {
    Trust(Trust),
    Scram(SASLAuthStartupHandler<DefaultServerParameterProvider>),
}

/// Server parameters clients see: among them that every transaction is read-only.
fn parameters() -> DefaultServerParameterProvider {
    let mut p = DefaultServerParameterProvider::default();
    p.default_transaction_read_only = true;
    p.scram_iterations = ITERATIONS;
    p
}

/// Who may log in, built once; [`Login::startup`] makes the handler of one
/// connection (a SASL exchange keeps its state in its handler).
pub struct Login {
    account: Option<Arc<Account>>,
    connections: Arc<ConnectionManager>,
}

impl Login {
    pub fn new(user: &str, password: Option<&str>, connections: Arc<ConnectionManager>) -> Login {
        let account = password.map(|password| {
            let salt = salt();
            Arc::new(Account {
                user: user.to_string(),
                salted: gen_salted_password(password, &salt, ITERATIONS),
                salt,
            })
        });
        Login {
            account,
            connections,
        }
    }

    pub fn startup(&self) -> Startup {
        let connections = self.connections.clone();
        match &self.account {
            None => Startup::Trust(Trust { connections }),
            Some(account) => {
                let mut scram = ScramAuth::new(account.clone());
                scram.set_iterations(ITERATIONS);
                Startup::Scram(
                    SASLAuthStartupHandler::new(Arc::new(parameters()))
                        .with_scram(scram)
                        .with_connection_manager(connections),
                )
            }
        }
    }
}

/// A salt unique to this server process: SCRAM salts need not be secret.
fn salt() -> Vec<u8> {
    use sha2::{Digest, Sha256};
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let mut h = Sha256::new();
    h.update(now.as_nanos().to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.finalize()[..16].to_vec()
}

#[async_trait]
impl StartupHandler for Startup {
    async fn on_startup<C>(
        &self,
        client: &mut C,
        message: PgWireFrontendMessage,
    ) -> PgWireResult<()>
    where
        C: ClientInfo + Sink<PgWireBackendMessage> + Unpin + Send + Sync,
        C::Error: Debug,
        PgWireError: From<<C as Sink<PgWireBackendMessage>>::Error>,
    {
        match self {
            Startup::Trust(t) => t.on_startup(client, message).await,
            Startup::Scram(s) => s.on_startup(client, message).await,
        }
    }
}
