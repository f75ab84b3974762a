//! Configuration: `file` is the TOML as written; this module resolves it into what
//! the stages use (absolute paths, parsed dates, validated codes and overrides).
//! Every problem is a `Error::Config` naming the file and the key (exit 2).

mod file;
pub mod labels;
pub mod limits;
pub mod notify;
pub mod units;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use encoding_rs::Encoding;

use crate::error::{Error, Result};
use crate::text::fold;
use crate::warehouse::columns::Column;

#[derive(Debug, Clone)]
pub struct Config {
    /// The config file itself.
    pub path: PathBuf,
    /// Its folder: relative paths (config and `source_file`) are relative to it.
    pub base_dir: PathBuf,
    pub title: String,
    pub area: String,
    pub period_start: NaiveDate,
    pub as_of: Option<NaiveDate>,
    pub warehouse: PathBuf,
    pub reports: PathBuf,
    /// The folder of the analyst's own queries and templates; `queries_named` when
    /// the config names it (then it must exist), else the default `queries` beside the
    /// config, used only when present.
    pub queries: PathBuf,
    pub queries_named: bool,
    pub max_reject_ratio: f64,
    /// `quality.max_data_age_days`: a commune whose figures stop more days than this
    /// before as_of makes the run exit 3.
    pub max_data_age_days: Option<u32>,
    /// `quality.on_file_error`: a file that cannot be read is quarantined (the
    /// others load, exit 3), or fails the run.
    pub on_file_error: OnFileError,
    /// Worker threads for reading files and for the query engine (`engine.threads`,
    /// `--threads`, else every core).
    pub threads: usize,
    /// `[document]`: the header block and signature of `report.docx`.
    pub document: Document,
    /// `engine.memory_limit` and `engine.time_limit`: what an ad hoc query may use.
    pub limits: limits::QueryLimits,
    /// `[serve]`: the read-only PostgreSQL server.
    pub serve: Serve,
    /// `[remote]`: how remote sources are reached.
    pub remote: Remote,
    /// `[notify]`: the run summary by e-mail, when configured.
    pub notify: Option<notify::Notify>,
    /// `quality.require_all_communes`: a commune that delivered nothing makes the run
    /// exit 3.
    pub require_all_communes: bool,
    /// Local files that stand for remote ones (the inbox copies) and the URL shown
    /// for them in `source_file`; filled by [`crate::fetch`].
    pub remote_names: std::collections::HashMap<PathBuf, String>,
    pub communes: Vec<Commune>,
    /// `[[sources]]`: exports of many communes at once. Each is read like a
    /// commune's files (its `code` is the source's `id`), and its rows go to the
    /// commune their `commune_column` names.
    pub sources: Vec<Commune>,
}

/// `[document]`, checked: what `report.docx` prints in its header block and
/// signature.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Document {
    pub parent_body: Option<String>,
    pub issuing_body: Option<String>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub place: Option<String>,
    pub date: Option<NaiveDate>,
    pub recipients: Vec<String>,
    pub signer_authority: Option<String>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
}

/// `[serve]`, resolved.
#[derive(Debug, Clone)]
pub struct Serve {
    pub listen: String,
    pub user: String,
    pub password_file: Option<PathBuf>,
    /// Certificate chain and key (PEM): TLS when set.
    pub tls: Option<(PathBuf, PathBuf)>,
    pub max_connections: usize,
}

#[derive(Debug, Clone)]
pub struct Commune {
    pub code: String,
    pub name: String,
    pub dossiers: Vec<String>,
    pub procedures: Vec<String>,
    pub indicators: Vec<String>,
    pub csv: CsvOverrides,
    /// Folded source header -> canonical column; wins over the aliases.
    pub columns: Vec<(String, Column)>,
    /// Source labels taught in `[labels]` and the commune's own `labels`.
    pub labels: labels::Labels,
    /// `optional = true`: a remote source that cannot be reached warns (the commune
    /// keeps what it delivered before) instead of failing the run.
    pub optional: bool,
    /// For a `[[sources]]` entry: the header of the column naming each row's commune.
    pub commune_column: Option<String>,
    /// The group (a province, a cluster) the report gives a subtotal of, if grouped.
    pub group: Option<String>,
    /// For a `[[sources]]` entry: its province, as the national list spells it.
    pub province: Option<String>,
}

/// `[remote]`, resolved.
#[derive(Debug, Clone)]
pub struct Remote {
    pub s3_endpoint: Option<String>,
    pub s3_region: Option<String>,
    pub timeout: std::time::Duration,
    pub retries: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnFileError {
    Quarantine,
    Fail,
}

/// Per-commune overrides of auto-detection.
#[derive(Debug, Clone, Default)]
pub struct CsvOverrides {
    pub encoding: Option<&'static Encoding>,
    pub delimiter: Option<u8>,
    pub header_line: Option<u64>,
    /// A longer record is a `record_too_long` reject (default: a few MB).
    pub max_record_bytes: Option<u64>,
}

impl Config {
    pub fn load(path: &Path) -> Result<Config> {
        // A config is a few KB; a device or FIFO given by mistake must not hang.
        let text = crate::text::read_small(path, 1 << 20)
            .map_err(|e| Error::config(path, crate::tr!("config-unreadable", why = e)))?;
        Config::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        let raw: file::ConfigFile = toml::from_str(text).map_err(|e| {
            let detail = e.to_string();
            Error::config(
                path,
                crate::tr!("config-invalid", detail = detail.trim_end()),
            )
        })?;
        let base_dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let base_dir = std::path::absolute(&base_dir)
            .map_err(|e| Error::config(path, crate::tr!("config-folder", cause = e)))?;
        let err = |key: &str, msg: String| {
            Error::config(
                path,
                crate::tr!("error-config-key", key = key, message = msg),
            )
        };

        let period_start = toml_date(&raw.report.period_start).ok_or_else(|| {
            err(
                "report.period_start",
                crate::tr!("config-date", example = "2025-07-01"),
            )
        })?;
        let as_of = match &raw.report.as_of {
            Some(d) => Some(toml_date(d).ok_or_else(|| {
                err(
                    "report.as_of",
                    crate::tr!("config-date", example = "2025-12-15"),
                )
            })?),
            None => None,
        };
        if let Some(as_of) = as_of
            && as_of < period_start
        {
            return Err(err(
                "report.as_of",
                crate::tr!("config-as-of-before", as_of = as_of, start = period_start),
            ));
        }
        let ratio = raw.quality.max_reject_ratio;
        if !(0.0..=1.0).contains(&ratio) {
            return Err(err(
                "quality.max_reject_ratio",
                crate::tr!("config-ratio", value = ratio),
            ));
        }
        for (key, value) in [
            ("paths.warehouse", &raw.paths.warehouse),
            ("paths.reports", &raw.paths.reports),
            (
                "paths.queries",
                raw.paths.queries.as_ref().unwrap_or(&"queries".to_string()),
            ),
        ] {
            if value.trim().is_empty() {
                return Err(err(key, crate::tr!("config-empty")));
            }
        }
        let on_file_error = match raw.quality.on_file_error.as_deref() {
            None | Some("quarantine") => OnFileError::Quarantine,
            Some("fail") => OnFileError::Fail,
            Some(other) => {
                return Err(err(
                    "quality.on_file_error",
                    crate::tr!("config-on-file-error", value = other),
                ));
            }
        };
        let threads = match raw.engine.threads {
            Some(0) => return Err(err("engine.threads", crate::tr!("config-threads"))),
            Some(n) => n,
            None => crate::parallel::cores(),
        };
        let mut query_limits = limits::QueryLimits::default_for_machine();
        if let Some(m) = &raw.engine.memory_limit {
            query_limits.memory =
                limits::parse_size(m).map_err(|e| err("engine.memory_limit", e))?;
        }
        if let Some(t) = &raw.engine.time_limit {
            query_limits.time =
                limits::parse_duration(t).map_err(|e| err("engine.time_limit", e))?;
        }
        let serve = Serve {
            listen: raw
                .serve
                .listen
                .unwrap_or_else(|| "127.0.0.1:5432".to_string()),
            user: raw.serve.user.unwrap_or_else(|| "analyst".to_string()),
            password_file: raw.serve.password_file.map(|p| base_dir.join(p)),
            tls: match (raw.serve.tls_cert, raw.serve.tls_key) {
                (Some(c), Some(k)) => Some((base_dir.join(c), base_dir.join(k))),
                (None, None) => None,
                _ => return Err(err("serve.tls_cert", crate::tr!("config-tls-pair"))),
            },
            max_connections: match raw.serve.max_connections {
                Some(0) => {
                    return Err(err("serve.max_connections", crate::tr!("config-threads")));
                }
                Some(n) => n,
                None => 32,
            },
        };
        let remote = Remote {
            s3_endpoint: raw.remote.s3_endpoint,
            s3_region: raw.remote.s3_region,
            timeout: match &raw.remote.timeout {
                Some(t) => limits::parse_duration(t)
                    .map_err(|e| err("remote.timeout", e))?
                    .unwrap_or(std::time::Duration::from_secs(3600)),
                None => std::time::Duration::from_secs(60),
            },
            retries: raw.remote.retries.unwrap_or(3),
        };
        let notify = match raw.notify {
            Some(n) => Some(notify::resolve(n, &base_dir).map_err(|(key, m)| err(key, m))?),
            None => None,
        };
        if raw.communes.is_empty() {
            return Err(err("communes", crate::tr!("config-no-communes")));
        }

        let global_labels = labels::resolve(&raw.labels, path, "labels")?;
        let mut codes = HashSet::new();
        let mut communes = Vec::with_capacity(raw.communes.len());
        for (i, c) in raw.communes.into_iter().enumerate() {
            let key = |k: &str| format!("communes[{i}].{k}");
            if !is_code(&c.code) {
                return Err(err(&key("code"), crate::tr!("config-code", code = c.code)));
            }
            if units::official_name(&c.code).is_none() {
                tracing::warn!(
                    "{}",
                    crate::tr!(
                        "warn-code-not-official",
                        path = path.display(),
                        code = c.code,
                        name = c.name
                    )
                );
            }
            if !codes.insert(c.code.clone()) {
                return Err(err(
                    &key("code"),
                    crate::tr!("config-duplicate-code", code = c.code),
                ));
            }
            if c.name.trim().is_empty() {
                return Err(err(&key("name"), crate::tr!("config-empty")));
            }
            communes.push(resolve_owner(
                Owner {
                    code: c.code,
                    name: c.name,
                    dossiers: c.dossiers,
                    procedures: c.procedures,
                    indicators: c.indicators,
                    csv: c.csv,
                    columns: c.columns,
                    labels: c.labels,
                    optional: c.optional,
                    commune_column: None,
                    group: c.group.filter(|g| !g.trim().is_empty()),
                },
                path,
                &format!("communes[{i}]"),
                &global_labels,
            )?);
        }
        let by_province = match raw.report.group_by.as_deref() {
            None => false,
            Some("province") => true,
            Some(other) => {
                return Err(err(
                    "report.group_by",
                    crate::tr!("config-group-by", value = other),
                ));
            }
        };
        if by_province || communes.iter().any(|c| c.group.is_some()) {
            for c in &mut communes {
                if c.group.is_none() {
                    c.group = Some(match units::unit(&c.code) {
                        Some(u) if by_province => u.province.to_string(),
                        // Report text: Vietnamese in every interface language.
                        _ => "Các xã khác".to_string(),
                    });
                }
            }
        }
        let mut sources = Vec::with_capacity(raw.sources.len());
        for (i, s) in raw.sources.into_iter().enumerate() {
            let key = |k: &str| format!("sources[{i}].{k}");
            if !is_code(&s.id) {
                return Err(err(&key("id"), crate::tr!("config-code", code = s.id)));
            }
            if !codes.insert(s.id.clone()) {
                return Err(err(
                    &key("id"),
                    crate::tr!("config-duplicate-code", code = s.id),
                ));
            }
            if s.dossiers.is_empty() {
                return Err(err(&key("dossiers"), crate::tr!("config-no-glob")));
            }
            if s.commune_column.trim().is_empty() {
                return Err(err(&key("commune_column"), crate::tr!("config-empty")));
            }
            if crate::privacy::is_personal_header(&s.commune_column) {
                return Err(err(
                    &key("commune_column"),
                    crate::tr!(
                        "config-personal",
                        header = s.commune_column,
                        target = "commune"
                    ),
                ));
            }
            let province = match &s.province {
                None => None,
                Some(p) => Some({
                    let wanted = fold(p);
                    units::all()
                        .map(|u| u.province)
                        .find(|known| fold(known) == wanted)
                        .ok_or_else(|| {
                            err(&key("province"), crate::tr!("config-province", value = p))
                        })?
                        .to_string()
                }),
            };
            let mut source = resolve_owner(
                Owner {
                    name: s.name.unwrap_or_else(|| s.id.clone()),
                    code: s.id,
                    dossiers: s.dossiers,
                    procedures: s.procedures,
                    indicators: s.indicators,
                    csv: s.csv,
                    columns: s.columns,
                    labels: s.labels,
                    optional: s.optional,
                    commune_column: Some(s.commune_column),
                    group: None,
                },
                path,
                &format!("sources[{i}]"),
                &global_labels,
            )?;
            source.province = province;
            sources.push(source);
        }
        if sources.is_empty()
            && let Some(i) = communes.iter().position(|c| c.dossiers.is_empty())
        {
            return Err(err(
                &format!("communes[{i}].dossiers"),
                crate::tr!("config-no-glob"),
            ));
        }

        Ok(Config {
            path: path.to_path_buf(),
            warehouse: base_dir.join(&raw.paths.warehouse),
            reports: base_dir.join(&raw.paths.reports),
            queries: base_dir.join(raw.paths.queries.as_deref().unwrap_or("queries")),
            queries_named: raw.paths.queries.is_some(),
            base_dir,
            title: raw.report.title,
            area: raw.report.area,
            period_start,
            as_of,
            max_reject_ratio: ratio,
            max_data_age_days: raw.quality.max_data_age_days,
            on_file_error,
            threads,
            limits: query_limits,
            serve,
            remote,
            notify,
            require_all_communes: raw.quality.require_all_communes,
            remote_names: Default::default(),
            document: Document {
                date: match &raw.document.date {
                    Some(d) => Some(toml_date(d).ok_or_else(|| {
                        err(
                            "document.date",
                            crate::tr!("config-date", example = "2025-12-16"),
                        )
                    })?),
                    None => None,
                },
                parent_body: raw.document.parent_body,
                issuing_body: raw.document.issuing_body,
                number: raw.document.number,
                symbol: raw.document.symbol,
                place: raw.document.place,
                recipients: raw.document.recipients,
                signer_authority: raw.document.signer_authority,
                signer_title: raw.document.signer_title,
                signer_name: raw.document.signer_name,
            },
            communes,
            sources,
        })
    }

    /// The communes, then the sources: whatever owns export files.
    pub fn owners(&self) -> impl Iterator<Item = &Commune> {
        self.communes.iter().chain(&self.sources)
    }

    /// Owner `i` of [`Config::owners`].
    pub fn owner(&self, i: usize) -> &Commune {
        match i.checked_sub(self.communes.len()) {
            Some(s) => &self.sources[s],
            None => &self.communes[i],
        }
    }

    /// The folder whose queries and templates add to the built-in report, if any.
    pub fn queries_folder(&self) -> Result<Option<&Path>> {
        if self.queries.is_dir() {
            return Ok(Some(&self.queries));
        }
        if self.queries_named {
            return Err(Error::config(
                &self.path,
                crate::tr!("config-queries-folder", folder = self.queries.display()),
            ));
        }
        Ok(None)
    }

    /// `path` relative to the config's folder when it lies under it (for `source_file`).
    pub fn relative(&self, path: &Path) -> String {
        if let Some(url) = self.remote_names.get(path) {
            return url.clone();
        }
        path.strip_prefix(&self.base_dir)
            .unwrap_or(path)
            .to_string_lossy()
            .replace('\\', "/")
    }
}

/// A commune code or source id: it names a warehouse partition folder, so
/// `[0-9A-Za-z_-]+` only.
fn is_code(code: &str) -> bool {
    !code.is_empty()
        && code
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// A commune or source as written, before its overrides are checked.
struct Owner {
    code: String,
    name: String,
    dossiers: Vec<String>,
    procedures: Vec<String>,
    indicators: Vec<String>,
    csv: Option<file::CsvSection>,
    columns: std::collections::BTreeMap<String, String>,
    labels: Option<labels::LabelsSection>,
    optional: bool,
    commune_column: Option<String>,
    group: Option<String>,
}

/// Checks an owner's CSV overrides, column mapping and labels; `prefix` is its key
/// (`communes[2]`).
fn resolve_owner(
    o: Owner,
    path: &Path,
    prefix: &str,
    global_labels: &labels::Labels,
) -> Result<Commune> {
    let err = |key: &str, msg: String| {
        Error::config(
            path,
            crate::tr!("error-config-key", key = key, message = msg),
        )
    };
    let csv = resolve_csv(o.csv.unwrap_or_default(), path, &format!("{prefix}.csv"))?;
    let mut columns = Vec::new();
    for (header, target) in &o.columns {
        let column = Column::from_name(target)
            .filter(|c| *c != Column::Commune)
            .ok_or_else(|| {
                err(
                    &format!("{prefix}.columns.{header:?}"),
                    crate::tr!(
                        "config-unknown-column",
                        target = target,
                        columns = Column::ALL
                            .iter()
                            .filter(|c| **c != Column::Commune)
                            .map(|c| c.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })?;
        if column != Column::Personal && crate::privacy::is_personal_header(header) {
            return Err(err(
                &format!("{prefix}.columns.{header:?}"),
                crate::tr!("config-personal", header = header, target = target),
            ));
        }
        columns.push((fold(header), column));
    }
    if let Some(header) = &o.commune_column {
        columns.push((fold(header), Column::Commune));
    }
    let own = match &o.labels {
        Some(section) => labels::resolve(section, path, &format!("{prefix}.labels"))?,
        None => labels::Labels::default(),
    };
    Ok(Commune {
        labels: labels::Labels::merged(own, global_labels),
        code: o.code,
        name: o.name,
        dossiers: o.dossiers,
        procedures: o.procedures,
        indicators: o.indicators,
        csv,
        columns,
        optional: o.optional,
        commune_column: o.commune_column,
        group: o.group,
        province: None,
    })
}

/// `prefix` is the key of the `csv` table, e.g. `communes[2].csv`.
fn resolve_csv(raw: file::CsvSection, path: &Path, prefix: &str) -> Result<CsvOverrides> {
    let with_msg = |k: &str, msg: String| {
        let key = format!("{prefix}.{k}");
        Error::config(
            path,
            crate::tr!("error-config-key", key = key, message = msg),
        )
    };
    let encoding =
        match raw.encoding {
            Some(label) => Some(Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                with_msg("encoding", crate::tr!("config-encoding", label = label))
            })?),
            None => None,
        };
    let delimiter = match raw.delimiter.as_deref() {
        None => None,
        Some(",") => Some(b','),
        Some(";") => Some(b';'),
        Some("\t") | Some("tab") => Some(b'\t'),
        Some("|") => Some(b'|'),
        Some(other) => {
            return Err(with_msg(
                "delimiter",
                crate::tr!("config-delimiter", value = other),
            ));
        }
    };
    if raw.header_line == Some(0) {
        return Err(with_msg("header_line", crate::tr!("config-header-line")));
    }
    if let Some(order) = raw.date_order
        && order != "dmy"
    {
        return Err(with_msg(
            "date_order",
            crate::tr!("config-date-order", value = order),
        ));
    }
    if raw.max_record_bytes.is_some_and(|n| n < 1024) {
        return Err(with_msg(
            "max_record_bytes",
            crate::tr!("config-max-record"),
        ));
    }
    Ok(CsvOverrides {
        encoding,
        delimiter,
        header_line: raw.header_line,
        max_record_bytes: raw.max_record_bytes,
    })
}

fn toml_date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    if d.time.is_some() || d.offset.is_some() {
        return None;
    }
    let date = d.date?;
    NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
[report]
title = "T"
area = "A"
period_start = 2025-07-01

[[communes]]
code = "28321"
name = "Tân Phước 1"
dossiers = ["exports/tp1/*.csv"]
"#;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(Path::new("/tmp/x/commune-report.toml"), text)
    }

    fn message(text: &str) -> String {
        match parse(text) {
            Err(e @ Error::Config { .. }) => e.to_string(),
            other => panic!("expected a config error, got {other:?}"),
        }
    }

    #[test]
    fn minimal_config_gets_defaults_relative_to_its_folder() {
        let c = parse(MINIMAL).expect("valid");
        assert_eq!(c.warehouse, Path::new("/tmp/x/warehouse"));
        assert_eq!(c.queries, Path::new("/tmp/x/queries"));
        assert_eq!(c.max_reject_ratio, 0.05);
        assert_eq!(c.period_start, NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
    }

    #[test]
    fn unknown_key_is_named() {
        let m = message(&MINIMAL.replace("area = \"A\"", "area = \"A\"\ncolour = 1"));
        assert!(m.contains("colour"), "{m}");
    }

    #[test]
    fn duplicate_codes_are_rejected() {
        let twice = format!(
            "{MINIMAL}\n[[communes]]\ncode = \"28321\"\nname = \"B\"\ndossiers = [\"b\"]\n"
        );
        let m = message(&twice);
        assert!(
            m.contains("communes[1].code") && m.contains("duplicate"),
            "{m}"
        );
    }

    #[test]
    fn bad_values_name_their_key() {
        for (from, to, key) in [
            ("code = \"28321\"", "code = \"../etc\"", "communes[0].code"),
            (
                "period_start = 2025-07-01",
                "period_start = \"soon\"",
                "period_start",
            ),
            (
                "dossiers = [\"exports/tp1/*.csv\"]",
                "dossiers = [\"a\"]\ncsv = { delimiter = \"x\" }",
                "communes[0].csv.delimiter",
            ),
            (
                "dossiers = [\"exports/tp1/*.csv\"]",
                "dossiers = [\"a\"]\ncolumns = { \"Số BN\" = \"nope\" }",
                "communes[0].columns",
            ),
        ] {
            let m = message(&MINIMAL.replace(from, to));
            assert!(m.contains(key), "{key}: {m}");
        }
        let m = message(&format!("{MINIMAL}\n[quality]\nmax_reject_ratio = 3\n"));
        assert!(m.contains("quality.max_reject_ratio"), "{m}");
    }

    #[test]
    fn personal_data_cannot_be_mapped_to_a_kept_column() {
        let m = message(&MINIMAL.replace(
            "dossiers = [\"exports/tp1/*.csv\"]",
            "dossiers = [\"a\"]\ncolumns = { \"Số CCCD/CMND\" = \"note\" }",
        ));
        assert!(m.contains("personal data") && m.contains("CCCD"), "{m}");
    }

    #[test]
    fn a_commune_without_globs_needs_a_shared_source() {
        let bare = MINIMAL.replace("dossiers = [\"exports/tp1/*.csv\"]", "");
        let m = message(&bare);
        assert!(m.contains("communes[0].dossiers"), "{m}");
        let source = "\n[[sources]]\nid = \"tinh\"\ncommune_column = \"Đơn vị\"\n\
                      dossiers = [\"tinh/*.csv\"]\n";
        let c = parse(&format!("{bare}{source}")).expect("valid");
        assert_eq!(c.sources[0].code, "tinh");
        assert_eq!(c.sources[0].name, "tinh");
        assert_eq!(c.owner(1).code, "tinh");
        let m = message(&format!(
            "{bare}{}",
            source.replace("\"tinh\"", "\"28321\"")
        ));
        assert!(
            m.contains("sources[0].id") && m.contains("duplicate"),
            "{m}"
        );
        let m = message(&format!(
            "{bare}{}",
            source.replace("\"Đơn vị\"", "\"Số CCCD\"")
        ));
        assert!(m.contains("sources[0].commune_column"), "{m}");
    }

    #[test]
    fn group_by_province_groups_by_the_national_list() {
        let c = parse(&MINIMAL.replace(
            "period_start = 2025-07-01",
            "period_start = 2025-07-01\ngroup_by = \"province\"",
        ))
        .expect("valid");
        assert_eq!(c.communes[0].group.as_deref(), Some("Tỉnh Đồng Tháp"));
        let m = message(&MINIMAL.replace(
            "period_start = 2025-07-01",
            "period_start = 2025-07-01\ngroup_by = \"district\"",
        ));
        assert!(m.contains("report.group_by"), "{m}");
    }

    #[test]
    fn column_overrides_are_folded() {
        let c = parse(&MINIMAL.replace(
            "dossiers = [\"exports/tp1/*.csv\"]",
            "dossiers = [\"a\"]\ncolumns = { \"Số BN\" = \"dossier_id\" }",
        ))
        .expect("valid");
        assert_eq!(
            c.communes[0].columns,
            vec![("sobn".to_string(), Column::DossierId)]
        );
    }
}
