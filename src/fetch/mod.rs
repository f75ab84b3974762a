//! Stage 0 of a run: the exports of communes whose globs name remote places
//! (S3-compatible buckets, HTTP and WebDAV servers, see [`location`]) are brought
//! into the local inbox ([`inbox`]), and those globs are replaced by the inbox
//! folders that mirror them. Everything after reads local files as before.
//!
//! Transient errors are retried with backoff by `object_store`'s client; what still
//! fails names the URL (shown without credentials) and fails the run — nothing is
//! published — unless the commune is `optional`, which then keeps what it
//! delivered before and is named in a warning.

pub mod inbox;
pub mod location;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use object_store::path::Path as StorePath;
use object_store::{ClientOptions, ObjectMeta, ObjectStore, ObjectStoreExt, RetryConfig};

use crate::config::Config;
use crate::error::{Error, Result};
use inbox::{Index, Outcome};
use location::{Remote, Service};

/// What fetching did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub downloaded: usize,
    pub unchanged: usize,
    pub removed: usize,
    /// Optional sources that could not be read: (commune code, URL, reason).
    pub unreachable: Vec<(String, String, String)>,
}

/// Whether any glob of the config is remote.
pub fn has_remote(config: &Config) -> bool {
    config.owners().any(|c| {
        c.dossiers
            .iter()
            .chain(&c.procedures)
            .chain(&c.indicators)
            .any(|g| location::is_remote(g))
    })
}

/// Brings every remote source into the inbox and returns the config whose remote
/// globs now name the inbox.
pub async fn fetch(config: &Config) -> Result<(Config, Fetched)> {
    let mut fetched = Fetched::default();
    if !has_remote(config) {
        return Ok((config.clone(), fetched));
    }
    let inbox = crate::warehouse::sibling(&config.warehouse, "inbox");
    std::fs::create_dir_all(&inbox)
        .map_err(|e| Error::io(crate::tr!("io-creating", path = inbox.display()), e))?;
    let mut index = Index::load(&inbox);
    let mut stores = Stores::default();
    let mut local = config.clone();
    for commune in local.communes.iter_mut().chain(local.sources.iter_mut()) {
        let code = commune.code.clone();
        let optional = commune.optional;
        for (kind, globs) in [
            ("dossiers", &mut commune.dossiers),
            ("procedures", &mut commune.procedures),
            ("indicators", &mut commune.indicators),
        ] {
            for glob in globs.iter_mut() {
                if !location::is_remote(glob) {
                    continue;
                }
                let remote =
                    Remote::parse(glob).map_err(|message| Error::config(&config.path, message))?;
                let folder = inbox
                    .join(&code)
                    .join(kind)
                    .join(short_hash(&remote.shown()));
                *glob = folder.join(&remote.name).to_string_lossy().into_owned();
                let store = stores.get(config, &remote.service)?;
                match mirror(store.as_ref(), &remote, &folder, &inbox, &mut index).await {
                    Ok(counts) => {
                        fetched.downloaded += counts.downloaded;
                        fetched.unchanged += counts.unchanged;
                        fetched.removed += counts.removed;
                    }
                    Err(cause) if optional => {
                        tracing::warn!(
                            "{}",
                            crate::tr!(
                                "warn-remote-optional",
                                commune = commune.name.as_str(),
                                url = remote.shown(),
                                cause = cause.as_str()
                            )
                        );
                        fetched
                            .unreachable
                            .push((code.clone(), remote.shown(), cause));
                    }
                    Err(cause) => {
                        index.save(&inbox)?;
                        return Err(Error::Remote {
                            url: remote.shown(),
                            cause,
                        });
                    }
                }
            }
        }
    }
    index.save(&inbox)?;
    // The inbox copies are named by their URL in `files.source_file` and the report.
    local.remote_names = index
        .files
        .iter()
        .map(|(key, entry)| (inbox.join(key), entry.url.clone()))
        .collect();
    tracing::info!(
        "{}",
        crate::tr!(
            "remote-summary",
            downloaded = fetched.downloaded,
            unchanged = fetched.unchanged,
            removed = fetched.removed
        )
    );
    Ok((local, fetched))
}

/// One client per bucket or server, built on first use.
#[derive(Default)]
struct Stores {
    built: HashMap<String, Arc<dyn ObjectStore>>,
}

impl Stores {
    fn get(&mut self, config: &Config, service: &Service) -> Result<Arc<dyn ObjectStore>> {
        let key = format!("{service:?}");
        if let Some(store) = self.built.get(&key) {
            return Ok(store.clone());
        }
        let remote = &config.remote;
        let options = ClientOptions::new()
            .with_timeout(remote.timeout)
            .with_connect_timeout(remote.timeout.min(std::time::Duration::from_secs(10)))
            .with_allow_http(true);
        let retry = RetryConfig {
            max_retries: remote.retries,
            retry_timeout: remote.timeout * (remote.retries as u32 + 1),
            ..RetryConfig::default()
        };
        let built: std::result::Result<Arc<dyn ObjectStore>, object_store::Error> = match service {
            Service::S3 { bucket } => {
                let mut builder = object_store::aws::AmazonS3Builder::from_env()
                    .with_bucket_name(bucket)
                    .with_client_options(options)
                    .with_retry(retry);
                if let Some(endpoint) = &remote.s3_endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_virtual_hosted_style_request(false);
                }
                if let Some(region) = &remote.s3_region {
                    builder = builder.with_region(region);
                }
                builder.build().map(|s| Arc::new(s) as Arc<dyn ObjectStore>)
            }
            Service::Http { origin } => object_store::http::HttpBuilder::new()
                .with_url(origin)
                .with_client_options(options)
                .with_retry(retry)
                .build()
                .map(|s| Arc::new(s) as Arc<dyn ObjectStore>),
        };
        let store = built.map_err(|e| Error::Remote {
            url: match service {
                Service::S3 { bucket } => format!("s3://{bucket}"),
                Service::Http { origin } => origin.clone(),
            },
            cause: e.to_string(),
        })?;
        self.built.insert(key, store.clone());
        Ok(store)
    }
}

#[derive(Debug, Default)]
struct Counts {
    downloaded: usize,
    unchanged: usize,
    removed: usize,
}

/// Makes `folder` hold exactly the remote files `remote` matches, at their remote
/// version.
async fn mirror(
    store: &dyn ObjectStore,
    remote: &Remote,
    folder: &Path,
    inbox: &Path,
    index: &mut Index,
) -> std::result::Result<Counts, String> {
    let metas = list(store, remote).await?;
    let mut counts = Counts::default();
    let mut names = Vec::with_capacity(metas.len());
    for meta in &metas {
        let name = meta.location.filename().unwrap_or_default().to_string();
        let local = folder.join(&name);
        let key = key(inbox, &local);
        let url = Remote {
            name: name.clone(),
            wildcard: false,
            ..remote.clone()
        }
        .shown();
        match inbox::fetch_file(store, meta, &url, &local, &key, index).await? {
            Outcome::Downloaded => counts.downloaded += 1,
            Outcome::Unchanged => counts.unchanged += 1,
        }
        names.push(name);
    }
    // Files the remote no longer has leave the inbox, as they would leave a folder.
    if let Ok(entries) = std::fs::read_dir(folder) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && !names.contains(&name) {
                let _ = std::fs::remove_file(entry.path());
                index.files.remove(&key(inbox, &entry.path()));
                counts.removed += 1;
            }
        }
    }
    Ok(counts)
}

/// The remote files `remote` names: the one file, or the folder's matching ones.
async fn list(
    store: &dyn ObjectStore,
    remote: &Remote,
) -> std::result::Result<Vec<ObjectMeta>, String> {
    let folder = StorePath::from(remote.folder.as_str());
    if !remote.wildcard {
        let meta = store
            .head(&folder.clone().join(remote.name.as_str()))
            .await
            .map_err(describe)?;
        return Ok(vec![meta]);
    }
    let listed = store
        .list_with_delimiter(Some(&folder))
        .await
        .map_err(describe)?;
    let mut metas: Vec<ObjectMeta> = listed
        .objects
        .into_iter()
        .filter(|m| m.location.filename().is_some_and(|n| remote.matches(n)))
        .collect();
    metas.sort_by(|a, b| a.location.cmp(&b.location));
    Ok(metas)
}

/// An `object_store` error as a sentence: what it was, without its debug detail.
fn describe(e: object_store::Error) -> String {
    match e {
        object_store::Error::NotFound { .. } => crate::tr!("remote-not-found"),
        object_store::Error::PermissionDenied { .. }
        | object_store::Error::Unauthenticated { .. } => {
            crate::tr!("remote-denied")
        }
        other => other.to_string(),
    }
}

fn key(inbox: &Path, local: &Path) -> String {
    local
        .strip_prefix(inbox)
        .unwrap_or(local)
        .to_string_lossy()
        .into_owned()
}

/// Eight hex digits naming a remote glob's folder in the inbox.
fn short_hash(text: &str) -> String {
    crate::text::sha256_hex(text)[..8].to_string()
}
