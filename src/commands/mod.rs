//! One module per command: orchestration only, the work lives in the stages.

mod check;
mod ingest;
mod init;
mod notify;
mod report;
mod run;
mod serve;
mod sql;

use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::error::{Error, ExitStatus, Result};
use crate::ingest::Options;
use crate::lock::RunLock;

pub fn execute(cli: &Cli) -> Result<ExitStatus> {
    if let Command::Init { dir } = &cli.command {
        let dir = dir.clone().unwrap_or_else(|| ".".into());
        return init::init(&dir, &mut std::io::stdout().lock());
    }
    let mut config = Config::load(&cli.config)?;
    if let Some(threads) = cli.threads {
        config.threads = usize::from(threads);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(config.threads)
        .enable_all()
        .build()
        .map_err(|e| Error::io(crate::tr!("io-runtime"), e))?;
    let mut stdout = std::io::stdout().lock();
    // Writers take the run lock; `sql` and `check` only read.
    let _lock = match &cli.command {
        Command::Run { .. } | Command::Ingest { .. } | Command::Report { .. } => {
            Some(RunLock::acquire(&config.warehouse)?)
        }
        Command::Sql { .. }
        | Command::Serve { .. }
        | Command::Notify { .. }
        | Command::Check { .. }
        | Command::Init { .. } => None,
    };
    // Remote exports come into the inbox first; the stages then read local files.
    let (mut config, fetched) = match &cli.command {
        Command::Run { .. } | Command::Ingest { .. } | Command::Check { .. } => {
            runtime.block_on(crate::fetch::fetch(&config))?
        }
        _ => (config, crate::fetch::Fetched::default()),
    };
    match &cli.command {
        Command::Run {
            period_start,
            as_of,
            full_refresh,
        } => run::run(
            &config,
            &runtime,
            report::Period {
                start: *period_start,
                as_of: *as_of,
            },
            Options {
                full_refresh: *full_refresh,
            },
            &fetched,
            &mut stdout,
        ),
        Command::Ingest { full_refresh } => ingest::command(
            &config,
            Options {
                full_refresh: *full_refresh,
            },
            &fetched,
            &mut stdout,
        ),
        Command::Report {
            period_start,
            as_of,
            formats,
        } => runtime.block_on(report::report(
            &config,
            report::Period {
                start: *period_start,
                as_of: *as_of,
            },
            formats,
            &mut stdout,
        )),
        Command::Sql {
            query,
            file,
            format,
            output,
            max_rows,
            attach,
            limits,
        } => runtime.block_on(sql::sql(
            &config,
            sql::SqlArgs {
                query: query.as_deref(),
                file: file.as_deref(),
                format: *format,
                output: output.as_deref(),
                max_rows: *max_rows,
                limits: limits.over(config.limits),
                attach,
            },
            &mut stdout,
        )),
        Command::Serve { listen, limits } => {
            if let Some(listen) = listen {
                config.serve.listen = listen.clone();
            }
            config.limits = limits.over(config.limits);
            runtime.block_on(serve::serve(config, &mut stdout))
        }
        Command::Check { files } => check::check(&config, files, &mut stdout),
        Command::Notify { failed, unit } => {
            notify::notify(&config, *failed, unit.as_deref(), &mut stdout)
        }
        Command::Init { .. } => Err(crate::error::Error::Invariant(
            "init runs before the config is read".into(),
        )),
    }
}
