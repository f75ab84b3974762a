//! `ingest`: CSV exports -> a new published warehouse version.

use std::io::Write;

use chrono::Utc;
use tracing::info;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::ingest::{self, Ingested};
use crate::warehouse::write;

pub fn ingest(config: &Config, out: &mut dyn Write) -> Result<Ingested> {
    let data = ingest::ingest(config)?;
    let id = format!(
        "{}-{}",
        Utc::now().format("%Y%m%dT%H%M%S%.3fZ"),
        std::process::id()
    );
    let version = write::write_version(config, &data, &id)?;
    write::publish(config, &version)?;
    info!(version = %version.id, warehouse = %config.warehouse.display(), "published");
    let io = |e| Error::io("writing the summary", e);
    for (commune, rows) in config.communes.iter().zip(&data.communes) {
        let files: Vec<_> = data
            .files
            .iter()
            .filter(|f| f.commune_code == commune.code)
            .collect();
        let rejected: u64 = files.iter().map(|f| f.rejected).sum();
        let superseded: u64 = files.iter().map(|f| f.superseded).sum();
        writeln!(
            out,
            "{} {}: {} files, {} dossiers loaded, {} superseded, {} rejected",
            commune.code,
            commune.name,
            files.len(),
            rows.dossiers.len(),
            superseded,
            rejected
        )
        .map_err(io)?;
    }
    Ok(data)
}
