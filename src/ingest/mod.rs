//! CSV exports -> canonical rows, in stages:
//! `discover` (which files) -> `sniff` (hash, encoding) -> `decode` (UTF-8 text,
//! physical lines) -> `header` + `aliases` (header line, column mapping) -> `values`
//! (dates, numbers, labels) -> `rows` (typed row or reject) -> `snapshot` (newest wins).
//!
//! Parsed rows and rejects stream into the storage layer's parse cache
//! (`warehouse::staging`, `warehouse::cache`; `chunks` builds their columns), so
//! memory does not grow with the files; an unchanged file is not parsed again. A large
//! UTF-8 export is parsed in `pieces` on every core, with the one-pass result. Every
//! data row ends loaded, superseded or rejected; the count is checked per file.

pub mod aliases;
mod bound;
mod chunks;
pub mod commune_column;
mod decode;
pub mod discover;
mod file_error;
mod header;
pub mod pieces;
pub mod probe;
pub mod reader;
pub mod record;
pub mod routed;
pub mod rows;
mod snapshot;
pub mod sniff;
pub mod source;
pub mod suggest;
pub mod values;

pub use file_error::FileError;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use std::io::IsTerminal;

use arrow::buffer::BooleanBuffer;
use arrow::record_batch::RecordBatch;
use indicatif::{ProgressBar, ProgressStyle};
use tracing::{debug, info, warn};

use self::chunks::{DossierChunk, IndicatorChunk, ProcedureChunk, RejectChunk};
use self::commune_column::Matcher;
use self::discover::SourceFile;
use self::record::Record;
use self::routed::{Built, Dest, Routed, Splitter, deliver};
use self::rows::RowState;
use self::source::Source;
use crate::config::{Config, OnFileError};
use crate::error::{Error, Result};
use crate::warehouse::batches::PerFile;
use crate::warehouse::cache::{self, Cache, Parsed};
use crate::warehouse::columns::FileKind;
use crate::warehouse::files::{FileRecord, FileStatus, StagedFile};
use crate::warehouse::staging::{Chunk, Spill};

const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// What `ingest` read. Rows are not held here: they are in the parse cache, one
/// entry per file, with a mask of the rows that survive the snapshot merge.
#[derive(Debug, Default)]
pub struct Ingested {
    /// In application order: per commune and kind, oldest snapshot first. A shared
    /// export is one entry per commune it holds rows of, and one of its source.
    pub files: Vec<StagedFile>,
    /// Cache keys this run used.
    pub used: HashSet<String>,
    /// Rows of shared exports that belong to communes the config leaves out:
    /// (source id, commune value as written, rows), summed over the run's files.
    pub kept_out: Vec<(String, String, u64)>,
}

impl Ingested {
    pub fn records(&self) -> impl Iterator<Item = &FileRecord> {
        self.files.iter().map(|f| &f.record)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Parse every file again, ignoring the cache.
    pub full_refresh: bool,
}

/// Reads every configured export. A file that cannot be read as an export at all is
/// an error naming it; a bad row is a reject.
pub fn ingest(config: &Config, options: Options) -> Result<Ingested> {
    let sources = discover::discover(config)?;
    for (ci, commune) in config.communes.iter().enumerate() {
        // A commune without globs of its own is fed by the shared exports.
        if !commune.dossiers.is_empty()
            && !sources
                .iter()
                .any(|s| s.commune == ci && s.kind == FileKind::Dossiers)
        {
            warn!(
                commune = %commune.code,
                globs = ?commune.dossiers,
                "{}",
                crate::tr!("warn-no-export", name = commune.name)
            );
        }
    }
    let cache = Cache::beside(&config.warehouse);
    let matchers: Vec<Matcher> = config
        .sources
        .iter()
        .map(|s| Matcher::new(&config.communes, s.province.as_deref()))
        .collect();
    let progress = progress_bar(sources.len() as u64);
    let read = crate::parallel::map(config.threads, &sources, |source| {
        progress.set_message(source.rel.clone());
        let matcher = source
            .commune
            .checked_sub(config.communes.len())
            .and_then(|s| matchers.get(s));
        let one = match read_one(config, matcher, &cache, options, source) {
            // One bad export never blocks the others: it is recorded and left out.
            Err(Error::Input { source: e, .. })
                if config.on_file_error == OnFileError::Quarantine =>
            {
                Ok(vec![quarantined(config, source, &e)])
            }
            other => other,
        };
        progress.inc(1);
        one
    })?;
    progress.finish_and_clear();
    let mut out = Ingested::default();
    let mut seen: HashMap<(String, FileKind, String), String> = HashMap::new();
    let mut kept_out: std::collections::BTreeMap<(String, String), u64> = Default::default();
    for (source, parts) in sources.iter().zip(read) {
        for one in parts {
            let key = (
                one.record.commune_code.clone(),
                source.kind,
                one.record.sha256.clone(),
            );
            if one.record.status == FileStatus::Loaded
                && let Some(first) = seen.insert(key, source.rel.clone())
            {
                warn!(file = %source.rel, "{}", crate::tr!("warn-same-bytes", first = first));
            }
            for (value, rows) in one.kept_out {
                *kept_out
                    .entry((one.record.commune_code.clone(), value))
                    .or_default() += rows;
            }
            out.files.push(StagedFile {
                record: one.record,
                entry: one.entry,
                keep: BooleanBuffer::new_unset(0),
            });
            out.used.extend(one.key);
        }
    }
    out.kept_out = kept_out.into_iter().map(|((s, v), n)| (s, v, n)).collect();
    // A shared export's commune parts join that commune's own files, in snapshot
    // order, so the merge sees them as it would see the commune's own exports.
    let position: HashMap<&str, usize> = config
        .owners()
        .enumerate()
        .map(|(i, o)| (o.code.as_str(), i))
        .collect();
    out.files.sort_by(|a, b| {
        let key = |f: &StagedFile| {
            (
                position.get(f.record.commune_code.as_str()).copied(),
                f.record.kind,
                f.record.snapshot_date,
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| a.record.source_file.cmp(&b.record.source_file))
    });
    apply_snapshots(&mut out.files, config.threads)?;
    for f in out.records() {
        if f.data_rows != f.loaded + f.superseded + f.rejected + f.kept_out {
            return Err(Error::Invariant(format!(
                "{}: {} data rows but {} loaded + {} superseded + {} rejected + {} kept out",
                f.source_file, f.data_rows, f.loaded, f.superseded, f.rejected, f.kept_out
            )));
        }
        info!(
            file = %f.source_file,
            commune = %f.commune_code,
            encoding = %f.encoding,
            delimiter = %f.delimiter,
            header_line = f.header_line,
            snapshot = %f.snapshot_date,
            rows = f.data_rows,
            loaded = f.loaded,
            superseded = f.superseded,
            rejected = f.rejected,
            kept_out = f.kept_out,
            "read"
        );
    }
    Ok(out)
}

/// Files read so far, on a terminal only: never in cron mail or a log collector.
fn progress_bar(files: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let style = ProgressStyle::with_template("{bar:30} {pos}/{len} files {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    ProgressBar::new(files).with_style(style)
}

fn file_error(source: &SourceFile) -> impl Fn(FileError) -> Error + '_ {
    move |e| Error::Input {
        path: source.path.clone(),
        source: e,
    }
}

/// Size, modification time and inode unchanged between two looks at a file.
fn same_file_state(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.len() == b.len()
        && a.ino() == b.ino()
        && a.dev() == b.dev()
        && a.mtime() == b.mtime()
        && a.mtime_nsec() == b.mtime_nsec()
}

/// The record of a file that could not be read as an export: no rows, its reason.
fn quarantined(config: &Config, source: &SourceFile, e: &FileError) -> ReadFile {
    // On screen in the interface language; in the warehouse (and so the report) in
    // Vietnamese, like the reject reasons.
    let shown = crate::privacy::mask(&e.to_string()).into_owned();
    let reason = crate::privacy::mask(&e.message(crate::i18n::Lang::Vi)).into_owned();
    let owner = config.owner(source.commune);
    warn!(
        file = %source.rel,
        commune = %owner.code,
        "{}",
        crate::tr!("warn-quarantined", reason = shown)
    );
    ReadFile {
        record: FileRecord {
            commune_code: owner.code.clone(),
            kind: source.kind,
            source_file: source.rel.clone(),
            sha256: String::new(),
            bytes: std::fs::metadata(&source.path).map_or(0, |m| m.len()),
            encoding: String::new(),
            delimiter: String::new(),
            header_line: 0,
            snapshot_date: source.snapshot_date,
            data_rows: 0,
            loaded: 0,
            superseded: 0,
            rejected: 0,
            kept_out: 0,
            blank_lines: 0,
            status: FileStatus::Quarantined,
            error: Some(reason),
        },
        entry: None,
        key: None,
        kept_out: Vec::new(),
    }
}

/// One file read, or one commune's part of a shared export: its `files` row and
/// its cache entry (None: empty file).
struct ReadFile {
    record: FileRecord,
    entry: Option<PathBuf>,
    key: Option<String>,
    /// A shared export's rows of communes left out, per value.
    kept_out: Vec<(String, u64)>,
}

/// Reads one file: one [`ReadFile`], or for a shared export the source's own and
/// one per configured commune it holds rows of.
fn read_one(
    config: &Config,
    matcher: Option<&Matcher>,
    cache: &Cache,
    options: Options,
    source: &SourceFile,
) -> Result<Vec<ReadFile>> {
    let owner = config.owner(source.commune);
    let record = |code: &str, p: &Parsed| FileRecord {
        commune_code: code.to_string(),
        kind: source.kind,
        source_file: source.rel.clone(),
        sha256: p.sha256.clone(),
        bytes: p.bytes,
        encoding: p.encoding.clone(),
        delimiter: p.delimiter.clone(),
        header_line: p.header_line,
        snapshot_date: source.snapshot_date,
        data_rows: p.data_rows,
        loaded: 0,
        superseded: 0,
        rejected: p.rejected,
        kept_out: 0,
        blank_lines: p.blank_lines,
        status: FileStatus::Loaded,
        error: None,
    };
    let before =
        std::fs::metadata(&source.path).map_err(|e| file_error(source)(FileError::Open(e)))?;
    let bytes = before.len();
    if bytes == 0 {
        // Nothing to lose: recorded, so the report shows the commune sent an empty file.
        warn!(file = %source.rel, "{}", crate::tr!("warn-empty-file"));
        let record = record(
            &owner.code,
            &Parsed {
                sha256: EMPTY_SHA256.into(),
                bytes: 0,
                encoding: "empty".into(),
                delimiter: String::new(),
                header_line: 0,
                data_rows: 0,
                rows: 0,
                rejected: 0,
                blank_lines: 0,
                checksums: Vec::new(),
                parts: Vec::new(),
                kept_out: Vec::new(),
            },
        );
        return Ok(vec![ReadFile {
            record,
            entry: None,
            key: None,
            kept_out: Vec::new(),
        }]);
    }
    let input = Source::Path(&source.path);
    let sniffed = sniff::sniff(&input, owner.csv.encoding).map_err(file_error(source))?;
    let per_file = PerFile {
        commune: owner.name.clone(),
        snapshot_date: source.snapshot_date,
        source_file: source.rel.clone(),
    };
    // Taught labels change what rows mean: a new mapping counts from the next run;
    // a shared export's rows are routed by the configured communes.
    let mut settings = format!("{:?}|{:?}|{:?}", owner.csv, owner.columns, owner.labels);
    if owner.commune_column.is_some() {
        settings.push_str(&format!("|{:?}", owner.province));
        for c in &config.communes {
            settings.push_str(&format!("|{}={}", c.code, c.name));
        }
    }
    let key = Cache::key(&sniffed.sha256, source.kind, &settings, &per_file);
    let cached = if options.full_refresh {
        None
    } else {
        cache.load(&key)
    };
    let cached_entry = cached.is_some();
    let parsed = match cached {
        Some(p) => {
            debug!(file = %source.rel, "unchanged since a previous run: not read again");
            p
        }
        None => {
            crate::faults::pause_at(crate::faults::READING);
            let shared = match (owner.commune_column.as_deref(), matcher) {
                (None, _) => None,
                (Some(column), Some(matcher)) => Some(Shared {
                    matcher,
                    communes: &config.communes,
                    column,
                }),
                // Read unsplit, its rows would land in the source's partition.
                (Some(_), None) => {
                    return Err(Error::Invariant(format!(
                        "{}: a shared export without its matcher",
                        source.rel
                    )));
                }
            };
            parse_into_cache(
                owner,
                shared,
                cache,
                &key,
                source,
                &input,
                sniffed,
                per_file,
                config.threads,
            )?
        }
    };
    // Hashed in one pass and parsed in another: both must have read the same bytes.
    let after = std::fs::metadata(&source.path).ok();
    if !after.as_ref().is_some_and(|a| same_file_state(&before, a)) || parsed.bytes != bytes {
        if !cached_entry {
            cache.discard(&key);
        }
        return Err(file_error(source)(FileError::Changed));
    }
    // The source's own line keeps what no commune part holds: its rejects, the
    // kept-out rows and the blank lines.
    let entry = cache.entry(&key);
    let mut own = record(&owner.code, &parsed);
    own.data_rows -= parsed
        .parts
        .iter()
        .map(|p| p.rows + p.rejected)
        .sum::<u64>()
        .min(own.data_rows);
    own.kept_out = parsed.kept_out.iter().map(|(_, n)| n).sum();
    let parts = parsed.parts.iter().map(|part| ReadFile {
        record: FileRecord {
            data_rows: part.rows + part.rejected,
            rejected: part.rejected,
            blank_lines: 0,
            ..record(&part.code, &parsed)
        },
        entry: Some(entry.join(&part.code)),
        key: Some(key.clone()),
        kept_out: Vec::new(),
    });
    let own = ReadFile {
        record: own,
        entry: Some(entry.clone()),
        key: Some(key.clone()),
        kept_out: parsed.kept_out.clone(),
    };
    Ok(std::iter::once(own).chain(parts).collect())
}

/// How a shared export's rows find their commune.
#[derive(Clone, Copy)]
struct Shared<'a> {
    matcher: &'a Matcher,
    communes: &'a [crate::config::Commune],
    /// The configured `commune_column`, as written.
    column: &'a str,
}

/// Bytes per piece of a large export parsed in parallel ([`pieces`]); a file under
/// two pieces is read in one pass.
const PIECE_BYTES: u64 = 16 << 20;

/// [`PIECE_BYTES`], or `COMMUNE_REPORT_PIECE_BYTES` (0: never cut), which the tests
/// set tiny to cut every file and the benchmark sets to 0 for the one-pass read.
fn piece_bytes() -> u64 {
    static BYTES: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *BYTES.get_or_init(|| {
        match std::env::var("COMMUNE_REPORT_PIECE_BYTES")
            .ok()
            .map(|v| v.trim().parse::<u64>())
        {
            Some(Ok(0)) => u64::MAX / 4,
            Some(Ok(n)) => n,
            _ => PIECE_BYTES,
        }
    })
}

#[allow(clippy::too_many_arguments)]
fn parse_into_cache(
    owner: &crate::config::Commune,
    shared: Option<Shared>,
    cache: &Cache,
    key: &str,
    source: &SourceFile,
    input: &Source,
    sniffed: sniff::Sniffed,
    per_file: PerFile,
    threads: usize,
) -> Result<Parsed> {
    let detected = reader::detect_with(input, sniffed, source.kind, &owner.csv, &owner.columns)
        .map_err(file_error(source))?;
    let split = match shared {
        None => None,
        Some(s) => match detected
            .map
            .position(crate::warehouse::columns::Column::Commune)
        {
            Some(position) => Some((s, position)),
            None => {
                return Err(file_error(source)(FileError::NoCommuneColumn {
                    column: s.column.to_string(),
                    header_line: detected.header_line,
                    headers: detected
                        .map
                        .mapped
                        .iter()
                        .map(|(h, _)| h.clone())
                        .chain(detected.map.ignored.iter().cloned())
                        .collect(),
                }));
            }
        },
    };
    let tmp = cache.begin(key)?;
    let how = How {
        detected: &detected,
        dir: &tmp,
        per_file: &per_file,
        labels: &owner.labels,
        threads,
        piece_bytes: piece_bytes(),
        split,
    };
    let map = &detected.map;
    let streamed = match source.kind {
        FileKind::Dossiers => {
            stream::<DossierChunk>(source, input, &how, |r, state| rows::dossier(r, map, state))
        }
        FileKind::Procedures => stream::<ProcedureChunk>(source, input, &how, |r, state| {
            rows::procedure(r, map, state)
        }),
        FileKind::Indicators => {
            stream::<IndicatorChunk>(source, input, &how, |r, _| rows::indicator(r, map))
        }
    }?;
    for (column, what) in [
        ("channel", "channel"),
        ("timeliness", "timeliness"),
        ("online_level", "online level"),
    ] {
        let values = streamed.state.unknown_in(column);
        if !values.is_empty() {
            warn!(
                file = %source.rel,
                "{}",
                crate::tr!("warn-unknown-labels", what = what, labels = values.join("», «"))
            );
        }
    }
    if !map.ignored.is_empty() {
        debug!(file = %source.rel, columns = ?map.ignored, "columns ignored");
    }
    if !map.dropped.is_empty() {
        debug!(file = %source.rel, columns = ?map.dropped, "personal-data columns dropped");
    }
    if !streamed.kept_out.is_empty() {
        let rows: u64 = streamed.kept_out.values().sum();
        info!(
            file = %source.rel,
            rows,
            communes = streamed.kept_out.len(),
            "{}",
            crate::tr!("info-kept-out", rows = rows, communes = streamed.kept_out.len())
        );
    }
    let parsed = Parsed {
        sha256: detected.sniffed.sha256.clone(),
        bytes: detected.sniffed.bytes,
        encoding: detected.sniffed.encoding_name(),
        delimiter: detected.delimiter_name().to_string(),
        header_line: detected.header_line,
        data_rows: streamed.counts.data_rows,
        rows: streamed.rows,
        rejected: streamed.rejected,
        blank_lines: streamed.counts.blank_lines,
        checksums: Vec::new(),
        parts: streamed.parts,
        kept_out: streamed.kept_out.into_iter().collect(),
    };
    cache.commit(key, &tmp, &parsed)?;
    Ok(parsed)
}

/// How one file is parsed into the cache folder `dir`.
struct How<'a> {
    detected: &'a reader::Detected,
    dir: &'a Path,
    per_file: &'a PerFile,
    labels: &'a crate::config::labels::Labels,
    threads: usize,
    piece_bytes: u64,
    /// A shared export: how rows find their commune, and the commune cell's column.
    split: Option<(Shared<'a>, usize)>,
}

impl<'a> How<'a> {
    fn communes(&self) -> usize {
        self.split.map_or(0, |(s, _)| s.communes.len())
    }

    fn splitter(&self) -> Option<Splitter<'a>> {
        self.split.map(|(s, position)| Splitter {
            split: commune_column::Split::new(s.matcher, s.communes, s.column),
            position,
        })
    }

    /// The cache files of the file's own rows and rejects.
    fn own<C: Chunk>(&self) -> Result<Dest<Spill<C>, Spill<RejectChunk>>> {
        Ok(Dest {
            rows: Spill::create(&self.dir.join(cache::ROWS), self.per_file.clone())?,
            rejects: Spill::create(&self.dir.join(cache::REJECTS), self.per_file.clone())?,
        })
    }

    /// The cache files of configured commune `i`'s rows of a shared export, in the
    /// entry's `<code>/` folder, its name in their commune column.
    fn part<C: Chunk>(&self, i: usize) -> Result<Dest<Spill<C>, Spill<RejectChunk>>> {
        let Some((shared, _)) = self.split else {
            return Err(Error::Invariant(
                "a commune part of a file that is not shared".into(),
            ));
        };
        let commune = &shared.communes[i];
        let dir = self.dir.join(&commune.code);
        std::fs::create_dir_all(&dir)
            .map_err(|e| Error::io(crate::tr!("io-creating", path = dir.display()), e))?;
        let per_file = PerFile {
            commune: commune.name.clone(),
            ..self.per_file.clone()
        };
        Ok(Dest {
            rows: Spill::create(&dir.join(cache::ROWS), per_file.clone())?,
            rejects: Spill::create(&dir.join(cache::REJECTS), per_file)?,
        })
    }

    /// Closes every cache file of `routed`: the own counts, and each part's.
    fn close<C: Chunk>(
        &self,
        counts: reader::Counts,
        routed: Routed<Spill<C>, Spill<RejectChunk>>,
        kept_out: std::collections::BTreeMap<String, u64>,
        state: RowState,
    ) -> Result<Streamed> {
        let mut parts = Vec::new();
        for (i, part) in routed.parts.into_iter().enumerate() {
            if let (Some(dest), Some((shared, _))) = (part, self.split) {
                parts.push(cache::PartCounts {
                    code: shared.communes[i].code.clone(),
                    rows: dest.rows.close()?,
                    rejected: dest.rejects.close()?,
                });
            }
        }
        Ok(Streamed {
            counts,
            rows: routed.own.rows.close()?,
            rejected: routed.own.rejects.close()?,
            parts,
            kept_out,
            state,
        })
    }
}

/// What parsing one file gave.
struct Streamed {
    counts: reader::Counts,
    /// Rows and rejects of the file's own cache files.
    rows: u64,
    rejected: u64,
    /// A shared export's rows per configured commune.
    parts: Vec<cache::PartCounts>,
    kept_out: std::collections::BTreeMap<String, u64>,
    /// Labels seen that no table knows, for the warnings.
    state: RowState,
}

/// Parses one file into its row and reject files of the cache: in pieces on every
/// core when it is large UTF-8 text, else (or when a piece cannot be trusted, see
/// [`pieces`]) in one pass.
fn stream<C: Chunk>(
    source: &SourceFile,
    input: &Source,
    how: &How,
    parse: impl for<'r> Fn(&Record<'r>, &mut RowState) -> std::result::Result<C::Row<'r>, rows::Reject>
    + Sync,
) -> Result<Streamed> {
    let large = how.detected.sniffed.bytes >= 2 * how.piece_bytes;
    if large && how.threads > 1 {
        match in_pieces::<C>(input, how, &parse)? {
            Ok((streamed, pieces)) => {
                debug!(file = %source.rel, pieces, "read in pieces in parallel");
                return Ok(streamed);
            }
            Err(why) => {
                info!(file = %source.rel, "{}", crate::tr!("info-one-piece", reason = why.describe()));
                // Parts the pieces began are written again, whole, or not at all.
                if let Some((shared, _)) = how.split {
                    for c in shared.communes {
                        let _ = std::fs::remove_dir_all(how.dir.join(&c.code));
                    }
                }
            }
        }
    }
    whole::<C>(input, how, &parse).map_err(|e| match e {
        Parse::File(e) => file_error(source)(e),
        Parse::Other(e) => e,
    })
}

/// A parse failure: the file's (which the caller names) or storage's.
enum Parse {
    File(FileError),
    Other(Error),
}

/// One pass over the whole file, straight into the cache files.
fn whole<C: Chunk>(
    input: &Source,
    how: &How,
    parse: &(
         impl for<'r> Fn(&Record<'r>, &mut RowState) -> std::result::Result<C::Row<'r>, rows::Reject>
         + Sync
     ),
) -> std::result::Result<Streamed, Parse> {
    let mut routed = Routed::new(how.own::<C>().map_err(Parse::Other)?, how.communes());
    let mut splitter = how.splitter();
    let mut open = |i| how.part::<C>(i);
    let mut state = RowState::new(how.labels);
    let mut failure: Option<Error> = None;
    let counts = reader::read_records(input, how.detected, |item, line| {
        if failure.is_some() {
            return;
        }
        let to = splitter.as_mut().and_then(|s| s.route(&item));
        if let Err(e) = deliver(
            &mut routed,
            to,
            item,
            line,
            how.detected,
            &mut state,
            parse,
            &mut open,
        ) {
            failure = Some(e);
        }
    })
    .map_err(Parse::File)?;
    if let Some(e) = failure {
        return Err(Parse::Other(e));
    }
    let kept_out = splitter.map(|s| s.split.kept_out()).unwrap_or_default();
    how.close(counts, routed, kept_out, state)
        .map_err(Parse::Other)
}

/// One piece's rows and rejects, built in memory: its own and each commune's.
struct PieceBatches {
    own: (RecordBatch, RecordBatch),
    parts: Vec<Option<(RecordBatch, RecordBatch)>>,
    kept_out: std::collections::BTreeMap<String, u64>,
    state: RowState,
}

impl PieceBatches {
    fn of<C: Chunk>(
        routed: Routed<Built<C>, Built<RejectChunk>>,
        kept_out: std::collections::BTreeMap<String, u64>,
        state: RowState,
    ) -> Result<PieceBatches> {
        let parts = routed
            .parts
            .into_iter()
            .map(|part| {
                part.map(|d| Ok((d.rows.finish()?, d.rejects.finish()?)))
                    .transpose()
            })
            .collect::<Result<_>>()?;
        Ok(PieceBatches {
            own: (routed.own.rows.finish()?, routed.own.rejects.finish()?),
            parts,
            kept_out,
            state,
        })
    }
}

/// The file in pieces on `how.threads` threads ([`pieces`]); `Ok(Err(why))` when it
/// must be read in one pass after all.
fn in_pieces<C: Chunk>(
    input: &Source,
    how: &How,
    parse: &(
         impl for<'r> Fn(&Record<'r>, &mut RowState) -> std::result::Result<C::Row<'r>, rows::Reject>
         + Sync
     ),
) -> Result<std::result::Result<(Streamed, usize), pieces::Fallback>> {
    // A file in another encoding is decoded once into a UTF-8 copy (the text the
    // one-pass read parses), which is cut and read in pieces, then removed.
    let copy = Removed(how.dir.join(".decoded.csv"));
    let decoded;
    let (input, detected) = if how.detected.sniffed.encoding == encoding_rs::UTF_8 {
        (*input, std::borrow::Cow::Borrowed(how.detected))
    } else {
        let written = decode::open_text(input, &how.detected.sniffed).and_then(|mut text| {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&copy.0)?);
            std::io::copy(&mut text, &mut out)?;
            std::io::Write::flush(&mut out)
        });
        if written.is_err() {
            return Ok(Err(pieces::Fallback::Failed));
        }
        let mut utf8 = how.detected.clone();
        utf8.sniffed.encoding = encoding_rs::UTF_8;
        utf8.sniffed.bom = false;
        // Cells are still searched for what the decoder could not decode.
        utf8.sniffed.damaged = utf8.sniffed.damaged.max(1);
        decoded = copy.0.clone();
        (Source::Path(&decoded), std::borrow::Cow::Owned(utf8))
    };
    let input = &input;
    let detected: &reader::Detected = &detected;
    // A file that cannot be scanned is read in one pass, which names the error.
    let Ok(cuts) = pieces::cut(input, detected.header_line, how.piece_bytes) else {
        return Ok(Err(pieces::Fallback::Failed));
    };
    if cuts.len() < 2 {
        return Ok(Err(pieces::Fallback::Small));
    }
    let mut routed = Routed::new(how.own::<C>()?, how.communes());
    let mut kept_out = std::collections::BTreeMap::new();
    let mut state = RowState::new(how.labels);
    let counts = pieces::parse(
        input,
        detected,
        &cuts,
        how.threads,
        |text, start| {
            let own = Dest {
                rows: Built::<C>::default(),
                rejects: Built::<RejectChunk>::default(),
            };
            let mut built = Routed::new(own, how.communes());
            let mut splitter = how.splitter();
            let mut open = |_| {
                Ok(Dest {
                    rows: Built::<C>::default(),
                    rejects: Built::<RejectChunk>::default(),
                })
            };
            let mut state = RowState::new(how.labels);
            let end = reader::read_stream(text, detected, start, |item, line| {
                let to = splitter.as_mut().and_then(|s| s.route(&item));
                // Building in memory cannot fail.
                let _ = deliver(
                    &mut built, to, item, line, detected, &mut state, parse, &mut open,
                );
            })?;
            let kept_out = splitter.map(|s| s.split.kept_out()).unwrap_or_default();
            Ok(pieces::Output {
                built: PieceBatches::of(built, kept_out, state),
                end,
            })
        },
        |piece: Result<PieceBatches>| {
            let piece = piece?;
            routed.own.rows.push_batch(piece.own.0)?;
            routed.own.rejects.push_batch(piece.own.1)?;
            for (i, part) in piece.parts.into_iter().enumerate() {
                let Some((rows, rejects)) = part else {
                    continue;
                };
                let dest = routed.part(i, |i| how.part::<C>(i))?;
                dest.rows.push_batch(rows)?;
                dest.rejects.push_batch(rejects)?;
            }
            for (value, n) in piece.kept_out {
                *kept_out.entry(value).or_default() += n;
            }
            state.absorb(piece.state);
            Ok(())
        },
    )?;
    let counts = match counts {
        Ok(c) => c,
        Err(why) => return Ok(Err(why)),
    };
    Ok(Ok((
        how.close(counts, routed, kept_out, state)?,
        cuts.len(),
    )))
}

/// A file removed when dropped.
struct Removed(PathBuf);

impl Drop for Removed {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Keeps the newest row per key within each commune and kind, and counts every row,
/// loaded or superseded, against the file it came from. Only the key column is read,
/// groups (a commune's files of one kind) are merged in parallel, and a group larger
/// than [`snapshot::KEYS_PER_PASS`] keys is merged in several passes, so memory does
/// not grow with a commune's size.
fn apply_snapshots(files: &mut [StagedFile], threads: usize) -> Result<()> {
    let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
    let mut start = 0;
    while start < files.len() {
        let (code, kind) = (&files[start].record.commune_code, files[start].record.kind);
        let end = (start..files.len())
            .find(|&i| &files[i].record.commune_code != code || files[i].record.kind != kind)
            .unwrap_or(files.len());
        groups.push(start..end);
        start = end;
    }
    let staged: &[StagedFile] = files;
    let masks = crate::parallel::map(threads, &groups, |range| {
        let group = &staged[range.clone()];
        let kind = group[0].record.kind;
        let lens: Vec<usize> = group
            .iter()
            // A cache record that does not add up is caught by the merge's row check.
            .map(|f| {
                f.record
                    .data_rows
                    .saturating_sub(f.record.rejected + f.record.kept_out) as usize
            })
            .collect();
        // The cores the groups leave idle merge a large group's passes in parallel.
        let inner = (threads / groups.len()).max(1);
        snapshot::newest_wins_in_passes(&lens, snapshot::KEYS_PER_PASS, inner, |file, f| {
            match &group[file].entry {
                Some(dir) => read_keys(&dir.join(cache::ROWS), kind, f),
                None => Ok(()),
            }
        })
    })?;
    for (range, masks) in groups.into_iter().zip(masks) {
        for (i, keep) in range.zip(masks) {
            let loaded = keep.count_set_bits() as u64;
            files[i].record.loaded = loaded;
            files[i].record.superseded = keep.len() as u64 - loaded;
            files[i].keep = keep;
        }
    }
    Ok(())
}

/// Streams the key column (dossier id, procedure code or indicator) of a cached file
/// to `f`, batch by batch.
fn read_keys(
    path: &Path,
    kind: FileKind,
    f: &mut dyn FnMut(&arrow::array::StringArray),
) -> Result<()> {
    use arrow::array::AsArray;
    use parquet::arrow::ProjectionMask;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let name = match kind {
        FileKind::Dossiers => "dossier_id",
        FileKind::Procedures => "procedure_code",
        FileKind::Indicators => "indicator",
    };
    let file = std::fs::File::open(path)
        .map_err(|e| Error::io(crate::tr!("io-opening", path = path.display()), e))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(file)?;
    let index = builder
        .schema()
        .index_of(name)
        .map_err(|e| Error::Invariant(format!("{}: {e}", path.display())))?;
    let mask = ProjectionMask::roots(builder.parquet_schema(), [index]);
    for batch in builder.with_projection(mask).build()? {
        f(batch?.column(0).as_string::<i32>());
    }
    Ok(())
}
