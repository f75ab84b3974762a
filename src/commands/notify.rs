//! `notify`: mails the newest run's outcome (`--failed`: that the job failed), for
//! the systemd unit started when the scheduled job fails, or to try `[notify]`.

use std::io::Write;

use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::notify::{deliver, record_letter};
use crate::warehouse::runs;

pub fn notify(
    config: &Config,
    failed: bool,
    unit: Option<&str>,
    out: &mut dyn Write,
) -> Result<ExitStatus> {
    let Some(notify) = &config.notify else {
        return Err(Error::config(
            &config.path,
            crate::tr!("notify-not-configured"),
        ));
    };
    let newest = runs::newest(&config.warehouse);
    let letter = record_letter(config, newest.as_ref(), failed, unit);
    if !deliver(notify, &letter, &config.reports) {
        return Ok(ExitStatus::Failure);
    }
    writeln!(
        out,
        "{}",
        crate::tr!("notify-sent", to = notify.to.join(", "))
    )
    .map_err(|e| Error::io(crate::tr!("io-summary"), e))?;
    Ok(ExitStatus::Success)
}
