//! TLS for `serve` when `[serve]` names a certificate chain and its key (PEM), on
//! the rustls and ring that pgwire already builds.

use std::path::Path;
use std::sync::Arc;

use tokio_rustls::TlsAcceptor;
use tokio_rustls::rustls::{self, ServerConfig};

use crate::error::{Error, Result};

pub fn acceptor(cert: &Path, key: &Path) -> Result<TlsAcceptor> {
    let file_error = |path: &Path, message: String| Error::File {
        path: path.to_path_buf(),
        message,
    };
    let open = |path: &Path| {
        std::fs::File::open(path)
            .map(std::io::BufReader::new)
            .map_err(|e| file_error(path, e.to_string()))
    };
    let certs = rustls_pemfile::certs(&mut open(cert)?)
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(|e| file_error(cert, e.to_string()))?;
    if certs.is_empty() {
        return Err(file_error(cert, crate::tr!("serve-no-certificate")));
    }
    let key_der = rustls_pemfile::private_key(&mut open(key)?)
        .map_err(|e| file_error(key, e.to_string()))?
        .ok_or_else(|| file_error(key, crate::tr!("serve-no-key")))?;
    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| file_error(cert, e.to_string()))?
            .with_no_client_auth()
            .with_single_cert(certs, key_der)
            .map_err(|e| file_error(key, e.to_string()))?;
    Ok(TlsAcceptor::from(Arc::new(config)))
}
