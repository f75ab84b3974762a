//! `serve`: the warehouse, read-only, over the PostgreSQL protocol until Ctrl-C or
//! SIGTERM.

use std::io::Write;

use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::serve::Server;

/// The password from `COMMUNE_REPORT_PASSWORD`, else from `serve.password_file`.
fn password(config: &Config) -> Result<Option<String>> {
    if let Some(p) = std::env::var("COMMUNE_REPORT_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
    {
        return Ok(Some(p));
    }
    match &config.serve.password_file {
        Some(path) => {
            let text = crate::text::read_small(path, 4096).map_err(|message| Error::File {
                path: path.clone(),
                message,
            })?;
            let p = text.trim_end_matches(['\r', '\n']).to_string();
            if p.is_empty() {
                return Err(Error::File {
                    path: path.clone(),
                    message: crate::tr!("serve-empty-password"),
                });
            }
            Ok(Some(p))
        }
        None => Ok(None),
    }
}

pub async fn serve(config: Config, out: &mut dyn Write) -> Result<ExitStatus> {
    let password = password(&config)?;
    let user = config.serve.user.clone();
    let warehouse = config.warehouse.display().to_string();
    let with_password = password.is_some();
    let server = Server::bind(config, password).await?;
    let address = server.local_addr()?;
    let id = match (with_password, server.is_tls()) {
        (true, true) => "serve-listening-tls",
        (true, false) => "serve-listening-password",
        (false, _) => "serve-listening-trust",
    };
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("address", address.to_string());
    args.set("port", address.port().to_string());
    args.set("user", user);
    args.set("warehouse", warehouse);
    writeln!(out, "{}", crate::i18n::message(id, Some(&args)))
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(crate::tr!("io-output"), e))?;
    server.run(stopped()).await?;
    Ok(ExitStatus::Success)
}

/// Ctrl-C or SIGTERM (systemd stopping the service).
async fn stopped() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let term = async {
        match term.as_mut() {
            Some(t) => {
                t.recv().await;
            }
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        () = term => {}
    }
    tracing::info!("{}", crate::tr!("serve-stopping"));
}
