//! The configuration exactly as written in TOML. Unknown keys are errors
//! (`deny_unknown_fields`), so a typo never silently falls back to a default.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub report: ReportSection,
    #[serde(default)]
    pub paths: PathsSection,
    #[serde(default)]
    pub quality: QualitySection,
    #[serde(default)]
    pub engine: EngineSection,
    #[serde(default)]
    pub serve: ServeSection,
    #[serde(default)]
    pub remote: RemoteSection,
    pub notify: Option<super::notify::NotifySection>,
    #[serde(default)]
    pub document: DocumentSection,
    /// Source labels taught for every commune.
    #[serde(default)]
    pub labels: super::labels::LabelsSection,
    #[serde(default)]
    pub communes: Vec<CommuneSection>,
    /// Exports that hold many communes' rows (a province's one-stop system).
    #[serde(default)]
    pub sources: Vec<SourceSection>,
}

/// The state-format document's header block and signature (Nghị định 30/2020).
/// Anything left out is printed as dots for the clerk to fill in.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSection {
    /// «UBND TỈNH ĐỒNG THÁP».
    pub parent_body: Option<String>,
    /// The issuing body, printed bold under the parent body.
    pub issuing_body: Option<String>,
    /// The number in «Số: 125/BC-SNV»; dots when absent.
    pub number: Option<String>,
    /// The symbol in «Số: …/BC-SNV».
    pub symbol: Option<String>,
    /// «Đồng Tháp» in «Đồng Tháp, ngày … tháng … năm …».
    pub place: Option<String>,
    /// The signing date; dots for day and month when absent.
    pub date: Option<Datetime>,
    /// «Nơi nhận:» items; «Lưu: VT» is added when missing.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// «KT. GIÁM ĐỐC», «TM. ỦY BAN NHÂN DÂN».
    pub signer_authority: Option<String>,
    pub signer_title: Option<String>,
    pub signer_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSection {
    pub title: String,
    pub area: String,
    pub period_start: Datetime,
    pub as_of: Option<Datetime>,
    /// `"province"`: communes grouped by their province in the national list.
    pub group_by: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PathsSection {
    pub warehouse: String,
    pub reports: String,
    /// Default: `queries` beside the config, used when it exists.
    pub queries: Option<String>,
}

impl Default for PathsSection {
    fn default() -> Self {
        PathsSection {
            warehouse: "warehouse".into(),
            reports: "reports".into(),
            queries: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QualitySection {
    pub max_reject_ratio: f64,
    /// Days a commune's data date may lag behind as_of before the run exits 3.
    pub max_data_age_days: Option<u32>,
    /// `quarantine` (default) or `fail`: what a file that cannot be read does.
    pub on_file_error: Option<String>,
    /// A run in which a commune delivered nothing exits 3.
    pub require_all_communes: bool,
}

impl Default for QualitySection {
    fn default() -> Self {
        QualitySection {
            max_reject_ratio: 0.05,
            max_data_age_days: None,
            on_file_error: None,
            require_all_communes: false,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EngineSection {
    /// Worker threads for reading files and running queries; default: every core.
    pub threads: Option<usize>,
    /// Memory of ad hoc queries (`sql`, `serve`), such as "2GB"; default: half the
    /// machine's.
    pub memory_limit: Option<String>,
    /// Longest an ad hoc query may run, such as "10m"; default 15 minutes.
    pub time_limit: Option<String>,
}

/// Remote sources: S3-compatible object storage and HTTP/WebDAV servers. Credentials
/// come from the environment only (the AWS variables), never from this file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteSection {
    /// An S3-compatible endpoint (MinIO, the province's storage); default AWS.
    pub s3_endpoint: Option<String>,
    pub s3_region: Option<String>,
    /// Longest one request may take, such as "60s".
    pub timeout: Option<String>,
    /// Retries of a transient error (with backoff); default 3.
    pub retries: Option<usize>,
}

/// `serve`: the read-only PostgreSQL server.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServeSection {
    /// Address to listen on; default 127.0.0.1:5432.
    pub listen: Option<String>,
    /// The one user name clients log in with; default "analyst".
    pub user: Option<String>,
    /// A file holding the password (else COMMUNE_REPORT_PASSWORD).
    pub password_file: Option<String>,
    /// PEM certificate chain and PKCS#8 key: TLS when both are given.
    pub tls_cert: Option<String>,
    pub tls_key: Option<String>,
    /// Most clients connected at once; default 32.
    pub max_connections: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommuneSection {
    pub code: String,
    pub name: String,
    /// May be empty when a `[[sources]]` entry delivers the commune's rows.
    #[serde(default)]
    pub dossiers: Vec<String>,
    /// The group the report counts the commune in (wins over `report.group_by`).
    pub group: Option<String>,
    #[serde(default)]
    pub procedures: Vec<String>,
    #[serde(default)]
    pub indicators: Vec<String>,
    pub csv: Option<CsvSection>,
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Source labels taught for this commune (wins over `[labels]`).
    pub labels: Option<super::labels::LabelsSection>,
    /// A remote source that cannot be reached warns instead of failing the run.
    #[serde(default)]
    pub optional: bool,
}

/// `[[sources]]`: exports of many communes, each row naming its commune in
/// `commune_column`. Its export keys repeat `CommuneSection`'s: serde cannot flatten a
/// shared part into a struct that denies unknown keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceSection {
    /// Names the source in `files.commune_code` and the warehouse's partitions.
    pub id: String,
    pub name: Option<String>,
    pub commune_column: String,
    /// The province the export is of: its communes' names are looked up there.
    pub province: Option<String>,
    pub dossiers: Vec<String>,
    #[serde(default)]
    pub procedures: Vec<String>,
    #[serde(default)]
    pub indicators: Vec<String>,
    pub csv: Option<CsvSection>,
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    pub labels: Option<super::labels::LabelsSection>,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvSection {
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub header_line: Option<u64>,
    pub max_record_bytes: Option<u64>,
    pub date_order: Option<String>,
}
